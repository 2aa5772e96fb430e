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
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

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


class _Widths(dict):
    """Code point → the same code point, or → two characters for a wide one: ``str.translate`` doubles them."""

    def __missing__(self, code: int) -> int | str:
        value: int | str = chr(code) * 2 if char_width(chr(code)) == 2 else code
        self[code] = value
        return value


_DOUBLED = _Widths()


def text_width(text: str) -> int:
    """Width of ``text`` in half-widths (each character looked up once per process)."""
    if text.isascii():
        return len(text)
    return len(text.translate(_DOUBLED))


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
    if len(paragraph) <= capacity and text_width(paragraph) <= capacity:  # never narrower than its length
        return 1
    tokens = _TOKEN.findall(paragraph)
    widths = list(map(_TOKEN_WIDTHS.get, tokens))
    if None in widths:  # tokens not seen before
        widths = [_token_width(token) if width is None else width for token, width in zip(tokens, widths, strict=True)]
    if max(widths) <= capacity and not any(map(str.isspace, tokens)):
        return _runs(widths, capacity)
    lines, used = 1, 0.0
    for token, width in zip(tokens, widths, strict=True):
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


def _runs(widths: list[int], capacity: float) -> int:
    """Lines for tokens that each fit on a line, none of them a space: each line takes as many as fit.

    The same count as the token-by-token loop, found a line at a time.
    """
    ends = list(accumulate(widths, initial=0))  # ends[i]: width of the first i tokens
    count, lines, start = len(widths), 0, 0
    while start < count:
        lines += 1
        end = bisect_right(ends, ends[start] + capacity, start + 1) - 1
        while end > start + 1 and ends[end] - ends[start] > capacity:  # the sum above may round up
            end -= 1
        while end < count and ends[end + 1] - ends[start] <= capacity:  # or down
            end += 1
        start = end
    return lines


_TOKEN_WIDTHS: dict[str, int] = {}  # most tokens are one character and recur in every cell
_MAX_TOKENS = 1 << 16


def _token_width(token: str) -> int:
    if len(_TOKEN_WIDTHS) >= _MAX_TOKENS:
        _TOKEN_WIDTHS.clear()
    width = _TOKEN_WIDTHS[token] = text_width(token)
    return width


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
    return RowFitter(columns).fit(rows)


class RowFitter:
    """``fit_row_heights`` for one set of columns, remembering what each row needs.

    A row seen before (the same object: rows are immutable) is not measured
    again, so fitting rows again after a few of them changed (spans cut at
    page breaks) costs only the changed rows.
    """

    def __init__(self, columns: Sequence[Column]) -> None:
        self._widths = [c.width_chars for c in columns]
        self._span_widths: dict[tuple[int, int], float] = {}
        self._needs: dict[int, tuple[Row, float, tuple[tuple[float, int], ...]]] = {}

    def fit(self, rows: Sequence[Row]) -> list[float]:
        heights: list[float] = []
        tall: list[tuple[int, float, int]] = []  # (first row, needed height, rows spanned)
        needs = self._needs
        for r, row in enumerate(rows):
            known = needs.get(id(row))
            if known is None or known[0] is not row:
                known = needs[id(row)] = (row, *self._measure(row))
            heights.append(known[1])
            for need, count in known[2]:
                tall.append((r, need, count))
        for first, need, count in tall:
            have = sum(heights[first : first + count])
            if need > have:
                extra = (need - have) / count
                for r in range(first, first + count):
                    heights[r] += extra
        return [min(math.ceil(h * 4) / 4, MAX_ROW_PT) for h in heights]

    def _measure(self, row: Row) -> tuple[float, tuple[tuple[float, int], ...]]:
        """The row's own height, and (needed height, rows spanned) of each cell spanning several rows."""
        height = 0.0
        tall: list[tuple[float, int]] = []
        for c, cell in enumerate(row.cells):
            if cell.spanned:
                continue
            width = self._width(c, cell.col_span)
            need = text_height_pt(cell.text, width, cell.style.size_pt)
            if cell.row_span > 1:
                tall.append((need, cell.row_span))
                need = line_height_pt(cell.style.size_pt) + VERTICAL_PADDING_PT
            height = max(height, need)
        return height, tuple(tall)

    def _width(self, column: int, span: int) -> float:
        width = self._span_widths.get((column, span))
        if width is None:
            width = self._span_widths[(column, span)] = sum(self._widths[column : column + span])
        return width
