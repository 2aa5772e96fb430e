"""The shared unit list and one unit's tasks, as table models."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from sisiding_desktop.domain.model import Role, Unit
from sisiding_desktop.gui.models.row_table import RowTableModel
from sisiding_desktop.services.units import UnitTask

UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class UnitListModel(RowTableModel):
    """名称, 别名, 牵头, 配合: every unit, with how many nodes of the plan it leads and supports."""

    headers = ("单位名称", "别名", "牵头", "配合")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._counts: dict[int, tuple[int, int]] = {}

    def set_units(self, units: list[Unit], counts: dict[int, tuple[int, int]]) -> None:
        self.beginResetModel()
        self._rows, self._counts = list(units), dict(counts)
        self.endResetModel()

    def unit_at(self, row: int) -> Unit | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, unit_id: int) -> int:
        return next((i for i, u in enumerate(self._rows) if u.id == unit_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        unit: Unit = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            lead, support = self._counts.get(unit.id, (0, 0))
            return (unit.name, "、".join(unit.aliases), str(lead), str(support))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == UNIT_ID_ROLE:
            return unit.id
        return None


class UnitTasksModel(RowTableModel):
    """计划, 类型, 角色, 内容: the nodes a unit leads or supports."""

    headers = ("计划", "类型", "角色", "内容")

    def set_tasks(self, tasks: list[UnitTask]) -> None:
        self.set_rows(tasks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        task: UnitTask = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            role_text = "牵头" if task.role is Role.LEAD else "配合"
            return (task.plan_title, task.kind.label, role_text, task.text)[index.column()]
        if role == NODE_ID_ROLE:
            return task.node_id
        if role == PLAN_ID_ROLE:
            return task.plan_id
        return None
