"""The report the export benchmarks write: the 推进情况表 of the generated plan for 2024年第4季度."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from sisiding_desktop.domain.model import Period
from sisiding_desktop.reports.layout import ReportLayout

PERIOD = Period(2024, 4)
TODAY = date(2024, 11, 15)  # lights as seen mid-quarter: red, yellow and green all occur
REPORT = "progress"


def layout_values(layout: ReportLayout) -> list[list[object]]:
    """Every cell value of the layout as the sheet holds it (label, title, header and body rows), no styling."""
    width = len(layout.columns)
    rows: list[list[object]] = []
    if layout.attachment_label:
        rows.append([layout.attachment_label])
    rows.append([layout.title])
    if layout.subtitle:
        rows.append([layout.subtitle])
    for row in (*layout.header_rows, *layout.rows):
        values: list[object] = []
        for cell in row.cells:
            values.append(None if cell.spanned else (cell.number if cell.number is not None else cell.text))
            values.extend([None] * (cell.col_span - 1))
        rows.append(values[:width])
    rows.extend([note] for note in layout.notes)
    return rows


def write_plain_xlsx(values: list[list[object]], out: Path) -> None:
    """openpyxl writing ``values`` with no styling, merges or page set-up: the baseline for our xlsx."""
    wb = Workbook()
    ws = wb.active
    for row in values:
        ws.append(row)
    wb.save(out)
