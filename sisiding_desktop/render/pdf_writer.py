"""Write a report layout to a print-ready PDF: A4 landscape, official fonts, embedded subsets.

The layout is laid out on pages once (``pdf_pages.plan_pages``: header rows
on every page, task blocks kept together or cut cleanly with （续）, page
numbers ``— N —``) and drawn with reportlab.  Only TrueType fonts are used,
each embedded as a subset; a character the main font lacks comes from the
fallback font.  The file appears only when it is complete.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from sisiding_desktop.file_writing.atomic_file import replaced_atomically
from sisiding_desktop.render.pdf_draw import draw_plan
from sisiding_desktop.render.pdf_fonts import FontBook
from sisiding_desktop.render.pdf_pages import PagePlan, plan_pages
from sisiding_desktop.reports.layout import ReportLayout

log = logging.getLogger(__name__)

CREATOR = "四水四定任务管理（sisiding_desktop）"
ProgressCallback = Callable[[float, str], None]


def write_layout_pdf(
    layout: ReportLayout,
    out: Path,
    *,
    progress: ProgressCallback | None = None,
    fonts: FontBook | None = None,
) -> PagePlan:
    """Write ``layout`` as a PDF at ``out`` (replaced atomically); returns the page plan drawn.

    ``progress(fraction, message)`` is called now and then; an exception it
    raises (e.g. the user cancelled) stops the work and leaves no file.
    """
    fonts = fonts or FontBook()
    plan = plan_pages(layout, fonts, progress=_part(progress, 0.0, 0.45))
    missing = fonts.missing()
    if missing:
        log.warning("no bundled font has %s; they print as empty boxes", "".join(sorted(missing)))
    out = Path(out)
    with replaced_atomically(out) as f:
        canvas = Canvas(f, pagesize=(plan.width, plan.height), initialFontName=fonts.initial_font(), pageCompression=1)
        _metadata(canvas, layout)
        draw_plan(canvas, plan, _part(progress, 0.45, 0.9))
        if progress:
            progress(0.9, "正在嵌入字体")
        with _binary_streams():
            canvas.save()
    if progress:
        progress(1.0, "完成")
    return plan


def write_layouts_pdf(
    layouts: Sequence[ReportLayout],
    out: Path,
    *,
    progress: ProgressCallback | None = None,
    fonts: FontBook | None = None,
) -> list[PagePlan]:
    """Several tables in one PDF, each starting on a new page, the page numbers running on (a 汇总表's ranking
    and its measures)."""
    fonts = fonts or FontBook()
    plans: list[PagePlan] = []
    first = 1
    for index, layout in enumerate(layouts):
        share = _part(progress, 0.45 * index / len(layouts), 0.45 * (index + 1) / len(layouts))
        plans.append(plan_pages(layout, fonts, progress=share, first_number=first))
        first += len(plans[-1].pages)
    with replaced_atomically(Path(out)) as f:
        canvas = Canvas(f, pagesize=(plans[0].width, plans[0].height), initialFontName=fonts.initial_font(),
                        pageCompression=1)  # fmt: skip
        _metadata(canvas, layouts[0])
        for index, plan in enumerate(plans):
            canvas.setPageSize((plan.width, plan.height))
            draw_plan(
                canvas, plan, _part(progress, 0.45 + 0.45 * index / len(plans), 0.45 + 0.45 * (index + 1) / len(plans))
            )
        with _binary_streams():
            canvas.save()
    if progress:
        progress(1.0, "完成")
    return plans


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Save streams zlib-compressed only, not also ASCII85-encoded: a quarter smaller and faster."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _metadata(canvas: Canvas, layout: ReportLayout) -> None:
    meta = layout.metadata
    canvas.setTitle(layout.title)
    canvas.setAuthor(meta.author or meta.office)
    canvas.setSubject(meta.subject or layout.title)
    canvas.setCreator(CREATOR)
    if meta.report:
        canvas.setKeywords(meta.report)


def _part(progress: ProgressCallback | None, start: float, end: float) -> ProgressCallback | None:
    """``progress`` for one stage: its 0–1 mapped onto ``start``–``end``."""
    if progress is None:
        return None
    return lambda fraction, message: progress(start + (end - start) * fraction, message)
