"""连接服务器数据库: host, port, database and user of a PostgreSQL server, and the password, asked each time."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from sisiding_desktop.gui.dialogs.buttons import ok_cancel
from sisiding_desktop.store.server import DEFAULT_PORT, parse_url, server_url


class ServerDialog(QDialog):
    def __init__(self, remembered: str = "", parent: QWidget | None = None) -> None:
        """``remembered``: an address used before (without password) to start from."""
        super().__init__(parent)
        self.setWindowTitle("连接服务器数据库")
        host, port, database, user = "127.0.0.1", DEFAULT_PORT, "sisiding", _login()
        if remembered:
            url = parse_url(remembered)
            host, port, database, user = url.host or host, url.port or port, url.database or database, url.username
        self.host = QLineEdit(host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(port)
        self.database = QLineEdit(database)
        self.user = QLineEdit(user or "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("服务器(&H)：", self.host)
        form.addRow("端口(&P)：", self.port)
        form.addRow("数据库(&D)：", self.database)
        form.addRow("用户名(&U)：", self.user)
        form.addRow("密码(&W)：", self.password)
        hint = QLabel(
            "密码只用于这次连接，不会保存在设置或日志中。数据库由本单位的信息管理人员在 PostgreSQL 服务器上建立。"
        )
        hint.setWordWrap(True)
        self.buttons = ok_cancel(self, "连接(&C)")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        (self.password if remembered else self.host).setFocus()

    def address(self) -> str:
        """The address to open, the password in it."""
        return server_url(
            self.host.text().strip(),
            self.port.value(),
            self.database.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )


def _login() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
