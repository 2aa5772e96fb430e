"""A painted horizontal bar chart: the mean completion of each chapter (一、二、…)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from sisiding_desktop.services.progress import ChapterSummary

BAR_HEIGHT = 20
ROW_GAP = 10
LABEL_WIDTH_SHARE = 0.42
BAR_COLOR = QColor("#2f7ebd")
TRACK_COLOR = QColor("#e6ebf0")


class CompletionChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chapters: tuple[ChapterSummary, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("各部分完成情况图")

    def set_chapters(self, chapters: tuple[ChapterSummary, ...]) -> None:
        self.chapters = chapters
        self.setToolTip(
            "\n".join(f"{c.title}：平均完成 {c.mean_percent:.0f}%，已完成 {c.done}/{c.total}" for c in chapters)
        )
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, max(60, len(self.chapters) * (BAR_HEIGHT + ROW_GAP) + ROW_GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        if not self.chapters:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "还没有可统计的措施。")
            return
        label_width = int(self.width() * LABEL_WIDTH_SHARE)
        value_width = metrics.horizontalAdvance("100%") + 12
        bar_width = max(self.width() - label_width - value_width - 16, 40)
        y = ROW_GAP
        for chapter in self.chapters:
            label = metrics.elidedText(chapter.title, Qt.TextElideMode.ElideRight, label_width - 8)
            label_rect = QRectF(4, y, label_width - 8, BAR_HEIGHT)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
            track = QRectF(label_width, y + 3, bar_width, BAR_HEIGHT - 6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TRACK_COLOR)
            painter.drawRoundedRect(track, 3, 3)
            filled = QRectF(track)
            filled.setWidth(bar_width * max(0.0, min(chapter.mean_percent, 100.0)) / 100)
            painter.setBrush(BAR_COLOR)
            painter.drawRoundedRect(filled, 3, 3)
            painter.setPen(self.palette().windowText().color())
            value_rect = QRectF(label_width + bar_width + 8, y, value_width, BAR_HEIGHT)
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter, f"{chapter.mean_percent:.0f}%")
            y += BAR_HEIGHT + ROW_GAP
