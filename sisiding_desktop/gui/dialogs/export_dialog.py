"""Choose what to export: report, period, unit, columns, format, file, and whether to open it afterwards."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.domain.model import Period
from sisiding_desktop.gui.dialogs.buttons import ok_cancel
from sisiding_desktop.gui.views.period_picker import PeriodPicker
from sisiding_desktop.reports.division import DIVISION_COLUMNS, DIVISION_DEFAULT
from sisiding_desktop.reports.indicators import INDICATOR_COLUMNS, INDICATOR_DEFAULT
from sisiding_desktop.reports.layout import Column
from sisiding_desktop.reports.progress import PROGRESS_COLUMNS, PROGRESS_DEFAULT
from sisiding_desktop.reports.text import report_base_name
from sisiding_desktop.reports.unit_tasks import UNIT_COLUMNS, UNIT_DEFAULT, UNIT_PERIOD_DEFAULT
from sisiding_desktop.services.exporting import REPORTS

SETTINGS_GROUP = "export"
CATALOGUES: dict[str, tuple[dict[str, Column], tuple[str, ...]]] = {
    "division": (DIVISION_COLUMNS, DIVISION_DEFAULT),
    "progress": (PROGRESS_COLUMNS, PROGRESS_DEFAULT),
    "indicators": (INDICATOR_COLUMNS, INDICATOR_DEFAULT),
    "unit": (UNIT_COLUMNS, UNIT_PERIOD_DEFAULT),
}
NEEDS_PERIOD = {"progress"}
MAY_USE_PERIOD = {"indicators", "unit"}


def pdf_available() -> bool:
    return importlib.util.find_spec("sisiding_desktop.render.pdf_writer") is not None


@dataclass(frozen=True)
class ExportRequest:
    report: str
    fmt: str
    out: Path
    period: Period | None
    unit: str | None
    columns: tuple[str, ...] | None  # None: the report's default
    open_after: bool


class ExportDialog(QDialog):
    def __init__(
        self,
        plan_title: str,
        period: Period,
        units: list[str],
        choose_file: Callable[[str, str], Path | None],
        parent: QWidget | None = None,
        report: str = "division",
        preview: Callable[[ExportRequest], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出报表")
        self.plan_title = plan_title
        self.choose_file = choose_file
        self.preview = preview
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        self._folder = Path(str(settings.value("folder", str(Path.home()))))
        last_format = str(settings.value("format", "xlsx"))
        open_after = settings.value("open_after", True, type=bool)
        settings.endGroup()

        self.report = QComboBox()
        for key, name in REPORTS.items():
            self.report.addItem(name, key)
        self.period = PeriodPicker(period, label="")
        self.use_period = QCheckBox("包含本期进展/完成值")
        self.use_period.setChecked(True)
        self.unit = QComboBox()
        self.unit.addItems(units)
        self.unit.setEditable(False)
        self.columns = QListWidget()
        self.columns.setMinimumHeight(170)
        self.xlsx = QRadioButton("Excel 表格（.xlsx）")
        self.pdf = QRadioButton("PDF 文件（.pdf）")
        self.pdf.setEnabled(pdf_available())
        if not self.pdf.isEnabled():
            self.pdf.setToolTip("本版本尚未提供 PDF 导出，请先导出 xlsx 后用 WPS/Excel 另存为 PDF。")
        self.docx = QRadioButton("Word 文档（.docx）")
        self.docx.setToolTip("可在 Word/WPS 中继续编辑：表头每页重复，样式可统一修改。")
        chosen = {"pdf": self.pdf, "docx": self.docx}.get(last_format, self.xlsx)
        (chosen if chosen.isEnabled() else self.xlsx).setChecked(True)
        self.path = QLineEdit()
        browse = QPushButton("浏览(&B)…")
        browse.clicked.connect(self._browse)
        self.open_after = QCheckBox("导出后打开文件")
        self.open_after.setChecked(open_after)
        self._build(browse)
        self.report.currentIndexChanged.connect(self._report_changed)
        self.period.period_changed.connect(lambda _p: self._suggest_path())
        self.unit.currentTextChanged.connect(lambda _t: self._suggest_path())
        for button in (self.xlsx, self.pdf, self.docx):
            button.toggled.connect(lambda on: on and self._match_suffix())
        self.report.setCurrentIndex(max(self.report.findData(report), 0))
        self._report_changed()

    def _build(self, browse: QPushButton) -> None:
        formats = QHBoxLayout()
        formats.addWidget(self.xlsx)
        formats.addWidget(self.pdf)
        formats.addWidget(self.docx)
        formats.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addWidget(self.use_period)
        period_row.addStretch(1)
        form = QFormLayout()
        form.addRow("报表(&R)：", self.report)
        form.addRow("期间(&P)：", period_row)
        form.addRow("单位(&U)：", self.unit)
        form.addRow("列(&L)：", self.columns)
        form.addRow("格式：", formats)
        form.addRow("保存到(&F)：", file_row)
        form.addRow("", self.open_after)
        buttons = ok_cancel(self, "导出(&E)", self._accept)
        if self.preview is not None:
            self.preview_button = buttons.addButton("打印预览(&V)…", QDialogButtonBox.ButtonRole.ActionRole)
            self.preview_button.clicked.connect(lambda: self.preview(self.request()))  # type: ignore[misc]
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def report_key(self) -> str:
        return str(self.report.currentData())

    def _report_changed(self) -> None:
        key = self.report_key()
        catalogue, default = CATALOGUES[key]
        self.columns.clear()
        for column_key, column in catalogue.items():
            item = QListWidgetItem(column.header)
            item.setData(Qt.ItemDataRole.UserRole, column_key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if column_key in default else Qt.CheckState.Unchecked)
            self.columns.addItem(item)
        self.period.setEnabled(key in NEEDS_PERIOD | MAY_USE_PERIOD)
        self.use_period.setVisible(key in MAY_USE_PERIOD)
        self.unit.setEnabled(key == "unit")
        self._suggest_path()

    def _chosen_columns(self) -> tuple[str, ...] | None:
        key = self.report_key()
        catalogue, default = CATALOGUES[key]
        chosen = tuple(
            str(self.columns.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.columns.count())
            if self.columns.item(i).checkState() == Qt.CheckState.Checked
        )
        if key == "unit" and not self._period_used():
            default = UNIT_DEFAULT
        return None if set(chosen) == set(default) else chosen

    def _period_used(self) -> bool:
        key = self.report_key()
        return key in NEEDS_PERIOD or (key in MAY_USE_PERIOD and self.use_period.isChecked())

    def fmt(self) -> str:
        if self.pdf.isChecked():
            return "pdf"
        return "docx" if self.docx.isChecked() else "xlsx"

    def _suggest_path(self) -> None:
        key = self.report_key()
        name = report_base_name(self.plan_title) + REPORTS[key]
        if key == "unit" and self.unit.currentText():
            name = f"{self.unit.currentText()}{REPORTS[key]}"
        if self._period_used():
            name += f"（{self.period.period().label}）"
        self.path.setText(str(self._folder / f"{_safe(name)}.{self.fmt()}"))

    def _match_suffix(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(f".{self.fmt()}")))

    def _browse(self) -> None:
        chosen = self.choose_file(self.path.text(), self.fmt())
        if chosen is not None:
            if chosen.suffix.lower() != f".{self.fmt()}":
                chosen = chosen.with_suffix(f".{self.fmt()}")
            self._folder = chosen.parent
            self.path.setText(str(chosen))

    def _accept(self) -> None:
        if not self.path.text().strip():
            self.path.setFocus()
            return
        if self.report_key() == "unit" and not self.unit.currentText():
            self.unit.setFocus()
            return
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("folder", str(Path(self.path.text()).parent))
        settings.setValue("format", self.fmt())
        settings.setValue("open_after", self.open_after.isChecked())
        settings.endGroup()
        self.accept()

    def request(self) -> ExportRequest:
        key = self.report_key()
        return ExportRequest(
            report=key,
            fmt=self.fmt(),
            out=Path(self.path.text().strip()),
            period=self.period.period() if self._period_used() else None,
            unit=self.unit.currentText() if key == "unit" else None,
            columns=self._chosen_columns(),
            open_after=self.open_after.isChecked(),
        )


def _safe(name: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name)
