"""Draw a report layout on a QPrinter (print and print preview), page by page, like the xlsx and PDF files.

Heights are measured with the printer's own font metrics, pages break with
``reports.pagination`` (task blocks kept together, spans cut cleanly with
（续）), header rows repeat on every page and pages are numbered “— 1 —”.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

from sisiding_desktop.gui.fonts import role_font
from sisiding_desktop.reports.layout import Cell, ReportLayout, Row
from sisiding_desktop.reports.pagination import page_breaks, split_at_breaks
from sisiding_desktop.reports.styles import LABEL_PT, SUBTITLE_PT, TITLE_PT

PAD_PT = 4.0
FOOTER_PT = 10.5
_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}
_VALIGN = {
    "top": Qt.AlignmentFlag.AlignTop,
    "center": Qt.AlignmentFlag.AlignVCenter,
    "bottom": Qt.AlignmentFlag.AlignBottom,
}


class _Page:
    """Measures in device pixels of one printer."""

    def __init__(self, printer: QPrinter, layout: ReportLayout) -> None:
        self.printer = printer
        self.px = printer.resolution() / 72.0  # device pixels per point
        rect = printer.pageLayout().paintRectPixels(printer.resolution())
        self.width, self.height = float(rect.width()), float(rect.height())
        total = layout.total_width_chars or 1
        self.columns = [c.width_chars / total * self.width for c in layout.columns]
        self.offsets = [sum(self.columns[:i]) for i in range(len(self.columns) + 1)]
        self._fonts: dict[tuple[str, float, bool], QFont] = {}

    def font(self, role: str, size_pt: float, bold: bool = False) -> QFont:
        key = (role, size_pt, bold)
        if key not in self._fonts:
            font = role_font(role, size_pt)
            font.setBold(bold)
            self._fonts[key] = font
        return self._fonts[key]

    def text_height(self, text: str, font: QFont, width: float) -> float:
        metrics = QFontMetricsF(font, self.printer)
        if not text:
            return metrics.height()
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRectF(0, 0, max(width, 1.0), 1e7), flags, text).height()

    def cell_width(self, column: int, span: int) -> float:
        return self.offsets[column + span] - self.offsets[column]


def row_heights(page: _Page, rows: Sequence[Row]) -> list[float]:
    """Each row tall enough for its text; a spanned cell's extra need goes to its last row."""
    pad = PAD_PT * page.px
    heights = []
    for row in rows:
        need = 0.0
        for c, cell in enumerate(row.cells):
            if cell.spanned or cell.row_span > 1:
                continue
            need = max(need, _cell_height(page, cell, c) + 2 * pad)
        heights.append(max(need, page.font("body", 10.5).pointSizeF() * page.px * 1.6))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell.spanned or cell.row_span == 1:
                continue
            need = _cell_height(page, cell, c) + 2 * pad
            have = sum(heights[r : r + cell.row_span])
            if need > have:
                heights[r + cell.row_span - 1] += need - have
    return heights


def _cell_height(page: _Page, cell: Cell, column: int) -> float:
    font = page.font(cell.style.font_role, cell.style.size_pt, cell.style.bold)
    return page.text_height(cell.text, font, page.cell_width(column, cell.col_span) - 2 * PAD_PT * page.px)


def paint_layout(layout: ReportLayout, printer: QPrinter) -> int:
    """Draw ``layout`` on ``printer``; returns the number of pages."""
    page = _Page(printer, layout)
    painter = QPainter(printer)
    try:
        heading = _heading_height(page, layout)
        header_heights = row_heights(page, layout.header_rows)
        header = sum(header_heights)
        footer = FOOTER_PT * page.px * 2
        room = page.height - header - footer
        heights = row_heights(page, layout.rows)
        breaks = page_breaks(layout.rows, heights, room, room - heading)
        rows = split_at_breaks(layout.rows, breaks, layout.columns)
        heights = row_heights(page, rows)
        starts = [0, *breaks, len(rows)]
        pages = len(starts) - 1
        for number in range(pages):
            if number:
                printer.newPage()
            y = _draw_heading(painter, page, layout) if number == 0 else 0.0
            y = _draw_rows(painter, page, layout.header_rows, header_heights, y)
            first, last = starts[number], starts[number + 1]
            y = _draw_rows(painter, page, rows[first:last], heights[first:last], y)
            if number == pages - 1:
                _draw_notes(painter, page, layout.notes, y)
            if layout.footer_page_numbers:
                painter.setFont(page.font("body", FOOTER_PT))
                rect = QRectF(0, page.height - footer / 2, page.width, footer / 2)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"— {number + 1} —")
        return pages
    finally:
        painter.end()


def _heading_lines(layout: ReportLayout) -> list[tuple[str, str, float, Qt.AlignmentFlag]]:
    lines = []
    if layout.attachment_label:
        lines.append((layout.attachment_label, "heading", LABEL_PT, Qt.AlignmentFlag.AlignLeft))
    lines.append((layout.title, "title", TITLE_PT, Qt.AlignmentFlag.AlignHCenter))
    if layout.subtitle:
        lines.append((layout.subtitle, "kai", SUBTITLE_PT, Qt.AlignmentFlag.AlignHCenter))
    return lines


def _heading_height(page: _Page, layout: ReportLayout) -> float:
    gap = 6 * page.px
    return sum(page.text_height(t, page.font(r, s), page.width) + gap for t, r, s, _ in _heading_lines(layout))


def _draw_heading(painter: QPainter, page: _Page, layout: ReportLayout) -> float:
    y, gap = 0.0, 6 * page.px
    painter.setPen(QColor("black"))
    for text, role, size, align in _heading_lines(layout):
        font = page.font(role, size)
        height = page.text_height(text, font, page.width)
        painter.setFont(font)
        painter.drawText(QRectF(0, y, page.width, height), int(align | Qt.TextFlag.TextWordWrap), text)
        y += height + gap
    return y


def _draw_rows(painter: QPainter, page: _Page, rows: Sequence[Row], heights: Sequence[float], y: float) -> float:
    tops = [y + sum(heights[:i]) for i in range(len(rows) + 1)]
    pad = PAD_PT * page.px
    pen = QPen(QColor("black"))
    pen.setWidthF(max(page.px * 0.6, 1.0))
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell.spanned:
                continue
            bottom = tops[min(r + cell.row_span, len(rows))]
            rect = QRectF(page.offsets[c], tops[r], page.cell_width(c, cell.col_span), bottom - tops[r])
            if cell.style.fill:
                painter.fillRect(rect, QColor(f"#{cell.style.fill}"))
            if cell.style.border:
                painter.setPen(pen)
                painter.drawRect(rect)
            painter.setFont(page.font(cell.style.font_role, cell.style.size_pt, cell.style.bold))
            flags = _ALIGN[cell.style.align] | _VALIGN[cell.style.valign] | Qt.TextFlag.TextWordWrap
            painter.drawText(rect.adjusted(pad, pad, -pad, -pad), int(flags), cell.text)
    return tops[-1]


def _draw_notes(painter: QPainter, page: _Page, notes: Sequence[str], y: float) -> None:
    font = page.font("body", 12)
    painter.setFont(font)
    y += 4 * page.px
    for note in notes:
        height = page.text_height(note, font, page.width)
        painter.drawText(QRectF(0, y, page.width, height), int(Qt.TextFlag.TextWordWrap), note)
        y += height
