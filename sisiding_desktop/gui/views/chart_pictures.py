"""The briefing's charts (drawn by the report's charting code) shown as pictures, scaled to the box's width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget


class ChartPictures(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pictures: list[QPixmap] = []
        self._labels: list[QLabel] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("各部分完成情况与各单位亮灯图")

    def set_pictures(self, pngs: tuple[bytes, ...]) -> None:
        for label in self._labels:
            label.deleteLater()
        self.pictures, self._labels = [], []
        for png in pngs:
            picture = QPixmap()
            picture.loadFromData(png, "PNG")
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # the box sets the width
            label.setMinimumWidth(200)
            self._layout.addWidget(label)
            self.pictures.append(picture)
            self._labels.append(label)
        if not pngs:
            empty = QLabel("本期还没有可画的数据。")
            self._layout.addWidget(empty)
            self._labels.append(empty)
        self._scale()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        width = max(self.width() - 8, 200)
        for picture, label in zip(self.pictures, self._labels, strict=False):
            scaled = picture.scaledToWidth(min(width, picture.width()), Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(scaled)
