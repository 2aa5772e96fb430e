"""帮助 › 使用说明: the built-in manual (resources/help/使用说明.md) shown in a window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from sisiding_desktop.gui.fonts import ui_font
from sisiding_desktop.gui.prompts import Prompter
from sisiding_desktop.machine.paths import resource_path

MANUAL_PARTS = ("help", "使用说明.md")
MISSING_TEXT = "找不到使用说明文件（{path}）。程序的安装可能不完整，请重新复制整个程序文件夹。"
UNREADABLE_TEXT = "无法读取使用说明文件（{path}）。程序的安装可能不完整，请重新复制整个程序文件夹。"
READING_POINT_SIZE = 10.5  # a little larger than the menus: this is read, not glanced at


def manual_path() -> Path:
    """Where the manual is, beside the source tree or inside the packaged program."""
    return resource_path(*MANUAL_PARTS)


def read_manual(path: Path) -> tuple[str, bool]:
    """(the manual's Markdown, True) or (a Chinese sentence saying why it cannot be shown, False)."""
    try:
        return path.read_text(encoding="utf-8"), True
    except FileNotFoundError:
        return MISSING_TEXT.format(path=path), False
    except (OSError, UnicodeDecodeError):
        return UNREADABLE_TEXT.format(path=path), False


class ManualDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # the manual has no links; nothing may navigate away from it
        self.browser.setFont(ui_font(max(QApplication.font().pointSizeF(), READING_POINT_SIZE)))
        self.browser.document().setDocumentMargin(14)
        text, self.found = read_manual(path or manual_path())
        if self.found:
            self.browser.setMarkdown(text)
        else:
            self.browser.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 640)
        self.browser.setFocus()  # the arrow and page keys scroll the text at once


def show_manual(parent: QWidget | None, prompter: Prompter) -> None:
    """Show the manual over ``parent`` through the window's prompter (tests drive the dialog)."""
    dialog = ManualDialog(parent)
    try:
        prompter.run_dialog(dialog)
    finally:
        dialog.deleteLater()  # a new one each time: the window does not keep closed manuals
