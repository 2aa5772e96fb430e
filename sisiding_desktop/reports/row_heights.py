"""Estimate how tall rows must be so wrapped Chinese text is never cut off.

Excel and LibreOffice do not fit row heights for merged cells (and openpyxl
never does), so the xlsx writer sets every height from these estimates.
Widths are in Excel column units: one unit is the width of a digit of the
workbook's default font (7 px at 96 dpi); a CJK character is two half-widths.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from sisiding_desktop.reports.layout import Column, Row

PX_PER_UNIT = 7.0  # Excel column width unit (Calibri 11 digit) in pixels
CELL_PADDING_PX = 5.0  # left + right inner margin of a cell
LINE_SPACING = 1.35  # line height / font size for CJK fonts, with a little slack
VERTICAL_PADDING_PT = 6.0
SAFETY = 0.93  # fill lines to 93 %: renderers wrap punctuation and digits a little earlier
MAX_ROW_PT = 409.0  # Excel's limit for one row

# A CJK character followed by closing punctuation, or a run of Latin letters/digits,
# wraps as one piece (no line starts with ，。、 etc.).
_CLOSING = "，。、；：？！）》」』】”’·…%％,.;:!?)]"
_TOKEN = re.compile(rf"[A-Za-z0-9_.%/+\-]+[{re.escape(_CLOSING)}]*|\s|.[{re.escape(_CLOSING)}]*", re.S)


def char_width(ch: str) -> int:
    """Half-widths taken by one character: 2 for CJK and full-width forms, else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Width of ``text`` in half-widths."""
    return sum(char_width(ch) for ch in text)


def line_capacity(width_chars: float, size_pt: float) -> float:
    """Half-widths that fit on one line of a cell ``width_chars`` wide in a ``size_pt`` font."""
    half_width_px = size_pt * 96 / 72 / 2
    usable_px = max(width_chars * PX_PER_UNIT - CELL_PADDING_PX, half_width_px * 2)
    return usable_px / half_width_px * SAFETY


@lru_cache(maxsize=1 << 16)
def line_count(text: str, width_chars: float, size_pt: float) -> int:
    """Lines ``text`` needs when wrapped in a cell; explicit line breaks are kept."""
    capacity = line_capacity(width_chars, size_pt)
    return sum(_wrapped_lines(p, capacity) for p in text.replace("\r\n", "\n").split("\n"))


def _wrapped_lines(paragraph: str, capacity: float) -> int:
    if len(paragraph) * 2 <= capacity:  # fits whatever the characters
        return 1
    lines, used = 1, 0.0
    for token in _TOKEN.findall(paragraph):
        width = text_width(token)
        if used + width <= capacity or used == 0:
            used += width
            while used > capacity:  # a token longer than a line breaks inside
                lines += 1
                used -= capacity
        elif token.isspace():
            continue
        else:
            lines += 1
            used = width
    return lines


def line_height_pt(size_pt: float) -> float:
    return size_pt * LINE_SPACING


def text_height_pt(text: str, width_chars: float, size_pt: float) -> float:
    """Height (points) of a cell holding ``text`` wrapped to ``width_chars``."""
    return line_count(text, width_chars, size_pt) * line_height_pt(size_pt) + VERTICAL_PADDING_PT


def fit_row_heights(rows: Sequence[Row], columns: Sequence[Column]) -> list[float]:
    """Row heights (points) so that every cell's wrapped text fits.

    Single-row cells set their row's height; a cell spanning several rows
    that needs more room than they give spreads the difference over them.
    """
    widths = [c.width_chars for c in columns]
    heights: list[float] = []
    tall: list[tuple[int, float, int]] = []  # (first row, needed height, rows spanned)
    for r, row in enumerate(rows):
        height = 0.0
        for c, cell in enumerate(row.cells):
            if cell.spanned:
                continue
            width = sum(widths[c : c + cell.col_span])
            need = text_height_pt(cell.text, width, cell.style.size_pt)
            if cell.row_span > 1:
                tall.append((r, need, cell.row_span))
                need = line_height_pt(cell.style.size_pt) + VERTICAL_PADDING_PT
            height = max(height, need)
        heights.append(height)
    for first, need, count in tall:
        have = sum(heights[first : first + count])
        if need > have:
            extra = (need - have) / count
            for r in range(first, first + count):
                heights[r] += extra
    return [min(math.ceil(h * 4) / 4, MAX_ROW_PT) for h in heights]
