"""Columns a report may show, by key, and choosing them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sisiding_desktop.domain.model import Node
from sisiding_desktop.reports.layout import Column

# The columns of the task tables (任务分工表, 季度推进情况表, 单位任务清单).  Widths are nominal: a report's
# layout sizes its short columns from their words and shares the rest among the text columns in proportion
# to these (``column_widths.fit_columns``).
TASK_COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("seq", "序号", 6, "center", "seq"),
        Column("task", "重点任务", 30, "left", "text"),
        Column("measure", "具体落实措施", 50, "left", "text"),
        Column("lead", "牵头单位", 14, "center", "units"),
        Column("support", "配合单位", 18, "center", "units"),
        Column("local", "责任单位", 14, "center", "units"),
        Column("deadline", "完成时限", 12, "center", "deadline"),
        Column("progress", "进展情况", 40, "left", "text"),
        Column("percent", "完成率", 8, "center", "percent"),
        Column("status", "状态/亮灯", 10, "center", "status"),
        Column("light", "亮灯", 7, "center", "status"),
        Column("problems", "存在问题", 22, "left", "text"),
        Column("next_steps", "下步计划", 22, "left", "text"),
        Column("remarks", "备注", 12, "left", "text"),
    )
}

# Nominal widths for the wide tables with progress columns (their text columns' proportions).
COMPACT_WIDTHS = {
    "seq": 5, "task": 20, "measure": 34, "lead": 11, "support": 12, "local": 11, "deadline": 12,
    "progress": 28, "percent": 7, "status": 9, "light": 6, "problems": 16, "next_steps": 16, "remarks": 10,
}  # fmt: skip

# Columns whose cells belong to the task and span its measure rows.
TASK_LEVEL_KEYS = frozenset({"seq", "task"})
PROGRESS_KEYS = frozenset({"progress", "percent", "status", "light", "problems", "next_steps", "remarks"})


def choose_columns(
    catalogue: Mapping[str, Column],
    keys: Sequence[str] | None,
    default: Sequence[str],
) -> tuple[Column, ...]:
    """The columns for ``keys`` (or ``default``), in the order given; unknown keys raise ValueError."""
    chosen = list(default if keys is None else keys)
    unknown = [k for k in chosen if k not in catalogue]
    if unknown:
        raise ValueError(f"未知的列：{'、'.join(unknown)}；可选的列：{'、'.join(catalogue)}")
    if not chosen:
        raise ValueError("至少要选择一列。")
    if len(set(chosen)) != len(chosen):
        raise ValueError("同一列不能选择两次。")
    return tuple(catalogue[k] for k in chosen)


def with_source_columns(default: Sequence[str], nodes: Sequence[Node], remarks: bool = False) -> tuple[str, ...]:
    """``default`` with 责任单位 after 配合单位 when the plan has that third role, 完成时限 after the units when a
    node carries one as written (the source had that column, or the clerk set one), and (with ``remarks``)
    备注 at the end when a node carries one: a table prints the columns its source had."""
    keys = list(default)
    found = _found_in(nodes)
    if "local" in found and "local" not in keys:
        keys.insert(keys.index("support") + 1 if "support" in keys else len(keys), "local")
    if "deadline" in found and "deadline" not in keys:
        after = [i for i, key in enumerate(keys) if key in ("measure", "task", "lead", "support", "local")]
        keys.insert(after[-1] + 1 if after else len(keys), "deadline")
    if remarks and "remarks" in found and "remarks" not in keys:
        keys.append("remarks")
    return tuple(keys)


_OPTIONAL = ("local", "deadline", "remarks")


def _found_in(nodes: Sequence[Node]) -> set[str]:
    """Which of the optional fields (``_OPTIONAL``) any node of the tree fills."""
    found: set[str] = set()
    stack = list(nodes)
    while stack and len(found) < len(_OPTIONAL):
        node = stack.pop()
        if node.local:
            found.add("local")
        if node.deadline.text:
            found.add("deadline")
        if node.remarks:
            found.add("remarks")
        stack.extend(node.children)
    return found


def compact(columns: Sequence[Column]) -> tuple[Column, ...]:
    """``columns`` with the narrower widths of ``COMPACT_WIDTHS``."""
    return tuple(replace(c, width_chars=COMPACT_WIDTHS.get(c.key, c.width_chars)) for c in columns)
