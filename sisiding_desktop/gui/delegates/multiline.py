"""A multi-line text editor for long cells (内容, 进展情况, 存在问题 …).

Enter starts a new line; Tab, Ctrl+Enter or clicking elsewhere keeps the
text; Esc throws it away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from sisiding_desktop.gui.delegates.wrapping import WrappingDelegate

MIN_EDITOR_HEIGHT = 110


class MultilineDelegate(WrappingDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setFrameShape(QPlainTextEdit.Shape.Box)
        editor.setToolTip("回车换行；Tab 或 Ctrl+回车 保存；Esc 放弃")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole)
        editor.setPlainText("" if text is None else str(text))  # type: ignore[attr-defined]
        editor.moveCursor(editor.textCursor().MoveOperation.End)  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = QRect(option.rect)
        rect.setHeight(max(rect.height(), MIN_EDITOR_HEIGHT))
        rect.setWidth(max(rect.width(), 260))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            hint = None
            if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                hint = QStyledItemDelegate.EndEditHint.SubmitModelCache
            elif event.key() == Qt.Key.Key_Tab:  # Qt leaves Tab to text editors; here it moves on like in a table
                hint = QStyledItemDelegate.EndEditHint.EditNextItem
            elif event.key() == Qt.Key.Key_Backtab:
                hint = QStyledItemDelegate.EndEditHint.EditPreviousItem
            if hint is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)
