"""Column widths from the page and from what the columns hold, one set for the xlsx and the PDF.

A short column (序号, 牵头单位, 配合单位, 完成时限, 完成率, 状态 …: every role but ``text``) needs the
width of the longest word it holds on one line.  Its header's words come first and are kept whole
(牵头单位 on one line; 状态/亮灯 may break after the /); then the words of its cells: a unit name between
、 and line breaks, a deadline, a percent.  A word longer than ``CAP_EMS`` characters wraps anyway and
asks only for the width that wraps it into as few lines as the cap would.

The text columns (重点任务, 具体落实措施, 进展情况 …) share what the short columns leave in proportion to
their nominal widths, none narrower than its header's longest word.  Where the page allows: the text
columns keep at least ``TEXT_KEEP`` of the share their nominal widths give them, so the short columns'
body words get what is left, the widest column giving way first (a long unit name then wraps).  When the
page cannot hold even every header whole, the short columns shrink in proportion, none below its floor:
its header's longest word, or ``FLOOR_EMS`` characters of it when that word is longer.  Past that the
table is wider than the page (the xlsx is scaled to fit it, the PDF's columns shrink in proportion), and
no one is told.

Text is measured in em as the renderers draw it: a CJK character is one em, a Latin letter or digit half
of one (``row_heights.text_width``), with the slack of the xlsx wrapping model and the larger of the two
renderers' inner margins on top, so that a word that fits here is one line in the xlsx row heights and
with the PDF's fonts.  The widths are Excel width units, the table ``TABLE_FILL`` of the printable width
at 100 %: the xlsx prints unscaled, and the PDF, which spreads the columns over the printable width,
draws the same widths on paper.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from sisiding_desktop.reports.layout import Column, PageSetup, Row
from sisiding_desktop.reports.row_heights import CELL_PADDING_PX, PX_PER_UNIT, SAFETY, text_width

CAP_EMS = 11  # a word of 12 or more characters may wrap
FLOOR_EMS = 2  # a squeezed column keeps two characters of its header's longest word a line
TEXT_KEEP = 0.9  # text columns give up at most a tenth of their nominal share for the short columns' words
TABLE_FILL = 0.99  # Excel rounds each column to whole pixels: a hair of room keeps it printing at 100 %
CELL_MARGIN_PT = 3.5  # left and right inner margin of a cell in the PDF (``render.pdf_measure.PAD_X``)
PT_PER_UNIT = PX_PER_UNIT * 72 / 96  # one Excel width unit on paper
_PADDING_PT = max(2 * CELL_MARGIN_PT, CELL_PADDING_PX * 72 / 96)
_MM = 72 / 25.4

# Where a line may break in a short column's cell: after 、，； (and a / between words, not inside 2024/6 or
# N/A) and at spaces.  A word keeps the separators after it.  Any text is the concatenation of its pieces.
_SEPARATORS = "、，,；;"
_SLASHES = "/／"
WORD = re.compile(
    rf"[ \u3000\n]"
    rf"|(?:[^ \u3000\n{_SEPARATORS}{_SLASHES}]|(?<=[!-~])[{_SLASHES}](?=[!-~]))+[{_SEPARATORS}{_SLASHES}]*"
    rf"|[{_SEPARATORS}{_SLASHES}]+"
)


def words(text: str) -> list[str]:
    """The words of ``text`` a line should not break inside, each with the separators after it."""
    return [w for w in WORD.findall(text) if not w.isspace()]


def fit_columns(
    columns: Sequence[Column], header_rows: Sequence[Row], rows: Sequence[Row], page: PageSetup
) -> tuple[Column, ...]:
    """``columns`` with widths fitted to ``page`` and to the words of the header and body cells."""
    room = page.printable_mm[0] * _MM / PT_PER_UNIT * TABLE_FILL
    measure = _Words()
    floors: list[float] = []
    minimums: list[float] = []  # the header's words whole
    needs: list[float] = []  # and the body's words too (short columns)
    for c, column in enumerate(columns):
        floor, minimum = measure.column(c, header_rows)
        floors.append(floor)
        minimums.append(minimum)
        needs.append(max(minimum, measure.column(c, rows)[1]) if column.short else minimum)
    short = [c for c, column in enumerate(columns) if column.short]
    text = [c for c, column in enumerate(columns) if not column.short]
    nominal = sum(column.width_chars for column in columns) or 1.0
    kept = sum(max(minimums[c], TEXT_KEEP * room * columns[c].width_chars / nominal) for c in text)
    short_minimums = sum(minimums[c] for c in short)
    short_room = min(max(room - kept, short_minimums), room - sum(minimums[c] for c in text))
    fitted = _short_widths(
        short_room, [floors[c] for c in short], [minimums[c] for c in short], [needs[c] for c in short]
    )
    if not text and 0 < sum(fitted) < room:  # nothing else to take the width: the short columns grow
        fitted = [w * room / sum(fitted) for w in fitted]
    widths = list(minimums)
    for c, width in zip(short, fitted, strict=True):
        widths[c] = width
    text_room = room - sum(fitted)
    for c, width in zip(
        text, _share(text_room, [columns[c].width_chars for c in text], [minimums[c] for c in text]), strict=True
    ):
        widths[c] = width
    return tuple(replace(column, width_chars=round(w, 2)) for column, w in zip(columns, widths, strict=True))


def _short_widths(room: float, floors: list[float], minimums: list[float], needs: list[float]) -> list[float]:
    """Short columns in ``room``: their needs; else words wrapped from the widest down; else headers squeezed."""
    if sum(needs) <= room:
        return needs
    if sum(minimums) > room:
        return _share(room, minimums, floors)
    low, high = 0.0, max(needs)
    for _ in range(60):  # the widest any short column may be, so that they fill the room
        level = (low + high) / 2
        if sum(max(m, min(n, level)) for m, n in zip(minimums, needs, strict=True)) > room:
            high = level
        else:
            low = level
    return [max(m, min(n, low)) for m, n in zip(minimums, needs, strict=True)]


def _share(total: float, weights: Sequence[float], minimums: Sequence[float]) -> list[float]:
    """``total`` shared in proportion to ``weights``, none below its minimum (all at their minimums when too little)."""
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        rest = total - sum(minimums[i] for i in fixed)
        weight = sum(weights[i] for i in free)
        if rest <= 0 or weight <= 0:
            return list(minimums)
        widths = [minimums[i] if i in fixed else rest * weights[i] / weight for i in range(len(weights))]
        low = {i for i in free if widths[i] < minimums[i]}
        if not low:
            return widths
        fixed |= low


class _Words:
    """Widths (Excel units) that the words of cells need, remembered by text and size: texts recur."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, float], tuple[float, float]] = {}

    def column(self, c: int, rows: Sequence[Row]) -> tuple[float, float]:
        """(floor, need) of column ``c`` from the cells of ``rows`` that lie in it alone."""
        floor = need = _units(0, 0.0)
        for row in rows:
            cell = row.cells[c]
            if cell.spanned or cell.col_span > 1 or not cell.text:
                continue
            known = self._known.get((cell.text, cell.style.size_pt))
            if known is None:
                known = self._known[(cell.text, cell.style.size_pt)] = _text_needs(cell.text, cell.style.size_pt)
            floor, need = max(floor, known[0]), max(need, known[1])
        return floor, need


def _text_needs(text: str, size_pt: float) -> tuple[float, float]:
    """(floor, need) in Excel units of a cell holding ``text``: its longest word, capped; at most two ems of it."""
    longest = max(map(_capped, map(text_width, words(text))), default=0)
    return _units(min(longest, 2 * FLOOR_EMS), size_pt), _units(longest, size_pt)


def _capped(half_widths: int) -> int:
    """Half-widths a line needs for a word this wide: the whole word, or an even share of its lines past the cap."""
    cap = 2 * CAP_EMS
    if half_widths <= cap:
        return half_widths
    lines = math.ceil(half_widths / cap)
    return 2 * math.ceil(half_widths / lines / 2)


def _units(half_widths: float, size_pt: float) -> float:
    """Excel width units of a cell whose lines hold ``half_widths`` at ``size_pt``, margins and slack included."""
    return (half_widths * size_pt / 2 / SAFETY + _PADDING_PT) / PT_PER_UNIT
