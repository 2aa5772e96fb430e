"""Where pages break, and merged cells cut cleanly at the breaks.

Format-independent: the caller gives the row heights and the room on a page
as its renderer measures them.  A task block moves whole to the next page
when it fits there; otherwise it is split, and its spanned cells (序号,
重点任务, …) start again on the new page, the text marked （续）.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace

from sisiding_desktop.reports.layout import Cell, Column, Row

CONTINUED_MARK = "（续）"
HEADING_KINDS = frozenset({"group1", "group2", "group"})


def page_breaks(
    rows: Sequence[Row],
    heights: Sequence[float],
    page_pt: float,
    first_page_pt: float | None = None,
    max_gap: float = 1.0,
) -> list[int]:
    """Indices of the rows that start a new page (never 0).

    ``page_pt``: room for body rows on a page; ``first_page_pt``: on the
    first page (less, below the title).  A group heading never ends a page.
    ``max_gap``: the largest share of ``page_pt`` a block may leave empty
    when it moves whole to the next page; a block that would leave more is
    cut instead (1.0: a block that fits on a page always moves whole).
    """
    breaks: list[int] = []
    room = page_pt if first_page_pt is None else first_page_pt
    cut = next_break(rows, heights, 0, room, page_pt, max_gap)
    while cut is not None:
        breaks.append(cut)
        cut = next_break(rows, heights, cut, page_pt, page_pt, max_gap)
    return breaks


def next_break(
    rows: Sequence[Row],
    heights: Sequence[float],
    start: int,
    room: float,
    page_pt: float,
    max_gap: float = 1.0,
) -> int | None:
    """The first row of the next page, for the page starting at row ``start`` with ``room`` points.

    None when the rest fits.  One step of ``page_breaks``, for renderers that
    measure each page again once its break is known.
    """
    used = 0.0
    for i in range(start, len(rows)):
        if i == start or used + heights[i] <= room:
            used += heights[i]
            continue
        cut = _block_start(rows, heights, i, start, page_pt, room - max_gap * page_pt)
        return keep_headings(rows, start, cut)
    return None


def keep_headings(rows: Sequence[Row], start: int, cut: int) -> int:
    """``cut`` moved up so that no group heading ends the page that starts at ``start``."""
    while cut - 1 > start and rows[cut - 1].kind in HEADING_KINDS:
        cut -= 1
    return cut


def _block_start(
    rows: Sequence[Row], heights: Sequence[float], i: int, start: int, page_pt: float, min_used: float
) -> int:
    """Where to cut before row ``i``: at its block's first row when the whole block fits on a page.

    The block moves only when the rows before it (and before the headings
    that go with it) fill at least ``min_used`` of the page.
    """
    block = rows[i].block_id
    if block is None or rows[i].kind in HEADING_KINDS:
        return i
    first = i
    while first > start and rows[first - 1].block_id == block and rows[first - 1].kind not in HEADING_KINDS:
        first -= 1
    end = i
    while end < len(rows) and rows[end].block_id == block and rows[end].kind not in HEADING_KINDS:
        end += 1
    if first > start and sum(heights[first:end]) <= page_pt:
        kept = keep_headings(rows, start, first)  # headings just above the block go with it
        if sum(heights[start:kept]) >= min_used:
            return first
    return i


def split_at_breaks(rows: Sequence[Row], breaks: Sequence[int], columns: Sequence[Column]) -> tuple[Row, ...]:
    """``rows`` with every row span cut at the page breaks; the part on a new page repeats the text.

    Rows no span is cut in are returned as they are (the same objects).
    """
    return SpanSplitter(rows, columns).split(breaks)


class SpanSplitter:
    """``split_at_breaks`` for one list of rows, tried with one set of breaks after another.

    The spans are found once; a row cut the same way as in an earlier call
    is the very object made then, so a measurer that remembers rows (e.g.
    ``RowFitter``) measures only the rows cut differently.
    """

    def __init__(self, rows: Sequence[Row], columns: Sequence[Column]) -> None:
        self._rows = tuple(rows)
        self._columns = columns
        self._spans = [
            (r, c, cell.row_span)
            for r, row in enumerate(self._rows)
            for c, cell in enumerate(row.cells)
            if cell.row_span > 1 and not cell.spanned
        ]
        self._made: dict[tuple[int, tuple[tuple[int, int, int], ...]], Row] = {}

    def split(self, breaks: Sequence[int]) -> tuple[Row, ...]:
        cuts = sorted(set(breaks))
        if not cuts:
            return self._rows
        parts: dict[int, list[tuple[int, int, int]]] = {}  # row → (column, row of the span's owner, rows in the part)
        for r, c, row_span in self._spans:
            inside = cuts[bisect_right(cuts, r) : bisect_left(cuts, r + row_span)]
            if not inside:
                continue
            edges = [r, *inside, r + row_span]
            for first, end in zip(edges[:-1], edges[1:], strict=True):
                parts.setdefault(first, []).append((c, r, end - first))
        rows = list(self._rows)
        for r, cut in parts.items():
            key = (r, tuple(cut))
            row = self._made.get(key)
            if row is None:
                row = self._made[key] = self._cut_row(r, key[1])
            rows[r] = row
        return tuple(rows)

    def _cut_row(self, r: int, parts: tuple[tuple[int, int, int], ...]) -> Row:
        cells = list(self._rows[r].cells)
        for c, owner, row_span in parts:
            cell = self._rows[owner].cells[c]
            cells[c] = replace(cell, row_span=row_span) if owner == r else continued(cell, self._columns[c], row_span)
        return replace(self._rows[r], cells=tuple(cells))


def continued(cell: Cell, column: Column, row_span: int) -> Cell:
    """The part of a spanned cell that starts on a new page: the same text, marked （续） for text columns."""
    text = cell.text
    if column.role == "text" and text and not text.endswith(CONTINUED_MARK):
        text += CONTINUED_MARK
    return replace(cell, text=text, row_span=row_span, continued=True)
