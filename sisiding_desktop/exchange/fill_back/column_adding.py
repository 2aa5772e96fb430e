"""Add columns to the right of a received table so they look as if the sender had drawn them.

Each new header cell copies the style of the last header cell (merged down
over a two-row header); each body cell copies the style of its row's last
cell (the top-left cell of a merged range, where the neighbour is merged).
Rows merged across the whole table (title, 一、 group rows, notes) are
widened to the new last column; the print area and the filter grow with the
table; column widths are set without disturbing other columns' ranges.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.exchange.fill_back.cell_write import copy_style, write_text
from sisiding_desktop.exchange.fill_back.merge_index import MergeIndex

_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)")


@dataclass(frozen=True)
class NewColumn:
    title: str
    width: float  # Excel column width units: the preferred width (see ``page_fit``)
    horizontal: str  # "left" for texts, "center" for short values
    min_chars: int = 0  # a text column may be narrowed to this many Chinese characters a line; 0: never


@dataclass(frozen=True)
class TableArea:
    """Where the table sits: header rows, last body row, first and last column."""

    header_top: int
    header_bottom: int
    body_bottom: int
    first_col: int
    last_col: int


def add_columns(ws: Worksheet, area: TableArea, start_col: int, columns: Sequence[NewColumn]) -> list[int]:
    """Add ``columns`` from ``start_col`` on; return their column numbers."""
    added = list(range(start_col, start_col + len(columns)))
    merges = MergeIndex(ws)
    _free_column_dimensions(ws, added[0], added[-1])
    for col, column in zip(added, columns, strict=True):
        _header_cells(ws, area, merges, col, column.title)
        for row in range(area.header_bottom + 1, area.body_bottom + 1):
            source = ws.cell(*merges.origin(row, area.last_col))
            copy_style(source, ws.cell(row, col), horizontal=column.horizontal)
        ws.column_dimensions[get_column_letter(col)].width = column.width
    _widen_full_width_merges(ws, area, added[-1])
    _widen_ranges(ws, area.last_col, added[-1])
    return added


def _header_cells(ws: Worksheet, area: TableArea, merges: MergeIndex, col: int, title: str) -> None:
    for row in range(area.header_top, area.header_bottom + 1):
        source = ws.cell(*merges.origin(row, area.last_col))
        copy_style(source, ws.cell(row, col), horizontal="center")
    write_text(ws.cell(area.header_top, col), title)
    if area.header_bottom > area.header_top:
        ws.merge_cells(start_row=area.header_top, start_column=col, end_row=area.header_bottom, end_column=col)


def _widen_full_width_merges(ws: Worksheet, area: TableArea, new_last: int) -> None:
    """Title, group and note rows merged across the table span the new columns too."""
    for merged in list(ws.merged_cells.ranges):
        across = merged.min_col <= area.first_col and merged.max_col == area.last_col > merged.min_col
        in_header = merged.min_row <= area.header_bottom and merged.max_row >= area.header_top
        if across and not in_header:
            bounds = (merged.min_row, merged.min_col, merged.max_row)
            ws.unmerge_cells(merged.coord)
            ws.merge_cells(start_row=bounds[0], start_column=bounds[1], end_row=bounds[2], end_column=new_last)


def _free_column_dimensions(ws: Worksheet, first: int, last: int) -> None:
    """Cut any <col min..max> range that covers the new columns, so their widths do not overlap it."""
    for key, dim in list(ws.column_dimensions.items()):
        low = dim.min or column_index_from_string(key)
        high = dim.max or low
        if high < first or low > last:
            continue
        if high > last:
            rest = copy(dim)
            rest.index = get_column_letter(last + 1)
            rest.min, rest.max = last + 1, high
            ws.column_dimensions[rest.index] = rest
        if low < first:
            dim.min, dim.max = low, first - 1
        else:
            del ws.column_dimensions[key]


def _widen_ranges(ws: Worksheet, last_col: int, new_last: int) -> None:
    """Print area and auto-filter ranges that end at the table's last column end at the new one."""
    if ws.print_area:
        parts = [part.rsplit("!", 1)[-1] for part in ws.print_area.split(",")]
        found = [_RANGE.fullmatch(part) for part in parts]
        if all(found):  # whole-column areas ("$A:$E") are left as they are
            ws.print_area = [_widened(match.groups(), last_col, new_last) for match in found if match]
    found_filter = _RANGE.fullmatch(ws.auto_filter.ref or "")
    if found_filter:
        ws.auto_filter.ref = _widened(found_filter.groups(), last_col, new_last)


def _widened(parts: tuple[str, ...], last_col: int, new_last: int) -> str:
    left, top, right, bottom = parts
    if column_index_from_string(right) == last_col:
        right = get_column_letter(new_last)
    return f"{left}{top}:{right}{bottom}"
