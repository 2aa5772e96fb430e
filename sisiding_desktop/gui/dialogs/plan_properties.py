"""计划属性: title, region, issuing body, document number, plan years, attachment label, and how the table is
numbered (the source's own labels, or numbers by position in a style chosen per level)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.domain.model import Plan
from sisiding_desktop.domain.numbering import parse_styles, styles_text
from sisiding_desktop.gui.dialogs.buttons import ok_cancel

NO_YEAR = 1999  # the spin box's "not set" value, shown as its special text
AS_SOURCE = "沿用原表样式"
# (level key, label, the styles offered) for the numbering box
LEVEL_STYLES = (
    ("group1", "第一级分组(&1)：", ("一、", "（一）", "第一部分", "1.", "1、")),
    ("group2", "第二级分组(&2)：", ("（一）", "一、", "1.", "1、", "（1）")),
    ("task", "重点任务(&3)：", ("1", "1.", "1、", "（1）")),
    ("measure", "具体措施(&4)：", ("1.", "1、", "（1）", "①")),
)
TASK_NUMBERING = (("plan", "全表连续编号"), ("parent", "每个分组重新编号"))


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
        layout.addWidget(self._numbering_box())
        layout.addWidget(buttons)
        self.resize(520, 480)

    def _numbering_box(self) -> QGroupBox:
        box = QGroupBox("编号")
        form = QFormLayout(box)
        self.keep_source = QCheckBox("按原表的序号显示和导出（调整结构后改为按位置编号）")
        self.keep_source.setChecked(self.plan.keep_source_numbers)
        form.addRow(self.keep_source)
        chosen = parse_styles(self.plan.number_styles)
        self.styles: dict[str, QComboBox] = {}
        for key, label, offered in LEVEL_STYLES:
            combo = QComboBox()
            combo.addItem(AS_SOURCE, "")
            for style in offered:
                combo.addItem(style, style)
            combo.setCurrentIndex(max(combo.findData(chosen.get(key, "")), 0))
            self.styles[key] = combo
            form.addRow(label, combo)
        self.task_numbering = QComboBox()
        for value, label in TASK_NUMBERING:
            self.task_numbering.addItem(label, value)
        self.task_numbering.setCurrentIndex(max(self.task_numbering.findData(self.plan.task_numbering), 0))
        form.addRow("重点任务编号方式(&M)：", self.task_numbering)
        return box

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
            "keep_source_numbers": self.keep_source.isChecked(),
            "number_styles": styles_text({key: combo.currentData() for key, combo in self.styles.items()}),
            "task_numbering": self.task_numbering.currentData(),
        }
        return {k: v for k, v in values.items() if getattr(self.plan, k) != v}
