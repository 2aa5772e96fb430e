"""Stream a worksheet's XML as rows, cells and merged ranges, without building a tree of elements.

Safety: a worksheet never needs a DTD, and without one an XML file can hold
no entity declarations, so neither entity bombs nor external entities are
possible. The prolog (what comes before the first element) is checked first:
when it is plainly UTF-8 with no ``<!DOCTYPE``, the sheet is parsed by the C
expat parser directly (fast); anything else goes through defusedxml's
parser, which refuses entity declarations and external references.
"""

from __future__ import annotations

import re
from typing import IO
from xml.etree.ElementTree import XMLParser

from defusedxml.ElementTree import DefusedXMLParser

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _VALUE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v"
_INLINE, _TEXT, _RUN = f"{_MAIN}is", f"{_MAIN}t", f"{_MAIN}r"
_MERGE_CELL = f"{_MAIN}mergeCell"
_CHUNK = 64 * 1024
_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_PLAIN_ENCODINGS = (b"utf-8", b"utf8", b"us-ascii", b"ascii")
_ELEMENT_START = re.compile(rb"<[A-Za-z_:\x80-\xff]")  # a name in UTF-8: never "<!", "<?" or UTF-16's "<\0"


class CellXml:
    """One ``<c>`` element as the reader needs it."""

    __slots__ = ("ref", "kind", "style", "value", "inline", "children")

    def __init__(self, attrib: dict[str, str]) -> None:
        self.ref = attrib.get("r")
        self.kind = attrib.get("t", "n")
        self.style = attrib.get("s")
        self.value: str | None = None  # the first <v>'s text
        self.inline: list[str] | None = None  # the pieces of an <is> inline string, once one is seen
        self.children = 0  # child elements: a cell without any holds nothing


class SheetEvents:
    """What a sheet reader is told; override what you need."""

    def row_start(self, ref: str | None, hidden: bool = False) -> None: ...

    def row_end(self, cells: int) -> None: ...  # cells: child elements of the row

    def cell(self, cell: CellXml) -> None: ...

    def merge(self, ref: str) -> None: ...


def stream_sheet(stream: IO[bytes], events: SheetEvents) -> None:
    """Parse the sheet XML in ``stream``, calling ``events``; malformed XML raises ``ParseError``."""
    head = stream.read(_CHUNK)
    target = _Target(events)
    parser = XMLParser(target=target) if _plain_prolog(head) else DefusedXMLParser(target=target)
    chunk = head
    while chunk:
        parser.feed(chunk)
        chunk = stream.read(_CHUNK)
    parser.close()


def _plain_prolog(head: bytes) -> bool:
    """True when ``head`` reaches the first element through UTF-8 text, declarations and comments only."""
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        match = _PROLOG_ITEM.match(head, pos)
        if match is None:
            break
        declared = _ENCODING.match(match.group())
        if declared and declared.group(1).lower() not in _PLAIN_ENCODINGS:
            return False
        pos = match.end()
    return _ELEMENT_START.match(head, pos) is not None


class _Target:
    """Turns the parser's start/end/data calls into rows, cells and merges."""

    def __init__(self, events: SheetEvents) -> None:
        self._events = events
        self._cell: CellXml | None = None
        self._path: list[str] = []  # tags below the open <c>
        self._text: list[str] | None = None  # collecting a <v> or <t>
        self._row_children = 0
        self._in_row = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        cell = self._cell
        if cell is not None:
            path = self._path
            if not path:
                cell.children += 1
            path.append(tag)
            if (tag == _VALUE and len(path) == 1 and cell.value is None) or (tag == _TEXT and _inline_text(path)):
                self._text = []
            elif tag == _INLINE and len(path) == 1 and cell.inline is None:
                cell.inline = []
        elif tag == _CELL:
            self._cell = CellXml(attrib)
            self._path = []
            self._row_children += 1
        elif tag == _ROW:
            self._row_children, self._in_row = 0, True
            self._events.row_start(attrib.get("r"), attrib.get("hidden", "").lower() in ("1", "true"))
        elif tag == _MERGE_CELL:
            self._events.merge(attrib.get("ref", ""))
        elif self._in_row:
            self._row_children += 1  # anything else in a row still makes it a row with content

    def end(self, tag: str) -> None:
        cell = self._cell
        if cell is not None:
            if tag == _CELL and not self._path:
                self._cell = None
                self._events.cell(cell)
                return
            path = self._path
            if self._text is not None and tag in (_VALUE, _TEXT):
                text = "".join(self._text)
                self._text = None
                if tag == _VALUE:
                    cell.value = text
                elif cell.inline is not None:
                    cell.inline.append(text)
            path.pop()
        elif tag == _ROW:
            self._in_row = False
            self._events.row_end(self._row_children)

    def data(self, text: str) -> None:
        if self._text is not None:
            self._text.append(text)

    def close(self) -> None:
        return None


def _inline_text(path: list[str]) -> bool:
    """<is><t> or <is><r><t> directly in the cell: text of an inline string (phonetic guides are left out)."""
    return path[0] == _INLINE and (len(path) == 2 or (len(path) == 3 and path[1] == _RUN))
