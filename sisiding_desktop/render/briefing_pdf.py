"""Write the 季度推进情况报告 to PDF in 公文 format, as the Word file lays it out (``reports.briefing_page``).

The same page, margins, fonts by role (the program's PDF fonts, ``render.pdf_fonts``: official ones where
installed, the bundled faces otherwise, glyph by glyph fallback, embedded as subsets), fixed line pitch, first
line indents and page numbers ``— N —`` as the Word writer gives, so the two print alike.  Lines are justified
as Word's 两端对齐 (the last line of a paragraph is not).  A heading is kept with the two lines that follow it,
a chart with its caption, and a paragraph leaves no single line at the foot or the top of a page.

Text is drawn run by run with ``textOut``: nothing in it is read as markup.  ``attachment``: the pages of the
attached table (``render.pdf_pages.plan_pages`` of a layout built with ``attachment_label="附件"``, which
prints the 附件 label on its first page), drawn after the report on their own paper.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sisiding_desktop.file_writing.atomic_file import replaced_atomically
from sisiding_desktop.render.pdf_draw import draw_page
from sisiding_desktop.render.pdf_fonts import FontBook, Run
from sisiding_desktop.render.pdf_pages import PagePlan
from sisiding_desktop.render.pdf_text import clean, shown, wrap
from sisiding_desktop.reports.briefing_page import (
    CHAR_SPACING_PT,
    FOOTER_PT,
    LOOKS,
    MARGINS_MM,
    PAGE_MM,
    PAGE_NUMBER,
    PAGE_NUMBER_BELOW_MM,
    BlockLook,
    picture_size_mm,
    title_lines,
)
from sisiding_desktop.reports.briefing_text import Block

log = logging.getLogger(__name__)

MM = 72 / 25.4
CREATOR = "四水四定任务管理（sisiding_desktop）"
WIDTH, HEIGHT = PAGE_MM[0] * MM, PAGE_MM[1] * MM
LEFT, TOP = MARGINS_MM["left"] * MM, MARGINS_MM["top"] * MM
RIGHT, BOTTOM = WIDTH - MARGINS_MM["right"] * MM, HEIGHT - MARGINS_MM["bottom"] * MM
TEXT_WIDTH = RIGHT - LEFT
MIDDLE = 0.38  # the middle of a CJK glyph lies this many ems above its baseline
PICTURE_BEFORE = 6.0
IDEOGRAPHIC_SPACE = "\u3000"  # one em: the first-line indent, as wide as the characters


@dataclass(frozen=True)
class _Line:
    x: float
    baseline: float  # from the top of the page
    size: float
    char_space: float
    runs: tuple[tuple[Run, float], ...]


@dataclass(frozen=True)
class _Picture:
    x: float
    y: float  # top, from the top of the page
    w: float
    h: float
    png: bytes


@dataclass
class _Sheet:
    number: int
    lines: list[_Line] = field(default_factory=list)
    pictures: list[_Picture] = field(default_factory=list)


def write_briefing_pdf(
    blocks: Sequence[Block],
    out: Path,
    *,
    charts: Sequence[bytes] = (),
    attachment: PagePlan | None = None,
    fonts: FontBook | None = None,
    author: str = "",
) -> int:
    """Write ``blocks`` as a PDF at ``out`` (replaced atomically); returns the number of the report's pages.

    The n-th chart block shows ``charts[n]``; one without a picture keeps its caption only.
    """
    fonts = fonts or FontBook()
    sheets = lay_out(blocks, fonts, charts)
    missing = fonts.missing()
    if missing:
        log.warning("no bundled font has %s; they print as empty boxes", "".join(sorted(missing)))
    title = next((text for kind, text in blocks if kind == "title"), "")
    with replaced_atomically(Path(out)) as handle:
        canvas = Canvas(handle, pagesize=(WIDTH, HEIGHT), initialFontName=fonts.initial_font(), pageCompression=1)
        canvas.setTitle(clean(title).replace("\n", ""))
        canvas.setSubject(clean(title).replace("\n", ""))
        canvas.setAuthor(author or CREATOR)
        canvas.setCreator(CREATOR)
        for sheet in sheets:
            _draw(canvas, sheet)
            canvas.showPage()
        if attachment is not None:
            for page in attachment.pages:
                canvas.setPageSize((attachment.width, attachment.height))
                draw_page(canvas, page, attachment.height)
                canvas.showPage()
        canvas.save()
    return len(sheets)


def lay_out(blocks: Sequence[Block], fonts: FontBook, charts: Sequence[bytes] = ()) -> list[_Sheet]:
    """The report's pages: every line and picture placed, page numbers at the foot."""
    flow = _Flow(fonts)
    pictures: Iterator[bytes] = iter(charts)
    pieces = [_piece(kind, text, fonts, pictures) for kind, text in blocks]
    for n, piece in enumerate(pieces):
        following = pieces[n + 1] if n + 1 < len(pieces) else None
        flow.place(piece, following)
    for sheet in flow.sheets:
        flow.footer(sheet)
    return flow.sheets


@dataclass(frozen=True)
class _Piece:
    """A block made ready to place: its lines (text, justified or not), its look, a picture above it."""

    look: BlockLook
    lines: tuple[tuple[str, bool], ...]  # (shown text, justify)
    picture: tuple[bytes, float, float] | None = None  # png, width, height in points

    def height(self, lines: int | None = None) -> float:
        n = len(self.lines) if lines is None else min(lines, len(self.lines))
        return (self.picture[2] + PICTURE_BEFORE if self.picture else 0.0) + n * self.look.line_pt


def _piece(kind: str, text: str, fonts: FontBook, pictures: Iterator[bytes]) -> _Piece:
    look = LOOKS.get(kind, LOOKS["body"])
    picture = None
    if kind == "chart":
        png = next(pictures, None)
        if png is not None:
            w_mm, h_mm = picture_size_mm(*ImageReader(io.BytesIO(png)).getSize())
            picture = (png, w_mm * MM, h_mm * MM)
    text = "\n".join(title_lines(clean(text))) if kind == "title" else clean(text)
    return _Piece(look, tuple(_wrap(text, look, fonts)), picture)


def _wrap(paragraph: str, look: BlockLook, fonts: FontBook) -> list[tuple[str, bool]]:
    """The paragraph's lines, indented by ideographic spaces (one an em); all but the last to be justified."""
    measure = _measure(fonts, look)
    lines = wrap(IDEOGRAPHIC_SPACE * round(look.indent_chars) + paragraph, TEXT_WIDTH, measure)
    if look.continuation_chars and len(lines) > 1:
        indent = IDEOGRAPHIC_SPACE * round(look.continuation_chars)
        rest = wrap("".join(lines[1:]), TEXT_WIDTH - measure(indent), measure)
        lines = [lines[0], *(indent + line for line in rest)]
    # a line ending where the text breaks it (Word's line break: no new indent) is not stretched either
    return [
        (shown(line), not look.centred and i < len(lines) - 1 and not line.endswith("\n"))
        for i, line in enumerate(lines)
    ]


def _measure(fonts: FontBook, look: BlockLook):
    width = fonts.measure(look.role, look.size_pt)
    return lambda text: width(text) + CHAR_SPACING_PT * len(text.rstrip(" \u3000\n"))


class _Flow:
    """Places pieces down the pages' text block."""

    def __init__(self, fonts: FontBook) -> None:
        self.fonts = fonts
        self.sheets = [_Sheet(1)]
        self.y = TOP

    def new_page(self) -> None:
        self.sheets.append(_Sheet(len(self.sheets) + 1))
        self.y = TOP

    def place(self, piece: _Piece, following: _Piece | None) -> None:
        look = piece.look
        at_top = self.y == TOP
        if look.page_break_before and not at_top:
            self.new_page()
            at_top = True
        before = 0.0 if at_top else look.before_pt
        # what must stand on this page together: a picture with its caption's first line, a heading with
        # the next two lines, any paragraph's first two lines (no orphan)
        need = before + piece.height(2 if not piece.picture else 1)
        if look.keep_with_next and following is not None:
            need = before + piece.height() + following.look.before_pt + following.height(2)
        if self.y + need > BOTTOM and not at_top:
            self.new_page()
            before = 0.0
        self.y += before
        if piece.picture:
            png, w, h = piece.picture
            self.y += PICTURE_BEFORE
            self.sheets[-1].pictures.append(_Picture(LEFT + (TEXT_WIDTH - w) / 2, self.y, w, h, png))
            self.y += h
        lines = list(piece.lines)
        while lines:
            take = self._lines_here(len(lines), look.line_pt)
            for text, justify in lines[:take]:
                self._line(text, justify, look)
            lines = lines[take:]
            if lines:
                self.new_page()
        self.y += look.after_pt

    def _lines_here(self, left: int, pitch: float) -> int:
        """How many of a paragraph's ``left`` lines go on this page: no single line at its foot or the next's top."""
        room = max(int((BOTTOM - self.y + 0.01) // pitch), 0 if self.y > TOP else 1)
        if room >= left:
            return left
        take = room - 1 if left - room == 1 and room > 2 else room
        return take if take >= 2 or self.y == TOP else 0

    def _line(self, text: str, justify: bool, look: BlockLook) -> None:
        size = look.size_pt
        runs = tuple(self.fonts.runs(text, look.role, size))
        natural = sum(width for _, width in runs)
        spacing = CHAR_SPACING_PT
        if justify and len(text) > 1:
            spacing = (TEXT_WIDTH - natural) / (len(text) - 1)
        drawn = natural + spacing * (len(text) - 1)
        x = LEFT + (TEXT_WIDTH - drawn) / 2 if look.centred else LEFT
        baseline = self.y + look.line_pt / 2 + size * MIDDLE
        self.sheets[-1].lines.append(_Line(x, baseline, size, spacing, runs))
        self.y += look.line_pt

    def footer(self, sheet: _Sheet) -> None:
        """``— N —`` centred, its top ``PAGE_NUMBER_BELOW_MM`` under the text block."""
        text = PAGE_NUMBER.format(sheet.number)
        runs = tuple(self.fonts.runs(text, "body", FOOTER_PT))
        width = sum(w for _, w in runs)
        baseline = BOTTOM + PAGE_NUMBER_BELOW_MM * MM + FOOTER_PT * 0.8
        sheet.lines.append(_Line((WIDTH - width) / 2, baseline, FOOTER_PT, 0.0, runs))


def _draw(canvas: Canvas, sheet: _Sheet) -> None:
    for picture in sheet.pictures:
        image = ImageReader(io.BytesIO(picture.png))
        canvas.drawImage(image, picture.x, HEIGHT - picture.y - picture.h, picture.w, picture.h)
    text = canvas.beginText()
    current: tuple[str, float] | None = None
    for line in sheet.lines:
        text.setCharSpace(line.char_space)
        text.setTextOrigin(line.x, HEIGHT - line.baseline)
        for run, _width in line.runs:
            if current != (run.font, line.size):
                current = (run.font, line.size)
                text.setFont(run.font, line.size)
            text.textOut(run.text)
    canvas.drawText(text)
