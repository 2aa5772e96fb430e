"""Put user text into an openpyxl cell so that it stays text (our reports and fill-back alike).

openpyxl turns a string starting with ``=`` into a formula and ``#N/A`` into
an error value; Excel would evaluate ``+``, ``-`` and ``@`` when the user
edits the cell.  We force the string type and mark risky values with a
quote prefix, and drop characters XML cannot hold.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlCell

TEXT_FORMAT = "@"
MAX_CELL_CHARS = 32767  # Excel's limit for one cell
RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """``text`` as a cell can hold it: one kind of line break, no control characters, not too long."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL_CHARS]


def set_text(cell: XlCell, text: str) -> None:
    """Store ``text`` as a string value, never a formula or an error code."""
    value = clean_text(text)
    cell.value = value or None
    if value:
        cell.data_type = "s"
        if value.startswith(RISKY_STARTS) or text.startswith(RISKY_STARTS):
            cell.quotePrefix = True
