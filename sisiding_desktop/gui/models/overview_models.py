"""The overview's tables: lead units' counts, and the late and due-soon measures."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sisiding_desktop.domain.model import Light
from sisiding_desktop.gui.models.quarter_model import LIGHT_COLORS
from sisiding_desktop.gui.models.row_table import RowTableModel
from sisiding_desktop.services.progress import LateItem, UnitSummary

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class UnitSummaryModel(RowTableModel):
    headers = ("牵头单位", "措施数", "已完成", "完成率", "红灯", "黄灯")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        unit: UnitSummary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            rate = f"{unit.done * 100 // unit.total}%" if unit.total else "—"
            return (unit.unit, str(unit.total), str(unit.done), rate, str(unit.red), str(unit.yellow))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 4 and unit.red:
                return QColor(LIGHT_COLORS[Light.RED])
            if column == 5 and unit.yellow:
                return QColor("#a67c00")
        return None


class LateModel(RowTableModel):
    headers = ("亮灯", "序号", "具体措施", "牵头单位", "完成时限", "状态")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.numbers: dict[int, str] = {}  # node id → the grid's number (2-1)
        self.deadlines: dict[int, str] = {}  # node id → the due date the light was judged by

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        item: LateItem = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            status = item.progress.status.label if item.progress else "未填报"
            units = "、".join(u.name for u in item.node.lead)
            number = self.numbers.get(item.node.id, item.node.number)
            deadline = self.deadlines.get(item.node.id, item.node.deadline.text)
            values = (item.light.label, number, item.node.text, units, deadline, status)
            return values[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(LIGHT_COLORS[item.light])
        if role == NODE_ID_ROLE:
            return item.node.id
        return None
