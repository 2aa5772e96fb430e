"""The columns of a progress table (推进情况表): the task columns plus 进展情况, 完成率, 状态 …

Header words for progress vary as much as those for tasks, so each role has
synonyms; words the task vocabulary knows (序号, 重点任务, 牵头单位 …) are
understood through it. "完成情况" is its own role because offices use it
both for a status word and for a progress text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.plan_table.header import IGNORED, Header, Vocabulary, find_header
from sisiding_desktop.exchange.plan_table.task_columns import MEASURE, TASK, TASK_VOCABULARY, TaskColumns, task_columns

PROGRESS, COMPLETION, PERCENT, STATUS, LIGHT = "progress", "completion", "percent", "status", "light"
PROBLEMS, NEXT_STEPS, REMARKS = "problems", "next_steps", "remarks"
DONE_FLAG = "done_flag"  # 是否完成: 是 or 否
PROGRESS_ROLES = (PROGRESS, COMPLETION, PERCENT, STATUS, DONE_FLAG, LIGHT, PROBLEMS, NEXT_STEPS, REMARKS)
# Columns that make a table a progress table; 备注 and 亮灯 alone do not.
REPORTED_ROLES = frozenset({PROGRESS, COMPLETION, PERCENT, STATUS, DONE_FLAG, PROBLEMS, NEXT_STEPS})


# Words that name a progress column wherever they appear in a header ("状态（含亮灯）", "存在问题及原因").
_KEYWORDS = (("状态", STATUS), ("亮灯", LIGHT), ("进展", PROGRESS), ("问题", PROBLEMS), ("下步", NEXT_STEPS))
_KEYWORDS += (("下一步", NEXT_STEPS), ("完成率", PERCENT))


def _fallback_role(word: str) -> str | None:
    """Task columns through the importer's vocabulary, then progress keywords anywhere in the header."""
    role = TASK_VOCABULARY.role_of(word)
    if role is not None and role != IGNORED:
        return role
    return next((role for keyword, role in _KEYWORDS if keyword in word), None)


PROGRESS_VOCABULARY = Vocabulary(
    {
        PROGRESS: (
            "进展情况",
            "工作进展",
            "推进情况",
            "落实情况",
            "进展",
            "工作推进情况",
            "进度情况",
            "目前进展",
            "实施情况",
            "执行情况",
            "工作开展情况",
            "开展情况",
            "推进落实情况",
            "进展情况说明",
        ),
        COMPLETION: ("完成情况", "工作完成情况", "任务完成情况"),
        PERCENT: (
            "完成率",
            "完成进度",
            "完成百分比",
            "完成比例",
            "进度",
            "完成度",
            "进度百分比",
            "完成进度百分比",
        ),
        STATUS: (
            "状态",
            "完成状态",
            "推进状态",
            "进展状态",
            "任务状态",
            "工作状态",
            "当前状态",
            "实施状态",
            "状态/亮灯",
            "状态亮灯",
            "状态（亮灯）",
            "状态(亮灯)",
        ),
        DONE_FLAG: ("是否完成", "是否已完成", "是否按期完成", "是否按时完成", "是否完成年度任务", "是否完成年度目标"),
        LIGHT: ("亮灯", "亮灯情况", "亮灯状态", "预警", "预警等级", "红黄绿灯"),
        PROBLEMS: (
            "存在问题",
            "困难问题",
            "存在的问题",
            "问题",
            "存在困难",
            "困难和问题",
            "问题和困难",
            "存在问题及困难",
            "存在的困难和问题",
            "存在问题和困难",
        ),
        NEXT_STEPS: (
            "下步计划",
            "下一步工作打算",
            "下一步计划",
            "下步工作计划",
            "下步打算",
            "下一步打算",
            "下步工作打算",
            "下一步工作计划",
            "下步措施",
            "下一步措施",
            "下步工作",
            "下一步工作",
        ),
        REMARKS: ("备注", "说明"),
        IGNORED: ("序时进度", "时间进度"),
    },  # fmt: skip
    fallback=_fallback_role,
)


@dataclass(frozen=True)
class ProgressColumns:
    """A task table's columns and where its progress columns are (empty when it has none)."""

    task: TaskColumns
    progress: dict[str, tuple[int, ...]]  # role → columns, left to right

    @property
    def header(self) -> Header:
        return self.task.header

    def first(self, role: str) -> int | None:
        cols = self.progress.get(role, ())
        return cols[0] if cols else None

    @property
    def has_progress(self) -> bool:
        """True when the table has a column for reported progress (not only 备注 or 亮灯)."""
        return any(self.progress.get(role) for role in REPORTED_ROLES)


def has_text_column(header: Header) -> bool:
    """A header naming a task or measure column and one more known column."""
    roles = set(header.roles.values())
    return bool(roles & {TASK, MEASURE}) and len(roles) >= 2


def has_progress_column(header: Header) -> bool:
    """A task header that also names at least one progress column."""
    roles = set(header.roles.values())
    return has_text_column(header) and bool(roles & REPORTED_ROLES)


def find_progress_columns(
    grid: SheetGrid, accept: Callable[[Header], bool] = has_text_column
) -> ProgressColumns | None:
    """The task table's header in ``grid`` (the best one ``accept`` allows) and its columns."""
    header = find_header(grid, PROGRESS_VOCABULARY, accept)
    if header is None:
        return None
    progress = {role: tuple(header.columns(role)) for role in PROGRESS_ROLES if header.columns(role)}
    return ProgressColumns(task_columns(grid, header), progress)
