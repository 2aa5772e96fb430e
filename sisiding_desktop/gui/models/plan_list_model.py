"""The list of plans in the open database."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from sisiding_desktop.domain.model import Plan

PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class PlanListModel(QAbstractListModel):
    def __init__(self, plans: list[Plan] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._plans: list[Plan] = list(plans or [])

    def set_plans(self, plans: list[Plan]) -> None:
        self.beginResetModel()
        self._plans = list(plans)
        self.endResetModel()

    def plan_at(self, row: int) -> Plan:
        return self._plans[row]

    def row_of(self, plan_id: int) -> int:
        return next((i for i, p in enumerate(self._plans) if p.id == plan_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._plans)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._plans):
            return None
        plan = self._plans[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return plan.title
        if role == PLAN_ID_ROLE:
            return plan.id
        return None
