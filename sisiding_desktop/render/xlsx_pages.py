"""Page breaks for an xlsx printout: where Excel will break, with task blocks cut cleanly.

The writer puts manual breaks at these rows.  The room on a page is what
Excel gives at its fit-to-width scale; LibreOffice and WPS shrink at least
as much, so they never add a break inside one of our pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from sisiding_desktop.reports.layout import ReportLayout, Row
from sisiding_desktop.reports.pagination import SpanSplitter, page_breaks
from sisiding_desktop.reports.row_heights import PX_PER_UNIT, RowFitter

PAGE_FILL = 0.96  # leave a little room: printers and fonts differ


def paginate_for_excel(
    layout: ReportLayout, header_heights: Sequence[float], heading_pt: float
) -> tuple[tuple[Row, ...], list[float], list[int]]:
    """Body rows cut at the page breaks Excel will use, their heights, and the breaks (row indices).

    The room on a page is what Excel gives at its fit-to-width scale; other
    programs shrink at least as much, so they never break inside our pages.
    """
    fitter = RowFitter(layout.columns)  # measures each row once; fitting again costs only the rows cut
    heights = fitter.fit(layout.rows)
    room = _page_room_pt(layout) - sum(header_heights)
    if room <= 0:
        return layout.rows, heights, []
    rows = layout.rows
    breaks: list[int] = []
    splitter = SpanSplitter(layout.rows, layout.columns)  # a row cut as before is the same object: not refitted
    for _ in range(4):  # repeated text after a break can make rows taller: fit again
        breaks = page_breaks(layout.rows, heights, room, room - heading_pt)
        rows = splitter.split(breaks)
        new_heights = fitter.fit(rows)
        if new_heights == heights:
            break
        heights = new_heights
    return rows, heights, breaks


def _page_room_pt(layout: ReportLayout) -> float:
    """Unscaled height (points) of the printable area of a page."""
    width_mm, height_mm = layout.page.printable_mm
    scale = 1.0
    if layout.page.fit_width:
        table_px = sum(c.width_chars for c in layout.columns) * PX_PER_UNIT
        scale = min(1.0, math.floor(100 * width_mm / 25.4 * 96 / table_px) / 100) if table_px else 1.0
    return height_mm / 25.4 * 72 / max(scale, 0.1) * PAGE_FILL
