"""Lay a Word document's tables out as :class:`SheetGrid` objects, within the read limits.

Each table of the body becomes a grid named 表1, 表2 …; the paragraphs
written just above it (the 附件 label, the title) become rows above the
table, one paragraph a row, so the title is found as in a workbook. A table
that follows the previous one with nothing written between them (Word splits
a table that way at a page break) continues the same grid. Cells take their
columns from the table grid: ``w:gridBefore`` and ``w:gridSpan`` move along
it; a span becomes a merged range across, a ``w:vMerge`` restart and the
continuing cells below it a merged range down.
"""

from __future__ import annotations

from collections import deque

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.opening.docx_stream import BodyEvents
from sisiding_desktop.exchange.opening.limits import ReadLimits

KEPT_PARAGRAPHS = 6  # written paragraphs kept above a table: the label, the title, a line or two more


class _GridParts:
    """One grid being collected: texts by (row, col) and merged ranges as [top, left, bottom, right]."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.texts: dict[tuple[int, int], str] = {}
        self.merges: list[list[int]] = []
        self.rows = 0


class DocumentGrids(BodyEvents):
    """Collects the grids of one document as its body streams past; :attr:`grids` when done."""

    def __init__(self, file_name: str, limits: ReadLimits) -> None:
        self.grids: list[SheetGrid] = []
        self._file = file_name
        self._limits = limits
        self._written: deque[str] = deque(maxlen=KEPT_PARAGRAPHS)  # since the last table
        self._parts: _GridParts | None = None
        self._down: dict[int, list[int]] = {}  # column → the merged range a vMerge continues there
        self._merged_area = 0  # over the whole document
        self._col = 1

    def finish(self) -> list[SheetGrid]:
        self._close_grid()
        return self.grids

    def paragraph(self, text: str) -> None:
        if text.strip():
            self._written.append(text)

    def table_start(self) -> None:
        self._down = {}
        if self._parts is not None and not self._written:
            return  # nothing written since the last table: this one continues it
        self._close_grid()
        self._parts = _GridParts(f"表{len(self.grids) + 1}")
        for text in self._written:
            self.row_start(0)
            if len(text) > self._limits.max_cell_chars:
                raise ExchangeError(self._too_long(self._parts.rows, 1))
            self._parts.texts[(self._parts.rows, 1)] = text.strip()
        self._written.clear()

    def row_start(self, before: int) -> None:
        parts = self._current()
        parts.rows += 1
        if parts.rows > self._limits.max_rows:
            raise ExchangeError(f"{self._where()}超过 {self._limits.max_rows} 行，超出导入上限。")
        self._col = 1 + before

    def cell(self, text: str, span: int, vmerge: str | None) -> None:
        parts, limits = self._current(), self._limits
        row, left = parts.rows, self._col
        right = left + span - 1
        self._col = right + 1
        if right > limits.max_columns:
            raise ExchangeError(f"{self._where()}超过 {limits.max_columns} 列，超出导入上限。")
        if len(text) > limits.max_cell_chars:
            raise ExchangeError(self._too_long(row, left))
        above = self._down.get(left)
        if vmerge == "continue" and above is not None and above[2] == row - 1:
            above[2] = row  # the range in the row above grows down by this row; the cell's own text is hidden
            self._count_merged(above[3] - above[1] + 1)
            return
        for col in range(left, right + 1):
            self._down.pop(col, None)
        if text:
            parts.texts[(row, left)] = text
        if vmerge == "restart" or span > 1:
            merged = [row, left, row, right]
            parts.merges.append(merged)
            self._count_merged(span)
            if vmerge == "restart":
                self._down[left] = merged

    def table_end(self) -> None:
        self._down = {}

    def cell_too_long(self) -> None:
        parts = self._current()
        raise ExchangeError(self._too_long(parts.rows, self._col))

    def _current(self) -> _GridParts:
        if self._parts is None:  # the events always open a table first
            raise ValueError("a table row outside a table")
        return self._parts

    def _count_merged(self, cells: int) -> None:
        self._merged_area += cells
        if self._merged_area > self._limits.max_merged_cells:
            raise ExchangeError(f"{self._where()}的合并单元格范围过大，超出导入上限。")

    def _close_grid(self) -> None:
        parts, self._parts = self._parts, None
        if parts is None:
            return
        merges = [
            (top, left, bottom, right) for top, left, bottom, right in parts.merges if (top, left) != (bottom, right)
        ]
        where = f"文件“{self._file}”的表格“{parts.name}”"
        budget = self._limits.max_merged_cells
        grid = SheetGrid.from_texts(parts.name, False, parts.texts, merges, where, budget)
        grid.kind = "表格"
        self.grids.append(grid)

    def _where(self) -> str:
        return f"文件“{self._file}”的表格“{self._current().name}”"

    def _too_long(self, row: int, col: int) -> str:
        return f"{self._where()}第 {row} 行第 {col} 列的单元格超过 {self._limits.max_cell_chars} 个字符，无法导入。"
