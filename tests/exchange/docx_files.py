"""Small helpers to build .docx files in tests, written by hand as Word lays out a 任务分工表."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from tests.conftest import SEEDS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PINGLUO_SEED = SEEDS / "平罗县四水四定年度重点任务表.txt"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


@dataclass
class Cell:
    """A table cell: its paragraphs, how many grid columns it spans, and its vertical merge."""

    paragraphs: list[str] = field(default_factory=list)
    span: int = 1
    vmerge: str | None = None  # "restart", "continue" or None

    @classmethod
    def of(cls, value: Cell | str | None) -> Cell:
        if isinstance(value, Cell):
            return value
        return cls([value] if value else [])


def across(text: str, span: int) -> Cell:
    """A group row's one cell, merged across ``span`` columns."""
    return Cell([text], span=span)


def down(text: str) -> Cell:
    """The first cell of a range merged down (the cells below it are :func:`below`)."""
    return Cell([text] if text else [], vmerge="restart")


def below() -> Cell:
    return Cell([], vmerge="continue")


def paragraph(text: str = "") -> str:
    """A paragraph; a tab in ``text`` is written as ``w:tab`` and a line break as ``w:br``."""
    runs = []
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            runs.append("<w:r><w:br/></w:r>")
        for part_no, part in enumerate(line.split("\t")):
            if part_no:
                runs.append("<w:r><w:tab/></w:r>")
            if part:
                runs.append(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return f"<w:p>{''.join(runs)}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def cell_xml(cell: Cell) -> str:
    props = ""
    if cell.span > 1:
        props += f'<w:gridSpan w:val="{cell.span}"/>'
    if cell.vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif cell.vmerge == "continue":
        props += "<w:vMerge/>"
    body = "".join(paragraph(text) for text in cell.paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def table(rows: list[list[Cell | str | None]], columns: int | None = None) -> str:
    """A table; each row lists its cells (a string is a one-paragraph cell, None an empty one)."""
    cells = [[Cell.of(value) for value in row] for row in rows]
    width = columns or max(sum(cell.span for cell in row) for row in cells)
    grid = "".join('<w:gridCol w:w="1800"/>' for _ in range(width))
    body = "".join("<w:tr>" + "".join(cell_xml(cell) for cell in row) + "</w:tr>" for row in cells)
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>'


def document(*blocks: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(blocks)}<w:sectPr/></w:body></w:document>'
    )


def write_docx(path: Path, document_xml: str | bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal Word package holding ``document_xml`` as word/document.xml."""
    data = document_xml.encode() if isinstance(document_xml, str) else document_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", data)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


# --- the seeds' table dumps --------------------------------------------------------------------------------------

_MARKER = re.compile(r"\[bookmark: [^\]]*\]")


def read_dump(text: str) -> tuple[list[str], list[list[list[str]]]]:
    """(paragraphs before the table, rows of cells of paragraphs) from a seed's table dump.

    A line starting with a tab opens a cell, a line without one continues the
    cell above (another paragraph), a blank line ends a row.
    """
    before: list[str] = []
    rows: list[list[list[str]]] = []
    row: list[list[str]] = []
    for line in text.splitlines():
        line = _MARKER.sub("", line)
        if line.startswith("\t"):
            row.append([line[1:]] if line[1:] else [])
        elif not line.strip():
            if row:
                rows.append(row)
            row = []
        elif row:
            row[-1].append(line)
        elif not rows:
            before.append(line)
        else:
            raise ValueError(f"text outside the table: {line!r}")
    if row:
        rows.append(row)
    return before, rows


def dump_table(rows: list[list[list[str]]]) -> str:
    """The dump's rows as one Word table: a row of one cell spans the table, an empty cell continues the cell above."""
    width = max(len(row) for row in rows)
    cells: list[list[Cell]] = []
    for row in rows:
        if len(row) == 1:
            cells.append([across("\n".join(row[0]), width)])
            continue
        made = []
        for col, paragraphs in enumerate(row):
            if paragraphs:
                made.append(Cell(list(paragraphs)))
                continue
            made.append(below())
            for above in reversed(cells):  # the first filled cell above, in the same column, starts the range
                if len(above) == width and above[col].vmerge != "continue":
                    above[col].vmerge = "restart"
                    break
        cells.append(made)
    return table(cells, width)


def seed_docx(path: Path, seed: Path = PINGLUO_SEED) -> Path:
    before, rows = read_dump(seed.read_text(encoding="utf-8"))
    return write_docx(path, document(*(paragraph(text) for text in before), dump_table(rows)))


# --- the seeds' prose plans ----------------------------------------------------------------------------------------

GUYANG_SEED = SEEDS / "固阳县水资源节约集约利用三年攻坚行动方案.txt"


def prose_lines(text: str) -> list[str]:
    """A seed's lines outside any table dump (a tab opens a cell, lines up to the next blank one continue it)."""
    lines: list[str] = []
    in_cell = False
    for line in text.splitlines():
        line = _MARKER.sub("", line)
        in_cell = line.startswith("\t") or (in_cell and bool(line.strip()))
        if not in_cell:
            lines.append(line)
    return lines


def prose_docx(path: Path, seed: Path = GUYANG_SEED) -> Path:
    """The seed's lines outside tables as the paragraphs of a Word document (blank lines as empty paragraphs)."""
    lines = prose_lines(seed.read_text(encoding="utf-8"))
    return write_docx(path, document(*(paragraph(line) for line in lines)))
