"""Editors with fixed choices: a status from a list, a percent from 0 to 100, an indicator attribute."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QSpinBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from sisiding_desktop.domain.model import Status


class ComboDelegate(QStyledItemDelegate):
    """A drop-down of (label, value) pairs; picking one keeps it at once."""

    def __init__(self, choices: list[tuple[str, object]], parent=None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QComboBox(parent)
        for label, value in self.choices:
            editor.addItem(label, value)
        editor.activated.connect(lambda _row, e=editor: self._picked(e))
        return editor

    def _picked(self, editor: QComboBox) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        row = editor.findData(value)  # type: ignore[attr-defined]
        editor.setCurrentIndex(max(row, 0))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]


def status_delegate(parent=None) -> ComboDelegate:
    return ComboDelegate([(s.label, s.value) for s in Status], parent)


class PercentDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(0, 100)
        editor.setSingleStep(5)
        editor.setSuffix("%")
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setValue(int(index.data(Qt.ItemDataRole.EditRole) or 0))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        editor.interpretText()  # type: ignore[attr-defined]
        model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]
