"""A worksheet as a sparse grid of texts, with merged cells resolved.

A merged range's value is carried down every row of the range in its first
column (a lead unit merged over three measures belongs to all three).
Columns covered to the right of a merge stay empty in :meth:`SheetGrid.text`,
so a task text merged across two columns is not also read as a measure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sisiding_desktop.exchange.errors import ExchangeError


@dataclass(frozen=True, slots=True)
class GridCell:
    value: str
    top: int  # first row of the merged range (the cell's own row if not merged)
    left: int  # first column of the merged range
    width: int  # columns the merged range covers


Bounds = tuple[int, int, int, int]  # a merged range: top, left, bottom, right


class SheetGrid:
    """Texts of one sheet, addressed by 1-based row and column."""

    def __init__(self, name: str, hidden: bool = False) -> None:
        self.name = name
        self.hidden = hidden
        self.hidden_rows: frozenset[int] = frozenset()  # rows hidden in the sheet (by hand or by a filter)
        self.kind = "工作表"  # what the name names, in messages: 工作表, or 表格 for a Word document's table
        self._rows: dict[int, dict[int, GridCell]] = {}
        self._max_row = 0
        self._max_col = 0
        self._texts: dict[int, dict[int, str]] = {}  # row_texts(), kept once asked for: readers ask many times

    @classmethod
    def from_texts(
        cls, name: str, hidden: bool, texts: dict[tuple[int, int], str], merges: list[Bounds], where: str, budget: int
    ) -> SheetGrid:
        """A grid from (row, col) → text and merged ranges, as a streamed read collects them.

        A value in a merged range's covered cells is dropped (Excel shows only
        the first cell's), then the merges are spread within ``budget`` cells.
        ``texts`` is used up: the covered cells are taken out of it.
        """
        grid = cls(name, hidden)
        for top, left, bottom, right in merges:  # their area is bounded by the caller's checks
            for row in range(top, bottom + 1):
                for col in range(left, right + 1):
                    if (row, col) != (top, left):
                        texts.pop((row, col), None)
        for (row, col), text in sorted(texts.items()):
            grid.put(row, col, GridCell(text, row, col, 1))
        grid.spread_merges(merges, where, budget)
        return grid

    def put(self, row: int, col: int, cell: GridCell) -> None:
        self._rows.setdefault(row, {})[col] = cell
        self._texts.pop(row, None)
        self._max_row = max(self._max_row, row)
        self._max_col = max(self._max_col, col)

    def spread_merges(self, merges: list[Bounds], where: str, budget: int) -> None:
        """Carry each merged range's text over the cells it covers; ranges are (top, left, bottom, right)."""
        last_row, last_col = self.max_row, self.max_col
        for top, left, max_row, max_col in merges:
            bottom, right = min(max_row, last_row), min(max_col, last_col)
            origin = self._rows.get(top, {}).get(left)
            if origin is None:
                continue  # an empty merged range adds nothing
            budget -= max(0, bottom - top + 1) * max(0, right - left + 1)
            if budget < 0:
                raise ExchangeError(f"{where}的合并单元格范围过大，超出导入上限。")
            width = max_col - left + 1
            for row in range(top, bottom + 1):
                for col in range(left, right + 1):
                    self.put(row, col, GridCell(origin.value, top, left, width))

    @property
    def max_row(self) -> int:
        return self._max_row

    @property
    def max_col(self) -> int:
        return self._max_col

    def rows(self, start: int = 1) -> Iterator[int]:
        """Row numbers from ``start`` on that hold any text, in order."""
        for row in sorted(self._rows):
            if row >= start and self.row_texts(row):
                yield row

    def cell(self, row: int, col: int) -> GridCell | None:
        return self._rows.get(row, {}).get(col)

    def text(self, row: int, col: int) -> str:
        """The cell's text, carried down a merged range but not across it."""
        cell = self.cell(row, col)
        return cell.value if cell and cell.left == col else ""

    def fresh(self, row: int, col: int) -> str:
        """The text only if it starts at this row (not carried down from a merge above)."""
        cell = self.cell(row, col)
        return cell.value if cell and cell.left == col and cell.top == row else ""

    def spread_text(self, row: int, col: int) -> str:
        """The text across and down merges: for header cells spanning several columns."""
        cell = self.cell(row, col)
        return cell.value if cell else ""

    def width(self, row: int, col: int) -> int:
        cell = self.cell(row, col)
        return cell.width if cell else 1

    def row_texts(self, row: int) -> dict[int, str]:
        """Column → text for the non-empty cells of a row (carried down, not across); shared, do not change it."""
        texts = self._texts.get(row)
        if texts is None:
            cells = sorted(self._rows.get(row, {}).items())
            texts = self._texts[row] = {col: cell.value for col, cell in cells if cell.value and cell.left == col}
        return texts

    def fresh_texts(self, row: int) -> dict[int, str]:
        """Column → text for the cells whose text starts at this row."""
        return {col: text for col, text in self.row_texts(row).items() if self.fresh(row, col)}
