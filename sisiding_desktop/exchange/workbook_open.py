"""Open a workbook for reading progress or filling it in, after the same safety checks as an import.

The file is handed to openpyxl as an open handle, so a well-formed xlsx that
was saved under another extension (".xlsx.download", ".XLSX", no extension)
still opens; the package checks, not the name, decide what the file is.
"""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid import SheetGrid
from sisiding_desktop.exchange.limits import ReadLimits
from sisiding_desktop.exchange.package_check import check_package
from sisiding_desktop.exchange.sheet_scan import scan_sheets

_MACRO_PARTS = ("xl/vbaProject.bin",)
_MACRO_CONTENT_TYPE = b"macroEnabled"
_MAX_TYPES_BYTES = 1024**2
_BROKEN = (
    DefusedXmlException, zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError, OSError,
    IndexError, AttributeError, InvalidFileException, EOFError,
)  # fmt: skip


def check_file(path: Path, limits: ReadLimits) -> None:
    """Package checks (type, sizes, zip bomb) and a streamed count of every sheet's rows and columns."""
    check_package(path, limits)
    scan_sheets(path, limits)


def is_macro_workbook(path: Path) -> bool:
    """True for an .xlsm (or a renamed one): the package holds VBA or says it is macro-enabled."""
    if path.suffix.lower() in (".xlsm", ".xltm"):
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if names & set(_MACRO_PARTS):
                return True
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_TYPES_BYTES:
                return False
            return _MACRO_CONTENT_TYPE in archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def load_workbook(path: Path, *, data_only: bool, rich_text: bool = False) -> Workbook:
    """openpyxl in normal mode (merged cells are known); every failure becomes an :class:`ExchangeError`."""
    try:
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            return openpyxl.load_workbook(
                handle, read_only=False, data_only=data_only, keep_links=not data_only, rich_text=rich_text
            )
    except MemoryError as exc:
        raise ExchangeError(f"文件“{path.name}”内容过多，内存不足，无法读取。") from exc
    except _BROKEN as exc:
        if _caused_by_unsafe_xml(exc):
            raise ExchangeError(f"文件“{path.name}”含有不安全的 XML 内容（实体或外部引用），拒绝读取。") from exc
        raise ExchangeError(f"文件“{path.name}”已损坏或格式不受支持，无法读取。") from exc


def read_grids(path: Path, limits: ReadLimits) -> list[SheetGrid]:
    """Every sheet of a checked workbook as a :class:`SheetGrid` (cached values, merges spread)."""
    workbook = load_workbook(path, data_only=True)
    try:
        return [SheetGrid.from_worksheet(ws, path.name, limits) for ws in workbook.worksheets]
    finally:
        workbook.close()


def _caused_by_unsafe_xml(exc: BaseException | None) -> bool:
    """openpyxl wraps defusedxml's refusal in a ValueError; look down the chain."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
