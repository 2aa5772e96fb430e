"""Write a report layout to a Word document (.docx) with the official look, for the clerk to edit further.

The same ``ReportLayout`` the xlsx and PDF writers draw: the 附件 label, the title and the subtitle above the
table, each in its own style; the table itself a real Word table, its header rows repeated on every page, its
columns sharing the printable width as the layout's widths do, 序号/重点任务 merged over their measures, lights as
cell fills (``docx_table``); the notes below it. Each layout is a section of its own, with the layout's paper,
orientation and margins. Every text from the database goes in as plain text: Word reads nothing in it as a
field or a link, and characters XML cannot hold are dropped as for a workbook. The file appears only when it
is complete.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.section import Section
from docx.shared import Cm, Mm

from sisiding_desktop.file_writing.atomic_file import replaced_atomically
from sisiding_desktop.render.docx_fields import page_number
from sisiding_desktop.render.docx_styles import DocxStyles
from sisiding_desktop.render.docx_table import docx_text, write_table
from sisiding_desktop.reports.layout import PageSetup, ReportLayout

FIGURE_WIDTH_CM = 16.0  # a chart below a table, as wide as a 公文 page's text

CREATOR = "四水四定任务管理（sisiding_desktop）"
ProgressCallback = Callable[[float, str], None]


def write_layout_docx(
    layout: ReportLayout,
    out: Path,
    *,
    progress: ProgressCallback | None = None,
    font_dirs: Sequence[Path] | None = None,
) -> None:
    """Write ``layout`` as a Word document at ``out`` (replaced atomically)."""
    write_layouts_docx([layout], out, progress=progress, font_dirs=font_dirs)


def write_layouts_docx(
    layouts: Sequence[ReportLayout],
    out: Path,
    *,
    progress: ProgressCallback | None = None,
    font_dirs: Sequence[Path] | None = None,
) -> None:
    """One section per layout (e.g. 任务分工表 then 主要指标表), saved atomically at ``out``.

    ``progress(fraction, message)`` is called now and then; an exception it raises (the user cancelled) stops
    the work and leaves no file. ``font_dirs``: where to look for the installed office fonts (default: the OS's).
    """
    document = new_document()
    styles = DocxStyles(document, font_dirs)
    for index, layout in enumerate(layouts):
        section = document.sections[0] if index == 0 else document.add_section(WD_SECTION.NEW_PAGE)
        _page_setup(section, layout.page)
        if index == 0 and layout.footer_page_numbers:  # later sections share the footer: the numbers run on
            footer = section.footer.paragraphs[0]
            footer.style = styles.page_number()
            page_number(footer)
        _heading_lines(document, layout, styles)
        write_table(document, layout, styles, _table_progress(progress, index, len(layouts)))
        for text in layout.notes:
            document.add_paragraph(docx_text(text), styles.note())
        for png in layout.figures:
            document.add_picture(io.BytesIO(png), width=Cm(FIGURE_WIDTH_CM))
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _properties(document, layouts[0])
    if progress:
        progress(0.95, "正在保存")
    with replaced_atomically(Path(out)) as handle:
        document.save(handle)
    if progress:
        progress(1.0, "完成")


def append_layout_docx(document: Document, layout: ReportLayout, font_dirs: Sequence[Path] | None = None) -> None:
    """Draw ``layout`` (title, table, notes) at the end of ``document``, in its last section set up for the
    layout's page: a report's table attached to another document (the briefing's 附件)."""
    styles = DocxStyles(document, font_dirs, own_normal=False)
    _page_setup(document.sections[-1], layout.page)
    _heading_lines(document, layout, styles)
    write_table(document, layout, styles, None)
    for text in layout.notes:
        document.add_paragraph(docx_text(text), styles.note())


def _page_setup(section: Section, page: PageSetup) -> None:
    """Paper, orientation and margins of the layout (the header and footer distances too)."""
    width, height = page.size_mm
    section.orientation = WD_ORIENT.LANDSCAPE if page.orientation == "landscape" else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    m = page.margins_mm
    section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
    section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)
    section.header_distance, section.footer_distance = Mm(m.header), Mm(m.footer)


def _heading_lines(document: Document, layout: ReportLayout, styles: DocxStyles) -> None:
    """附件 label, title and subtitle above the table, as the PDF prints them."""
    if layout.attachment_label:
        document.add_paragraph(docx_text(layout.attachment_label), styles.label())
    if layout.title:
        document.add_paragraph(docx_text(layout.title), styles.title())
    if layout.subtitle:
        document.add_paragraph(docx_text(layout.subtitle), styles.subtitle())


def _properties(document: Document, layout: ReportLayout) -> None:
    meta = layout.metadata
    props = document.core_properties
    props.title = docx_text(layout.title)
    props.subject = docx_text(meta.subject)
    props.author = props.last_modified_by = docx_text(meta.author or meta.office)
    props.comments = docx_text(meta.office)  # in place of the template's "generated by python-docx"
    props.category = meta.report
    props.keywords = ""
    props.content_status = ""
    now = datetime.now(tz=timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    props.revision = 1


def _table_progress(progress: ProgressCallback | None, index: int, count: int) -> ProgressCallback | None:
    """``progress`` for the ``index``-th of ``count`` tables, which share the first 90 % of the work."""
    if progress is None:
        return None
    return lambda fraction, message: progress(0.9 * (index + fraction) / count, message)
