"""Count each worksheet's rows and columns by streaming its XML, before openpyxl loads it.

The ``<dimension>`` element a writer puts at the top of a sheet may be wrong
in either direction, so it is ignored: the rows are counted as they stream
past, and the scan stops as soon as a limit is passed.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.opening.limits import ReadLimits

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")
_RANGE_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")
_SHEET_DATA, _ROW, _CELL = f"{_MAIN}sheetData", f"{_MAIN}row", f"{_MAIN}c"
_MERGE_CELLS, _MERGE_CELL = f"{_MAIN}mergeCells", f"{_MAIN}mergeCell"
_MAX_PART_BYTES = 16 * 1024**2  # workbook.xml and its rels are small in any real file


def scan_sheets(path: Path, limits: ReadLimits) -> None:
    """Raise :class:`ExchangeError` if any worksheet has too many rows, columns or cells.

    Merged ranges are counted over the whole workbook: openpyxl makes an object
    for every cell they cover, so a few bytes per sheet could otherwise cost
    seconds and hundreds of megabytes each.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            merged = 0
            for sheet, part in _sheet_parts(archive):
                merged = _scan_sheet(archive, part, f"文件“{path.name}”的工作表“{sheet}”", limits, merged)
    except (DefusedXmlException, SyntaxError) as exc:
        raise ExchangeError(f"文件“{path.name}”含有不安全或损坏的 XML 内容，拒绝导入。") from exc
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ExchangeError(f"文件“{path.name}”已损坏，无法读取其中的工作表。") from exc


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip part) for every sheet listed in the workbook."""
    book = fromstring(_read_small(archive, "xl/workbook.xml"))
    rels_xml = fromstring(_read_small(archive, "xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels_xml.iter(f"{_PKG_REL}Relationship")}
    names = set(archive.namelist())
    parts = []
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part in names:
            parts.append((sheet.get("name", ""), part))
    return parts


def _read_small(archive: zipfile.ZipFile, part: str) -> bytes:
    if archive.getinfo(part).file_size > _MAX_PART_BYTES:
        raise ValueError(f"{part} is implausibly large")
    return archive.read(part)


def _scan_sheet(archive: zipfile.ZipFile, part: str, where: str, limits: ReadLimits, merged: int = 0) -> int:
    """Check one sheet; ``merged`` is the merged area of the sheets before it, the new total is returned."""
    rows = cells = max_col = col = 0
    max_cells = limits.max_rows * limits.max_columns
    parents: dict[str, Element] = {}  # sheetData and mergeCells, emptied as we go: memory stays flat
    with archive.open(part) as stream:
        for event, elem in iterparse(stream, events=("start", "end")):
            tag = elem.tag
            if event == "start":
                if tag in (_SHEET_DATA, _MERGE_CELLS):
                    parents[tag] = elem
            elif tag == _MERGE_CELL:
                merged += _range_area(elem.get("ref", ""))
                _empty(parents, _MERGE_CELLS)
                if merged > limits.max_merged_cells:
                    raise ExchangeError(f"{where}的合并单元格范围过大，超出导入上限。")
            elif tag == _CELL:
                cells += 1
                col = _column_of(elem.get("r", "")) or col + 1  # "r" is optional: cells then follow on
                if len(elem):  # has a value, formula or inline string
                    max_col = max(max_col, col)
                elem.clear()
            elif tag == _ROW:
                rows += 1 if len(elem) else 0
                col = 0
                _empty(parents, _SHEET_DATA)
                if rows > limits.max_rows:
                    raise ExchangeError(f"{where}超过 {limits.max_rows} 行，超出导入上限。")
                if max_col > limits.max_columns:
                    raise ExchangeError(f"{where}超过 {limits.max_columns} 列，超出导入上限。")
                if cells > max_cells:
                    raise ExchangeError(f"{where}的单元格过多，超出导入上限。")
    if max_col > limits.max_columns:
        raise ExchangeError(f"{where}超过 {limits.max_columns} 列，超出导入上限。")
    return merged


def _empty(parents: dict[str, Element], tag: str) -> None:
    parent = parents.get(tag)
    if parent is not None:
        parent.clear()


def _column_of(ref: str) -> int:
    match = _CELL_REF.match(ref)
    return _letters_to_number(match.group(1)) if match else 0


def _range_area(ref: str) -> int:
    """Cells in an A1:C3 range; an unreadable reference counts as one cell."""
    match = _RANGE_REF.match(ref.strip().upper())
    if not match or not match.group(3):
        return 1
    first_col, first_row, last_col, last_row = match.groups()
    width = abs(_letters_to_number(last_col) - _letters_to_number(first_col)) + 1
    return width * (abs(int(last_row) - int(first_row)) + 1)


def _letters_to_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
