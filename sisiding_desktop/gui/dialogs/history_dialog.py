"""修改记录: every logged change of one measure or task (read-only)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from sisiding_desktop.gui.models.history_model import HistoryModel
from sisiding_desktop.services.history import ChangeEntry


class HistoryDialog(QDialog):
    def __init__(self, title: str, entries: list[ChangeEntry], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("修改记录")
        heading = QLabel(title)
        heading.setWordWrap(True)
        self.model = HistoryModel(self)
        self.model.set_rows(entries)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        empty = QLabel("还没有修改记录。")
        empty.setVisible(not entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(empty)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 480)
