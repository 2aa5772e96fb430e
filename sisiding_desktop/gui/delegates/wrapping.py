"""Row heights that fit wrapped text: a tree view asks for a size hint without the column's width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

PADDING = 8
MAX_LINES = 12  # a very long cell stays readable in its editor or tooltip, not as a screen-high row


class WrappingDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        width = option.rect.width()
        if isinstance(view, QAbstractItemView) and hasattr(view, "columnWidth"):
            width = view.columnWidth(index.column())  # type: ignore[attr-defined]
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if width <= PADDING or not text:
            return size
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        metrics = QFontMetrics(font)
        rect = metrics.boundingRect(QRect(0, 0, width - PADDING, 100_000), int(Qt.TextFlag.TextWordWrap), str(text))
        height = min(rect.height(), metrics.lineSpacing() * MAX_LINES) + PADDING
        return QSize(size.width(), max(size.height(), height))
