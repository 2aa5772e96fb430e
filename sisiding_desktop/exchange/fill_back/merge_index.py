"""Find the merged range covering a cell quickly, for sheets with thousands of merges."""

from __future__ import annotations

from bisect import bisect_right

from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet


class MergeIndex:
    """The merged ranges of a worksheet, looked up by column and then by row."""

    def __init__(self, ws: Worksheet) -> None:
        by_col: dict[int, list[CellRange]] = {}
        for merged in ws.merged_cells.ranges:
            for col in range(merged.min_col, merged.max_col + 1):
                by_col.setdefault(col, []).append(merged)
        self._ranges = {col: sorted(found, key=lambda r: r.min_row) for col, found in by_col.items()}
        self._starts = {col: [r.min_row for r in found] for col, found in self._ranges.items()}

    def find(self, row: int, col: int) -> CellRange | None:
        """The merged range covering (row, col), or None."""
        starts = self._starts.get(col)
        if not starts:
            return None
        at = bisect_right(starts, row) - 1
        if at < 0:
            return None
        found = self._ranges[col][at]
        return found if found.max_row >= row else None

    def origin(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range covering (row, col), or the cell itself."""
        found = self.find(row, col)
        return (found.min_row, found.min_col) if found else (row, col)
