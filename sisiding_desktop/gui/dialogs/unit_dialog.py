"""新建单位: the name (checked against the unit list before the dialog closes), short name and kind."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.gui.dialogs.buttons import OK, ok_cancel
from sisiding_desktop.services import ServiceError

KINDS = ("", "局", "委", "办", "中心", "乡镇", "企业")


class NewUnitDialog(QDialog):
    """``check`` gets the typed name and raises ServiceError when it cannot be a new unit's name."""

    def __init__(self, check: Callable[[str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建单位")
        self.check = check
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：县农业农村局")
        self.name.setMaxLength(200)
        self.short_name = QLineEdit()
        self.short_name.setPlaceholderText("可不填，如：农业农村局")
        self.short_name.setMaxLength(100)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(KINDS)
        self.kind.lineEdit().setMaxLength(20)
        self.kind.lineEdit().setPlaceholderText("可不填")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("单位名称(&N)：", self.name)
        form.addRow("简称(&S)：", self.short_name)
        form.addRow("类别(&K)：", self.kind)
        self.buttons = ok_cancel(self)
        self.ok_button = self.buttons.button(OK)
        self.name.textChanged.connect(self._name_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("新单位加入共用的单位列表，所有计划都可以使用。"))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._name_changed("")
        self.resize(440, 200)

    def _name_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))
        self.problem.hide()

    def accept(self) -> None:
        """Close only with a name the unit list can take; otherwise say why and stay open."""
        try:
            self.check(self.name.text())
        except ServiceError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.name.setFocus()
            self.name.selectAll()
            return
        super().accept()

    def values(self) -> tuple[str, str, str]:
        """Name, short name and kind as typed."""
        return self.name.text().strip(), self.short_name.text().strip(), self.kind.currentText().strip()
