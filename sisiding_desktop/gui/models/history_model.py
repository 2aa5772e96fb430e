"""One node's change log: when, who, what, old → new."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from sisiding_desktop.gui.models.row_table import RowTableModel
from sisiding_desktop.services.history import ChangeEntry

Index = QModelIndex | QPersistentModelIndex


class HistoryModel(RowTableModel):
    headers = ("时间", "操作人", "修改项目", "原内容", "新内容")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        entry: ChangeEntry = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (f"{entry.at:%Y-%m-%d %H:%M}", entry.user or "—", entry.what, entry.old, entry.new)
            return values[index.column()]
        return None
