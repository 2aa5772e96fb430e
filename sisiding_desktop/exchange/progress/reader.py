"""Read a filled-in progress workbook (季度推进情况表) back: one row per measure, with its progress.

The task columns are read exactly as an import reads them (the same tree
builder: group rows, title, 附件, repeated headers and page-split repeats are
skipped or joined), then each measure's row (or a task's, when it has no
measures) gives its progress cells. Nothing is matched to a plan here; see
:mod:`sisiding_desktop.exchange.progress.row_matching`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sisiding_desktop.domain.model import Status
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid.cell_text import excerpt
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.opening.package_check import check_package
from sisiding_desktop.exchange.opening.workbook_open import read_grids
from sisiding_desktop.exchange.parsed import ImportWarning, ParsedNode
from sisiding_desktop.exchange.plan_table.labels import is_note
from sisiding_desktop.exchange.plan_table.table_leaves import leaves, without_continued_mark
from sisiding_desktop.exchange.plan_table.tree_builder import TreeBuilder
from sisiding_desktop.exchange.progress.columns import (
    COMPLETION,
    DONE_FLAG,
    NEXT_STEPS,
    PERCENT,
    PROBLEMS,
    PROGRESS,
    REMARKS,
    STATUS,
    ProgressColumns,
    find_progress_columns,
    has_progress_column,
    has_text_column,
)
from sisiding_desktop.exchange.progress.reporter import reporter, title
from sisiding_desktop.exchange.progress.values import (
    PercentError,
    is_light_only,
    parse_done_flag,
    parse_percent,
    parse_status,
)

__all__ = ["ProgressRowRead", "ReturnedTable", "read_progress_workbook", "read_returned_workbook"]

DEFAULT_LIMITS = ReadLimits()


@dataclass(frozen=True)
class ProgressRowRead:
    """One measure (or task without measures) of a progress table, with the progress written for it."""

    sheet: str
    row: int  # 1-based row where the measure starts
    number_text: str  # 序号 as written ("1", "2.", "（一）"), "" if none
    task_text: str  # 重点任务 (merged cells propagated, "（续）" removed)
    measure_text: str  # 具体落实措施 without its label ("1."); "" for a task without measures
    lead_text: str
    deadline_text: str
    status_text: str  # the 状态 cell, or a 完成情况 cell holding only a status word
    status: Status | None  # also from a 完成情况 text that opens with one ("已完成。…")
    percent: int | None
    progress_text: str
    problems: str
    next_steps: str
    remarks: str


@dataclass(frozen=True)
class ReturnedTable:
    """A filled-in progress table as it came back: its rows, what could not be read, and who says they sent it."""

    rows: list[ProgressRowRead]
    warnings: list[ImportWarning]
    reporter: str  # the 填报单位 named above (or just under) the table, "" if none
    title: str  # the table's title, "" if none


def read_progress_workbook(
    path: Path, limits: ReadLimits = DEFAULT_LIMITS
) -> tuple[list[ProgressRowRead], list[ImportWarning]]:
    """The progress rows of every visible sheet that has a task table with progress columns.

    Raises :class:`ExchangeError` (one Chinese sentence naming the file) when
    the file cannot be read, exceeds ``limits``, or no sheet has a header with
    a task or measure column and at least one progress column.
    """
    table = read_returned_workbook(path, limits)
    return table.rows, table.warnings


def read_returned_workbook(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> ReturnedTable:
    """``read_progress_workbook``, with the 填报单位 and the title of the first sheet read."""
    path = Path(path)
    check_package(path, limits)
    grids = read_grids(path, limits)  # the limits are checked as each sheet streams
    rows: list[ProgressRowRead] = []
    notes: list[ImportWarning] = []
    found = False
    sender = heading = ""
    for grid in grids:
        if not grid.max_row:
            continue
        columns = find_progress_columns(grid, has_progress_column)
        if columns is None:
            notes.append(ImportWarning(grid.name, 0, _skip_reason(grid)))
            continue
        if grid.hidden:
            notes.append(ImportWarning(grid.name, 0, "这是隐藏的工作表，其中的进展未读取"))
            continue
        if not found:
            sender = reporter(grid, columns.header.first_row)
            heading = title(grid, columns.header.first_row)
        found = True
        sheet_rows, sheet_notes = _read_sheet(grid, columns)
        rows += sheet_rows
        notes += sheet_notes
    if not found:
        raise ExchangeError(_no_table_message(path.name, grids))
    if not rows:
        notes.append(ImportWarning("", 0, "找到了推进情况表的表头，但表头下没有读到任何任务或措施"))
    return ReturnedTable(rows, notes, sender, heading)


def _skip_reason(grid: SheetGrid) -> str:
    if find_progress_columns(grid, has_text_column) is not None:
        return "这个工作表有任务表，但没有进展情况、完成率、状态等列，已跳过"
    return "未找到推进情况表的表头，这个工作表已跳过"


def _no_table_message(name: str, grids: list[SheetGrid]) -> str:
    if not any(grid.max_row for grid in grids):
        return f"文件“{name}”是空的工作簿，没有可读取的进展。"
    return (
        f"文件“{name}”中未找到推进情况表的表头"
        "（需要有重点任务或具体措施列，以及进展情况、完成率、状态等列中的至少一列）。"
    )


def _read_sheet(grid: SheetGrid, columns: ProgressColumns) -> tuple[list[ProgressRowRead], list[ImportWarning]]:
    builder = TreeBuilder()
    read_here = [col for cols in columns.progress.values() for col in cols]
    builder.add_sheet(grid, columns.task, name_unread=True, progress_columns=read_here)
    reader = _RowReader(grid, columns)
    rows = [reader.read(task, leaf) for task, leaf in leaves(builder.nodes)]
    # Notes under the table (注：…) are expected in a progress table; the builder's remark about them is noise here.
    kept = [w for w in builder.warnings if not any(is_note(text) for text in grid.fresh_texts(w.row).values())]
    return rows, sorted(kept + reader.warnings, key=lambda warning: warning.row)


class _RowReader:
    """Reads the progress cells of one row and notes what it could not understand."""

    def __init__(self, grid: SheetGrid, columns: ProgressColumns) -> None:
        self.grid = grid
        self.columns = columns
        self.warnings: list[ImportWarning] = []

    def read(self, task: ParsedNode, leaf: ParsedNode) -> ProgressRowRead:
        row = leaf.row
        status_text, status, completion_text = self._status(row)
        progress_text = _join(self._texts(row, PROGRESS) + ([completion_text] if completion_text else []))
        return ProgressRowRead(
            sheet=self.grid.name,
            row=row,
            number_text=task.source_label,
            task_text=without_continued_mark(task.text),
            measure_text="" if leaf is task else leaf.text,
            lead_text=leaf.lead_text or task.lead_text,
            deadline_text=leaf.deadline_text or task.deadline_text,
            status_text=status_text,
            status=status,
            percent=self._percent(row),
            progress_text=progress_text,
            problems=_join(self._texts(row, PROBLEMS)),
            next_steps=_join(self._texts(row, NEXT_STEPS)),
            remarks=_join(self._texts(row, REMARKS)),
        )

    def _texts(self, row: int, role: str) -> list[str]:
        return [self.grid.text(row, col) for col in self.columns.progress.get(role, ())]

    def _status(self, row: int) -> tuple[str, Status | None, str]:
        """(status text, status, 完成情况 text that is progress rather than a status word)."""
        status_text = _join(self._texts(row, STATUS))
        status = parse_status(status_text) if status_text else None
        if status_text and status is None and not is_light_only(status_text):
            self._warn(row, f"状态“{excerpt(status_text)}”无法识别，已忽略")
        completion = _join(self._texts(row, COMPLETION))
        stated = parse_status(completion) if completion else None
        if stated is not None and _is_status_word_only(completion):
            if status is None:
                status_text, status = completion, stated
            return status_text, status, ""
        if status is None and stated is None and self._done_flag(row):
            return status_text or Status.DONE.label, Status.DONE, completion
        return status_text, status or stated, completion  # "已完成。全县…": the text opens with its status

    def _done_flag(self, row: int) -> bool:
        """A 是否完成 cell saying 是 (否 says no status: the other cells tell how far the work is)."""
        text = _join(self._texts(row, DONE_FLAG))
        flag = parse_done_flag(text) if text else None
        if text and flag is None:
            self._warn(row, f"是否完成“{excerpt(text)}”无法识别，已忽略")
        return bool(flag)

    def _percent(self, row: int) -> int | None:
        for text in self._texts(row, PERCENT):
            try:
                value = parse_percent(text)
            except PercentError as exc:
                self._warn(row, f"{exc}，已忽略")
                continue
            if value is not None:
                return value
        return None

    def _warn(self, row: int, message: str) -> None:
        self.warnings.append(ImportWarning(self.grid.name, row, message))


def _is_status_word_only(text: str) -> bool:
    """A 完成情况 cell holding just a status (and maybe a light), not a progress text."""
    return len(re.sub(r"[\W_]+", "", text)) <= 8


def _join(texts: list[str]) -> str:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return "\n".join(seen)
