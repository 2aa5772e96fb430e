"""Write values into someone else's worksheet: text stays text, styles are copied whole.

openpyxl turns any string starting with "=" into a formula; Excel would
evaluate "+", "-" and "@" when the user edits the cell. Text is therefore
stored with the string type forced and, when it starts with a risky
character, the cell's quote prefix set (Excel's own "'" marker).
"""

from __future__ import annotations

from copy import copy

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment

MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_text(cell: Cell, text: str) -> None:
    """Store ``text`` as a string (never a formula or an error code); empty text clears the cell."""
    value = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n"))[:MAX_CELL_CHARS]
    cell.value = value or None
    if value:
        cell.data_type = "s"
        if text.startswith(RISKY_STARTS):
            cell.quotePrefix = True


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
    alignment = copy(source.alignment) if source.has_style else Alignment(vertical="center")
    target.alignment = Alignment(
        horizontal=horizontal or alignment.horizontal,
        vertical=alignment.vertical or "center",
        wrap_text=True,
        indent=alignment.indent,
    )
