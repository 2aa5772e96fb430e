"""Unit names typed with completion: several names separated by 、, each completed from the unit list."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QStyleOptionViewItem, QWidget

from sisiding_desktop.gui.delegates.wrapping import WrappingDelegate

_SEPARATORS = re.compile(r"[、，,；;]")


class MultiNameCompleter(QCompleter):
    """Completes only the name after the last separator and keeps the ones before it."""

    def __init__(self, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setModel(QStringListModel(names, self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [_SEPARATORS.split(path)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex) -> str:
        text = self.widget().text() if self.widget() else ""  # type: ignore[union-attr]
        parts = _SEPARATORS.split(text)
        kept = [p.strip() for p in parts[:-1] if p.strip()]
        return "、".join([*kept, str(index.data())])


def units_editor(parent: QWidget, names: list[str]) -> QLineEdit:
    editor = QLineEdit(parent)
    editor.setPlaceholderText("单位名称，多个用“、”分隔")
    editor.setCompleter(MultiNameCompleter(names, editor))
    return editor


class UnitsDelegate(WrappingDelegate):
    """A line edit over the unit list; ``names`` is asked each time so new units appear at once."""

    def __init__(self, names: Callable[[], list[str]], parent=None) -> None:
        super().__init__(parent)
        self.names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        return units_editor(parent, self.names())

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]
