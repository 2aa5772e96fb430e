"""Which column of a 任务分工表 holds what: groups, 序号, task, measure, units, deadline."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from sisiding_desktop.exchange.grid.cell_text import loose
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.parsed import SKIP
from sisiding_desktop.exchange.plan_table.header import IGNORED, Header, Vocabulary, find_header, find_header_below
from sisiding_desktop.exchange.plan_table.labels import group_label

SEQ, GROUP, TASK, MEASURE = "seq", "group", "task", "measure"
LEAD, SUPPORT, LOCAL, DUTY, UNIT, DEADLINE = "lead", "support", "local", "duty", "unit", "deadline"
REMARKS = "remarks"

TASK_VOCABULARY = Vocabulary(
    {
        SEQ: ("序号", "编号", "序"),
        GROUP: ("类别", "领域", "板块", "分类", "重点领域", "任务类别", "工作领域", "方面"),
        TASK: (
            "重点行动",
            "主要行动",
            "行动名称",
            "重点任务",
            "主要任务",
            "目标任务",
            "任务",
            "重点工作",
            "工作任务",
            "任务名称",
            "主要工作",
            "任务事项",
            "重点事项",
            "工作事项",
            "任务目标",
            "工作目标",
            "工作重点",
            "重点项目",
            "项目名称",
        ),
        MEASURE: (
            "具体落实措施",
            "具体任务",
            "具体工作",
            "工作措施",
            "主要措施",
            "落实措施",
            "具体措施",
            "工作举措",
            "主要举措",
            "具体内容",
            "推进措施",
            "任务措施",
            "措施",
            "具体事项",
            "任务内容",
            "工作内容",
            "具体工作措施",
            "细化措施",
            "细化任务",
            "具体举措",
            "主要内容",
            "工作内容及措施",
            "具体工作任务",
            "落实举措",
            "推进举措",
            "重点举措",
            "举措",
            "实施内容",
            "建设内容",
            "实施措施",
            "具体实施内容",
        ),
        LEAD: (
            "牵头单位",
            "责任单位",
            "省直部门",
            "主责单位",
            "牵头部门",
            "责任部门",
            "牵头责任单位",
            "主办单位",
            "责任主体",
            "市直部门",
            "县直部门",
            "牵头",
            "责任",
            "主责部门",
            "承办单位",
        ),
        SUPPORT: (
            "配合单位",
            "参与单位",
            "协办单位",
            "配合部门",
            "参与部门",
            "协同单位",
            "协助单位",
            "协作单位",
            "配合",
            "参与",
            "协办",
        ),
        LOCAL: ("属地责任", "属地责任单位", "属地单位", "属地", "属地政府", "实施主体"),
        DUTY: ("职责", "职责分工", "分工", "单位职责"),
        UNIT: ("单位", "部门", "单位名称", "责任单位名称"),
        DEADLINE: (
            "完成时限",
            "时间节点",
            "完成时间",
            "时限",
            "完成期限",
            "时限要求",
            "完成时间节点",
            "进度安排",
            "时间安排",
            "完成时限要求",
            "完成节点",
        ),
        REMARKS: ("备注", "备注说明"),
        IGNORED: (
            "进展情况",
            "完成情况",
            "推进情况",
            "存在问题",
            "下步计划",
            "完成率",
            "工作进展",
            "落实情况",
            "进度",
            "状态",
            "亮灯",
            "牵头领导",
            "分管领导",
            "责任领导",
        ),
    }
)
_TEXT_ROLES = (TASK, MEASURE)
_GROUP_SHARE = 0.6  # share of a column's cells starting with 一、/（一） that makes it a group column
_TARGET_WORDS = ("目标任务", "任务目标", "工作目标", "目标")


@dataclass(frozen=True)
class TaskColumns:
    """The column layout of one task table; None means the table has no such column."""

    header: Header
    groups: tuple[int, ...] = ()  # left to right: shallower to deeper
    seq: int | None = None
    task: int | None = None
    measure: int | None = None
    measure_seq: int | None = None
    lead: int | None = None
    support: int | None = None
    local: int | None = None  # 责任单位/属地 beside 牵头 and 参与: the local governments responsible
    remarks: int | None = None
    duty: int | None = None
    units: int | None = None  # the unit column that goes with 职责
    deadline: int | None = None
    skipped: tuple[int, ...] = ()  # columns the clerk chose not to import

    @property
    def first_data_row(self) -> int:
        return self.header.last_row + 1

    def mapped(self) -> tuple[int, ...]:
        cols = (self.seq, self.task, self.measure, self.measure_seq, self.lead, self.support, self.local)
        cols += (self.remarks, self.duty, self.units, self.deadline)
        return tuple(c for c in (*self.groups, *cols) if c is not None)

    def roles(self) -> dict[int, str]:
        """Column → what it was read as (the roles of :data:`~sisiding_desktop.exchange.parsed.COLUMN_ROLES`)."""
        found = {col: GROUP for col in self.groups}
        pairs = (
            (self.seq, SEQ),
            (self.task, TASK),
            (self.measure, MEASURE),
            (self.measure_seq, SEQ),
            (self.lead, LEAD),
            (self.support, SUPPORT),
            (self.local, LOCAL),
            (self.remarks, REMARKS),
            (self.duty, DUTY),
            (self.units, UNIT),
            (self.deadline, DEADLINE),
        )
        found.update({col: role for col, role in pairs if col is not None})
        found.update({col: SKIP for col in self.skipped})
        return found


def find_task_header(grid: SheetGrid) -> Header | None:
    """The header of a task table: a task or measure column and one more known column."""
    return find_header(grid, TASK_VOCABULARY, _is_task_header)


def find_task_header_below(grid: SheetGrid, after: int) -> Header | None:
    """A task table stacked below another table on the same sheet."""
    return find_header_below(grid, TASK_VOCABULARY, _is_task_header, after)


def _is_task_header(header: Header) -> bool:
    roles = set(header.roles.values())
    return bool(roles & set(_TEXT_ROLES)) and len(roles) >= 2


def with_chosen_roles(header: Header, chosen: Mapping[int, str]) -> Header:
    """``header`` with the roles the clerk chose for some of its columns."""
    if not chosen:
        return header
    texts = dict(header.texts)
    for col in chosen:
        texts.setdefault(col, "")
    return replace(header, roles={**header.roles, **chosen}, texts=texts)


def task_columns(grid: SheetGrid, header: Header, chosen: Collection[int] = ()) -> TaskColumns:
    """Resolve the layout: which text columns are groups, which is the task, which the measure.

    Columns in ``chosen`` keep the role their header names (the clerk chose it): no guess overrides them.
    """
    seqs = header.columns(SEQ)
    seq = seqs[0] if seqs else None
    texts = [col for col, role in sorted(header.roles.items()) if role in _TEXT_ROLES]
    guessed = [col for col in texts if col not in chosen and _is_group_column(grid, header, col)]
    groups = header.columns(GROUP) + guessed
    rest = [col for col in texts if col not in groups]
    task_cols = [col for col in rest if header.roles[col] == TASK]
    target = _target_beside_task(header, task_cols, chosen)
    task_cols = [col for col in task_cols if col != target]
    # Several task columns (目标任务 merged over three): all but the last hold groups.
    groups += [col for col in task_cols[:-1] if col not in chosen]
    rest = [col for col in rest if col not in groups and col != target]
    task, measure = ([*rest, None, None])[:2]  # a third text column, if any, is not read
    if task is None and groups:  # only group columns: the deepest one holds the tasks
        task = groups.pop()
    first_text = min((col for col in (task, measure) if col is not None), default=None)
    groups += [
        col
        for col in _unnamed_columns(header)
        if first_text is not None
        and col < first_text
        and col != seq
        and col not in chosen
        and _is_merged_down_column(grid, header, col)
    ]
    measure_seq = next((c for c in seqs[1:] if task is not None and measure and task < c <= measure), None)
    if seq and task and measure and measure_seq is None and _numbers_rows(grid, header, seq, task):
        seq, measure_seq = None, seq  # 序号 counts measures, the task text is merged over them
    duty = header.column(DUTY)
    units = header.column(UNIT)
    lead, local = _lead_and_local(header)
    support = header.column(SUPPORT)
    if duty is not None and units is None and support is None:
        units, lead = lead, None  # 职责 | 责任单位: the unit column is named like a lead column
    if duty is None and lead is None:
        lead = units  # a bare 单位 column names the responsible unit
    return TaskColumns(
        header=header,
        groups=tuple(sorted(groups)),
        seq=seq,
        task=task,
        measure=measure,
        measure_seq=measure_seq,
        lead=lead,
        support=support,
        local=local,
        remarks=header.column(REMARKS) if header.column(REMARKS) is not None else target,
        duty=duty,
        units=units if duty is not None else None,
        deadline=header.column(DEADLINE),
        skipped=tuple(header.columns(SKIP)),
    )


def _target_beside_task(header: Header, task_cols: list[int], chosen: Collection[int]) -> int | None:
    """重点任务 | 目标任务: a target column right of a task column says what the task must reach (read as the
    task's 备注); a target column left of the tasks, merged over several, holds groups instead."""
    targets = [col for col in task_cols if loose(header.texts.get(col, "")) in _TARGET_WORDS and col not in chosen]
    plain = [col for col in task_cols if col not in targets]
    return targets[-1] if targets and plain and targets[-1] > plain[-1] else None


def _lead_and_local(header: Header) -> tuple[int | None, int | None]:
    """The lead column and the column of the local governments responsible, if the table has one.

    责任单位 alone names the lead; beside a 牵头 column it names the third role (属地责任).
    """
    leads = header.columns(LEAD)
    local = header.column(LOCAL)
    if len(leads) < 2:
        if local is not None and not leads:
            return local, None  # 属地责任单位 is the only unit column: it leads
        return (leads[0] if leads else None), local
    named_lead = [col for col in leads if "牵头" in header.texts.get(col, "")]
    lead = named_lead[0] if named_lead else leads[0]
    if local is None:
        local = next((col for col in leads if col != lead and "责任" in header.texts.get(col, "")), None)
    return lead, local


def _is_group_column(grid: SheetGrid, header: Header, col: int) -> bool:
    """A text column whose cells mostly open with 一、/（一）: it holds group headings."""
    values = [
        value
        for row in grid.rows(header.last_row + 1)
        if (value := grid.fresh(row, col)) and _beside_data(grid, row, col)
    ]
    labelled = sum(1 for value in values if group_label(value))
    return bool(values) and labelled >= _GROUP_SHARE * len(values)


def _unnamed_columns(header: Header) -> list[int]:
    """Header columns whose title the vocabulary does not know (领域, 类别, 板块 …) and does not ignore."""
    return [
        col
        for col, text in sorted(header.texts.items())
        if col not in header.roles and text and TASK_VOCABULARY.role_of(text) != IGNORED
    ]


def _is_merged_down_column(grid: SheetGrid, header: Header, col: int) -> bool:
    """Most of the column's texts are merged down over several rows: a heading over the tasks beside it.

    Rows merged across the table (一、… headings) say nothing about the column; numbers are a 序号 column.
    """
    heads = covered = 0
    numbers = True
    for row in grid.rows(header.last_row + 1):
        cell = grid.cell(row, col)
        if cell is None or not cell.value or cell.width > 1:
            continue
        if cell.top == row:
            heads += 1
            numbers = numbers and cell.value.replace(".", "", 1).isdigit()
        else:
            covered += 1
    return heads > 0 and covered >= heads and not numbers


def _beside_data(grid: SheetGrid, row: int, col: int) -> bool:
    """The cell shares its row with other text, or is merged down over rows below.

    Group rows standing alone (一、… merged across) say nothing about the column.
    """
    below = grid.cell(row + 1, col)
    return len(grid.row_texts(row)) > 1 or (below is not None and below.top == row)


def _numbers_rows(grid: SheetGrid, header: Header, seq: int, task: int) -> bool:
    """True when 序号 takes a new number on rows where the task text is merged down from above."""
    for row in grid.rows(header.last_row + 1):
        number = grid.fresh(row, seq)
        cell = grid.cell(row, task)
        carried = cell is not None and cell.left == task and cell.top < row
        if number and carried and number != grid.text(cell.top, seq):
            return True
    return False
