"""A report layout laid out on pages: boxes and lines of text placed in points.

The page plan is a display list that any painter can draw the same way: the
PDF writer draws it with reportlab, and a print preview can draw it with
QPainter (each text run names its font file), so paper, PDF and preview
break pages and lines identically.  Coordinates are points from the page's
top-left corner, y downwards.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sisiding_desktop.render.pdf_fonts import FontBook, Run
from sisiding_desktop.render.pdf_measure import PAD_Y, Measurer, pad_x
from sisiding_desktop.render.pdf_paginate import paginate
from sisiding_desktop.render.pdf_text import shown
from sisiding_desktop.reports.layout import CellStyle, ReportLayout, Row
from sisiding_desktop.reports.styles import LABEL_PT, NOTE_PT, SUBTITLE_PT, TITLE_PT

MM = 72 / 25.4
FOOTER_PT = 14.0  # 四号, as in the xlsx footer
PAGE_NUMBER = "— {} —"
BASELINE = 0.38  # the middle of a CJK glyph lies this many ems above its baseline

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Box:
    """A cell's rectangle: ``fill`` an ``RRGGBB`` colour or None; ``border`` a thin black frame."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    border: bool = True


@dataclass(frozen=True)
class TextLine:
    """One line of text: runs at their x positions on one baseline, ``width`` points wide in all.

    ``bold`` asks for a heavier stroke (the Chinese faces have no bold).
    """

    baseline: float
    size: float
    runs: tuple[tuple[float, Run], ...]
    width: float
    bold: bool = False

    @property
    def x(self) -> float:
        return self.runs[0][0]


@dataclass(frozen=True)
class Picture:
    """A PNG placed on a page (points from the top left)."""

    x: float
    y: float
    w: float
    h: float
    png: bytes


@dataclass
class Page:
    """One sheet: its number (from 1), cell boxes, text lines in reading order, and pictures."""

    number: int
    boxes: list[Box] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


@dataclass(frozen=True)
class PagePlan:
    """Every page of a report, ready to draw; ``width``/``height`` of the paper in points."""

    width: float
    height: float
    pages: tuple[Page, ...]
    content: tuple[float, float, float, float]  # left, top, right, bottom of the printable area


class _Painter:
    """Places boxes and text on the current page."""

    def __init__(self, fonts: FontBook, measurer: Measurer) -> None:
        self.fonts, self.measurer = fonts, measurer
        self.page = Page(1)

    def text(self, text: str, style: CellStyle, x: float, y: float, w: float, h: float, pad: bool = True) -> None:
        """``text`` wrapped in the box (x, y, w, h) with the style's alignment; ``pad``: a cell's inner margins."""
        inner = pad_x(w) if pad else 0.0
        wrapped = self.measurer.lines(text, style, w - 2 * inner)
        lh = wrapped.line_height
        block = len(wrapped.lines) * lh
        top = y + PAD_Y
        if style.valign == "center":
            top = y + (h - block) / 2
        elif style.valign == "bottom":
            top = y + h - PAD_Y - block
        for n, line in enumerate(wrapped.lines):
            self.line(shown(line), style, x + inner, top + n * lh + lh / 2, w - 2 * inner)

    def line(self, text: str, style: CellStyle, x: float, middle: float, w: float) -> None:
        """One line whose glyphs are centred on ``middle``, aligned within ``w``."""
        if not text:
            return
        size = style.size_pt
        pieces = self.fonts.runs(text, style.font_role, size)
        width = sum(run_width for _, run_width in pieces)
        if style.align == "center":
            x += (w - width) / 2
        elif style.align == "right":
            x += w - width
        runs: list[tuple[float, Run]] = []
        for run, run_width in pieces:
            runs.append((x, run))
            x += run_width
        self.page.lines.append(TextLine(middle + BASELINE * size, size, tuple(runs), width, style.bold))

    def rows(self, rows: Sequence[Row], heights: Sequence[float], index: range, xs: Sequence[float], y: float) -> float:
        """Place ``rows[index]`` from ``y`` down; returns the y below them.  Spans end inside ``index``."""
        tops: dict[int, float] = {}
        for r in index:
            tops[r] = y
            y += heights[r]
        for r in index:
            for c, cell in enumerate(rows[r].cells):
                if cell.spanned:
                    continue
                last = min(r + cell.row_span, index.stop)
                h = sum(heights[r:last])
                x, w = xs[c], xs[c + cell.col_span] - xs[c]
                style = cell.style
                self.page.boxes.append(Box(x, tops[r], w, h, style.fill, style.border))
                self.text(cell.text, style, x, tops[r], w, h)
        return y


def plan_pages(
    layout: ReportLayout, fonts: FontBook | None = None, *, progress: Progress | None = None, first_number: int = 1
) -> PagePlan:
    """Lay ``layout`` out on pages: heading lines, header rows on every page, body rows, notes, page numbers
    (from ``first_number``: a table printed after another goes on counting)."""
    fonts = fonts or FontBook()
    measurer = Measurer(fonts)
    width, height = (v * MM for v in layout.page.size_mm)
    m = layout.page.margins_mm
    left, top, right, bottom = m.left * MM, m.top * MM, width - m.right * MM, height - m.bottom * MM
    xs = _column_edges(layout, left, right - left)
    widths = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    heading = _heading(layout, right - left, measurer)
    heading_h = sum(h for *_, h in heading)
    header_h = measurer.row_heights(layout.header_rows, widths)
    room = bottom - top - sum(header_h)
    if progress:
        progress(0.05, "正在计算分页")
    paged = paginate(layout.rows, layout.columns, widths, measurer, room, room - heading_h)

    painter = _Painter(fonts, measurer)
    pages: list[Page] = []
    header_index = range(len(layout.header_rows))
    y = top
    for n, index in enumerate(paged.pages):
        painter.page = Page(n + first_number)
        y = top
        if n == 0:
            for text, style, h in heading:
                painter.text(text, style, left, y, right - left, h, pad=False)
                y += h
        y = painter.rows(layout.header_rows, header_h, header_index, xs, y)
        y = painter.rows(paged.rows, paged.heights, index, xs, y)
        pages.append(painter.page)
        if progress and n % 20 == 0:
            progress(0.05 + 0.9 * (n + 1) / len(paged.pages), f"正在排版第{n + 1}页")
    _notes(layout, painter, pages, (left, top, right, bottom), y)
    for png in layout.figures:  # each on a page of its own, after the table
        pages.append(_figure_page(png, len(pages) + first_number, (left, top, right, bottom)))
    if layout.footer_page_numbers:
        _page_numbers(pages, painter, width, height - m.footer * MM)
    return PagePlan(width, height, tuple(pages), (left, top, right, bottom))


def _column_edges(layout: ReportLayout, left: float, width: float) -> list[float]:
    """x of every column edge: the columns share the printable width in proportion to their widths."""
    total = layout.total_width_chars or 1.0
    edges, acc = [left], 0.0
    for column in layout.columns:
        acc += column.width_chars
        edges.append(left + width * acc / total)
    return edges


def _heading(layout: ReportLayout, width: float, measurer: Measurer) -> list[tuple[str, CellStyle, float]]:
    """附件 label, title and subtitle above the table: (text, style, height)."""

    def block(text: str, style: CellStyle) -> float:
        return len(measurer.lines(text, style, width).lines) * style.size_pt * 1.45

    lines: list[tuple[str, CellStyle, float]] = []
    if layout.attachment_label:
        lines.append((layout.attachment_label, CellStyle("heading", LABEL_PT, align="left", border=False), 30.0))
    if layout.title:
        style = CellStyle("title", TITLE_PT, align="center", border=False)
        lines.append((layout.title, style, block(layout.title, style) + 4.0))
    if layout.subtitle:
        style = CellStyle("kai", SUBTITLE_PT, align="center", border=False)
        lines.append((layout.subtitle, style, block(layout.subtitle, style)))
    if lines:
        lines.append(("", CellStyle(border=False), 6.0))  # a little air above the table
    return lines


def _notes(layout: ReportLayout, painter: _Painter, pages: list[Page], area: tuple[float, ...], y: float) -> None:
    """注：… lines below the table, on a new page when the last one is full."""
    left, top, right, bottom = area
    style = CellStyle("body", NOTE_PT, border=False)
    for text in layout.notes:
        h = painter.measurer.lines(text, style, right - left).height
        if y + 4.0 + h > bottom:
            painter.page = Page(len(pages) + 1)
            pages.append(painter.page)
            y = top
        painter.page = pages[-1]
        painter.text(text, style, left, y + 4.0, right - left, h, pad=False)
        y += 4.0 + h


FIGURE_MAX_W = 160 * MM  # a chart as wide as the text of a 公文 page, however wide the paper


def _figure_page(png: bytes, number: int, area: tuple[float, float, float, float]) -> Page:
    from reportlab.lib.utils import ImageReader

    left, top, right, bottom = area
    width_px, height_px = ImageReader(io.BytesIO(png)).getSize()
    w = min(right - left, FIGURE_MAX_W)
    h = w * height_px / width_px
    if h > bottom - top:
        w, h = w * (bottom - top) / h, bottom - top
    return Page(number, pictures=[Picture(left + (right - left - w) / 2, top, w, h, png)])


def _page_numbers(pages: list[Page], painter: _Painter, width: float, footer_bottom: float) -> None:
    """``— N —`` centred at the foot of every page."""
    style = CellStyle("body", FOOTER_PT, align="center", border=False)
    for page in pages:
        painter.page = page
        painter.line(PAGE_NUMBER.format(page.number), style, 0, footer_bottom - FOOTER_PT * 0.5, width)
