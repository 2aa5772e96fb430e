"""Draw a page plan on a reportlab canvas: fills, then text, then cell borders.

Text is drawn run by run with ``textOut`` (never through a Paragraph), so
user text is never read as markup; it stays real, selectable text.  Bold is
a thin outline around the glyphs (text render mode 2), as the bundled
Chinese fonts have no bold face.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable

from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sisiding_desktop.render.pdf_pages import Box, Page, PagePlan, TextLine

BORDER_PT = 0.6
BOLD_STROKE = 0.4  # points: the outline that makes text bold


def draw_plan(canvas: Canvas, plan: PagePlan, progress: Callable[[float, str], None] | None = None) -> None:
    """Every page of ``plan`` onto ``canvas`` (one ``showPage`` each)."""
    for n, page in enumerate(plan.pages):
        draw_page(canvas, page, plan.height)
        canvas.showPage()
        if progress and n % 20 == 0:
            progress((n + 1) / len(plan.pages), f"正在绘制第{page.number}页")


def draw_page(canvas: Canvas, page: Page, height: float) -> None:
    for picture in page.pictures:
        canvas.drawImage(ImageReader(io.BytesIO(picture.png)), picture.x, height - picture.y - picture.h,
                         picture.w, picture.h)  # fmt: skip
    _fills(canvas, page.boxes, height)
    canvas.setLineWidth(BOLD_STROKE)
    _text(canvas, page.lines, height)
    _borders(canvas, page.boxes, height)


def _fills(canvas: Canvas, boxes: list[Box], height: float) -> None:
    by_colour: dict[str, list[Box]] = defaultdict(list)
    for box in boxes:
        if box.fill:
            by_colour[box.fill].append(box)
    for colour, group in by_colour.items():
        canvas.setFillColor(_colour(colour))
        for b in group:
            canvas.rect(b.x, height - b.y - b.h, b.w, b.h, stroke=0, fill=1)
    canvas.setFillColor(black)


def _borders(canvas: Canvas, boxes: list[Box], height: float) -> None:
    canvas.setLineWidth(BORDER_PT)
    canvas.setStrokeColor(black)
    for b in boxes:
        if b.border:
            canvas.rect(b.x, height - b.y - b.h, b.w, b.h, stroke=1, fill=0)


def _text(canvas: Canvas, lines: list[TextLine], height: float) -> None:
    """All lines in one text object, in reading order, so copied or extracted text reads right."""
    if not lines:
        return
    text = canvas.beginText()
    current: tuple[str, float] | None = None
    bold = False
    for line in lines:
        if line.bold != bold:
            bold = line.bold
            text.setTextRenderMode(2 if bold else 0)  # 2: fill and outline the glyphs
        y = height - line.baseline
        for x, run in line.runs:
            if current != (run.font, line.size):
                current = (run.font, line.size)
                text.setFont(run.font, line.size)
            text.setTextOrigin(x, y)
            text.textOut(run.text)
    canvas.drawText(text)


_colours: dict[str, Color] = {}


def _colour(rgb: str) -> Color:
    colour = _colours.get(rgb)
    if colour is None:
        colour = _colours[rgb] = HexColor("#" + rgb.lstrip("#"))
    return colour
