"""Share a table's width among its text columns, so a wide screen widens the texts and a small one scrolls least."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView


class ProportionalColumns(QObject):
    """Fixed widths for the short columns; the rest of the viewport split among the others by weight.

    Refitted whenever the table's viewport changes size; below the minimum widths the table scrolls sideways.
    """

    def __init__(
        self,
        table: QTableView,
        fixed: dict[int, int] | None = None,
        weights: dict[int, int] | None = None,
        minimum: dict[int, int] | None = None,
    ) -> None:
        super().__init__(table)
        self.table = table
        self.fixed: dict[int, int] = {}
        self.weights: dict[int, int] = {}
        self.minimum: dict[int, int] = {}
        table.horizontalHeader().setStretchLastSection(False)
        table.viewport().installEventFilter(self)
        self.configure(fixed or {}, weights or {}, minimum or {})

    def configure(self, fixed: dict[int, int], weights: dict[int, int], minimum: dict[int, int]) -> None:
        """New columns (a model whose columns change, e.g. one per plan year), fitted at once."""
        self.fixed, self.weights, self.minimum = fixed, weights, minimum
        header = self.table.horizontalHeader()
        for column in (*fixed, *weights):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.fit()

    def widths(self, available: int) -> dict[int, int]:
        """Column → width for a viewport ``available`` pixels wide."""
        spare = max(available - sum(self.fixed.values()), 0)
        total = sum(self.weights.values()) or 1
        shared = {
            column: max(spare * weight // total, self.minimum.get(column, 0)) for column, weight in self.weights.items()
        }
        return {**self.fixed, **shared}

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        for column, width in self.widths(self.table.viewport().width()).items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.fit()
        return False
