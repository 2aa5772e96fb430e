"""Write the 季度推进情况报告 to Word (.docx) in 公文 format (GB/T 9704-2012), for the clerk to finish in Word or WPS.

The page, fonts and spacing are ``reports.briefing_page``'s.  Every look is a real style the clerk can change
once for the whole document: ``Normal`` (仿宋_GB2312 三号, first line indented two characters, fixed 28.9 pt
lines), ``Title`` (方正小标宋简体 二号, centred), ``Heading 1`` (黑体, 一、), ``Heading 2`` (楷体_GB2312, （一）),
``Caption`` (a chart's title), and the named ``附件说明``, ``附件标签`` and ``简报图片``; the built-in ones are
cleared of the template's theme fonts, colours and borders first.  Runs carry no formatting of their own.

Fonts are named as an office computer has them, the East Asian name too (``w:eastAsia``: Word and WPS choose a
Chinese font by it, not by the Latin name).  Where a font is not installed, Word takes the ``w:altName`` the
font table gives it (仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体, 黑体 → SimHei), which every
Chinese Windows has; WPS and LibreOffice use their own substitution tables to the same effect.

Texts from the database go in as plain text only: nothing in them becomes a field, a link or markup, and
characters XML cannot hold are dropped.  The one field is the program's own: PAGE in the footer, between
the dashes of ``— 1 —``.  A chart block's picture is the n-th of ``charts``; a chart block without one keeps
its caption only.  ``attachment``, when given, is called after a page break and the 附件 label, to append
the attached table (``render/docx_writer``); it may add a section of its own (a landscape table).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from lxml import etree

from sisiding_desktop.file_writing.atomic_file import replaced_atomically
from sisiding_desktop.file_writing.xlsx_text import clean_text
from sisiding_desktop.machine.fonts import OFFICE_NAMES
from sisiding_desktop.render.docx_fields import page_number
from sisiding_desktop.reports.briefing_page import (
    CHAR_SPACING_PT,
    FOOTER_FONT,
    FOOTER_PT,
    LOOKS,
    MARGINS_MM,
    PAGE_MM,
    PAGE_NUMBER,
    PAGE_NUMBER_BELOW_MM,
    PICTURE_STYLE,
    BlockLook,
    picture_size_mm,
    title_lines,
)
from sisiding_desktop.reports.briefing_text import Block

CREATOR = "四水四定任务管理（sisiding_desktop）"
Attachment = Callable[[Document], None]
# A missing font → the one Word shows instead (font table ``w:altName``).
ALT_NAMES = {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei"}
# Run properties that follow w:spacing and w:lang, in the schema's order.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", *_AFTER_LANG,
)  # fmt: skip
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")  # besides clean_text's control characters


def write_briefing_docx(
    blocks: Sequence[Block],
    out: Path,
    *,
    charts: Sequence[bytes] = (),
    attachment: Attachment | None = None,
    author: str = "",
) -> None:
    """Write ``blocks`` as a Word document at ``out`` (replaced atomically: the file appears only when complete)."""
    document = briefing_document(blocks, charts=charts, attachment=attachment, author=author)
    with replaced_atomically(Path(out)) as handle:
        document.save(handle)


def briefing_document(
    blocks: Sequence[Block],
    *,
    charts: Sequence[bytes] = (),
    attachment: Attachment | None = None,
    author: str = "",
) -> Document:
    """The briefing as a python-docx ``Document`` (unsaved)."""
    document = new_document()
    _styles(document)
    _page(document.sections[0])
    _fonts_table(document)
    pictures: Iterator[bytes] = iter(charts)
    for kind, text in blocks:
        if kind == "chart":
            picture = next(pictures, None)
            if picture is not None:
                image = Image.from_blob(picture)
                width, height = picture_size_mm(image.px_width, image.px_height)
                run = document.add_paragraph(style=PICTURE_STYLE).add_run()
                run.add_picture(io.BytesIO(picture), width=Mm(width), height=Mm(height))
        if kind == "title":
            text = "\n".join(title_lines(text))  # a line break where the title divides best
        document.add_paragraph(docx_text(text), style=LOOKS.get(kind, LOOKS["body"]).style)
    if attachment is not None:
        # a section of its own, so the attached table may turn the page to landscape (the hook sets it up)
        document.add_section(WD_SECTION.NEW_PAGE)  # same page and footer as the report until the hook says
        label = document.add_paragraph("附件", style=LOOKS["attachment_label"].style)
        label.paragraph_format.page_break_before = False  # the new section already starts a page
        attachment(document)
    title = next((text for kind, text in blocks if kind == "title"), "")
    _properties(document, docx_text(title), docx_text(author))
    return document


def docx_text(text: str) -> str:
    """``text`` as a Word run can hold it: one kind of line break, no control characters or lone surrogates."""
    return _NOT_XML.sub("", clean_text(text))


def font_name(role: str) -> str:
    """The official font of ``role`` as offices have it installed (仿宋_GB2312 …)."""
    return OFFICE_NAMES[role][0]


def _page(section: Section) -> None:
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    # the footer's bottom edge, so that the number's top sits PAGE_NUMBER_BELOW_MM under the text block
    number_mm = FOOTER_PT * 25.4 / 72
    section.footer_distance = Mm(MARGINS_MM["bottom"] - PAGE_NUMBER_BELOW_MM - number_mm)
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    page_number(footer, PAGE_NUMBER)


def _styles(document: Document) -> None:
    styles = document.styles
    for look in LOOKS.values():
        if look.style in styles:
            style = styles[look.style]
            if look.style != "Normal":
                _clear(style)  # the template's theme fonts, colours, borders and spacing
        else:
            style = styles.add_style(look.style, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = True
        _define(style, look)  # type: ignore[arg-type]
    picture = styles.add_style(PICTURE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    picture.base_style = styles["Normal"]
    fmt = picture.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    _indent_chars(picture, 0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE  # a fixed pitch would cut the picture off
    fmt.space_before = Pt(6)
    fmt.keep_with_next = True  # with its caption
    footer = styles["Footer"]
    _clear(footer)
    footer.font.size = Pt(FOOTER_PT)
    _set_font(footer, FOOTER_FONT)
    fmt = footer.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.first_line_indent = Pt(0)
    _indent_chars(footer, 0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_after = Pt(0)


def _clear(style: ParagraphStyle) -> None:
    for tag in ("w:pPr", "w:rPr"):
        for child in style.element.findall(qn(tag)):
            style.element.remove(child)


def _define(style: ParagraphStyle, look: BlockLook) -> None:
    _set_font(style, font_name(look.role))
    style.font.size = Pt(look.size_pt)
    style.font.bold = False
    style.font.italic = False
    if look.style == "Normal":
        rpr = style.element.get_or_add_rPr()
        _insert(rpr, f'<w:spacing {nsdecls("w")} w:val="{round(CHAR_SPACING_PT * 20)}"/>', _AFTER_SPACING)
        _insert(rpr, f'<w:lang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>', _AFTER_LANG)
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if look.centred else WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(look.line_pt)
    if look.continuation_chars:  # a hanging indent: the lines after the first further in
        fmt.left_indent = Pt(look.continuation_chars * look.size_pt)
        fmt.first_line_indent = Pt((look.indent_chars - look.continuation_chars) * look.size_pt)
    else:
        fmt.first_line_indent = Pt(look.indent_chars * look.size_pt)
    _indent_chars(style, look.indent_chars, look.continuation_chars)
    fmt.space_before = Pt(look.before_pt)
    fmt.space_after = Pt(look.after_pt)
    fmt.keep_with_next = look.keep_with_next
    fmt.page_break_before = look.page_break_before
    fmt.widow_control = True
    if look.outline_level is not None:
        ppr = style.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{look.outline_level}"/>'))


def _insert(parent, xml: str, successors: Sequence[str]) -> None:
    """``xml`` into ``parent`` before the first of ``successors`` there (the order the schema fixes)."""
    element = parse_xml(xml)
    following = next((c for c in parent if c.tag in {qn(t) for t in successors}), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)


def _indent_chars(style: ParagraphStyle, first: float, continuation: float = 0.0) -> None:
    """The indents in characters too (``w:firstLineChars`` …): they follow the font size, as WPS expects."""
    ind = style.element.get_or_add_pPr().get_or_add_ind()
    if continuation:
        ind.set(qn("w:leftChars"), str(round(continuation * 100)))
        ind.set(qn("w:hangingChars"), str(round((continuation - first) * 100)))
    else:
        ind.set(qn("w:firstLineChars"), str(round(first * 100)))


def _set_font(style: ParagraphStyle, name: str) -> None:
    """``name`` for every script, the East Asian one too (``font.name`` sets only the Latin ones)."""
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:cs"), name)


def _fonts_table(document: Document) -> None:
    """The fonts the styles name, each with the font Word shows when it is missing (``w:altName``)."""
    part = next((r.target_part for r in document.part.rels.values() if r.reltype == RT.FONT_TABLE), None)
    if part is None or not hasattr(part, "_blob"):
        return
    table = parse_xml(part.blob)
    for name, alt in ALT_NAMES.items():
        entry = parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
        )
        table.append(entry)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _properties(document: Document, title: str, author: str) -> None:
    props = document.core_properties
    props.title = title
    props.subject = title
    props.author = props.last_modified_by = author or CREATOR
    props.comments = CREATOR  # in place of the template's "generated by python-docx"
    props.keywords = "季度推进情况报告"
    now = datetime.now(tz=timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1
