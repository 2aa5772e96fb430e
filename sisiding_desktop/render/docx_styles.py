"""The Word styles of an exported report: one paragraph style per look, fonts named by role.

A clerk restyles the document in Word or WPS by changing a style (报表标题, 表格表头, 表格正文 …), so the
runs carry no formatting of their own: every font, size and weight sits in the style. Each role's font is the
official one the office expects (仿宋_GB2312, 黑体 …, ``machine.fonts.OFFICE_NAMES``); where this computer has
only a stand-in of it installed (仿宋 instead of 仿宋_GB2312), the stand-in is named, so the file shows in the
right face on the computer it was made on. Word has no font to embed and no glyph fallback here: the name is all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import ParagraphStyle

from sisiding_desktop.machine.fonts import OFFICE_NAMES, find_system_font, xlsx_font_name
from sisiding_desktop.reports.layout import CellStyle, FontRole
from sisiding_desktop.reports.styles import BODY_PT, LABEL_PT, NOTE_PT, SUBTITLE_PT, TITLE_PT

# The paragraph styles of the lines around the table.
LABEL_STYLE = "报表附件标签"
TITLE_STYLE = "报表标题"
SUBTITLE_STYLE = "报表副标题"
NOTE_STYLE = "报表注释"
PAGE_NUMBER_STYLE = "报表页码"
FOOTER_PT = 14.0  # 四号, as the xlsx footer and the PDF
# Table cells by (font role, bold): the header, the group rows of each level, the body.
CELL_STYLES: dict[tuple[FontRole, bool], str] = {
    ("heading", True): "表格表头",
    ("heading", False): "表格分组一",
    ("kai", True): "表格分组二",
    ("body", True): "表格分组三",
    ("body", False): "表格正文",
}
_ROLE_WORDS: dict[str, str] = {"title": "标题", "heading": "黑体", "body": "仿宋", "kai": "楷体"}
TITLE_AFTER_PT = 4.0  # as the PDF leaves below the title
TABLE_AIR_PT = 6.0  # a little air between the heading lines and the table
NOTE_BEFORE_PT = 4.0


def font_name(role: str, dirs: Sequence[Path] | None = None) -> str:
    """The font ``role`` is named in: the first of its office names installed here, else the official one."""
    face = find_system_font(OFFICE_NAMES.get(role, ()), dirs)
    return face.family if face is not None else xlsx_font_name(role)


@dataclass(frozen=True)
class _Look:
    role: FontRole
    size_pt: float
    bold: bool = False
    centred: bool = False
    after_pt: float = 0.0
    before_pt: float = 0.0
    keep_with_next: bool = False


class DocxStyles:
    """The styles of one document, made on first use; ``font_dirs`` where to look for installed fonts."""

    def __init__(self, document: Document, font_dirs: Sequence[Path] | None = None, *, own_normal: bool = True) -> None:
        """``own_normal``: the document is the table's own, so its Normal style takes the table's body look;
        a table added to another document (the briefing's 附件) leaves that document's Normal alone."""
        self._styles = document.styles
        self._dirs = font_dirs
        self._fonts: dict[str, str] = {}
        self._cells: dict[tuple[FontRole, float, bool], ParagraphStyle] = {}
        if own_normal:
            self._define(self._styles["Normal"], _Look("body", BODY_PT))

    def font(self, role: str) -> str:
        name = self._fonts.get(role)
        if name is None:
            name = self._fonts[role] = font_name(role, self._dirs)
        return name

    def label(self) -> ParagraphStyle:
        """附件1: 黑体 三号, at the left."""
        return self._paragraph(LABEL_STYLE, _Look("heading", LABEL_PT, keep_with_next=True))

    def title(self) -> ParagraphStyle:
        """The report's title: 方正小标宋简体 二号, centred."""
        return self._paragraph(
            TITLE_STYLE, _Look("title", TITLE_PT, centred=True, after_pt=TITLE_AFTER_PT, keep_with_next=True)
        )

    def subtitle(self) -> ParagraphStyle:
        """（2024年第3季度）: 楷体 三号, centred, above the table."""
        look = _Look("kai", SUBTITLE_PT, centred=True, after_pt=TABLE_AIR_PT, keep_with_next=True)
        return self._paragraph(SUBTITLE_STYLE, look)

    def note(self) -> ParagraphStyle:
        """注：… below the table."""
        return self._paragraph(NOTE_STYLE, _Look("body", NOTE_PT, before_pt=NOTE_BEFORE_PT))

    def page_number(self) -> ParagraphStyle:
        """— 1 — in the footer: 仿宋 四号, centred, as on the printed xlsx and PDF."""
        return self._paragraph(PAGE_NUMBER_STYLE, _Look("body", FOOTER_PT, centred=True))

    def cell(self, style: CellStyle) -> ParagraphStyle:
        """The paragraph style of a table cell drawn in ``style`` (its fill and alignment are the cell's own)."""
        key = (style.font_role, style.size_pt, style.bold)
        found = self._cells.get(key)
        if found is None:
            name = CELL_STYLES.get((style.font_role, style.bold))
            if name is None:
                name = f"表格{_ROLE_WORDS.get(style.font_role, style.font_role)}{'加粗' if style.bold else ''}"
            if any(made.name == name for made in self._cells.values()):
                name = f"{name}（{style.size_pt:g}磅）"  # the same look in another size (a second table)
            found = self._cells[key] = self._paragraph(name, _Look(style.font_role, style.size_pt, style.bold))
        return found

    def _paragraph(self, name: str, look: _Look) -> ParagraphStyle:
        if name in self._styles:  # made for an earlier table of the document
            return self._styles[name]  # type: ignore[return-value]
        style = self._styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self._styles["Normal"]
        style.quick_style = True
        self._define(style, look)
        return style  # type: ignore[return-value]

    def _define(self, style: ParagraphStyle, look: _Look) -> None:
        """Font (its East Asian name too: ``font.name`` sets only the Latin ones), size, weight and spacing."""
        name = self.font(look.role)
        style.font.name = name
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
        style.font.size = Pt(look.size_pt)
        style.font.bold = look.bold
        paragraph = style.paragraph_format
        paragraph.space_before = Pt(look.before_pt)
        paragraph.space_after = Pt(look.after_pt)
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.first_line_indent = Pt(0)  # whatever the document's Normal indents (a 公文 body: two characters)
        paragraph.left_indent = Pt(0)
        paragraph.keep_with_next = look.keep_with_next
        if look.centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
