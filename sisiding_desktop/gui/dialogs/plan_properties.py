"""计划属性: title, region, issuing body, document number, plan years, attachment label."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from sisiding_desktop.domain.model import Plan
from sisiding_desktop.gui.dialogs.buttons import ok_cancel

NO_YEAR = 1999  # the spin box's "not set" value, shown as its special text


def _year_box(value: int | None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_YEAR, 2100)
    box.setSpecialValueText("未设置")
    box.setValue(value or NO_YEAR)
    return box


class PlanPropertiesDialog(QDialog):
    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("计划属性")
        self.plan = plan
        self.title = QLineEdit(plan.title)
        self.region = QLineEdit(plan.region)
        self.issuer = QLineEdit(plan.issuer)
        self.doc_number = QLineEdit(plan.doc_number)
        self.year_from = _year_box(plan.year_from)
        self.year_to = _year_box(plan.year_to)
        self.attachment = QLineEdit(plan.attachment_label)
        form = QFormLayout()
        form.addRow("计划名称(&T)：", self.title)
        form.addRow("地区(&R)：", self.region)
        form.addRow("印发单位(&I)：", self.issuer)
        form.addRow("文号(&N)：", self.doc_number)
        form.addRow("起始年份(&F)：", self.year_from)
        form.addRow("截止年份(&E)：", self.year_to)
        form.addRow("附件标注(&A)：", self.attachment)
        buttons = ok_cancel(self)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def changes(self) -> dict[str, object]:
        """Only the fields that differ from the plan."""
        values: dict[str, object] = {
            "title": self.title.text().strip(),
            "region": self.region.text().strip(),
            "issuer": self.issuer.text().strip(),
            "doc_number": self.doc_number.text().strip(),
            "year_from": None if self.year_from.value() == NO_YEAR else self.year_from.value(),
            "year_to": None if self.year_to.value() == NO_YEAR else self.year_to.value(),
            "attachment_label": self.attachment.text().strip(),
        }
        return {k: v for k, v in values.items() if getattr(self.plan, k) != v}
