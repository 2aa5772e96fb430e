"""Read a Word package (.docx) that passed :func:`package_check.check_package`: its tables as grids and
its paragraphs outside tables, in one pass.

The document part is streamed once through defusedxml's parser with DTDs
forbidden (Word never writes one), so neither entity expansion nor external
references can happen; the limits are checked as the body streams past.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml.ElementTree import DefusedXMLParser

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid.cell_text import clean_text
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.opening.docx_grids import DocumentGrids
from sisiding_desktop.exchange.opening.docx_stream import BodyTarget
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.opening.package_check import WORD_PART
from sisiding_desktop.exchange.opening.workbook_open import reading

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class DocxBody:
    """What a Word document holds for an importer."""

    grids: list[SheetGrid]  # every table, as :class:`DocumentGrids` lays them out
    paragraphs: list[str]  # the written paragraphs outside tables, in order, cleaned; blank ones left out
    too_long: int = 0  # the first of them past the cell limit (1-based; 0: none), kept cut at the limit

    def check_paragraphs(self, name: str, limits: ReadLimits) -> None:
        """Refuse the paragraphs when one is longer than a cell may be (for a reader that uses them)."""
        if self.too_long:
            raise ExchangeError(
                f"文件“{name}”正文的第 {self.too_long} 段超过 {limits.max_cell_chars} 个字符，无法导入。"
            )


def read_docx_grids(path: Path, limits: ReadLimits, action: str = "读取") -> list[SheetGrid]:
    """Every table of the document as a :class:`SheetGrid`; one Chinese sentence naming the file on failure."""
    grids = read_docx_body(path, limits, action).grids
    if not grids:
        raise ExchangeError(no_table_message(path.name, action))
    return grids


def read_docx_body(path: Path, limits: ReadLimits, action: str = "读取") -> DocxBody:
    """The document's tables and paragraphs; one Chinese sentence naming the file on failure."""
    with reading(path, action):
        return _read(path, limits)


def no_table_message(name: str, action: str) -> str:
    """The sentence for a Word document that holds nothing to read as a 任务分工表."""
    return (
        f"文件“{name}”是 Word 文档，但其中没有表格，无法{action}任务分工表；"
        "请确认任务分工表是以 Word 表格制作的，或另存为 Excel 工作簿（*.xlsx）后再导入。"
    )


class _Document(DocumentGrids):
    """The grids, and every written paragraph outside the tables as well."""

    def __init__(self, file_name: str, limits: ReadLimits) -> None:
        super().__init__(file_name, limits)
        self.paragraphs: list[str] = []
        self.too_long = 0
        self._max_chars = limits.max_cell_chars

    def paragraph(self, text: str) -> None:
        super().paragraph(text)
        cleaned = clean_text(text)
        if not cleaned:
            return
        self.paragraphs.append(cleaned[: self._max_chars])
        if len(cleaned) > self._max_chars and not self.too_long:
            self.too_long = len(self.paragraphs)


def _read(path: Path, limits: ReadLimits) -> DocxBody:
    collected = _Document(path.name, limits)
    parser = DefusedXMLParser(target=BodyTarget(collected, limits.max_cell_chars), forbid_dtd=True)
    with zipfile.ZipFile(path) as archive, archive.open(WORD_PART) as stream:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
    parser.close()
    return DocxBody(collected.finish(), collected.paragraphs, collected.too_long)
