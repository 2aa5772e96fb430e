"""How wide a received sheet's columns and texts are, for fitting rows and the printed page.

Column widths are in Excel's file units (the ``width`` of ``<col>``): one unit is the maximum digit
width of the workbook's default font, padding included. Texts are measured with
:mod:`sisiding_desktop.reports.row_heights`, in half-widths; a CJK font draws the "ambiguous" characters
(“”‘’…—·①Ⅱ℃× and the like) as wide as a Chinese character, so those are counted as wide in a CJK font.
"""

from __future__ import annotations

import math
import unicodedata

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.reports.row_heights import CELL_PADDING_PX, PX_PER_UNIT, SAFETY, text_width

DEFAULT_WIDTH = 8.43  # Excel's default column width
DEFAULT_FONT_PT = 11.0
_CJK_FONT_WORDS = ("sim", "song", "hei", "kai", "fang", "yahei", "dengxian", "gb2312", "gbk", "ming", "yuan")
# In a CJK font these are drawn full width although Unicode calls their width "ambiguous".
_WIDE_IN_CJK = {
    code: "中"
    for code in (*range(0x2010, 0x2700), *range(0x3000, 0x3040), *map(ord, "°±×÷§¨·¤"))
    if unicodedata.east_asian_width(chr(code)) == "A"
}


def is_cjk_font(name: str | None) -> bool:
    """A Chinese (or other CJK) font, by its name: 仿宋_GB2312, 宋体, SimSun, Microsoft YaHei …"""
    if not name:
        return False
    return not name.isascii() or any(word in name.lower() for word in _CJK_FONT_WORDS)


def measured_text(cell: Cell | MergedCell) -> tuple[str, float] | None:
    """The text of a cell as it is measured, and its largest font size; None for no text.

    Rich text counts with the largest size of its runs.
    """
    value = cell.value
    size = cell.font.sz or DEFAULT_FONT_PT
    if isinstance(value, CellRichText):
        sizes = [part.font.sz for part in value if isinstance(part, TextBlock) and part.font.sz]
        value, size = str(value), max([size, *sizes])
    if not isinstance(value, str) or not value:
        return None
    if is_cjk_font(cell.font.name):
        value = value.translate(_WIDE_IN_CJK)
    return value, float(size)


def units_for_line(text: str, size_pt: float) -> float:
    """The column width (file units) on which ``text`` is measured as one line by the row fitting."""
    half_width_px = size_pt * 96 / 72 / 2
    return (text_width(text) * half_width_px / SAFETY + CELL_PADDING_PX) / PX_PER_UNIT


def digit_px(workbook: Workbook) -> int:
    """The maximum digit width (pixels at 96 dpi) of the workbook's default font: one column width unit.

    Calibri 11 gives 7, 宋体 11 and 仿宋 12 give 8 (a CJK font's digits are half an em wide).
    """
    fonts = getattr(workbook, "_fonts", None)
    font = fonts[0] if fonts else None
    size = (font.sz if font is not None else None) or DEFAULT_FONT_PT
    em_px = size * 96 / 72
    if font is not None and is_cjk_font(font.name):
        return max(1, math.ceil(round(em_px) / 2))
    return max(1, round(em_px / 2))  # Calibri 11 and Arial 10: 7


def column_px(width: float, digit: int) -> int:
    """Pixels (96 dpi) of a column ``width`` file units wide, as Excel rounds them."""
    return math.trunc((256 * width + math.trunc(128 / digit)) / 256 * digit)


class ColumnWidths:
    """Each column's width in file units: its own ``<col>``, a ``<col>`` range covering it, or the default.

    Hidden columns are 0 wide.
    """

    def __init__(self, ws: Worksheet) -> None:
        self._ranges = [
            (dim.min or 0, dim.max or 0, 0.0 if dim.hidden else dim.width)
            for dim in ws.column_dimensions.values()
            if dim.width or dim.hidden
        ]
        self._default = ws.sheet_format.defaultColWidth or DEFAULT_WIDTH
        self._cache: dict[int, float] = {}
        self._ws = ws

    def of(self, col: int) -> float:
        if col not in self._cache:
            dim = self._ws.column_dimensions.get(get_column_letter(col))
            if dim is not None and (dim.width or dim.hidden):
                self._cache[col] = 0.0 if dim.hidden else dim.width
            else:
                found = next((w for low, high, w in self._ranges if low <= col <= high), self._default)
                self._cache[col] = found
        return self._cache[col]

    def total(self, cols: range | list[int]) -> float:
        return sum(self.of(col) for col in cols)
