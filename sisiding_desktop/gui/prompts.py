"""Every question and message the program puts to the person, in one replaceable place.

Widgets never open a modal box themselves; they ask the window's ``Prompter``.
Tests hand in a scripted prompter, so no modal dialog ever blocks them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton, QWidget


class Prompter:
    """Message boxes, file choosers and dialogs shown over ``parent``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self.parent, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

    def choose(self, title: str, text: str, options: list[str]) -> int | None:
        """The index of the option clicked, or None when the box was closed."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self.parent)
        buttons: list[QPushButton] = [box.addButton(o, QMessageBox.ButtonRole.AcceptRole) for o in options]
        box.setDefaultButton(buttons[0])
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    def text(self, title: str, label: str, value: str = "") -> str | None:
        text, ok = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Normal, value)
        return text if ok else None

    def item(self, title: str, label: str, items: list[str]) -> str | None:
        text, ok = QInputDialog.getItem(self.parent, title, label, items, 0, False)
        return text if ok else None

    def open_file(self, title: str, directory: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.parent, title, directory, file_filter)
        return Path(name) if name else None

    def open_files(self, title: str, directory: str, file_filter: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self.parent, title, directory, file_filter)
        return [Path(name) for name in names]

    def save_file(self, title: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, file_filter)
        return Path(name) if name else None

    def choose_folder(self, title: str, directory: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self.parent, title, directory)
        return Path(name) if name else None

    def run_dialog(self, dialog: QDialog) -> bool:
        """Show a dialog modally; True when accepted."""
        return dialog.exec() == QDialog.DialogCode.Accepted
