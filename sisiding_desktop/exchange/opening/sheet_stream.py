"""Read every worksheet of a checked xlsx package into :class:`SheetGrid` objects in one streamed pass per sheet.

The XML of each sheet is parsed once: the limits (rows, columns, cells,
merged area, characters in a cell) are checked as it streams past, so a
hostile sheet is refused before it costs memory, and only cells holding a
value are kept. Values are read as openpyxl reads them when it loads a
workbook with ``data_only=True``: shared and inline strings, numbers,
booleans, dates by the cell's number format, cached results of formulas.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid.cell_text import cell_text
from sisiding_desktop.exchange.grid.sheet_grid import Bounds, SheetGrid
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.opening.sheet_xml import CellXml, SheetEvents, stream_sheet
from sisiding_desktop.exchange.opening.workbook_parts import SheetPart, WorkbookParts, read_parts

_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)$")


def read_grids(path: Path, limits: ReadLimits) -> list[SheetGrid]:
    """Every worksheet as a grid; :class:`ExchangeError` when a limit is passed.

    Malformed packages raise what the XML parser, zipfile or the number
    conversion raise (the caller words them for the clerk).
    """
    with zipfile.ZipFile(path) as archive:
        parts = read_parts(archive)
        merged = 0
        grids = []
        for sheet in parts.sheets:
            where = f"文件“{path.name}”的工作表“{sheet.name}”"
            reader = _SheetReader(parts, limits, where, merged)
            with archive.open(sheet.part) as stream:
                reader.read(stream)
            merged = reader.merged_area
            grids.append(reader.grid(sheet))
    return grids


class _SheetReader(SheetEvents):
    """One sheet's cells and merged ranges, collected as its XML streams past."""

    def __init__(self, parts: WorkbookParts, limits: ReadLimits, where: str, merged_area: int) -> None:
        self._parts = parts
        self._limits = limits
        self._where = where
        self.merged_area = merged_area  # over the whole workbook so far
        self._texts: dict[tuple[int, int], str] = {}
        self._merges: list[Bounds] = []
        self._hidden_rows: set[int] = set()
        self._rows = self._cells = self._row = self._col = 0
        self._max_cells = limits.max_rows * limits.max_columns

    def read(self, stream) -> None:
        stream_sheet(stream, self)

    def grid(self, sheet: SheetPart) -> SheetGrid:
        grid = SheetGrid.from_texts(
            sheet.name, sheet.hidden, self._texts, self._merges, self._where, self._limits.max_merged_cells
        )
        grid.hidden_rows = frozenset(self._hidden_rows)
        return grid

    def row_start(self, ref: str | None, hidden: bool = False) -> None:
        self._row = _row_number(ref, self._row)
        self._col = 0
        if hidden:
            self._hidden_rows.add(self._row)

    def row_end(self, cells: int) -> None:
        limits = self._limits
        self._rows += 1 if cells else 0
        if self._rows > limits.max_rows:
            raise ExchangeError(f"{self._where}超过 {limits.max_rows} 行，超出导入上限。")
        if self._cells > self._max_cells:
            raise ExchangeError(f"{self._where}的单元格过多，超出导入上限。")

    def cell(self, cell: CellXml) -> None:
        limits = self._limits
        self._cells += 1
        if cell.ref:
            row, self._col = _cell_position(cell.ref)
        else:
            row, self._col = self._row, self._col + 1  # "r" is optional: cells then follow on
        if not cell.children:  # no value, formula or inline string
            return
        col = self._col
        if col > limits.max_columns:
            raise ExchangeError(f"{self._where}超过 {limits.max_columns} 列，超出导入上限。")
        value, style = _value(cell, self._parts)
        if value is None:
            return
        if row > limits.max_rows:
            if self._rows >= limits.max_rows:  # this row is one too many anyway: say so, as at its end
                raise ExchangeError(f"{self._where}超过 {limits.max_rows} 行，超出导入上限。")
            raise ExchangeError(
                f"{self._where}在单元格 {get_column_letter(col)}{row} 处超出导入上限"
                f"（最多 {limits.max_rows} 行、{limits.max_columns} 列）。"
            )
        text = cell_text(value, self._parts.number_format(style))
        if len(text) > limits.max_cell_chars:
            raise ExchangeError(
                f"{self._where}的单元格 {get_column_letter(col)}{row} 超过 {limits.max_cell_chars} 个字符，无法导入。"
            )
        if text:
            self._texts[(row, col)] = text

    def merge(self, ref: str) -> None:
        try:
            left, top, right, bottom = range_boundaries(ref.strip().upper())
        except (TypeError, ValueError):
            self.merged_area += 1  # an unreadable reference counts as one cell and merges nothing
        else:
            self.merged_area += (right - left + 1) * (bottom - top + 1)
            self._merges.append((top, left, bottom, right))
        if self.merged_area > self._limits.max_merged_cells:
            raise ExchangeError(f"{self._where}的合并单元格范围过大，超出导入上限。")


def _value(cell: CellXml, parts: WorkbookParts) -> tuple[object, int]:
    """(the cell's value as openpyxl gives it with ``data_only=True``, its style index)."""
    kind = cell.kind
    style = int(cell.style) if cell.style else 0
    if kind == "inlineStr":
        return ("".join(cell.inline) if cell.inline is not None else None), style
    raw = cell.value or None
    if raw is None:
        return None, style
    if kind == "n":
        number = _number(raw)
        if style not in parts.date_styles:
            return number, style
        try:
            return from_excel(number, parts.epoch, timedelta=style in parts.duration_styles), style
        except (OverflowError, ValueError):
            return "#VALUE!", style  # a date serial outside the calendar
    if kind == "s":
        return parts.strings[int(raw)], style
    if kind == "b":
        return bool(int(raw)), style
    if kind == "d":
        return from_ISO8601(raw), style
    return raw, style  # "str" (a formula's text), "e" (#N/A …)


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _row_number(ref: str | None, previous: int) -> int:
    if not ref:
        return previous + 1
    number = float(ref)
    if not number.is_integer():
        raise ValueError(f"row number {ref!r}")
    return int(number)


def _cell_position(ref: str) -> tuple[int, int]:
    match = _CELL_REF.match(ref)
    if not match:
        raise ValueError(f"cell reference {ref!r}")
    number = 0
    for letter in match.group(1).upper():
        number = number * 26 + ord(letter) - 64
    return int(match.group(2)), number
