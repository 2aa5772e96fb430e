"""Small prefecture templates for fill-back tests, and the height a text needs worked out without the program."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.exchange.fill_back.template import FillValues, fill_template
from sisiding_desktop.exchange.progress.row_matching import MatchTarget

THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FANGSONG = Font(name="仿宋", size=12)
HEITI = Font(name="黑体", size=12)
TASK_HEAD = ["序号", "重点任务", "具体措施", "牵头单位", "完成时限"]

# Lines of 12pt 仿宋 are 14.25pt apart in Excel (LibreOffice draws them closer): 1.25 × the size is a
# little more, and a cell needs a few points above and below its text.
LINE_SPACING = 1.25
PADDING_PT = 3.0


@dataclass
class Row:
    number: str | None  # 序号; None under a cell merged down
    task: str | None
    measure: str | object  # a str or a CellRichText
    height: float | None = None


@dataclass
class Template:
    """A one-sheet task table: a title row, a header row (``progress`` columns after the task columns), rows."""

    rows: list[Row]
    widths: list[float]
    progress: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # e.g. "B3:B4"
    font: Font = FANGSONG
    orientation: str = "portrait"
    default_row_pt: float | None = None
    wrap_progress: bool = False  # the template's own progress cells wrap (many do not)
    hidden_rows: list[int] = field(default_factory=list)

    def save(self, path: Path) -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = "Sheet1"
        heads = TASK_HEAD + self.progress
        ws["A1"] = "2024年“四水四定”重点任务推进情况表"
        ws["A1"].font = Font(name="方正小标宋简体", size=18)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(heads))
        for col, head in enumerate(heads, 1):
            cell = ws.cell(2, col, head)
            cell.font, cell.border = HEITI, GRID
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r, row in enumerate(self.rows, 3):
            values = [row.number, row.task, row.measure, "水务局", "2024年"] + [None] * len(self.progress)
            for col, value in enumerate(values, 1):
                cell = ws.cell(r, col, value)
                cell.font, cell.border = self.font, GRID
                if col <= len(TASK_HEAD) or self.wrap_progress:
                    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
            if row.height is not None:
                ws.row_dimensions[r].height = row.height
        for row in self.hidden_rows:
            ws.row_dimensions[row].hidden = True
        for cell_range in self.merged:
            ws.merge_cells(cell_range)
        for col, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(col)].width = width
        if self.default_row_pt is not None:
            ws.sheet_format.defaultRowHeight = self.default_row_pt
            ws.sheet_format.customHeight = True
        ws.page_setup.orientation = self.orientation
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        wb.save(path)
        return path


def targets_for(rows: list[Row]) -> list[MatchTarget]:
    """The county's plan holding the template's measures, node ids 1, 2, … in order."""
    found, number, task = [], "", ""
    for order, row in enumerate(rows, 1):
        number, task = row.number or number, row.task or task
        found.append(MatchTarget(order, order, f"{order}.", number, task, str(row.measure)))
    return found


def filled(tmp_path: Path, template: Template, values: dict[int, FillValues]) -> tuple[Path, Worksheet]:
    source = template.save(tmp_path / "模板.xlsx")
    out = tmp_path / "回填.xlsx"
    fill_template(source, out, targets_for(template.rows), values)
    return out, openpyxl.load_workbook(out, rich_text=True).active


def wrapped_lines(text: str, width_units: float, size_pt: float) -> int:
    """Lines ``text`` takes in a column ``width_units`` wide, breaking at any character.

    A unit is 7 px (Calibri 11, the default font of these workbooks) and a cell keeps 5 px of padding;
    a character that is not ASCII is as wide as the font size, an ASCII one half of it.
    """
    usable_px = width_units * 7 - 5
    lines = 0
    for paragraph in text.split("\n"):
        count, used = 1, 0.0
        for ch in paragraph:
            width = size_pt * 96 / 72 * (0.5 if ch.isascii() else 1)
            if used + width > usable_px and used:
                count, used = count + 1, 0.0
            used += width
        lines += count
    return lines


def needed_pt(text: str, width_units: float, size_pt: float = 12) -> float:
    return wrapped_lines(text, width_units, size_pt) * size_pt * LINE_SPACING + PADDING_PT


def width_of(ws: Worksheet, col: int) -> float:
    return ws.column_dimensions[get_column_letter(col)].width


def height_of(ws: Worksheet, row: int) -> float:
    """The height Excel shows: the row's own, or the sheet's default."""
    return ws.row_dimensions[row].height or ws.sheet_format.defaultRowHeight
