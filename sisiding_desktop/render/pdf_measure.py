"""How much room cells need on paper: wrapped lines and row heights, in points.

The measurements use the fonts the PDF embeds, so the page breaks decided
from them are exact; the print preview can reuse them through the page plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sisiding_desktop.render.pdf_fonts import FontBook
from sisiding_desktop.render.pdf_text import clean, wrap
from sisiding_desktop.reports.column_widths import CELL_MARGIN_PT
from sisiding_desktop.reports.layout import Cell, CellStyle, Row

PAD_X = CELL_MARGIN_PT  # left and right inner margin of a cell (less in narrow columns); the widths allow for it
PAD_Y = 3.0  # top and bottom inner margin
LEADING = 1.3  # line height / font size


@dataclass(frozen=True)
class CellText:
    """A cell's wrapped lines (slices of its text) and the height they need."""

    lines: tuple[str, ...]
    line_height: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height + 2 * PAD_Y


def pad_x(width: float) -> float:
    """Left and right inner margin of a cell ``width`` points wide: narrow 序号 columns keep more room for text."""
    return min(PAD_X, width * 0.08)


class Measurer:
    """Wraps cell text with the PDF fonts; results are cached by text, style and width."""

    def __init__(self, fonts: FontBook) -> None:
        self.fonts = fonts
        self._cache: dict[tuple[str, str, float, bool, bool, float], CellText] = {}

    def text(self, text: str, style: CellStyle, width: float) -> CellText:
        """``text`` wrapped in a cell ``width`` points wide (its padding taken off)."""
        return self.lines(text, style, width - 2 * pad_x(width))

    def lines(self, text: str, style: CellStyle, inner: float) -> CellText:
        """``text`` wrapped to lines at most ``inner`` points wide."""
        key = (text, style.font_role, style.size_pt, style.wrap, style.keep_words, inner)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._wrap(text, style, inner)
        return found

    def _wrap(self, text: str, style: CellStyle, inner: float) -> CellText:
        role, size = style.font_role, style.size_pt
        if not style.wrap:
            lines = clean(text).split("\n")
            lines = [line + "\n" for line in lines[:-1]] + lines[-1:]
        else:
            lines = wrap(clean(text), max(inner, size), self.fonts.measure(role, size), style.keep_words)
        return CellText(tuple(lines), size * LEADING)

    def cell(self, cell: Cell, width: float) -> CellText:
        return self.text(cell.text, cell.style, width)

    def row_heights(self, rows: Sequence[Row], widths: Sequence[float]) -> list[float]:
        """Heights so every cell's lines fit; a span needing more than its rows spreads the rest over them."""
        heights: list[float] = []
        tall: list[tuple[int, float, int]] = []  # (first row, needed height, rows spanned)
        for r, row in enumerate(rows):
            height = 0.0
            for c, cell in enumerate(row.cells):
                if cell.spanned:
                    continue
                need = self.cell(cell, sum(widths[c : c + cell.col_span])).height
                if cell.row_span > 1:
                    tall.append((r, need, cell.row_span))
                    need = cell.style.size_pt * LEADING + 2 * PAD_Y
                height = max(height, need)
            heights.append(height)
        for first, need, count in tall:
            have = sum(heights[first : first + count])
            if need > have + 1e-6:
                extra = (need - have) / count
                for r in range(first, first + count):
                    heights[r] += extra
        return heights
