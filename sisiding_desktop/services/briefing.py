"""The quarter's written report (季度推进情况报告): a draft from the period's data, saved as Word or PDF with
its charts and, after a page break, the period's 推进情况表 as its 附件.

The draft's wording comes from the text templates in ``resources/briefing``; the clerk may edit it before
saving (see :mod:`sisiding_desktop.reports.briefing_draft`). The edited text is not stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sisiding_desktop.domain.model import Period
from sisiding_desktop.services.base import Service
from sisiding_desktop.services.collector import collector_paused
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.indicators import IndicatorService
from sisiding_desktop.services.plans import PlanService
from sisiding_desktop.services.progress import ProgressService
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.wording.os_errors import reason

BRIEFING_FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class BriefingDraft:
    """What the report will say: its blocks (kind, text), the chart pictures, and the table attached."""

    blocks: tuple[tuple[str, str], ...]
    charts: tuple[bytes, ...]
    attachment: str | None  # the report attached ("progress"), or None

    def text(self) -> str:
        """The draft as the clerk edits it."""
        from sisiding_desktop.reports.briefing_draft import draft_text

        return draft_text(list(self.blocks))

    def edited(self, text: str) -> BriefingDraft:
        """The draft with the clerk's text; charts follow the placeholders kept, in their new order."""
        from sisiding_desktop.reports.briefing_draft import blocks_from_text

        blocks, order = blocks_from_text(text)
        if not blocks:
            raise ServiceError("报告内容为空，未保存。")
        numbers = iter(order)
        kept, charts = [], []
        for block in blocks:
            if block[0] == "chart":
                number = next(numbers)
                if not 1 <= number <= len(self.charts):
                    continue  # a placeholder typed by hand: there is no such chart
                charts.append(self.charts[number - 1])
            kept.append(block)
        return replace(self, blocks=tuple(kept), charts=tuple(charts))


class BriefingService(Service):
    def draft(
        self, plan_id: int, period: Period, *, today: date | None = None, attach: str | None = "progress"
    ) -> BriefingDraft:
        """The report for ``period`` as the program writes it (lights as of the period's end at latest)."""
        from sisiding_desktop.render.chart import briefing_charts
        from sisiding_desktop.reports.briefing import build_briefing
        from sisiding_desktop.reports.briefing_text import briefing_blocks

        with collector_paused():
            progress = ProgressService(self.db, self.user)
            view = progress.period_view(plan_id, period, _as_of(period, today))
            previous = period.previous()
            before = progress.period_view(plan_id, previous, _as_of(previous, today))
            plan = PlanService(self.db, self.user).get_plan(plan_id)
            briefing = build_briefing(
                plan,
                view.nodes,
                period,
                view.entries,
                view.lights,
                previous_progress=before.entries,
                previous_lights=before.lights,
                indicators=IndicatorService(self.db, self.user).list_indicators(plan_id),
            )
        attachment = _attachment_name(plan.title, period) if attach else None
        blocks = briefing_blocks(briefing, attachment=attachment)
        return BriefingDraft(tuple(blocks), tuple(briefing_charts(briefing)), attach)

    def charts(self, plan_id: int, period: Period, today: date | None = None) -> tuple[bytes, ...]:
        """The report's charts for ``period`` (progress by chapter, lights by unit), as PNG pictures."""
        return self.draft(plan_id, period, today=today, attach=None).charts

    def write(
        self,
        plan_id: int,
        period: Period,
        fmt: str,
        out: Path,
        *,
        draft: BriefingDraft | None = None,
        today: date | None = None,
    ) -> Path:
        """Write the report (the program's draft, or the clerk's edited one) to ``out`` as docx or pdf."""
        if fmt not in BRIEFING_FORMATS:
            raise ServiceError(f"季度推进情况报告只能导出为 Word（docx）或 PDF，而不是“{fmt}”。")
        out = Path(out).expanduser().resolve()
        if not out.parent.is_dir():
            raise ServiceError(f"文件夹“{out.parent}”不存在。")
        draft = draft or self.draft(plan_id, period, today=today)
        author = SettingsService(self.db, self.user).office_name()
        table = self._progress_table(plan_id, period, today, author) if draft.attachment else None
        try:
            if fmt == "docx":
                _write_docx(draft, out, table, author)
            else:
                _write_pdf(draft, out, table, author)
        except OSError as exc:
            raise ServiceError(f"无法写入“{out.name}”：{reason(exc)}。未留下不完整的文件。") from exc
        return out

    def _progress_table(self, plan_id: int, period: Period, today: date | None, office: str):
        """The period's 推进情况表, the report's 附件 (the same layout the export writes)."""
        from sisiding_desktop.reports.progress import build_progress

        with collector_paused():
            view = ProgressService(self.db, self.user).period_view(plan_id, period, _as_of(period, today))
            plan = PlanService(self.db, self.user).get_plan(plan_id)
            return build_progress(plan, view.nodes, period, view.entries, view.lights, office=office)


def _write_docx(draft: BriefingDraft, out: Path, table, author: str) -> None:
    from sisiding_desktop.render.briefing_docx import write_briefing_docx
    from sisiding_desktop.render.docx_writer import append_layout_docx

    attach = None
    if table is not None:
        unlabelled = replace(table, attachment_label="")  # the report writes its own 附件 label

        def attach(document) -> None:
            append_layout_docx(document, unlabelled)

    write_briefing_docx(list(draft.blocks), out, charts=draft.charts, attachment=attach, author=author)


def _write_pdf(draft: BriefingDraft, out: Path, table, author: str) -> None:
    from sisiding_desktop.render.briefing_pdf import write_briefing_pdf
    from sisiding_desktop.render.pdf_pages import plan_pages

    pages = plan_pages(replace(table, attachment_label="附件")) if table is not None else None
    write_briefing_pdf(list(draft.blocks), out, charts=draft.charts, attachment=pages, author=author)


def _as_of(period: Period, today: date | None) -> date:
    return min(today or date.today(), period.end)


def _attachment_name(plan_title: str, period: Period) -> str:
    from sisiding_desktop.reports.text import report_base_name

    return f"{report_base_name(plan_title)}重点任务推进情况表（{period.label}）"
