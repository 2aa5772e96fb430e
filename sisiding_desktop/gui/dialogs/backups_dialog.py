"""从备份恢复: pick one of the automatic backups (newest first) or another backup file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.gui.models.backup_list_model import BackupListModel
from sisiding_desktop.services.backups import BackupInfo


class BackupsDialog(QDialog):
    """Accepted with ``chosen`` set to a backup, or with ``wants_other_file`` when the person will pick a file."""

    def __init__(self, backups: list[BackupInfo], folder: Path, keep: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        self.folder = folder
        self.chosen: Path | None = None
        self.wants_other_file = False
        self.model = BackupListModel(self)
        self.model.set_rows(backups)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        note = QLabel(
            f"程序在每天首次启动、导入和升级之前自动备份数据库，保留最近 {keep} 份（可在“设置”中修改）。"
            "恢复前，当前数据会先自动备份一份。"
            if backups
            else "还没有自动备份。可以选择其他备份文件恢复。"
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("从所选备份恢复(&R)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = buttons.addButton("选择其他备份文件(&F)…", QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button: QPushButton = buttons.addButton("打开备份文件夹(&O)", QDialogButtonBox.ButtonRole.HelpRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button.clicked.connect(self._other_file)
        self.folder_button.clicked.connect(self._open_folder)
        self.folder_button.setEnabled(folder.is_dir())
        close.clicked.connect(self.reject)
        self.restore_button.setEnabled(bool(backups))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        if backups:
            self.table.selectRow(0)
        self.resize(760, 420)

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        info = self.model.backup_at(rows[0].row()) if rows else None
        if info is not None:
            self.chosen = info.path
            self.accept()

    def _other_file(self) -> None:
        self.wants_other_file = True
        self.accept()

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
