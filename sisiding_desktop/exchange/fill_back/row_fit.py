"""Make rows tall enough for the text written into them (openpyxl never fits heights)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.exchange.fill_back.merge_index import MergeIndex
from sisiding_desktop.reports.row_heights import MAX_ROW_PT, text_height_pt

DEFAULT_WIDTH = 8.43  # Excel's default column width
DEFAULT_HEIGHT_PT = 15.0
DEFAULT_FONT_PT = 11.0


def fit_rows(ws: Worksheet, rows: Iterable[int], columns: range, merges: MergeIndex) -> None:
    """Raise (never lower) the height of ``rows`` so every text cell in ``columns`` fits, merged cells included.

    A cell merged over several rows that needs more room than they give
    spreads the difference over them.
    """
    widths = _ColumnWidths(ws)
    tall: dict[tuple[int, int], float] = {}
    for row in sorted(set(rows)):
        need = 0.0
        for col in columns:
            cell = ws.cell(row, col)
            if not isinstance(cell.value, str) or not cell.value:
                continue
            found = merges.find(row, col)
            cols = range(found.min_col, found.max_col + 1) if found else [col]
            height = text_height_pt(cell.value, sum(widths.of(c) for c in cols), cell.font.sz or DEFAULT_FONT_PT)
            if found and found.max_row > found.min_row:
                tall[(found.min_row, found.max_row)] = max(tall.get((found.min_row, found.max_row), 0.0), height)
            else:
                need = max(need, height)
        _raise_height(ws, row, need)
    for (top, bottom), need in tall.items():
        have = sum(_height(ws, row) for row in range(top, bottom + 1))
        if need > have:
            extra = (need - have) / (bottom - top + 1)
            for row in range(top, bottom + 1):
                _raise_height(ws, row, _height(ws, row) + extra)


def _height(ws: Worksheet, row: int) -> float:
    return ws.row_dimensions[row].height or DEFAULT_HEIGHT_PT


def _raise_height(ws: Worksheet, row: int, need: float) -> None:
    current = ws.row_dimensions[row].height
    if need > (current or DEFAULT_HEIGHT_PT):
        ws.row_dimensions[row].height = min(math.ceil(need * 4) / 4, MAX_ROW_PT)


class _ColumnWidths:
    def __init__(self, ws: Worksheet) -> None:
        self._ranges = [
            (dim.min or 0, dim.max or 0, dim.width)
            for dim in ws.column_dimensions.values()
            if dim.width and not dim.hidden
        ]
        self._default = ws.sheet_format.defaultColWidth or DEFAULT_WIDTH
        self._cache: dict[int, float] = {}
        self._ws = ws

    def of(self, col: int) -> float:
        if col not in self._cache:
            dim = self._ws.column_dimensions.get(get_column_letter(col))
            if dim is not None and dim.width:
                self._cache[col] = 0.0 if dim.hidden else dim.width
            else:
                found = next((w for low, high, w in self._ranges if low <= col <= high), self._default)
                self._cache[col] = found
        return self._cache[col]
