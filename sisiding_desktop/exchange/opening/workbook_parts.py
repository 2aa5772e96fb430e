"""The parts of an xlsx package a sheet reader needs besides the sheets: the sheet list, strings and number formats.

Read as openpyxl reads them when it loads a workbook: sheets in the
workbook's order with their visibility (chart sheets left out), the shared
string table, each cell style's number format (and which of them are dates or
durations), and the 1900/1904 date system.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from defusedxml.ElementTree import fromstring
from openpyxl.reader.strings import read_string_table
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CONTENT_TYPES = "[Content_Types].xml"
_WORKBOOK_TYPES = (".sheet.main+xml", ".template.main+xml", ".sheet.macroEnabled.main+xml")
_WORKBOOK = "xl/workbook.xml"  # where every spreadsheet program puts it; the content types may say otherwise
_MAX_PART_BYTES = 16 * 1024**2  # workbook.xml, its rels and styles.xml are small in any real file
_TRUE = ("1", "true")


@dataclass(frozen=True)
class SheetPart:
    name: str
    part: str  # the worksheet's path inside the package
    hidden: bool


@dataclass
class WorkbookParts:
    sheets: list[SheetPart]
    strings: list[str]
    epoch: datetime = WINDOWS_EPOCH
    formats: list[str] = field(default_factory=list)  # cell style index → number format
    date_styles: frozenset[int] = frozenset()
    duration_styles: frozenset[int] = frozenset()

    def number_format(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else "General"


def read_parts(archive: zipfile.ZipFile) -> WorkbookParts:
    """Everything but the sheets' cells; malformed XML raises (the caller words the error)."""
    names = set(archive.namelist())
    workbook = _workbook_part(archive, names)
    book = fromstring(read_small(archive, workbook))
    rels = _relationships(archive, names, workbook)
    sheets = []
    for sheet in book.iter(f"{_MAIN}sheet"):
        kind, part = rels.get(sheet.get(f"{_REL_NS}id", ""), ("", ""))
        if part in names and not kind.endswith("/chartsheet"):
            sheets.append(SheetPart(sheet.get("name", ""), part, sheet.get("state", "visible") != "visible"))
    folder = posixpath.dirname(workbook)
    strings_part = _related(rels, "/sharedStrings", posixpath.join(folder, "sharedStrings.xml"))
    strings: list[str] = []
    if strings_part in names:
        with archive.open(strings_part) as stream:
            strings = list(read_string_table(stream))
    properties = book.find(f"{_MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904", "").lower() in _TRUE
    parts = WorkbookParts(sheets, strings, MAC_EPOCH if date1904 else WINDOWS_EPOCH)
    styles = _related(rels, "/styles", posixpath.join(folder, "styles.xml"))
    if styles in names:
        _read_number_formats(fromstring(read_small(archive, styles)), parts)
    return parts


def _workbook_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The package's main part as its content types name it (parsed safely, like every part read)."""
    if _CONTENT_TYPES in names:
        for override in fromstring(read_small(archive, _CONTENT_TYPES)).iter(f"{_CONTENT_TYPES_NS}Override"):
            part = override.get("PartName", "").lstrip("/")
            if override.get("ContentType", "").endswith(_WORKBOOK_TYPES) and part in names:
                return part
    return _WORKBOOK


def _related(rels: dict[str, tuple[str, str]], kind: str, default: str) -> str:
    return next((part for rel_kind, part in rels.values() if rel_kind.endswith(kind)), default)


def read_small(archive: zipfile.ZipFile, part: str) -> bytes:
    if archive.getinfo(part).file_size > _MAX_PART_BYTES:
        raise ValueError(f"{part} is implausibly large")
    return archive.read(part)


def _relationships(archive: zipfile.ZipFile, names: set[str], workbook: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, part path) of the workbook."""
    folder, name = posixpath.split(workbook)
    rels_part = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_part not in names:
        return {}
    found = {}
    for rel in fromstring(read_small(archive, rels_part)).iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), part)
    return found


def _read_number_formats(styles, parts: WorkbookParts) -> None:
    custom = {
        int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "")
        for fmt in styles.iterfind(f"{_MAIN}numFmts/{_MAIN}numFmt")
    }
    formats, dates, durations = [], set(), set()
    for index, xf in enumerate(styles.iterfind(f"{_MAIN}cellXfs/{_MAIN}xf")):
        number = int(xf.get("numFmtId", "0"))
        code = custom[number] if number in custom else BUILTIN_FORMATS.get(number)
        formats.append(code or "General")
        if is_date_format(code):
            dates.add(index)
        if is_timedelta_format(code):
            durations.add(index)
    parts.formats = formats
    parts.date_styles, parts.duration_styles = frozenset(dates), frozenset(durations)
