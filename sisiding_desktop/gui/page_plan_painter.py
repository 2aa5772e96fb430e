"""Draw the PDF writer's page plan with QPainter, so preview, paper and PDF break pages and lines alike.

The page plan (``render.pdf_pages``) places boxes and text runs in points from
the paper's top-left corner; each run names its font face (the official
Windows font when installed, else the bundled one, which Qt has registered).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

if TYPE_CHECKING:
    from sisiding_desktop.render.pdf_pages import Page, PagePlan

BORDER_PT = 0.5


def paint_page_plan(plan: PagePlan, printer: QPrinter) -> int:
    """Paint every page of ``plan`` on ``printer`` (set to full-page mode); returns the page count."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    scale = printer.resolution() / 72.0
    fonts: dict[tuple[str, float, bool], QFont] = {}
    try:
        for n, page in enumerate(plan.pages):
            if n:
                printer.newPage()
            _paint_page(painter, page, scale, fonts)
    finally:
        painter.end()
    return len(plan.pages)


def _paint_page(painter: QPainter, page: Page, scale: float, fonts: dict) -> None:
    for picture in page.pictures:
        painter.drawImage(
            QRectF(picture.x * scale, picture.y * scale, picture.w * scale, picture.h * scale),
            QImage.fromData(picture.png),
        )
    for box in page.boxes:
        if box.fill:
            painter.fillRect(_rect(box, scale), QColor("#" + box.fill.lstrip("#")))
    painter.setPen(QPen(QColor("black")))
    for line in page.lines:
        for x, run in line.runs:
            painter.setFont(_font(fonts, run.face.family, line.size * scale, line.bold))
            painter.drawText(QPointF(x * scale, line.baseline * scale), run.text)
    pen = QPen(QColor("black"))
    pen.setWidthF(BORDER_PT * scale)
    painter.setPen(pen)
    for box in page.boxes:
        if box.border:
            painter.drawRect(_rect(box, scale))


def _rect(box, scale: float) -> QRectF:
    return QRectF(box.x * scale, box.y * scale, box.w * scale, box.h * scale)


def _font(fonts: dict, family: str, pixels: float, bold: bool) -> QFont:
    key = (family, round(pixels), bold)
    font = fonts.get(key)
    if font is None:
        font = QFont(family)
        font.setPixelSize(max(1, round(pixels)))
        font.setBold(bold)
        fonts[key] = font
    return font
