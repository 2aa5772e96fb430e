"""单位任务清单: one unit's tasks, where it leads and where it supports, to send to that unit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from sisiding_desktop.domain.model import Light, Node, NodeKind, Period, Plan, Progress, UnitRef
from sisiding_desktop.reports.assemble import assemble
from sisiding_desktop.reports.columns import PROGRESS_KEYS, TASK_COLUMNS, choose_columns, compact, with_source_columns
from sisiding_desktop.reports.layout import Column, ReportLayout, Row, full_width_row
from sisiding_desktop.reports.styles import BODY_PT, SMALL_BODY_PT, body_style, group_style
from sisiding_desktop.reports.task_table import RowData, TaskBlock, block_rows, header_row

UNIT_COLUMNS = dict(TASK_COLUMNS)
UNIT_DEFAULT = ("seq", "task", "measure", "lead", "support", "deadline")
UNIT_PERIOD_DEFAULT = (*UNIT_DEFAULT, "progress", "percent", "problems", "next_steps")
SECTIONS = (("lead", "一、牵头任务"), ("support", "二、配合任务"))
LOCAL_SECTION = ("local", "三、属地责任任务")  # only for a unit that is one of the local governments responsible
NOTHING = "无"


def build_unit_tasks(
    plan: Plan,
    nodes: Sequence[Node],
    unit: UnitRef,
    *,
    columns: Sequence[str] | None = None,
    period: Period | None = None,
    progress: Mapping[int, Progress] | None = None,
    lights: Mapping[int, Light | None] | None = None,
    office: str = "",
    title: str | None = None,
    attachment_label: str | None = None,
) -> ReportLayout:
    """The tasks of ``unit`` (matched by id): a 牵头任务 section and a 配合任务 section.

    Task numbers are the plan's, so the unit can refer to the whole table.
    With a ``period`` the default columns add empty or filled progress
    columns for the unit to report in.
    """
    default = with_source_columns(UNIT_PERIOD_DEFAULT if period else UNIT_DEFAULT, nodes)
    chosen = choose_columns(UNIT_COLUMNS, columns, default)
    size = BODY_PT
    if any(c.key in PROGRESS_KEYS for c in chosen):
        chosen, size = compact(chosen), SMALL_BODY_PT
    data = RowData(
        progress={k: p for k, p in (progress or {}).items() if period is None or p.period == period},
        lights=lights or {},
        body_pt=size,
    )
    subtitle = f"（{plan.title}，{period.label}）" if period else f"（{plan.title}）"
    return assemble(
        "unit",
        plan,
        title=title or f"{unit.name}任务清单",
        subtitle=subtitle,
        columns=chosen,
        header_rows=[header_row(chosen, size)],
        rows=_section_rows(nodes, unit, chosen, data),
        office=office,
        attachment_label=attachment_label,
        sheet=f"{unit.name}任务清单",
    )


def _section_rows(nodes: Sequence[Node], unit: UnitRef, columns: Sequence[Column], data: RowData) -> list[Row]:
    rows: list[Row] = []
    local = list(unit_blocks(nodes, unit, LOCAL_SECTION[0]))
    for role, heading in (*SECTIONS, LOCAL_SECTION) if local else SECTIONS:
        blocks = list(unit_blocks(nodes, unit, role))
        rows.append(full_width_row("group1", heading, group_style(0, data.body_pt), len(columns)))
        if not blocks:
            rows.append(full_width_row("measure", NOTHING, body_style("center", data.body_pt), len(columns)))
        for block in blocks:
            rows.extend(block_rows(block, columns, data))
    return rows


def unit_blocks(nodes: Sequence[Node], unit: UnitRef, role: str) -> Iterator[TaskBlock]:
    """Each task with the measures where ``unit`` has ``role`` (lead/support/local), in plan order."""
    for node in nodes:
        if node.kind is NodeKind.GROUP:
            yield from unit_blocks(node.children, unit, role)
            continue
        measures = tuple(m for m in node.children if m.kind is NodeKind.MEASURE)
        if measures:
            mine = tuple(m for m in measures if _has(m, unit, role))
            if mine:
                yield TaskBlock(node, mine)
        elif _has(node, unit, role):
            yield TaskBlock(node)


def _has(node: Node, unit: UnitRef, role: str) -> bool:
    return any(u.id == unit.id for u in getattr(node, role))
