"""季度推进情况表: the plan with one period's progress and lights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sisiding_desktop.domain.model import Light, Node, Period, Plan, Progress
from sisiding_desktop.reports.assemble import assemble
from sisiding_desktop.reports.columns import TASK_COLUMNS, choose_columns, compact, with_source_columns
from sisiding_desktop.reports.layout import ReportLayout
from sisiding_desktop.reports.styles import SMALL_BODY_PT
from sisiding_desktop.reports.task_table import RowData, header_row, tree_rows
from sisiding_desktop.reports.text import report_base_name

PROGRESS_COLUMNS = dict(TASK_COLUMNS)
PROGRESS_DEFAULT = (
    "seq", "task", "measure", "lead", "support", "deadline",
    "progress", "percent", "status", "problems", "next_steps",
)  # fmt: skip
LIGHT_NOTE = "注：绿灯表示已完成或按序时进度推进；黄灯表示落后于序时进度或临近完成时限；红灯表示逾期未完成。"


def build_progress(
    plan: Plan,
    nodes: Sequence[Node],
    period: Period,
    progress: Mapping[int, Progress],
    lights: Mapping[int, Light | None],
    *,
    columns: Sequence[str] | None = None,
    office: str = "",
    title: str | None = None,
    attachment_label: str | None = None,
) -> ReportLayout:
    """The 季度推进情况表 for ``period``.

    ``progress`` and ``lights`` are keyed by node id (the measure, or a task
    without measures); progress of other periods is ignored.  Lights are
    computed by the caller (domain.lights).  ``columns``: keys of
    ``PROGRESS_COLUMNS``, default ``PROGRESS_DEFAULT``.
    """
    default = with_source_columns(PROGRESS_DEFAULT, nodes)
    chosen = compact(choose_columns(PROGRESS_COLUMNS, columns, default))
    data = RowData(
        progress={k: p for k, p in progress.items() if p.period == period},
        lights=lights,
        body_pt=SMALL_BODY_PT,
    )
    shows_lights = any(c.key in ("status", "light") for c in chosen)
    return assemble(
        "progress",
        plan,
        title=title or f"{report_base_name(plan.title)}重点任务推进情况表",
        subtitle=f"（{period.label}）",
        columns=chosen,
        header_rows=[header_row(chosen, SMALL_BODY_PT)],
        rows=tree_rows(nodes, chosen, data),
        notes=[LIGHT_NOTE] if shows_lights else [],
        office=office,
        attachment_label=attachment_label,
        sheet=f"推进情况{period.code}",
    )
