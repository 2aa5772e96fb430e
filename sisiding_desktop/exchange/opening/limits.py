"""Size limits checked before and while a workbook is read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadLimits:
    """Bounds that keep a hostile or broken file from exhausting memory or time."""

    max_file_bytes: int = 50 * 1024**2
    max_uncompressed_bytes: int = 500 * 1024**2
    max_ratio: float = 200.0
    max_rows: int = 50_000
    max_columns: int = 200
    max_cell_chars: int = 32_767
    # openpyxl makes an object for every cell of a merged range: A1:XFD1048576 would never finish, and
    # a million cells cost it about ten seconds and 300 MB. Counted over the whole workbook; a real
    # table merges far less (a task's cells down its measures, a group row across the table).
    max_merged_cells: int = 250_000
