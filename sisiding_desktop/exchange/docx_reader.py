"""Read the tables of a Word package (.docx) that passed :func:`package_check.check_package` as grids.

The document part is streamed once through defusedxml's parser with DTDs
forbidden (Word never writes one), so neither entity expansion nor external
references can happen; the limits are checked as the body streams past.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml.ElementTree import DefusedXMLParser

from sisiding_desktop.exchange.docx_grids import DocumentGrids
from sisiding_desktop.exchange.docx_stream import BodyTarget
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid import SheetGrid
from sisiding_desktop.exchange.limits import ReadLimits
from sisiding_desktop.exchange.package_check import WORD_PART
from sisiding_desktop.exchange.workbook_open import reading

_CHUNK = 64 * 1024


def read_docx_grids(path: Path, limits: ReadLimits, action: str = "读取") -> list[SheetGrid]:
    """Every table of the document as a :class:`SheetGrid`; one Chinese sentence naming the file on failure."""
    with reading(path, action):
        grids = _read(path, limits)
    if not grids:
        raise ExchangeError(
            f"文件“{path.name}”是 Word 文档，但其中没有表格，无法{action}任务分工表；"
            "请确认任务分工表是以 Word 表格制作的，或另存为 Excel 工作簿（*.xlsx）后再导入。"
        )
    return grids


def _read(path: Path, limits: ReadLimits) -> list[SheetGrid]:
    collected = DocumentGrids(path.name, limits)
    parser = DefusedXMLParser(target=BodyTarget(collected, limits.max_cell_chars), forbid_dtd=True)
    with zipfile.ZipFile(path) as archive, archive.open(WORD_PART) as stream:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
    parser.close()
    return collected.finish()
