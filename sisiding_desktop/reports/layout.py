"""A printable table described independently of the output format.

The xlsx writer, the PDF writer and the print preview all draw a
``ReportLayout``: the same rows, cells, spans and styles.

The body is a full grid: every row has exactly one ``Cell`` per column.  A
cell that owns a merge carries ``row_span``/``col_span``; the cells it covers
are placeholders with ``spanned=True`` (and the owner's style, so borders are
drawn the same).  Spans never reach from the header rows into the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FontRole = Literal["title", "heading", "body", "kai"]
Align = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "bottom"]
RowKind = Literal["header", "group1", "group2", "group", "task", "measure", "indicator"]
ColumnRole = Literal["seq", "text", "units", "deadline", "percent", "status", "value"]


@dataclass(frozen=True)
class CellStyle:
    """How one cell's text is drawn; ``fill`` is an ``RRGGBB`` colour or None."""

    font_role: FontRole = "body"
    size_pt: float = 12.0
    bold: bool = False
    align: Align = "left"
    valign: VAlign = "center"
    wrap: bool = True
    fill: str | None = None
    border: bool = True
    keep_words: bool = False  # lines break between words (unit names, header words), inside one only if too long


@dataclass(frozen=True)
class Cell:
    """One grid cell.

    ``number`` (with an Excel ``number_format``) lets a writer store a real
    number, e.g. 完成率 0.6 shown as ``60%``; ``text`` is always what is shown.
    ``continued`` marks text repeated after a page break （续）.
    """

    text: str = ""
    col_span: int = 1
    row_span: int = 1
    style: CellStyle = field(default_factory=CellStyle)
    spanned: bool = False
    number: float | None = None
    number_format: str = ""
    continued: bool = False


@dataclass(frozen=True)
class Row:
    """One table row.

    ``block_id`` is the node whose span the row belongs to (the task for task
    and measure rows, the group for group rows): rows of one block are kept
    together or split cleanly.  ``node_id`` is the node whose data the row
    shows (the measure, or a task without measures), for reading values back.
    """

    kind: RowKind
    cells: tuple[Cell, ...]
    block_id: int | None = None
    node_id: int | None = None


@dataclass(frozen=True)
class Column:
    """A table column: ``width_chars`` in Excel width units (about one half-width character).

    Text columns (``role`` "text") share the width a report has left; every other column is a short one, as
    wide as the longest word it holds (``reports.column_widths``).
    """

    key: str
    header: str
    width_chars: float
    align: Align = "left"
    role: ColumnRole = "text"

    @property
    def short(self) -> bool:
        """序号, units, deadline, percent, status …: sized from its longest word, its words kept whole."""
        return self.role != "text"


@dataclass(frozen=True)
class Margins:
    top: float = 20.0
    right: float = 15.0
    bottom: float = 20.0
    left: float = 15.0
    header: float = 8.0
    footer: float = 10.0


@dataclass(frozen=True)
class PageSetup:
    """Paper, orientation and margins (millimetres); ``fit_width``: scale to one page wide."""

    orientation: Literal["landscape", "portrait"] = "landscape"
    paper: Literal["A4", "A3"] = "A4"
    margins_mm: Margins = field(default_factory=Margins)
    fit_width: bool = True

    @property
    def size_mm(self) -> tuple[float, float]:
        """(width, height) of the paper as it is printed."""
        short, long = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}[self.paper]
        return (long, short) if self.orientation == "landscape" else (short, long)

    @property
    def printable_mm(self) -> tuple[float, float]:
        width, height = self.size_mm
        m = self.margins_mm
        return width - m.left - m.right, height - m.top - m.bottom


@dataclass(frozen=True)
class ReportMetadata:
    """Document properties: author and office go into the file's metadata."""

    author: str = ""
    office: str = ""
    subject: str = ""
    report: str = ""  # division / progress / indicators / unit


@dataclass(frozen=True)
class ReportLayout:
    """A whole printable table: heading lines, columns, header rows, body rows, page."""

    title: str
    columns: tuple[Column, ...]
    header_rows: tuple[Row, ...]
    rows: tuple[Row, ...]
    attachment_label: str = ""
    subtitle: str = ""
    notes: tuple[str, ...] = ()  # lines printed below the table (注：…)
    figures: tuple[bytes, ...] = ()  # PNG pictures printed after the table and its notes (a ranking's chart)
    page: PageSetup = field(default_factory=PageSetup)
    footer_page_numbers: bool = True
    metadata: ReportMetadata = field(default_factory=ReportMetadata)
    sheet_name: str = ""

    def __post_init__(self) -> None:
        check_grid(self.header_rows, len(self.columns))
        check_grid(self.rows, len(self.columns))

    @property
    def total_width_chars(self) -> float:
        return sum(c.width_chars for c in self.columns)


def check_grid(rows: tuple[Row, ...], ncols: int) -> None:
    """Raise ValueError unless ``rows`` form a full grid whose spans cover exactly their placeholders."""
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        if len(row.cells) != ncols:
            raise ValueError(f"row {r} has {len(row.cells)} cells, expected {ncols}")
        for c, cell in enumerate(row.cells):
            if cell.spanned:
                if (r, c) not in covered:
                    raise ValueError(f"cell ({r}, {c}) is a placeholder outside any span")
                continue
            if (r, c) in covered:
                raise ValueError(f"cell ({r}, {c}) lies inside a span but is not a placeholder")
            if cell.row_span < 1 or cell.col_span < 1:
                raise ValueError(f"cell ({r}, {c}) has an empty span")
            if cell.row_span == 1 and cell.col_span == 1:
                continue
            if r + cell.row_span > len(rows) or c + cell.col_span > ncols:
                raise ValueError(f"cell ({r}, {c}) spans beyond the table")
            covered.update((r + dr, c + dc) for dr in range(cell.row_span) for dc in range(cell.col_span) if dr or dc)


def spans(rows: tuple[Row, ...]) -> list[tuple[int, int, int, int]]:
    """Every merge as (first_row, first_col, last_row, last_col), zero-based within ``rows``."""
    return [
        (r, c, r + cell.row_span - 1, c + cell.col_span - 1)
        for r, row in enumerate(rows)
        for c, cell in enumerate(row.cells)
        if not cell.spanned and (cell.row_span > 1 or cell.col_span > 1)
    ]


def placeholder(owner: Cell) -> Cell:
    """The cell covered by ``owner``'s span: no text, same style (so borders match)."""
    return Cell(style=owner.style, spanned=True)


def full_width_row(kind: RowKind, text: str, style: CellStyle, ncols: int, block_id: int | None = None) -> Row:
    """A row whose single cell spans every column (group rows, section headings)."""
    owner = Cell(text=text, col_span=ncols, style=style)
    return Row(kind, (owner, *(placeholder(owner) for _ in range(ncols - 1))), block_id, block_id)
