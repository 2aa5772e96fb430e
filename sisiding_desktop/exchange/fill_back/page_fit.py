"""Keep a table readable on paper after progress columns were added to it.

A template printed "fit to one page wide" shrinks with every column added: five progress columns beside
the prefecture's six would print at barely half size. So the added columns get widths from their header
words and what was written into them (short columns as wide as their longest value, text columns as
wide as their longest line up to a preferred width, narrowed towards a floor of characters per line
only when needed), the prefecture's own columns are never narrowed, and the page is set up so that:

- when one page width at ``MIN_READABLE_SCALE`` % or more holds the table, it prints fit to one page
  wide and as many pages tall as it needs (the template's orientation kept when it is enough,
  otherwise landscape), the header rows repeated on every page unless the template names other rows;
- otherwise it prints landscape at ``MIN_READABLE_SCALE`` %, across pages, with the header rows and
  the 序号 column repeated on every page, and a page break before the added columns when the
  prefecture's table and the added columns each fit one page width.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.exchange.fill_back.column_adding import NewColumn, TableArea
from sisiding_desktop.exchange.fill_back.merge_index import MergeIndex
from sisiding_desktop.exchange.fill_back.widths import (
    DEFAULT_FONT_PT,
    ColumnWidths,
    column_px,
    digit_px,
    measured_text,
    units_for_line,
)

MIN_READABLE_SCALE = 70  # percent: below it 仿宋 12pt prints under 9pt
MIN_SCALE, MAX_SCALE = 10, 100  # what Excel's fit-to-page can give
# Paper sizes (width, height in points, portrait) by the paperSize code of <pageSetup>.
PAPER_PT: dict[int, tuple[float, float]] = {
    1: (612.0, 792.0),  # Letter
    5: (612.0, 1008.0),  # Legal
    8: (841.89, 1190.55),  # A3
    9: (595.28, 841.89),  # A4
    11: (419.53, 595.28),  # A5
    12: (728.5, 1031.81),  # B4 (JIS)
    13: (515.91, 728.5),  # B5 (JIS)
}
A4 = 9  # a sheet that names no paper prints on the printer's default: A4 in a Chinese office
DEFAULT_SIDE_MARGIN_IN = 0.75
WIDTH_STEP = 0.5  # widths set in half units


@dataclass(frozen=True)
class PageFit:
    """What :func:`fit_page` decided: the orientation, and the scale Excel will print at."""

    orientation: str
    scale: int
    fit_to_width: bool


def printable_width_pt(ws: Worksheet, orientation: str | None = None) -> float:
    """Width (points) between the side margins of the sheet's paper in ``orientation`` (its own by default)."""
    setup = ws.page_setup
    width, height = PAPER_PT.get(setup.paperSize or A4, PAPER_PT[A4])
    if (orientation or setup.orientation) == "landscape":
        width = height
    margins = ws.page_margins
    sides = (margins.left if margins.left is not None else DEFAULT_SIDE_MARGIN_IN) + (
        margins.right if margins.right is not None else DEFAULT_SIDE_MARGIN_IN
    )
    return width - sides * 72


def columns_width_pt(ws: Worksheet, cols: Sequence[int] | range) -> float:
    """Printed width (points, at 100 %) of ``cols``, hidden ones left out."""
    widths, digit = ColumnWidths(ws), digit_px(ws.parent)
    return sum(column_px(widths.of(col), digit) for col in cols if widths.of(col)) * 72 / 96


def implied_scale(ws: Worksheet, cols: Sequence[int] | range, orientation: str | None = None) -> int:
    """The scale (percent) at which "fit to one page wide" prints ``cols`` on the sheet's paper."""
    total = columns_width_pt(ws, cols)
    if total <= 0:
        return MAX_SCALE
    return max(MIN_SCALE, min(MAX_SCALE, math.floor(printable_width_pt(ws, orientation) * 100 / total)))


def print_columns(ws: Worksheet, last_col: int) -> range:
    """The columns that print: those of the print area, or from A to the table's last column."""
    bounds = []
    for part in (ws.print_area or "").split(","):
        reference = part.rsplit("!", 1)[-1].replace("$", "")
        try:
            low, _, high, _ = range_boundaries(reference)
        except (TypeError, ValueError):
            continue
        if low is not None and high is not None:
            bounds.append((low, high))
    if not bounds:
        return range(1, last_col + 1)
    return range(min(low for low, _ in bounds), max(high for _, high in bounds) + 1)


def fit_page(ws: Worksheet, area: TableArea, added: Sequence[tuple[int, NewColumn]], seq_col: int | None) -> PageFit:
    """Size the ``added`` columns (column number, how it was added) and set up the page; see the module."""
    merges = MergeIndex(ws)
    sizes = [_Size.of(ws, area, merges, col, column) for col, column in added]
    cols = print_columns(ws, max(col for col, _ in added))
    added_cols = {col for col, _ in added}
    own = columns_width_pt(ws, [col for col in cols if col not in added_cols])
    digit = digit_px(ws.parent)
    current = "landscape" if ws.page_setup.orientation == "landscape" else "portrait"
    tries = [(current, False), ("landscape", False), ("landscape", True)]
    for orientation, narrowed in dict.fromkeys(tries):
        budget = printable_width_pt(ws, orientation) * 100 / MIN_READABLE_SCALE - own
        _set_widths(ws, sizes, _units(budget, digit) if narrowed else math.inf)
        scale = implied_scale(ws, cols, orientation)
        if scale >= MIN_READABLE_SCALE:
            _fit_to_width(ws, area, orientation)
            return PageFit(orientation, scale, True)
    titles = [col for col in range(area.first_col, (seq_col or area.first_col) + 1) if col in cols]
    page = printable_width_pt(ws, "landscape") * 100 / MIN_READABLE_SCALE
    _set_widths(ws, sizes, _units(page - columns_width_pt(ws, titles), digit))
    apart = own <= page and columns_width_pt(ws, [*titles, *added_cols]) <= page
    _print_across_pages(ws, area, titles, min(added_cols) if apart else None)
    return PageFit("landscape", MIN_READABLE_SCALE, False)


@dataclass(frozen=True)
class _Size:
    col: int
    preferred: float  # file units
    floor: float

    @classmethod
    def of(cls, ws: Worksheet, area: TableArea, merges: MergeIndex, col: int, column: NewColumn) -> _Size:
        header = measured_text(ws.cell(area.header_top, col))
        header_units = units_for_line(*header) if header else 0.0
        lines: list[tuple[str, float]] = []
        for row in range(area.header_bottom + 1, area.body_bottom + 1):
            measured = _shown(ws.cell(row, col)) if merges.origin(row, col) == (row, col) else None
            if measured:
                lines += [(line, measured[1]) for line in measured[0].splitlines()]
        if not lines:  # nothing written: room for a clerk's pen, as the column was added
            return cls(col, _step_up(max(header_units, column.width)), _step_up(header_units))
        longest = max(units_for_line(line, size) for line, size in lines)
        preferred = _step_up(max(header_units, min(column.width, longest)))
        if not column.min_chars:  # a short value: as wide as it and its header, never narrowed
            return cls(col, preferred, preferred)
        body_pt = max(size for _, size in lines)
        floor = max(header_units, units_for_line("中" * column.min_chars, body_pt))
        return cls(col, preferred, min(preferred, _step_up(floor)))


def _shown(cell: Cell) -> tuple[str, float] | None:
    """A cell's text as measured; a number as it shows: 0.6 → "60%", 60 → "60"."""
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        shown = f"{cell.value:.0%}" if "%" in cell.number_format else f"{cell.value:g}"
        return shown, float(cell.font.sz or DEFAULT_FONT_PT)
    return measured_text(cell)


def _set_widths(ws: Worksheet, sizes: Sequence[_Size], budget_units: float) -> None:
    """Preferred widths, narrowed towards the floors (text columns in proportion) to stay within the budget."""
    preferred = sum(size.preferred for size in sizes)
    floors = sum(size.floor for size in sizes)
    share = 0.0
    if preferred > budget_units and preferred > floors:
        share = min(1.0, (preferred - budget_units) / (preferred - floors))
    for size in sizes:
        width = size.preferred - share * (size.preferred - size.floor)
        ws.column_dimensions[get_column_letter(size.col)].width = max(
            size.floor, math.floor(width / WIDTH_STEP) * WIDTH_STEP
        )


def _fit_to_width(ws: Worksheet, area: TableArea, orientation: str) -> None:
    setup = ws.page_setup
    setup.orientation = orientation
    setup.fitToWidth, setup.fitToHeight, setup.scale = 1, 0, None
    _page_setup_properties(ws).fitToPage = True
    _repeat_header_rows(ws, area)


def _repeat_header_rows(ws: Worksheet, area: TableArea) -> None:
    """The table's header on top of every page, unless the template says which rows repeat."""
    if not ws.print_title_rows:
        ws.print_title_rows = f"{area.header_top}:{area.header_bottom}"


def _print_across_pages(ws: Worksheet, area: TableArea, titles: list[int], break_before: int | None) -> None:
    setup = ws.page_setup
    setup.orientation, setup.scale = "landscape", MIN_READABLE_SCALE
    _page_setup_properties(ws).fitToPage = False
    _repeat_header_rows(ws, area)
    if titles and not ws.print_title_cols:
        ws.print_title_cols = f"{get_column_letter(titles[0])}:{get_column_letter(titles[-1])}"
    if break_before is None:
        return
    if break_before - 1 not in {brk.id for brk in ws.col_breaks.brk}:
        ws.col_breaks.append(Break(id=break_before - 1, max=1048575))  # a break after column ``id``
    for merged in list(ws.merged_cells.ranges):  # the title stays centred over the prefecture's own page
        if merged.max_row < area.header_top and merged.min_col <= area.first_col and merged.max_col >= break_before:
            bounds = (merged.min_row, merged.min_col, merged.max_row)
            ws.unmerge_cells(merged.coord)
            ws.merge_cells(start_row=bounds[0], start_column=bounds[1], end_row=bounds[2], end_column=break_before - 1)


def _page_setup_properties(ws: Worksheet) -> PageSetupProperties:
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    return ws.sheet_properties.pageSetUpPr


def _units(points: float, digit: int) -> float:
    return points * 96 / 72 / digit


def _step_up(units: float) -> float:
    return math.ceil(units / WIDTH_STEP) * WIDTH_STEP
