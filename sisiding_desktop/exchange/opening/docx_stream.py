"""Stream a Word document's body (``word/document.xml``) as paragraphs and table cells, without building a tree.

What a reader sees is what it is told: text of runs (``w:t``, ``w:tab`` as a
space, ``w:br``/``w:cr`` as a line break), inserted text kept, deleted and
moved-away text, text boxes and alternate renderings left out, rows deleted
with tracked changes left out. Content controls (``w:sdt``), smart tags and
custom XML wrap paragraphs, rows and cells without changing them. A table
nested in a cell is read into that cell as text (its cells joined by spaces,
its rows by line breaks).
"""

from __future__ import annotations

from sisiding_desktop.exchange.grid.cell_text import clean_text

_W = (
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}",
    "{http://purl.oclc.org/ooxml/wordprocessingml/main}",
)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text a reader of the document does not see (or sees twice, for a Fallback).
_SKIPPED = frozenset({"del", "moveFrom", "txbxContent", _FALLBACK})
_RUN_TEXT = {"tab": " ", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


class BodyEvents:
    """What a document reader is told; override what you need."""

    def paragraph(self, text: str) -> None: ...  # a paragraph outside any table

    def table_start(self) -> None: ...  # a table of the body (not one nested in a cell)

    def row_start(self, before: int) -> None: ...  # before: grid columns left out at the start (w:gridBefore)

    def cell(self, text: str, span: int, vmerge: str | None) -> None: ...  # vmerge: None, "restart", "continue"

    def table_end(self) -> None: ...

    def cell_too_long(self) -> None: ...  # the open cell of a body table (or a table in it) passed the limit


class _Cell:
    __slots__ = ("paragraphs", "size", "span", "vmerge")

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.size = 0
        self.span = 1
        self.vmerge: str | None = None

    def text(self) -> str:
        return clean_text("\n".join(text for text in map(clean_text, self.paragraphs) if text))


class _Table:
    __slots__ = ("rows", "row_open", "before", "deleted")

    def __init__(self) -> None:
        self.rows: list[list[str]] = []  # cell texts, for a nested table only
        self.row_open = False
        self.before = 0
        self.deleted = False


class BodyTarget:
    """A parser target (``XMLParser(target=...)``) turning document XML into :class:`BodyEvents` calls."""

    def __init__(self, events: BodyEvents, max_chars: int) -> None:
        self._events = events
        self._max_chars = max_chars
        self._names: dict[str, str] = {}
        self._stack: list[str] = []  # local names of the open elements, outside skipped subtrees
        self._skip = 0  # depth inside a skipped subtree
        self._tables: list[_Table] = []
        self._cells: list[_Cell] = []
        self._text: list[str] = []  # the open paragraph's pieces
        self._size = 0
        self._paragraphs = 0  # open w:p elements (a hostile file may nest them)
        self._collect = False  # inside a run's w:t

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self._skip:
            self._skip += 1
            return
        name = self._local(tag)
        parent = self._stack[-1] if self._stack else ""
        if name == "del" and parent == "trPr" and self._tables:
            self._tables[-1].deleted = True  # a row deleted with tracked changes
        if name in _SKIPPED:
            self._skip = 1
            return
        self._stack.append(name)
        if parent == "r" and name in _RUN_TEXT:
            self._add(_RUN_TEXT[name])
        elif name == "t":
            self._collect = parent == "r"
        elif name == "p":
            if not self._paragraphs:
                self._text, self._size = [], 0
            self._paragraphs += 1
        elif name in ("tbl", "tr", "tc"):
            self._open_table_part(name)
        elif parent == "tcPr" and self._cells and name in ("gridSpan", "vMerge"):
            value = _value(tag, attrib)
            if name == "gridSpan":
                self._cells[-1].span = max(1, _number(value, 1))
            else:
                self._cells[-1].vmerge = "restart" if (value or "").lower() == "restart" else "continue"
        elif name == "gridBefore" and parent == "trPr" and self._tables:
            self._tables[-1].before = max(0, _number(_value(tag, attrib), 0))

    def end(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1
            return
        name = self._stack.pop() if self._stack else ""
        if name == "t":
            self._collect = False
        elif name == "p" and self._paragraphs:
            self._paragraphs -= 1
            if not self._paragraphs:
                self._end_paragraph()
        elif name == "tc" and self._cells and self._tables:
            self._end_cell(self._cells.pop())
        elif name == "tr" and self._tables:
            table = self._tables[-1]
            if len(self._tables) == 1 and not table.row_open and not table.deleted:
                self._events.row_start(table.before)  # a row without cells still takes its place
        elif name == "tbl" and self._tables:
            self._end_table(self._tables.pop())

    def data(self, text: str) -> None:
        if self._collect and not self._skip:
            self._add(text)

    def close(self) -> None:
        return None

    def _local(self, tag: str) -> str:
        name = self._names.get(tag)
        if name is None:
            space, _, local = tag.rpartition("}")
            name = self._names[tag] = local if space + "}" in _W else (tag if tag == _FALLBACK else "")
        return name

    def _add(self, text: str) -> None:
        if self._cells:
            self._grow(self._cells[-1], len(text))
            self._text.append(text)
            return
        room = self._max_chars + 1 - self._size  # a body paragraph this long is refused only if kept above a table
        if room > 0:
            self._text.append(text[:room])
        self._size += len(text)

    def _grow(self, cell: _Cell, size: int) -> None:
        """Count ``size`` more characters into ``cell``; past the limit the body table's cell holding it is refused."""
        cell.size += size
        if cell.size > self._max_chars:
            self._events.cell_too_long()

    def _end_paragraph(self) -> None:
        text = "".join(self._text)
        self._text, self._size = [], 0
        if self._cells:
            self._cells[-1].paragraphs.append(text)
        elif not self._tables:
            self._events.paragraph(text)

    def _open_table_part(self, name: str) -> None:
        if name == "tbl":
            self._tables.append(_Table())
            if len(self._tables) == 1:
                self._events.table_start()
        elif not self._tables:
            return  # a row or cell outside any table: its text is read as the body's
        elif name == "tr":
            table = self._tables[-1]
            table.row_open, table.before, table.deleted = False, 0, False
            if len(self._tables) > 1:
                table.rows.append([])
        else:
            table = self._tables[-1]
            if len(self._tables) == 1 and not table.row_open and not table.deleted:
                table.row_open = True  # w:trPr (w:gridBefore, a deletion) comes before the first cell
                self._events.row_start(table.before)
            self._cells.append(_Cell())

    def _end_cell(self, cell: _Cell) -> None:
        table = self._tables[-1]
        if table.deleted:
            return
        text = cell.text()
        if len(self._tables) > 1:
            if table.rows:
                table.rows[-1].append(text)
            return
        self._events.cell(text, cell.span, cell.vmerge)

    def _end_table(self, table: _Table) -> None:
        if not self._tables:
            self._events.table_end()
            return
        text = "\n".join(" ".join(cell for cell in row if cell) for row in table.rows if any(row))
        if self._cells and text:
            self._cells[-1].paragraphs.append(text)
            self._grow(self._cells[-1], len(text))


def _value(tag: str, attrib: dict[str, str]) -> str | None:
    """The element's ``w:val`` (in the element's own namespace)."""
    return attrib.get(tag[: tag.find("}") + 1] + "val")


def _number(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
