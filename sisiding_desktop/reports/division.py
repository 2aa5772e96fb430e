"""任务分工表: the plan itself, as the office prints and sends it."""

from __future__ import annotations

from collections.abc import Sequence

from sisiding_desktop.domain.model import Node, NodeKind, Plan
from sisiding_desktop.reports.assemble import assemble
from sisiding_desktop.reports.columns import TASK_COLUMNS, choose_columns, with_source_columns
from sisiding_desktop.reports.layout import ReportLayout
from sisiding_desktop.reports.task_table import RowData, header_row, tree_rows

DIVISION_COLUMNS = {
    k: TASK_COLUMNS[k] for k in ("seq", "task", "measure", "lead", "support", "local", "deadline", "remarks")
}
DIVISION_DEFAULT = ("seq", "task", "measure", "lead", "support")


def build_division(
    plan: Plan,
    nodes: Sequence[Node],
    *,
    columns: Sequence[str] | None = None,
    office: str = "",
    title: str | None = None,
    attachment_label: str | None = None,
) -> ReportLayout:
    """The 任务分工表 of ``plan`` from its node tree (roots with children, numbers derived).

    ``columns``: keys of ``DIVISION_COLUMNS`` in the order wanted; by default
    序号, 重点任务, 具体落实措施 (left out when the plan has no measures), 牵头单位, 配合单位, and 责任单位 and
    备注 when the plan has them.
    """
    keys = columns
    if keys is None:
        keys = with_source_columns(DIVISION_DEFAULT, nodes, remarks=True)
        if not has_measures(nodes):
            keys = [k for k in keys if k != "measure"]
    chosen = choose_columns(DIVISION_COLUMNS, keys, DIVISION_DEFAULT)
    return assemble(
        "division",
        plan,
        title=title or plan.title,
        columns=chosen,
        header_rows=[header_row(chosen)],
        rows=tree_rows(nodes, chosen, RowData()),
        office=office,
        attachment_label=attachment_label,
        sheet="任务分工表",
    )


def has_measures(nodes: Sequence[Node]) -> bool:
    """True if any node of the tree is a measure."""
    return any(n.kind is NodeKind.MEASURE or has_measures(n.children) for n in nodes)
