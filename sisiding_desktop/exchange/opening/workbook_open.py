"""Open a workbook safely: its sheets as grids (plans, progress) or as an openpyxl workbook (fill-back).

Files are opened by content, not by name, so a well-formed xlsx saved under
another extension (".xlsx.download", ".XLSX", no extension) still opens; the
package checks decide what the file is. Every failure becomes one Chinese
sentence naming the file.
"""

from __future__ import annotations

import warnings
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import openpyxl
from defusedxml import DefusedXmlException
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.opening.package_check import check_package
from sisiding_desktop.exchange.opening.sheet_scan import scan_sheets
from sisiding_desktop.exchange.opening.sheet_stream import read_grids as stream_grids

_MACRO_PARTS = ("xl/vbaProject.bin",)
_MACRO_CONTENT_TYPE = b"macroEnabled"
_MAX_TYPES_BYTES = 1024**2
# What reading a package that passed the checks raises when it is still malformed inside.
_BROKEN = (
    DefusedXmlException, InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, ValueError, TypeError,
    SyntaxError, OSError, EOFError, IndexError, AttributeError,
    NotImplementedError,  # an unsupported compression method
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
    """openpyxl in normal mode (merged cells are known), after :func:`check_file`."""
    with reading(path, "读取"), path.open("rb") as handle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
        return openpyxl.load_workbook(
            handle, read_only=False, data_only=data_only, keep_links=not data_only, rich_text=rich_text
        )


def read_grids(path: Path, limits: ReadLimits, action: str = "读取") -> list[SheetGrid]:
    """Every sheet of a package that passed :func:`check_package` as a :class:`SheetGrid` (cached values, merges
    spread), each streamed once with the limit checks; ``action`` names what was refused (读取, 导入)."""
    with reading(path, action):
        return stream_grids(path, limits)


@contextmanager
def reading(path: Path, action: str):
    """Turn what a malformed or hostile package raises into an :class:`ExchangeError` naming the file."""
    try:
        yield
    except MemoryError as exc:
        raise ExchangeError(f"文件“{path.name}”内容过多，内存不足，无法{action}。") from exc
    except _BROKEN as exc:
        if _caused_by_unsafe_xml(exc):
            raise ExchangeError(f"文件“{path.name}”含有不安全的 XML 内容（实体或外部引用），拒绝{action}。") from exc
        raise ExchangeError(f"文件“{path.name}”已损坏或格式不受支持，无法{action}。") from exc


def _caused_by_unsafe_xml(exc: BaseException | None) -> bool:
    """openpyxl wraps defusedxml's refusal in a ValueError; look down the chain."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False
