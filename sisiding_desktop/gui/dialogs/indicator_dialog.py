"""新增指标: the fields of one line of the 主要指标表, and its targets for the plan's years."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.domain.model import IndicatorAttribute
from sisiding_desktop.gui.delegates.units import units_editor
from sisiding_desktop.gui.dialogs.buttons import OK, ok_cancel

MEASURE_UNITS = ("亿立方米", "万立方米", "立方米/万元", "立方米/亩", "%", "万亩", "个", "处", "座", "公里")
MAX_YEARS = 12  # a target box per plan year up to this many; beyond, one year at a time


class NewIndicatorDialog(QDialog):
    def __init__(
        self,
        categories: list[str],
        measure_units: list[str],
        unit_names: list[str],
        years: list[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增指标")
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(["", *dict.fromkeys(c for c in categories if c)])
        self.category.lineEdit().setMaxLength(200)
        self.category.lineEdit().setPlaceholderText("如：总体目标、以水定城")
        self.name = QLineEdit()
        self.name.setMaxLength(500)
        self.name.setPlaceholderText("如：用水总量")
        self.measure_unit = QComboBox()
        self.measure_unit.setEditable(True)
        self.measure_unit.addItems(["", *dict.fromkeys([*(u for u in measure_units if u), *MEASURE_UNITS])])
        self.measure_unit.lineEdit().setMaxLength(50)
        self.attribute = QComboBox()
        self.attribute.addItem("（未设置）", "")
        for attribute in IndicatorAttribute:
            self.attribute.addItem(attribute.label, attribute.value)
        self.base_value = QLineEdit()
        self.base_value.setMaxLength(200)
        self.responsible = units_editor(self, unit_names)
        form = QFormLayout()
        form.addRow("指标类型(&C)：", self.category)
        form.addRow("指标名称(&N)：", self.name)
        form.addRow("单位(&U)：", self.measure_unit)
        form.addRow("指标属性(&A)：", self.attribute)
        form.addRow("基期值(&B)：", self.base_value)
        form.addRow("责任单位(&R)：", self.responsible)
        self.target_boxes: dict[int, QLineEdit] = {}
        self.target_year: QSpinBox | None = None
        self.target_text = QLineEdit()
        targets = QGroupBox("目标值（可不填，以后在表中直接修改）")
        target_form = QFormLayout(targets)
        if years and len(years) <= MAX_YEARS:
            for year in years:
                box = QLineEdit()
                box.setMaxLength(200)
                self.target_boxes[year] = box
                target_form.addRow(f"{year}年：", box)
        else:
            self.target_year = QSpinBox()
            self.target_year.setRange(1900, 2999)
            self.target_year.setValue(years[-1] if years else 2025)
            self.target_year.setSuffix("年")
            self.target_text.setMaxLength(200)
            row = QHBoxLayout()
            row.addWidget(self.target_year)
            row.addWidget(self.target_text, 1)
            target_form.addRow("年份与目标：", row)
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(OK)
        self.name.textChanged.connect(self._name_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("新指标加在主要指标表的最后。"))
        layout.addLayout(form)
        layout.addWidget(targets)
        layout.addWidget(self.buttons)
        self._name_changed("")
        self.name.setFocus()
        self.resize(520, 360)

    def _name_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    def responsible_text(self) -> str:
        return self.responsible.text().strip()

    def fields(self) -> dict[str, object]:
        """What ``add_indicator`` takes, except the responsible units (the caller splits that text)."""
        attribute = self.attribute.currentData()
        if self.target_year is not None:
            targets = {self.target_year.value(): self.target_text.text().strip()}
        else:
            targets = {year: box.text().strip() for year, box in self.target_boxes.items()}
        return {
            "name": self.name.text().strip(),
            "category": self.category.currentText().strip(),
            "measure_unit": self.measure_unit.currentText().strip(),
            "attribute": IndicatorAttribute(attribute) if attribute else None,
            "base_value": self.base_value.text().strip(),
            "targets": {year: text for year, text in targets.items() if text},
        }
