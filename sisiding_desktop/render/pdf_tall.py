"""Rows taller than a page: cut between text lines into row pieces that each fit a page.

Runs before pagination.  A merged cell whose text alone needs more than a
page (a 重点任务 longer than a page) is first unmerged, so its text flows
down its first row; then every row taller than ``limit`` becomes several
rows, each cell's lines shared out among them, with spans covering the row
stretched over all its pieces.  Joined, the pieces' texts give the cell's
text back, so nothing is lost and ``pdftotext`` still finds every word.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from sisiding_desktop.render.pdf_measure import PAD_Y, Measurer
from sisiding_desktop.reports.layout import Cell, Row, placeholder
from sisiding_desktop.reports.pagination import CONTINUED_MARK


def fit_tall_rows(rows: Sequence[Row], widths: Sequence[float], measurer: Measurer, limit: float) -> tuple[Row, ...]:
    """``rows`` with no row taller than ``limit`` points (the room for body rows on a page)."""
    rows = _unmerge_tall_spans(rows, widths, measurer, limit)
    heights = measurer.row_heights(rows, widths)
    if all(h <= limit for h in heights):
        return tuple(rows)
    pieces = [
        _pieces(row, widths, measurer, limit) if h > limit else None for row, h in zip(rows, heights, strict=True)
    ]
    counts = [_count(p) for p in pieces]
    out: list[Row] = []
    for r, row in enumerate(rows):
        chunks = pieces[r]
        for j in range(counts[r]):
            cells = [
                _piece_cell(cell, j, chunks[c] if chunks else None, counts[r:]) for c, cell in enumerate(row.cells)
            ]
            out.append(replace(row, cells=tuple(cells)))
    return tuple(out)


def _unmerge_tall_spans(rows: Sequence[Row], widths: Sequence[float], measurer: Measurer, limit: float) -> list[Row]:
    """Rows where no merged cell needs more than ``limit``: such a cell keeps only its first row."""
    grid = [list(row.cells) for row in rows]
    changed = False
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if cell.spanned or cell.row_span == 1:
                continue
            width = sum(widths[c : c + cell.col_span])
            if measurer.text(cell.text + CONTINUED_MARK, cell.style, width).height <= limit:
                continue
            changed = True
            grid[r][c] = replace(cell, row_span=1)
            for below in range(r + 1, r + cell.row_span):
                grid[below][c] = Cell(col_span=cell.col_span, style=cell.style)
    if not changed:
        return list(rows)
    return [replace(row, cells=tuple(cells)) for row, cells in zip(rows, grid, strict=True)]


def _pieces(row: Row, widths: Sequence[float], measurer: Measurer, limit: float) -> list[list[str] | None]:
    """Per column: the texts of the row's pieces (None for cells that do not split); padded to one length."""
    per_cell: list[list[str] | None] = []
    for c, cell in enumerate(row.cells):
        if cell.spanned or cell.row_span > 1:
            per_cell.append(None)
            continue
        text = measurer.cell(cell, sum(widths[c : c + cell.col_span]))
        per_piece = max(1, math.floor((limit - 2 * PAD_Y) / text.line_height))
        lines = text.lines
        per_cell.append(["".join(lines[i : i + per_piece]) for i in range(0, len(lines), per_piece)])
    count = max((len(p) for p in per_cell if p), default=1)
    return [None if p is None else p + [""] * (count - len(p)) for p in per_cell]


def _count(pieces: list[list[str] | None] | None) -> int:
    return max((len(p) for p in pieces or () if p), default=1)


def _piece_cell(cell: Cell, j: int, texts: list[str] | None, counts_from_here: Sequence[int]) -> Cell:
    """Cell ``cell`` in piece ``j`` of its row; ``counts_from_here``: pieces of this row and those below."""
    if cell.spanned:
        return cell  # covered by an owner that is stretched or split with it
    if texts is not None:
        if j == 0:
            return replace(cell, text=texts[0])
        return replace(cell, text=texts[j], number=None, continued=True)
    if j > 0:
        return placeholder(cell)
    return replace(cell, row_span=sum(counts_from_here[: cell.row_span]))
