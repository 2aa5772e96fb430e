"""季度推进情况报告: the draft the program wrote, editable as plain paragraphs before it is saved."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from sisiding_desktop.gui.dialogs.buttons import ok_cancel

FORMATS = (("docx", "Word 文档（.docx）"), ("pdf", "PDF 文件（.pdf）"))


class BriefingDialog(QDialog):
    def __init__(self, title: str, draft_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"季度推进情况报告 — {title}")
        self.resize(820, 720)
        self.editor = QPlainTextEdit(draft_text)
        font = QFont(self.editor.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.editor.setFont(font)
        self.format = QComboBox()
        for value, label in FORMATS:
            self.format.addItem(label, value)
        hint = QLabel(
            "每段之间空一行。以“一、”“（一）”开头的段落为标题，［图1：…］处放图表（删去即不放），"
            "“附件：”一段之后附本期推进情况表。修改只写入这份文件，不改动计划中的数据。"
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow("保存为(&F)：", self.format)
        self.buttons = ok_cancel(self, "保存(&S)…")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def text(self) -> str:
        return self.editor.toPlainText()

    def fmt(self) -> str:
        return str(self.format.currentData())
