"""The OK/Cancel row every dialog of the program ends with, labelled in Chinese."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox

OK = QDialogButtonBox.StandardButton.Ok
CANCEL = QDialogButtonBox.StandardButton.Cancel


def ok_cancel(dialog: QDialog, ok_text: str = "确定", on_ok: Callable[[], None] | None = None) -> QDialogButtonBox:
    """确定 (or ``ok_text``, e.g. 导出(&E)) accepts through ``on_ok`` (default: the dialog's accept), 取消 rejects."""
    buttons = QDialogButtonBox(OK | CANCEL)
    buttons.button(OK).setText(ok_text)
    buttons.button(CANCEL).setText("取消")
    buttons.accepted.connect(on_ok or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def close_only(dialog: QDialog) -> QDialogButtonBox:
    """A single 关闭 button, for a dialog whose changes are each saved (and undoable) as they are made."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
    buttons.rejected.connect(dialog.reject)
    return buttons
