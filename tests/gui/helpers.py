"""Small steps a person takes in the window, for the GUI tests."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget


def find_index(view: QAbstractItemView, text: str, column: int = 1) -> QModelIndex:
    """The view's index (through any proxy) whose display text in ``column`` starts with ``text``."""
    model = view.model()

    def search(parent: QModelIndex) -> QModelIndex:
        for row in range(model.rowCount(parent)):
            index = model.index(row, column, parent)
            if str(index.data() or "").startswith(text):
                return index
            found = search(model.index(row, 0, parent))
            if found.isValid():
                return found
        return QModelIndex()

    found = search(QModelIndex())
    assert found.isValid(), f"no row starting with {text!r}"
    return found


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type ``text`` as a person does: Latin keys one by one, Chinese committed by the input method."""
    chunk = ""
    for char in text + "\0":
        if char.isascii() and char != "\0":
            if chunk:
                _commit(widget, chunk)
                chunk = ""
            qtbot.keyClicks(widget, char)
        elif char != "\0":
            chunk += char
    if chunk:
        _commit(widget, chunk)


def _commit(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click_cell(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_editor(qtbot, view: QAbstractItemView, index: QModelIndex) -> QWidget:
    """Select the cell and press F2, as a person would; return the editor that opened."""
    click_cell(qtbot, view, index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    return current_editor(view)


def current_editor(view: QAbstractItemView) -> QWidget:
    """The editor open on the view's current cell."""
    editor = view.indexWidget(view.currentIndex()) or QApplication.focusWidget()
    assert editor is not None and editor is not view, "no editor opened"
    return editor


def type_into_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """F2, select everything, type ``text``, Tab to keep it."""
    editor = open_editor(qtbot, view, index)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def press(qtbot, widget: QWidget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)
