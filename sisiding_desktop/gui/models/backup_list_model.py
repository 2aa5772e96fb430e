"""The automatic backups of the open database, newest first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from sisiding_desktop.gui.models.row_table import RowTableModel
from sisiding_desktop.services.backups import BackupInfo

Index = QModelIndex | QPersistentModelIndex


class BackupListModel(RowTableModel):
    headers = ("备份时间", "备份原因", "大小", "文件")

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        info: BackupInfo = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (info.made, info.reason, f"{info.size_kb:,} KB", info.path.name)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
