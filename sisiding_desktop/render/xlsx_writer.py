"""Write a report layout to an xlsx file with the official look and print set-up.

Every value is written as text (never a formula), row heights are fitted to
the wrapped text, and the file appears only when it is complete.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.file_writing.xlsx_save import save_atomically
from sisiding_desktop.file_writing.xlsx_text import TEXT_FORMAT, set_text
from sisiding_desktop.machine.fonts import xlsx_font_name
from sisiding_desktop.render.xlsx_pages import paginate_for_excel
from sisiding_desktop.reports.layout import Cell, CellStyle, ReportLayout, Row
from sisiding_desktop.reports.row_heights import fit_row_heights, text_height_pt
from sisiding_desktop.reports.styles import LABEL_PT, NOTE_PT, SUBTITLE_PT, TITLE_PT

GB2312_CHARSET = 134  # tells Excel/WPS the font is a Chinese one
FOOTER_PT = 14  # 四号
DEFAULT_WIDTH_FONT = Font(name="Arial", size=10, family=2)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_PAPER = {"A4": Worksheet.PAPERSIZE_A4, "A3": Worksheet.PAPERSIZE_A3}


def write_layout_xlsx(layout: ReportLayout, out: Path) -> None:
    """Write ``layout`` as a one-sheet workbook at ``out`` (replaced atomically)."""
    write_layouts_xlsx([layout], out)


def write_layouts_xlsx(layouts: Sequence[ReportLayout], out: Path) -> None:
    """One sheet per layout (e.g. 任务分工表 then 主要指标表), saved atomically at ``out``."""
    wb = _workbook()
    styles = _StyleCache()
    for index, layout in enumerate(layouts):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = (layout.sheet_name or f"Sheet{index + 1}")[:31]
        _write_sheet(ws, layout, styles)
    _properties(wb, layouts[0])
    save_atomically(wb, Path(out))


def _write_sheet(ws: Worksheet, layout: ReportLayout, styles: _StyleCache) -> None:
    heading = _heading_lines(layout)
    header_heights = fit_row_heights(layout.header_rows, layout.columns)
    rows, heights, breaks = paginate_for_excel(layout, header_heights, sum(h for *_, h in heading))

    row = 1
    for text, style, height, ncols in heading:
        _line(ws, row, ncols, text, style, styles, height)
        row += 1
    header_first = row
    body_first = _write_rows(ws, layout.header_rows, header_heights, header_first, styles)
    row = _write_rows(ws, rows, heights, body_first, styles)
    for text, style, height, ncols in _note_lines(layout):
        row += 1  # a blank line, then the notes
        _line(ws, row, ncols, text, style, styles, height)
    for png in layout.figures:
        row = _picture(ws, row + 2, png)
    # all at once: each RowBreak.append checks every break already there again
    ws.row_breaks.brk = [Break(id=body_first + b - 1) for b in breaks]
    for i, column in enumerate(layout.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width_chars
    if layout.header_rows:
        ws.print_title_rows = f"{header_first}:{body_first - 1}"
        ws.freeze_panes = ws.cell(body_first, 1)
    _page_setup(ws, layout)


FIGURE_WIDTH_CM = 16.0
CM_PX = 96 / 2.54  # Excel's pixels per centimetre at 100 %
ROW_CM = 0.53  # a default row, to leave the picture's room below it


def _picture(ws: Worksheet, row: int, png: bytes) -> int:
    """A PNG below the table at ``row``, 16 cm wide; the row after it."""
    from openpyxl.drawing.image import Image  # Pillow, which openpyxl uses to read it, comes with matplotlib

    image = Image(io.BytesIO(png))
    scale = FIGURE_WIDTH_CM * CM_PX / image.width
    image.width, image.height = image.width * scale, image.height * scale
    ws.add_image(image, f"A{row}")
    return row + int(image.height / CM_PX / ROW_CM) + 1


def _workbook() -> Workbook:
    """A workbook whose default font is Arial 10.

    The default font sets the unit of column widths.  Calibri is missing on
    most Linux systems and LibreOffice's stand-in is wider, so its columns come
    out a quarter wider than Excel's; Arial has a metric twin everywhere
    (Liberation Sans) and the same 7-pixel digit as Calibri 11.
    """
    wb = Workbook()
    wb._fonts = IndexedList([DEFAULT_WIDTH_FONT])  # before any cell is styled
    return wb


def _heading_lines(layout: ReportLayout) -> list[tuple[str, CellStyle, float, int]]:
    """附件 label, title and subtitle above the table: (text, style, height, columns merged)."""
    ncols, width = len(layout.columns), layout.total_width_chars
    lines: list[tuple[str, CellStyle, float, int]] = []
    if layout.attachment_label:
        style = CellStyle("heading", LABEL_PT, border=False, wrap=False)
        lines.append((layout.attachment_label, style, text_height_pt("附", width, LABEL_PT), 1))
    for text, style in (
        (layout.title, CellStyle("title", TITLE_PT, align="center", border=False)),
        (layout.subtitle, CellStyle("kai", SUBTITLE_PT, align="center", border=False)),
    ):
        if text:
            lines.append((text, style, text_height_pt(text, width, style.size_pt), ncols))
    return lines


def _note_lines(layout: ReportLayout) -> list[tuple[str, CellStyle, float, int]]:
    style = CellStyle("body", NOTE_PT, border=False)
    width = layout.total_width_chars
    return [(t, style, text_height_pt(t, width, NOTE_PT), len(layout.columns)) for t in layout.notes]


def _line(ws: Worksheet, row: int, ncols: int, text: str, style: CellStyle, styles: _StyleCache, height: float) -> None:
    """One line of text merged over ``ncols`` columns."""
    styles.apply(ws.cell(row, 1), style)
    set_text(ws.cell(row, 1), text)
    if ncols > 1:
        _merge(ws, row, 1, row, ncols)
    ws.row_dimensions[row].height = height


def _write_rows(ws: Worksheet, rows: Sequence[Row], heights: Sequence[float], first: int, styles: _StyleCache) -> int:
    """Cells, merges and heights of ``rows`` from sheet row ``first``; returns the next free row.

    Each merge is added right after its first cell, before the cells it covers exist (``MergedCellRange``
    reads the borders of the last cell when that one exists).
    """
    dims = ws.row_dimensions
    for r, (row, height) in enumerate(zip(rows, heights, strict=True), start=first):
        dims[r].height = height
        for c, cell in enumerate(row.cells, start=1):
            target = ws.cell(r, c)
            if cell.spanned:  # styled like its owner, so the merged area has its borders
                styles.apply(target, cell.style)
                continue
            _put(target, cell, styles)
            if cell.row_span > 1 or cell.col_span > 1:
                _merge(ws, r, c, r + cell.row_span - 1, c + cell.col_span - 1)
    return first + len(rows)


def _merge(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    """Merge a range whose cells are already styled (openpyxl's merge_cells restyles them, slowly).

    The range goes straight into the sheet's set of merges: ``MultiCellRange.add`` first scans every range
    already merged, which made a sheet's merges cost quadratic time. A layout's spans never overlap.
    """
    ws.merged_cells.ranges.add(MergedCellRange(ws, f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"))


def _properties(wb: Workbook, layout: ReportLayout) -> None:
    props = wb.properties
    props.title, props.subject = layout.title, layout.metadata.subject
    props.creator = props.lastModifiedBy = layout.metadata.author or layout.metadata.office
    props.description = layout.metadata.office
    props.category = layout.metadata.report


def _put(target: XlCell, cell: Cell, styles: _StyleCache) -> None:
    if cell.number is not None:
        styles.apply(target, cell.style, cell.number_format or "General")
        target.value = cell.number
    else:
        styles.apply(target, cell.style)
        if cell.text:  # an empty text leaves the cell empty
            set_text(target, cell.text)


def _page_setup(ws: Worksheet, layout: ReportLayout) -> None:
    page = layout.page
    ws.page_setup.orientation = page.orientation
    ws.page_setup.paperSize = _PAPER[page.paper]
    if page.fit_width:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    m = page.margins_mm
    ws.page_margins = PageMargins(
        left=m.left / 25.4,
        right=m.right / 25.4,
        top=m.top / 25.4,
        bottom=m.bottom / 25.4,
        header=m.header / 25.4,
        footer=m.footer / 25.4,
    )
    ws.print_options.horizontalCentered = True
    if layout.footer_page_numbers:
        footer = ws.oddFooter.center
        footer.text = "— &P —"
        footer.font = f"{xlsx_font_name('body')},常规"
        footer.size = FOOTER_PT


class _StyleCache:
    """Styles cells fast: openpyxl's style objects are made and registered once per style."""

    def __init__(self) -> None:
        self._arrays: dict[tuple[CellStyle, str], StyleArray] = {}
        # the same style object is met again and again: look it up by identity before hashing it
        self._by_id: dict[tuple[int, str], tuple[CellStyle, StyleArray]] = {}

    def apply(self, target: XlCell, style: CellStyle, number_format: str = TEXT_FORMAT) -> None:
        target._style = StyleArray(self._array(target.parent, style, number_format))  # a copy of it

    def _array(self, ws: Worksheet, style: CellStyle, number_format: str) -> StyleArray:
        known = self._by_id.get((id(style), number_format))
        if known is not None and known[0] is style:
            return known[1]
        array = self._arrays.get((style, number_format))
        if array is None:
            array = self._arrays[(style, number_format)] = _register(ws, style, number_format)
        self._by_id[(id(style), number_format)] = (style, array)  # keeps the style alive: its id stays its own
        return array


def _register(ws: Worksheet, style: CellStyle, number_format: str) -> StyleArray:
    """The style array of ``style``, its font, alignment, border and fill registered in the workbook."""
    scratch = XlCell(ws)
    scratch.font = Font(
        name=xlsx_font_name(style.font_role),
        size=style.size_pt,
        bold=style.bold,
        charset=GB2312_CHARSET,
    )
    scratch.alignment = Alignment(horizontal=style.align, vertical=style.valign, wrap_text=style.wrap)
    if style.border:
        scratch.border = _BORDER
    if style.fill:
        scratch.fill = PatternFill("solid", fgColor=style.fill)
    scratch.number_format = number_format
    return copy(scratch._style)
