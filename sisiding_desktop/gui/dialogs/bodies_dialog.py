"""报送单位名单: the bodies that report to the plan (县/区, 市直单位), added, renamed or removed as undo steps."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from sisiding_desktop.domain.model import ReportingBody
from sisiding_desktop.gui.commands.return_commands import AddBody, DeleteBody, RenameBody
from sisiding_desktop.gui.dialogs.buttons import close_only
from sisiding_desktop.gui.models.row_table import RowTableModel
from sisiding_desktop.gui.session import Session


class BodyListModel(RowTableModel):
    headers = ("报送单位",)

    def body_at(self, row: int) -> ReportingBody | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index) or role != Qt.ItemDataRole.DisplayRole:
            return None
        body: ReportingBody = self._rows[index.row()]
        return body.name + (f"（又名：{'、'.join(body.aliases)}）" if body.aliases else "")


class BodiesDialog(QDialog):
    def __init__(self, session: Session, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.plan_id = session, plan_id
        self.setWindowTitle("报送单位名单")
        self.model = BodyListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        note = QLabel("各县（区）报送的表格按这里的名称（或别名）认出报送单位；改名后旧名称自动作为别名。")
        note.setWordWrap(True)
        self.add_button = QPushButton("新增(&A)…")
        self.rename_button = QPushButton("改名(&R)…")
        self.delete_button = QPushButton("删除(&D)")
        self.add_button.clicked.connect(self.add)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        side = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(close_only(self))
        self.resize(460, 380)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.session.services.bodies.list_bodies(self.plan_id))

    def current(self) -> ReportingBody | None:
        return self.model.body_at(self.list.currentIndex().row())

    def add(self) -> None:
        name = self.session.prompter.text("新增报送单位", "名称（如：惠农区）：")
        if name and name.strip():
            self.session.push(AddBody(self.session, self.plan_id, name.strip()))
            self.reload()

    def rename(self) -> None:
        body = self.current()
        if body is None:
            return
        name = self.session.prompter.text("报送单位改名", "新的名称：", body.name)
        if name and name.strip() and name.strip() != body.name:
            self.session.push(RenameBody(self.session, body, name.strip()))
            self.reload()

    def delete(self) -> None:
        body = self.current()
        if body is None:
            return
        if self.session.prompter.ask("删除报送单位", f"删除“{body.name}”及其各期已读入的报送内容？（可以撤销）"):
            self.session.push(DeleteBody(self.session, body))
            self.reload()
