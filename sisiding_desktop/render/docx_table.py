"""A layout's header and body rows as one Word table: widths, texts, merges, fills, rows kept whole.

The header rows repeat at the top of every page (``w:tblHeader``); a row shorter than half a page is never
split across two (``w:cantSplit``). Word breaks the pages itself, between rows: a task whose measures reach
onto the next page goes on there, its merged 序号/重点任务 cell continuing (empty) below the repeated header.
Task blocks are not kept together with "keep with next": LibreOffice then starts every block on a page of its
own, or breaks where the paragraphs do not ask it to.
python-docx has no API for the two row properties, a cell's fill (``w:shd``) and the table's cell margins
(``w:tblCellMar``); those four small elements are the only XML made here by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_Merge
from docx.oxml.table import CT_Row
from docx.shared import Emu, Mm, Pt
from docx.table import Table, _Cell

from sisiding_desktop.file_writing.xlsx_text import clean_text
from sisiding_desktop.render.docx_styles import DocxStyles
from sisiding_desktop.reports.column_widths import CELL_MARGIN_PT
from sisiding_desktop.reports.layout import Cell, ReportLayout
from sisiding_desktop.reports.row_heights import PX_PER_UNIT, fit_row_heights

TABLE_STYLE = "Table Grid"  # Word's own: thin black lines around every cell
KEEP_ROW_PAGE_SHARE = 0.5  # a row up to half a page tall is never split across pages
PAD_Y_PT = 3.0  # top and bottom inner margin of a cell, as in the PDF
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
_VALIGN = {
    "top": WD_CELL_VERTICAL_ALIGNMENT.TOP,
    "center": WD_CELL_VERTICAL_ALIGNMENT.CENTER,
    "bottom": WD_CELL_VERTICAL_ALIGNMENT.BOTTOM,
}
# Elements that follow each hand-made one in its parent, in the order the schema fixes.
_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers")
_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del")
_AFTER_TBL_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_AFTER_TBL_CELL_MAR = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
# Besides what clean_text removes: what XML 1.0 cannot hold at all (lxml refuses it).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")

Progress = Callable[[float, str], None]


def docx_text(text: str) -> str:
    """``text`` as a Word run can hold it: cleaned as for a workbook cell (``file_writing.xlsx_text``)."""
    return _NOT_XML.sub("", clean_text(text))


def write_table(document: Document, layout: ReportLayout, styles: DocxStyles, progress: Progress | None) -> Table:
    """The table of ``layout`` at the end of ``document``'s body, as wide as the page's printable width."""
    rows = (*layout.header_rows, *layout.rows)
    table = document.add_table(rows=len(rows), cols=len(layout.columns))
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    widths = column_widths(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    unsplit = _unsplit_rows(layout)
    grid = [row.cells for row in table.rows]  # before any merge: one cell a grid position
    step = max(1, len(rows) // 20)
    for r, (row, cells) in enumerate(zip(rows, grid, strict=True)):
        for cell, target, width in zip(row.cells, cells, widths, strict=True):
            target.width = width
            _put(target, cell, styles)
        if progress and r % step == 0:
            progress(0.8 * r / len(rows), f"正在生成 Word 表格（第{r + 1}行）")
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if not cell.spanned and (cell.row_span > 1 or cell.col_span > 1):
                _merge(grid, r, c, cell.row_span, cell.col_span)
    for r, tr in enumerate(table._tbl.tr_lst):
        if r in unsplit:
            _row_property(tr, "w:cantSplit", _AFTER_CANT_SPLIT)
        if r < len(layout.header_rows):
            _row_property(tr, "w:tblHeader", _AFTER_TBL_HEADER)
    return table


def column_widths(layout: ReportLayout) -> list[Emu]:
    """Each column's share of the printable width, in proportion to the layout's widths (as the PDF draws)."""
    printable = Mm(layout.page.printable_mm[0])
    total = layout.total_width_chars or 1.0
    edges, acc = [0], 0.0
    for column in layout.columns:
        acc += column.width_chars
        edges.append(round(printable * acc / total))
    return [Emu(b - a) for a, b in zip(edges, edges[1:], strict=False)]


def _merge(grid: list[tuple[_Cell, ...]], r: int, c: int, row_span: int, col_span: int) -> None:
    """The span of the cell at (r, c) merged as ``_Cell.merge`` merges it, in time independent of the table's size.

    ``merge`` finds each row's place by searching the table's rows again and again, which made a plan of two
    thousand rows take half a minute; here every cell of the span is at hand. Along each row of the span the
    first cell takes the span's columns (``w:gridSpan``, its width theirs) and the placeholders after it go; down
    the span the first cells continue the top one (``w:vMerge``). Placeholders hold no text to move up.
    """
    for dr in range(row_span):
        first, *rest = (grid[r + dr][c + dc]._tc for dc in range(col_span))
        if rest:
            first.width = Emu(sum(tc.width for tc in (first, *rest)))
            first.grid_span = col_span
            for tc in rest:
                tc._remove()
        if row_span > 1:
            first.vMerge = ST_Merge.RESTART if dr == 0 else ST_Merge.CONTINUE


def _put(target: _Cell, cell: Cell, styles: DocxStyles) -> None:
    """Style, fill and text of one cell; a placeholder gets the style and fill only (it is merged away)."""
    style = cell.style
    paragraph = target.paragraphs[0]
    paragraph._p.style = styles.cell(style).style_id  # ``paragraph.style =`` looks the style up again each time
    paragraph.alignment = _ALIGN[style.align]
    target.vertical_alignment = _VALIGN[style.valign]
    if style.fill:
        _fill(target, style.fill)
    text = "" if cell.spanned else docx_text(cell.text)
    if text:
        paragraph.add_run(text)  # plain text: a line break becomes w:br, a tab w:tab, nothing a field


def _fill(target: _Cell, colour: str) -> None:
    shd = OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): colour})
    target._tc.get_or_add_tcPr().insert_element_before(shd, *_AFTER_SHD)


def _cell_margins(table: Table) -> None:
    """The inner margins of every cell, as narrow as the PDF's, which the layout's widths allow for.

    Word's own (1.9 mm at each side) would wrap 序号 and the unit names the short columns are sized to hold.
    """
    margins = OxmlElement("w:tblCellMar")
    for side, size in (("top", PAD_Y_PT), ("left", CELL_MARGIN_PT), ("bottom", PAD_Y_PT), ("right", CELL_MARGIN_PT)):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): str(Pt(size).twips), qn("w:type"): "dxa"}))
    table._tbl.tblPr.insert_element_before(margins, *_AFTER_TBL_CELL_MAR)


def _row_property(tr: CT_Row, tag: str, successors: Sequence[str]) -> None:
    """An empty on/off row property (``w:tblHeader``, ``w:cantSplit``) set on the row ``tr``."""
    tr.get_or_add_trPr().insert_element_before(OxmlElement(tag), *successors)


def _unsplit_rows(layout: ReportLayout) -> set[int]:
    """Rows (indices counting the header rows) up to half a page tall: never split across two pages."""
    heights = _row_heights_pt(layout)
    room = Mm(layout.page.printable_mm[1]).pt - sum(heights[: len(layout.header_rows)])
    return {r for r, height in enumerate(heights) if height <= room * KEEP_ROW_PAGE_SHARE}


def _row_heights_pt(layout: ReportLayout) -> list[float]:
    """Each row's height on the Word page (points), estimated as for the workbook at the page's width."""
    printable_px = Mm(layout.page.printable_mm[0]).pt * 96 / 72
    scale = printable_px / ((layout.total_width_chars or 1.0) * PX_PER_UNIT)
    columns = tuple(replace(c, width_chars=c.width_chars * scale) for c in layout.columns)
    return fit_row_heights((*layout.header_rows, *layout.rows), columns)
