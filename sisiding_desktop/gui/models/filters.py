"""Filter proxies: the search box over the task tree, and unit/light/text filters over the quarter grid."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from sisiding_desktop.domain.model import Light
from sisiding_desktop.gui.models.quarter_model import LIGHT_ROLE, UNITS_ROLE, QuarterModel

Index = QModelIndex | QPersistentModelIndex
NO_LIGHT = "none"  # the light filter value for rows without a light


class TreeSearchProxy(QSortFilterProxyModel):
    """Rows whose any column contains every word typed; their ancestors stay to give the context."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setAutoAcceptChildRows(True)
        self._words: list[str] = []

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = [w.casefold() for w in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def searching(self) -> bool:
        return bool(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        texts = " ".join(
            str(model.index(source_row, c, source_parent).data() or "") for c in range(model.columnCount())
        ).casefold()
        return all(w in texts for w in self._words)


class QuarterFilterProxy(QSortFilterProxyModel):
    """The grid rows of one unit, one light and matching the typed words (status labels included)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._unit = ""
        self._light: Light | str | None = None
        self._words: list[str] = []
        self._grid: QuarterModel | None = None  # the source model when it is the grid's own

    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt override
        self._grid = model if isinstance(model, QuarterModel) else None
        super().setSourceModel(model)

    def set_unit(self, unit: str) -> None:
        if unit == self._unit:
            return
        self.beginFilterChange()
        self._unit = unit
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_light(self, light: Light | str | None) -> None:
        """A Light, ``NO_LIGHT`` for rows without one, or None for all rows."""
        if light == self._light:
            return
        self.beginFilterChange()
        self._light = light
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = [w.casefold() for w in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not (self._unit or self._light is not None or self._words):
            return True
        model, grid = self.sourceModel(), self._grid
        if grid is not None:  # the grid's own model: plain lookups, no index or data() per row
            if self._unit and not grid.row_has_unit(source_row, self._unit):
                return False
            if self._light is None and not self._words:
                return True
            units = grid.row_units(source_row)
            light = grid.row_light(source_row)
        else:
            first = model.index(source_row, 0, source_parent)
            units = tuple(first.data(UNITS_ROLE) or ())
            light = first.data(LIGHT_ROLE)
            if self._unit and self._unit not in units:
                return False
        wanted = self._light
        if wanted is not None and (light != wanted if light is not None else wanted != NO_LIGHT):
            return False
        if self._words:
            texts = " ".join(
                str(model.index(source_row, c, source_parent).data() or "") for c in range(model.columnCount())
            ).casefold()
            unit_text = " ".join(units).casefold()
            return all(w in texts or w in unit_text for w in self._words)
        return True
