"""Front door for returned progress: read a filled-in progress workbook, and match its rows to a plan's measures.

Loads openpyxl: import it where the reading happens, not at start.
"""

from sisiding_desktop.exchange.progress.reader import (
    ProgressRowRead,
    ReturnedTable,
    read_progress_workbook,
    read_returned_workbook,
)
from sisiding_desktop.exchange.progress.row_matching import MatchTarget, RowMatch, Unmatched, match_rows

__all__ = [
    "MatchTarget",
    "ProgressRowRead",
    "ReturnedTable",
    "RowMatch",
    "Unmatched",
    "match_rows",
    "read_progress_workbook",
    "read_returned_workbook",
]
