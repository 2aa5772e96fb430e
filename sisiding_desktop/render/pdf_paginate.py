"""Which body rows go on which page, measured with the PDF's fonts.

The rules are ``reports.pagination``'s, shared with the xlsx writer: a task
block moves whole to the next page when it fits there, else it is cut and
its 序号/重点任务 start again on the new page, marked （续）.  Here each page
is measured again once its break is known (a merged cell cut short needs
more height in the rows it keeps, its continuation too), and the break moves
up until the page really fits, so no page ever overflows.  Rows taller than
a page are first cut into pieces (``pdf_tall``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sisiding_desktop.render.pdf_measure import Measurer
from sisiding_desktop.render.pdf_tall import fit_tall_rows
from sisiding_desktop.reports.layout import Column, Row
from sisiding_desktop.reports.pagination import keep_headings, next_break, split_at_breaks

# A block that fits on a page moves whole to the next one only if that leaves at most this
# share of the page empty; otherwise it is cut (with （续）), so pages stay full.
MAX_GAP = 0.25
EPSILON = 0.01  # points: rounding slack when comparing heights with the room
TALL_SHARE = 0.8  # rows are cut into pieces of at most this share of a page, leaving room for headings


@dataclass(frozen=True)
class Pagination:
    """Body rows with spans cut at the breaks, their heights, and each page's row indices."""

    rows: tuple[Row, ...]
    heights: tuple[float, ...]
    pages: tuple[range, ...]


def paginate(
    rows: Sequence[Row],
    columns: Sequence[Column],
    widths: Sequence[float],
    measurer: Measurer,
    room: float,
    first_room: float,
) -> Pagination:
    """Cut ``rows`` into pages holding ``room`` points of rows (``first_room`` on the first page)."""
    cut_rows = list(fit_tall_rows(rows, widths, measurer, max(1.0, TALL_SHARE * min(room, first_room))))
    heights = measurer.row_heights(cut_rows, widths)
    pages: list[range] = []
    start, page_room = 0, first_room
    while start < len(cut_rows):
        cut = next_break(cut_rows, heights, start, page_room, room, MAX_GAP)
        if cut is None:
            pages.append(range(start, len(cut_rows)))
            break
        cut = _fit_page(cut_rows, heights, start, cut, page_room, columns, widths, measurer)
        after = _span_end(cut_rows, cut, cut + 1)
        heights[cut:after] = measurer.row_heights(cut_rows[cut:after], widths)
        pages.append(range(start, cut))
        start, page_room = cut, room
    return Pagination(tuple(cut_rows), tuple(heights), tuple(pages) or (range(0, 0),))


def _fit_page(
    rows: list[Row],
    heights: list[float],
    start: int,
    cut: int,
    room: float,
    columns: Sequence[Column],
    widths: Sequence[float],
    measurer: Measurer,
) -> int:
    """Cut the spans at ``cut`` (moved up until the page fits); update ``rows`` and the page's heights."""
    while True:
        end = _span_end(rows, start, cut + 1)
        window = split_at_breaks(rows[start:end], [cut - start], columns)
        page = measurer.row_heights(window[: cut - start], widths)
        if sum(page) <= room + EPSILON or cut - 1 <= start:
            rows[start:end] = window
            heights[start:cut] = page
            return cut
        cut = keep_headings(rows, start, cut - 1)


def _span_end(rows: Sequence[Row], first: int, end: int) -> int:
    """The smallest row index ≥ ``end`` that no span starting in ``first``..it reaches past."""
    end = min(end, len(rows))
    r = first
    while r < end:
        for cell in rows[r].cells:
            if not cell.spanned and r + cell.row_span > end:
                end = r + cell.row_span
        r += 1
    return end
