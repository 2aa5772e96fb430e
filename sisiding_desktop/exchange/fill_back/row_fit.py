"""Make rows tall enough for the text written into them (openpyxl never fits heights, nor do Excel and
LibreOffice for merged cells).

Every text cell of a fitted row counts, the template's own included (a measure of two numbered items,
rich text measured with its largest run), and so does every cell merged over several rows that covers a
fitted row, also one anchored on a row above it (a 重点任务 merged over its measures). What a merged
cell lacks is spread over the fitted rows it covers: rows that got no values keep their height.
Heights are only raised, to Excel's limit at most; a row without a height of its own counts with the
sheet's default height, which is what Excel and LibreOffice show for it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.exchange.fill_back.merge_index import MergeIndex
from sisiding_desktop.exchange.fill_back.widths import ColumnWidths, measured_text
from sisiding_desktop.reports.row_heights import MAX_ROW_PT, text_height_pt

DEFAULT_HEIGHT_PT = 15.0


def fit_rows(ws: Worksheet, rows: Iterable[int], columns: range, merges: MergeIndex) -> None:
    """Raise (never lower) the height of ``rows`` so every text cell in ``columns`` fits, merged cells included."""
    fitted = sorted({row for row in rows if not ws.row_dimensions[row].hidden})
    widths = ColumnWidths(ws)
    default = ws.sheet_format.defaultRowHeight or DEFAULT_HEIGHT_PT
    tall: dict[str, tuple[CellRange, float]] = {}
    for row in fitted:
        need = 0.0
        for col in columns:
            found = merges.find(row, col)
            if found is not None and (found.min_col != col or str(found) in tall):
                continue  # measured from its first column, once
            top = found.min_row if found is not None else row
            measured = measured_text(ws.cell(top, col))
            if measured is None:
                continue
            width = widths.total(range(col, found.max_col + 1)) if found is not None else widths.of(col)
            height = text_height_pt(measured[0], width, measured[1])
            if found is not None and found.max_row > found.min_row:
                tall[str(found)] = (found, height)
            else:
                need = max(need, height)
        _raise_height(ws, row, need, default)
    rows_set = set(fitted)
    for found, need in tall.values():
        covered = range(found.min_row, found.max_row + 1)
        have = sum(ws.row_dimensions[row].height or default for row in covered if not ws.row_dimensions[row].hidden)
        targets = [row for row in covered if row in rows_set]
        if need > have and targets:
            extra = (need - have) / len(targets)
            for row in targets:
                _raise_height(ws, row, (ws.row_dimensions[row].height or default) + extra, default)


def _raise_height(ws: Worksheet, row: int, need: float, default: float) -> None:
    current = ws.row_dimensions[row].height
    if need > (current or default):
        ws.row_dimensions[row].height = min(math.ceil(need * 4) / 4, MAX_ROW_PT)
