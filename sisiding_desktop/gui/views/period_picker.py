"""Choose the period being reported: a year and a quarter (or the whole year)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from sisiding_desktop.domain.model import Period

QUARTERS = ("第1季度", "第2季度", "第3季度", "第4季度", "全年")


class PeriodPicker(QWidget):
    period_changed = Signal(object)  # Period

    def __init__(self, period: Period, parent: QWidget | None = None, label: str = "期间(&P)：") -> None:
        super().__init__(parent)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setSuffix(" 年")
        self.year.setAccessibleName("年份")
        self.quarter = QComboBox()
        self.quarter.addItems(QUARTERS)
        self.quarter.setAccessibleName("季度")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if label:
            buddy = QLabel(label)
            buddy.setBuddy(self.year)
            layout.addWidget(buddy)
        layout.addWidget(self.year)
        layout.addWidget(self.quarter)
        self.set_period(period)
        self.year.valueChanged.connect(self._changed)
        self.quarter.currentIndexChanged.connect(self._changed)

    def period(self) -> Period:
        index = self.quarter.currentIndex()
        return Period(self.year.value(), 0 if index == 4 else index + 1)

    def set_period(self, period: Period) -> None:
        self.year.blockSignals(True)
        self.quarter.blockSignals(True)
        self.year.setValue(period.year)
        self.quarter.setCurrentIndex(4 if period.quarter == 0 else period.quarter - 1)
        self.year.blockSignals(False)
        self.quarter.blockSignals(False)

    def _changed(self) -> None:
        self.period_changed.emit(self.period())
