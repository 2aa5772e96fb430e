"""The application object: Chinese texts on Qt's own buttons, the program's icon."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from sisiding_desktop.gui.application import create_application


def test_qt_standard_buttons_speak_chinese_and_the_window_has_the_icon(qapp):
    app = create_application()
    assert app is qapp
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert [button.text() for button in box.buttons()] == ["确定", "取消"]
    question = QMessageBox()
    question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {button.text() for button in question.buttons()} == {"是(&Y)", "否(&N)"}
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes() or app.windowIcon().pixmap(32, 32).width() == 32
