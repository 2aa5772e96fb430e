"""Rows of a task table → a tree of groups, tasks and measures, as a person reads it.

- A row holding a single text that opens with 一、 / （一） (or a text merged
  across the table) is a group; its label's rank gives its depth.
- Group columns on the left open a group whenever their text changes.
- A new text in the task column (or a new 序号) starts a task; a new text in
  the measure column starts a measure of the current task.
- Unit and deadline cells belong to the node that starts on their row; on the
  following rows of the same node they add to it (职责 layouts, split cells).
- A group or task repeated at a page break is joined with the one above it,
  however its spaces, line breaks and punctuation are written there; a task
  (or measure) text cut by the page break goes on under the same node.
- Measures with no task above them (a closing 保障措施 part) sit under a task
  without text, so the group prints as the source does.
- Every cell the tree does not take is named in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.grid.cell_text import excerpt, loose
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.parsed import SKIP, ImportWarning, ParsedNode
from sisiding_desktop.exchange.plan_table.duty_words import LEAD_WORDS, SUPPORT_WORDS, read_duties
from sisiding_desktop.exchange.plan_table.header import is_repeated_header
from sisiding_desktop.exchange.plan_table.labels import (
    any_label,
    group_label,
    is_note,
    item_label,
    seq_group_rank,
    split_label,
)
from sisiding_desktop.exchange.plan_table.line_breaks import join_soft_breaks
from sisiding_desktop.exchange.plan_table.table_leaves import without_continued_mark
from sisiding_desktop.exchange.plan_table.task_columns import TaskColumns
from sisiding_desktop.exchange.plan_table.unread_cells import unread_cell_warnings

_UNIT_FIELDS = ("lead_text", "support_text")
_SUB_NUMBER = re.compile(r"(\d+)\s*[.．\-－—]\s*\d+[.．、]?")
_LEAD_WORDS = (*LEAD_WORDS, "主要")  # a 职责 cell may say 主要负责 or 主要单位
_MAX_HEADING_RANK = 2  # 第一部分 / 一、 / （一）; "1." in a task cell is a task number
_COLUMN_GROUP_RANK = 100  # group columns sit below the 一、/（一） rows spanning the table
_SENTENCE_ENDS = "。；;！!？?"


class TreeBuilder:
    """Builds one plan tree from the task tables of a workbook, sheet after sheet."""

    def __init__(self) -> None:
        self.nodes: list[ParsedNode] = []
        self.warnings: list[ImportWarning] = []
        self._stack: list[tuple[int, ParsedNode]] = []  # open groups: (rank, node)
        self._task: ParsedNode | None = None
        self._measure: ParsedNode | None = None
        self._spanning_rank = 0
        self._column_groups: dict[int, tuple[str, ParsedNode]] = {}
        self._grid = SheetGrid("")
        self._cols: TaskColumns | None = None
        self._after_break = False  # a page break (repeated header or group) came since the last data row
        self._whole_rows: set[int] = set()  # rows read as one heading or note (or a repeated header)
        self._row_kinds: Mapping[int, str] = {}

    # -- sheets and rows -------------------------------------------------

    def add_sheet(
        self,
        grid: SheetGrid,
        columns: TaskColumns,
        skip: frozenset[int] = frozenset(),
        end: int | None = None,
        name_unread: bool = False,
        row_kinds: Mapping[int, str] | None = None,
        progress_columns: Collection[int] | None = None,
    ) -> list[int]:
        """Read every row below the header of ``grid`` (and above row ``end``, where another table starts) but
        those in ``skip``; a later sheet continues the tree. With ``name_unread``, the cells of columns the tree
        does not take are named in warnings (a plan import; a progress reader names those of the columns it
        does not read itself: all but ``progress_columns``).
        ``row_kinds`` says what the clerk chose some rows to be (分组, 重点任务, 具体措施, or not imported).

        Returns the rows of ``skip`` that hold something of the table (nothing is read from them).
        """
        self._grid, self._cols = grid, columns
        self._column_groups = {}
        self._row_kinds = row_kinds or {}
        rows = [row for row in grid.rows(columns.first_data_row) if end is None or row < end]
        if rows and _is_column_number_row(grid, rows[0]):
            rows = rows[1:]
        skipped = []
        for row in rows:
            if row in skip:
                if grid.fresh_texts(row):
                    skipped.append(row)
                continue
            self._read_row(row)
        if name_unread:
            read = [row for row in rows if row not in skip]
            self.warnings += unread_cell_warnings(grid, columns, read, self._whole_rows, progress_columns)
        return skipped

    def _read_row(self, row: int) -> None:
        grid, cols = self._grid, self._columns
        if row in self._row_kinds:
            self._whole_rows.add(row)
            self._chosen_row(row, self._row_kinds[row])
            return
        fresh = grid.fresh_texts(row)
        if not fresh:
            return  # only merged cells carried from above
        if is_repeated_header(grid, row, cols.header):
            self._after_break = True
            self._whole_rows.add(row)
            return
        body = {col: text for col, text in grid.row_texts(row).items() if col not in cols.groups}
        if len(body) == 1:
            col, text = next(iter(body.items()))
            if col in fresh and self._single_text_row(row, col, text):
                self._whole_rows.add(row)
                return
        self._data_row(row, fresh)

    def _chosen_row(self, row: int, kind: str) -> None:
        """A row whose kind the clerk chose in the preview: read as that, from its own texts."""
        if kind == SKIP:
            return
        grid, cols = self._grid, self._columns
        texts = grid.fresh_texts(row) or grid.row_texts(row)
        if kind == NodeKind.MEASURE.value:
            in_order = (cols.measure, cols.task, *cols.groups)
        else:
            in_order = (cols.task, cols.measure, *cols.groups, cols.seq)
        text = next((texts[col] for col in in_order if col in texts), "")
        text = join_soft_breaks(text or next(iter(texts.values()), ""))
        seq = grid.fresh(row, cols.seq) if cols.seq else ""
        label, body = split_label(text)
        if kind == NodeKind.GROUP.value:
            found = group_label(text)
            node = self._open_group(found.rank if found else 1, label, body, row)
        elif kind == NodeKind.TASK.value:
            node = self._task = self._node(NodeKind.TASK, body, seq or label, row)
            self._container().append(node)
            self._measure = None
        else:
            if self._task is None:
                self._task = self._node(NodeKind.TASK, "", "", row)
                self._container().append(self._task)
            node = self._measure = self._node(NodeKind.MEASURE, body, label or seq, row)
            self._task.children.append(node)
        self._fill_units(row, node, grid.text)

    @property
    def _columns(self) -> TaskColumns:
        assert self._cols is not None, "add_sheet() sets the columns"
        return self._cols

    def _single_text_row(self, row: int, col: int, text: str) -> bool:
        """A row with one text: a group heading or a note. False when it is ordinary data."""
        found = group_label(join_soft_breaks(text))
        if found:
            self._spanning_rank = found.rank
            self._open_group(found.rank, found.label, found.text, row)
            return True
        if is_note(text):
            self._warn(row, f"表格下方的说明文字未导入：{excerpt(text)}")
            return True
        if not self._spans_table(row, col):
            return False
        text = join_soft_breaks(text)
        item = item_label(text)
        if item:
            self._open_group(item.rank, item.label, item.text, row)
        else:
            self._open_group(self._spanning_rank, "", text, row)
            self._warn(row, f"跨列的标题行没有编号，已按分组导入：{excerpt(text)}")
        return True

    def _spans_table(self, row: int, col: int) -> bool:
        """The cell is merged across most of the table (not just a task text over two columns)."""
        header_cols = self._columns.header.texts.keys()
        table_width = max(header_cols) - min(header_cols) + 1 if header_cols else 1
        return self._grid.width(row, col) >= max(2, (table_width * 3 + 4) // 5)  # at least 60 %

    def _data_row(self, row: int, fresh: dict[int, str]) -> None:
        try:
            self._read_data(row, fresh)
        finally:
            self._after_break = False

    def _read_data(self, row: int, fresh: dict[int, str]) -> None:
        cols = self._columns
        seq = without_continued_mark(fresh.get(cols.seq, "")) if cols.seq else ""  # 1.（续） at a page break
        if self._heading_row(row, seq):
            return
        self._open_column_groups(row)
        if self._measure_in_task_column(row, seq):
            task, task_seen, seq_left = None, False, ""
            measure, measure_seen = self._start_measure(row, seq, cols.task)
        else:
            task, task_seen, seq_left = self._start_task(row, seq)
            measure, measure_seen = self._start_measure(row, seq_left, cols.measure)
        started = measure or task
        if started is not None:
            self._fill_units(row, started, self._grid.text)
            return
        target = self._continued_node()
        placed = target is not None and self._fill_units(row, target, self._grid.fresh)
        placed = placed or task_seen or measure_seen
        mapped = {col: text for col, text in fresh.items() if col in cols.mapped() and col not in cols.groups}
        if mapped and not placed:
            self._warn(row, f"这一行无法归入任何任务，未导入：{excerpt(next(iter(mapped.values())))}")

    # -- groups ------------------------------------------------------------

    def _open_column_groups(self, row: int) -> None:
        groups = self._columns.groups
        depth = 0
        while depth < len(groups):
            text = join_soft_breaks(self._grid.text(row, groups[depth]))
            beside = self._grid.text(row, groups[depth + 1]) if depth + 1 < len(groups) else ""
            width = 2 if beside and _is_bare_label(text) else 1  # "1" | "农业节水增效": one group
            if text:
                self._open_column_group(row, depth, width, text, join_soft_breaks(beside))
            depth += width

    def _open_column_group(self, row: int, depth: int, width: int, text: str, beside: str) -> None:
        current = self._column_groups.get(depth)
        key = loose(text + beside) if width == 2 else loose(text)
        if current and current[0] == key and self._is_open(current[1]):
            return
        heading = self._stack[-1][1] if self._stack and self._stack[-1][0] < _COLUMN_GROUP_RANK else None
        if heading is not None and loose(heading.text) == key:
            self._column_groups[depth] = (key, heading)  # 农业节水 beside its tasks, under 一、农业节水
            return
        if width == 2:
            label, body = text, beside
        else:
            found = any_label(text)
            label, body = (found.label, found.text) if found else ("", text)
        node = self._open_group(_COLUMN_GROUP_RANK + depth, label, body, row)
        self._column_groups = {d: g for d, g in self._column_groups.items() if d < depth}
        for covered in range(depth, depth + width):
            self._column_groups[covered] = (key, node)

    def _heading_row(self, row: int, seq: str) -> bool:
        """A group heading written in the 序号 or task column instead of across the table.

        "一" / "（一）" alone in 序号 with its text beside it (and no units: a
        task may be numbered 一), "一、…" in 序号, or "（一）…" in the task
        column of an unnumbered row; never when a measure starts on the row.
        """
        cols = self._columns
        grid = self._grid
        if cols.measure and grid.fresh(row, cols.measure):
            return False
        task_text = grid.fresh(row, cols.task) if cols.task else ""
        if not task_text:  # 一 | 农业节水 merged across: the heading's text sits in a group column
            task_text = next((text for col in cols.groups if (text := grid.fresh(row, col))), "")
        units = (cols.lead, cols.support, cols.local, cols.units, cols.deadline)
        rank = seq_group_rank(seq) if seq else None
        if rank is not None:
            if any(col and grid.fresh(row, col) for col in units):
                return False
            label, text = seq, task_text
        else:
            found = group_label(seq or task_text)
            if found is None or not found.text or found.rank > _MAX_HEADING_RANK:
                return False
            rank, label, text = found.rank, found.label, found.text
        node = self._open_group(rank, label, text, row)
        self._fill_units(row, node, grid.fresh)
        return True

    def _measure_in_task_column(self, row: int, seq: str) -> bool:
        """One text column: the rows under a numbered task that are unnumbered, or numbered below it (1.1 and
        1.2 under 1), are its measures."""
        cols, task = self._columns, self._task
        if cols.measure is not None or cols.seq is None or cols.task is None:
            return False
        if task is None or not task.source_label or seq and not _numbered_below(seq, task.source_label):
            return False
        return self._grid.fresh(row, cols.task) != task.text

    def _open_group(self, rank: int, label: str, text: str, row: int) -> ParsedNode:
        while self._stack and self._stack[-1][0] >= rank:
            self._stack.pop()
        siblings = self._container()
        last = siblings[-1] if siblings else None
        if last and last.kind is NodeKind.GROUP and loose(last.source_label + last.text) == loose(label + text):
            node = last  # the same heading repeated at the top of a new page
            self._resume(node)
            self._after_break = True
        else:
            node = self._node(NodeKind.GROUP, text, label, row)
            siblings.append(node)
            self._task = self._measure = None
        self._stack.append((rank, node))
        return node

    def _resume(self, group: ParsedNode) -> None:
        last = group.children[-1] if group.children else None
        self._task = last if last and last.kind is NodeKind.TASK else None
        self._measure = self._task.children[-1] if self._task and self._task.children else None

    def _is_open(self, node: ParsedNode) -> bool:
        return any(open_node is node for _, open_node in self._stack)

    def _container(self) -> list[ParsedNode]:
        return self._stack[-1][1].children if self._stack else self.nodes

    # -- tasks and measures -------------------------------------------------

    def _start_task(self, row: int, seq: str) -> tuple[ParsedNode | None, bool, str]:
        """(the task started here; True if the row merely repeats the current task; the unused 序号)."""
        cols = self._columns
        text = self._grid.fresh(row, cols.task) if cols.task else ""
        if not text:
            if seq and self._task and seq == self._task.source_label:
                return None, True, ""  # the number repeated at a page break
            return None, False, seq
        written = without_continued_mark(join_soft_breaks(text))
        own_label, text = split_label(written)
        label = seq or own_label
        if seq and own_label and own_label.rstrip("、.．") != seq:
            text = written  # 序号 "1" beside "（1）严格…": the cell's own label is part of what the source wrote
        if self._task and self._same_task(label, text):
            return None, True, ""
        if self._continues_task(label, text):
            self._task.text += text  # the rest of a task text cut by the page break
            return None, True, ""
        task = self._node(NodeKind.TASK, text, label, row)
        self._container().append(task)
        self._task, self._measure = task, None
        return task, False, ""

    def _same_task(self, label: str, text: str) -> bool:
        task = self._task
        assert task is not None
        if loose(text) != loose(task.text):
            return False
        return not label or not task.source_label or label == task.source_label

    def _continues_task(self, label: str, text: str) -> bool:
        """Right after a page break, an unnumbered text under a numbered task whose text stops mid-sentence."""
        task = self._task
        if task is None or label or not self._after_break or self._columns.seq is None:
            return False
        return bool(task.source_label and task.text) and task.text[-1] not in _SENTENCE_ENDS

    def _start_measure(self, row: int, label: str, column: int | None) -> tuple[ParsedNode | None, bool]:
        """(the measure started here; True if the row repeats the current one or was dropped)."""
        cols = self._columns
        text = self._grid.fresh(row, column) if column else ""
        if not text:
            return None, False
        if cols.measure_seq:
            label = self._grid.fresh(row, cols.measure_seq) or label
        own_label, text = split_label(join_soft_breaks(text))
        label = label or own_label
        if self._task is None:
            self._task = self._node(NodeKind.TASK, "", "", row)  # measures straight under a group
            self._container().append(self._task)
            if not self._stack:
                self._warn(row, f"具体措施上方没有重点任务，已放在一个无名称的重点任务下，请核对：{excerpt(text)}")
        current = self._measure
        if current and loose(current.text) == loose(text) and label in ("", current.source_label):
            return None, True  # the same measure again (a repeated row, or one row per unit)
        if current and self._after_break and not label and current.text[-1:] not in _SENTENCE_ENDS:
            current.text += text  # the rest of a measure cut by the page break
            return None, True
        measure = self._node(NodeKind.MEASURE, text, label, row)
        self._task.children.append(measure)
        self._measure = measure
        return measure, False

    def _continued_node(self) -> ParsedNode | None:
        """The node a row without a new task or measure adds its units to."""
        return self._measure or self._task

    # -- units and deadlines -------------------------------------------------

    def _fill_units(self, row: int, node: ParsedNode, read: Callable[[int, int], str]) -> bool:
        """Add the row's lead, support and deadline texts to ``node``; True if any were found."""
        cols = self._columns
        found = False
        fields = (
            (cols.lead, "lead_text"),
            (cols.support, "support_text"),
            (cols.local, "local_text"),
            (cols.deadline, "deadline_text"),
            (cols.remarks, "remarks"),
        )
        for col, attr in fields:
            text = read(row, col) if col else ""
            if text and attr in _UNIT_FIELDS:
                _append_units(node, attr, text)
            elif text:
                _append(node, attr, text)
            found = found or bool(text)
        units = read(row, cols.units) if cols.units else ""
        if units:
            _append_units(node, self._duty_field(row), units)
            found = True
        return found

    def _duty_field(self, row: int) -> str:
        cols = self._columns
        duty = self._grid.text(row, cols.duty) if cols.duty else ""
        if any(word in duty for word in SUPPORT_WORDS):
            return "support_text"
        if not duty:
            self._warn(row, "没有写明职责，这一行的单位已按牵头单位导入")
        elif not any(word in duty for word in _LEAD_WORDS):
            self._warn(row, f"无法识别职责“{duty}”，这一行的单位已按牵头单位导入")
        return "lead_text"

    # -- helpers -----------------------------------------------------------

    def _node(self, kind: NodeKind, text: str, label: str, row: int) -> ParsedNode:
        return ParsedNode(kind=kind, text=text, source_label=label, row=row, sheet=self._grid.name)

    def _warn(self, row: int, message: str) -> None:
        self.warnings.append(ImportWarning(self._grid.name, row, message))


def _numbered_below(seq: str, parent: str) -> bool:
    """1.1, 1-2 or 1．3 under the number 1; a number of a deeper style under it: （1） or ① under 1."""
    found = _SUB_NUMBER.fullmatch(seq.strip())
    if found is not None:
        return found.group(1) == parent.strip().rstrip("、.．")
    rank, parent_rank = _number_rank(seq), _number_rank(parent)
    return rank is not None and parent_rank is not None and rank > parent_rank


def _number_rank(label: str) -> int | None:
    """How deep a bare number's style is: 1 and 1. above （1） above ①; None for anything else."""
    label = label.strip()
    found = item_label(f"{label}、" if label.isascii() and label.isdigit() else label)
    return found.rank if found is not None and not found.text else None


def _append_units(node: ParsedNode, attr: str, text: str) -> None:
    """A unit cell's names; a cell that says who leads and who supports (市水务局（牵头），市发改委) gives each
    its own field, the cell's words of duty left out. A support column's names all support."""
    duties = read_duties(text)
    if duties is None:
        _append(node, attr, text)
        return
    lead, support = duties.lead, duties.support
    if attr == "support_text":
        lead, support = [], lead + support
    for names in lead:
        _append(node, "lead_text", names)
    for names in support:
        _append(node, "support_text", names)
    if duties.deadline and not node.deadline_text:
        node.deadline_text = duties.deadline


def _append(node: ParsedNode, attr: str, text: str) -> None:
    """Add ``text`` on a new line unless the node already has it."""
    current = getattr(node, attr)
    if text == current or text in current.split("\n"):
        return
    setattr(node, attr, f"{current}\n{text}" if current else text)


def _is_bare_label(text: str) -> bool:
    """A cell holding only a number or a label (1 / 一 / （一） / 1.), its text in the next cell."""
    stripped = text.strip()
    if stripped.isdigit() and len(stripped) <= 3:
        return True
    found = any_label(stripped)
    return (found is not None and not found.text) or seq_group_rank(stripped) is not None


def _is_column_number_row(grid: SheetGrid, row: int) -> bool:
    """The row of column numbers (1 2 3 4 5) some offices put under the header."""
    texts = list(grid.fresh_texts(row).values())
    return len(texts) >= 3 and texts == [str(n) for n in range(1, len(texts) + 1)]
