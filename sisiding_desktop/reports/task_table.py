"""Rows of a task table: group rows across the width, one row per measure.

Shared by the 任务分工表, the 季度推进情况表 and the 单位任务清单.  A task's
序号 and 重点任务 cells span its measure rows; its units and deadline span
them too when no measure has its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sisiding_desktop.domain.model import Light, Node, NodeKind, Progress
from sisiding_desktop.reports.columns import TASK_LEVEL_KEYS
from sisiding_desktop.reports.layout import Cell, Column, Row, RowKind, full_width_row, placeholder
from sisiding_desktop.reports.styles import BODY_PT, body_style, group_style, header_style, light_style
from sisiding_desktop.reports.text import labelled, node_label, seq_text, units_text


@dataclass(frozen=True)
class RowData:
    """What the rows show besides the plan: a period's progress and lights per node id."""

    progress: Mapping[int, Progress] = field(default_factory=dict)
    lights: Mapping[int, Light | None] = field(default_factory=dict)
    body_pt: float = BODY_PT
    texts: Mapping[str, Mapping[int, str]] = field(default_factory=dict)  # a report's own columns: key → node → text


@dataclass(frozen=True)
class TaskBlock:
    """A task and the measures shown under it (none: the task is its own row)."""

    task: Node
    measures: tuple[Node, ...] = ()

    @property
    def leaves(self) -> tuple[Node, ...]:
        return self.measures or (self.task,)


def header_row(columns: Sequence[Column], size_pt: float = BODY_PT) -> Row:
    return Row("header", tuple(Cell(c.header, style=header_style(size_pt)) for c in columns))


def group_row(node: Node, group_depth: int, ncols: int, size_pt: float = BODY_PT) -> Row:
    """A 一、/（一） row spanning the whole width."""
    kind: RowKind = ("group1", "group2")[group_depth] if group_depth < 2 else "group"
    text = labelled(node_label(node), node.text)
    return full_width_row(kind, text, group_style(group_depth, size_pt), ncols, node.id)


def tree_rows(nodes: Sequence[Node], columns: Sequence[Column], data: RowData, depth: int = 0) -> list[Row]:
    """Rows for a node tree in printed order: groups, then each task's block."""
    rows: list[Row] = []
    for node in nodes:
        if node.kind is NodeKind.GROUP:
            rows.append(group_row(node, depth, len(columns), data.body_pt))
            rows.extend(tree_rows(node.children, columns, data, depth + 1))
        elif node.kind is NodeKind.TASK:
            measures = tuple(c for c in node.children if c.kind is NodeKind.MEASURE)
            rows.extend(block_rows(TaskBlock(node, measures), columns, data))
        else:  # a measure outside any task is shown as a task of its own
            rows.extend(block_rows(TaskBlock(node), columns, data))
    return rows


def block_rows(block: TaskBlock, columns: Sequence[Column], data: RowData) -> list[Row]:
    """One row per measure; task-level cells span the block."""
    leaves = block.leaves
    spanning = _spanning_keys(block) if len(leaves) > 1 else frozenset()
    grid: list[list[Cell]] = [[] for _ in leaves]
    for column in columns:
        cells = [_cell(column, block, leaf, data) for leaf in leaves]
        if column.key in spanning or column.key in _SAME_TEXT_SPANS and _one_text(cells):
            first = cells[0]
            cells = [Cell(first.text, row_span=len(leaves), style=first.style)]
            cells += [placeholder(cells[0])] * (len(leaves) - 1)
        for row, cell in zip(grid, cells, strict=True):
            row.append(cell)
    return [
        Row("task" if i == 0 else "measure", tuple(cells), block.task.id, leaf.id)
        for i, (leaf, cells) in enumerate(zip(leaves, grid, strict=True))
    ]


def _one_text(cells: list[Cell]) -> bool:
    """Several cells saying the same, not nothing: one note written over a task's measures."""
    return len(cells) > 1 and bool(cells[0].text) and all(cell.text == cells[0].text for cell in cells)


def _spanning_keys(block: TaskBlock) -> frozenset[str]:
    keys = set(TASK_LEVEL_KEYS)
    if all(m.inherited_units for m in block.measures):
        keys.update(("lead", "support"))
    if block.task.deadline.text and not any(m.deadline.text for m in block.measures):
        keys.add("deadline")
    return frozenset(keys)


_SAME_TEXT_SPANS = ("remarks",)  # a 备注 the same on every measure of a task is written once, over them all


@dataclass(frozen=True)
class _Value:
    text: str
    number: float | None = None
    number_format: str = ""
    light: Light | None = None  # fills the cell with the light's colour


def _cell(column: Column, block: TaskBlock, leaf: Node, data: RowData) -> Cell:
    own = data.texts.get(column.key)
    value = own.get(leaf.id, "") if own is not None else _VALUES[column.key](block, leaf, data)
    style = body_style(column.align, data.body_pt, column.short)
    if isinstance(value, str):  # most cells: plain text
        return Cell(value, style=style)
    style = light_style(style, value.light)
    return Cell(value.text, style=style, number=value.number, number_format=value.number_format)


def _measure(block: TaskBlock, leaf: Node, _: RowData) -> str:
    if not block.measures:
        return ""
    # the number shown: the source's label, or derived (none for a lone measure or one carrying its own)
    return labelled(leaf.number, leaf.text)


def _progress_field(name: str) -> Callable[[TaskBlock, Node, RowData], str]:
    def value(_: TaskBlock, leaf: Node, data: RowData) -> str:
        progress = data.progress.get(leaf.id)
        return getattr(progress, name) if progress else ""

    return value


def _remarks(block: TaskBlock, leaf: Node, data: RowData) -> str:
    """备注: the plan's own (as the source wrote it) and the period's, each once."""
    progress = data.progress.get(leaf.id)
    parts = (leaf.remarks, progress.remarks if progress else "")
    return "\n".join(dict.fromkeys(part for part in parts if part))


def _percent(_: TaskBlock, leaf: Node, data: RowData) -> str | _Value:
    progress = data.progress.get(leaf.id)
    if progress is None:
        return ""
    return _Value(f"{progress.percent}%", progress.percent / 100, "0%")


def _status(_: TaskBlock, leaf: Node, data: RowData) -> _Value:
    progress = data.progress.get(leaf.id)
    light = data.lights.get(leaf.id)
    parts = [progress.status.label] if progress else []
    if light is not None:
        parts.append(light.label)
    return _Value("\n".join(parts), light=light)


def _light(_: TaskBlock, leaf: Node, data: RowData) -> _Value:
    light = data.lights.get(leaf.id)
    return _Value("" if light is None else light.label, light=light)


_VALUES: dict[str, Callable[[TaskBlock, Node, RowData], str | _Value]] = {
    "seq": lambda b, _leaf, _d: seq_text(b.task),
    "task": lambda b, _leaf, _d: b.task.text,
    "measure": _measure,
    "lead": lambda _b, leaf, _d: units_text(leaf.lead),
    "support": lambda _b, leaf, _d: units_text(leaf.support),
    "local": lambda _b, leaf, _d: units_text(leaf.local),
    "deadline": lambda b, leaf, _d: leaf.deadline.text or b.task.deadline.text,
    "progress": _progress_field("progress_text"),
    "percent": _percent,
    "status": _status,
    "light": _light,
    "problems": _progress_field("problems"),
    "next_steps": _progress_field("next_steps"),
    "remarks": _remarks,
}
