"""Write values into someone else's worksheet: text stays text, styles are copied whole.

Text goes through ``sisiding_desktop.file_writing.xlsx_text.set_text``: the string type is
forced and risky starts (= + - @ tab CR) get Excel's quote prefix.
"""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment

from sisiding_desktop.file_writing.xlsx_text import set_text as write_text


def write_percent(cell: Cell, percent: int | None, *, whole_numbers: bool) -> None:
    """A completion percentage: 60 → 0.6 shown as "60%", or 60 when the column says "（%）"."""
    if percent is None:
        cell.value = None
        return
    if cell.number_format == "@":  # a text column: keep it text
        write_text(cell, f"{percent}%")
    elif whole_numbers:
        cell.value = percent
    else:
        cell.value = percent / 100
        if "%" not in cell.number_format:
            cell.number_format = "0%"


def copy_style(source: Cell | MergedCell, target: Cell, *, horizontal: str | None = None) -> None:
    """Give ``target`` the look of ``source`` (font, border, fill, alignment, number format, protection).

    The alignment always wraps, so long progress texts stay inside their column.
    """
    if source.has_style:
        target._style = copy(source._style)
    alignment = source.alignment if source.has_style else Alignment(vertical="center")
    target.alignment = _wrapping(alignment, horizontal)


def wrap(cell: Cell) -> None:
    """Make a cell written with text wrap inside its column (Excel shows an unwrapped text on one line,
    its line breaks ignored, cut at the next filled cell), centred vertically unless it says otherwise."""
    cell.alignment = _wrapping(cell.alignment, None)


def _wrapping(alignment: Alignment, horizontal: str | None) -> Alignment:
    return Alignment(
        horizontal=horizontal or alignment.horizontal,
        vertical=alignment.vertical or "center",
        wrap_text=True,
        indent=alignment.indent,
    )
