"""Read a 任务分工表 workbook (or Word document) into a :class:`ParsedPlan`, safely.

Order of work: check the package (type, sizes, zip-bomb ratio), stream each
sheet's XML once, checking the limits as it goes and keeping the texts and
merged ranges (:mod:`opening.sheet_stream`), then read every sheet as a task table, an
indicator table, or nothing. A Word package (recognised by its content, not
its name) goes the same way, its tables read as grids by :mod:`opening.docx_open`;
one without a task table is read by its headings and numbered items instead
(:mod:`prose.reader`) when it has any.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sisiding_desktop.exchange.errors import ExchangeError, NoTableFound
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.opening.docx_open import no_table_message, read_docx_body
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.opening.package_check import DOCX, XLSX, check_package
from sisiding_desktop.exchange.opening.workbook_open import read_grids
from sisiding_desktop.exchange.parsed import (
    ImportWarning,
    ParsedIndicator,
    ParsedPlan,
    ReadChoices,
    TableColumn,
    TableLayout,
)
from sisiding_desktop.exchange.plan_table.header import Header, header_at, header_signature
from sisiding_desktop.exchange.plan_table.indicator_reader import (
    find_indicator_header,
    find_indicator_header_below,
    read_indicators,
)
from sisiding_desktop.exchange.plan_table.sheet_meta import SheetMeta, read_meta
from sisiding_desktop.exchange.plan_table.task_columns import (
    TASK_VOCABULARY,
    TaskColumns,
    find_task_header,
    find_task_header_below,
    task_columns,
    with_chosen_roles,
)
from sisiding_desktop.exchange.plan_table.tree_builder import TreeBuilder
from sisiding_desktop.exchange.prose.reader import read_prose_plan

__all__ = ["ReadChoices", "ReadLimits", "read_plan_workbook"]

DEFAULT_LIMITS = ReadLimits()
PLAN_KINDS = frozenset({XLSX, DOCX})  # a plan may come as a workbook or as a Word document


def read_plan_workbook(
    path: Path, limits: ReadLimits = DEFAULT_LIMITS, choices: ReadChoices | None = None
) -> ParsedPlan:
    """Parse ``path`` (an xlsx, or a docx whose tables or headings hold the plan) into a plan tree,
    indicators and warnings; nothing is stored. ``choices`` are the clerk's corrections from the
    preview (a header row, column meanings, row kinds) and the column meanings chosen before for
    headers that read the same.

    Raises :class:`ExchangeError` (one Chinese sentence naming the file) when
    the file is not a readable xlsx or docx, exceeds ``limits``, or has no task table
    (nor, for a docx, numbered tasks under its headings).
    """
    path = Path(path)
    choices = choices or ReadChoices()
    if check_package(path, limits, PLAN_KINDS) == DOCX:
        return _parse_docx(path, limits, choices)
    return _parse(path, read_grids(path, limits, "导入"), choices)


def _parse_docx(path: Path, limits: ReadLimits, choices: ReadChoices) -> ParsedPlan:
    """The task table of the document; without one, the plan its headings describe (with any indicator table)."""
    body = read_docx_body(path, limits, "导入")
    if any(find_task_header(grid) or grid.name in choices.header_rows for grid in body.grids if grid.max_row):
        return _parse(path, body.grids, choices)
    prose = read_prose_plan(path.name, body.paragraphs)
    if prose is None:
        if not body.grids:
            raise ExchangeError(no_table_message(path.name, "导入"))
        return _parse(path, body.grids, choices)
    body.check_paragraphs(path.name, limits)
    if body.grids:
        try:
            tables = _parse(path, body.grids, choices)
        except ExchangeError:
            return prose  # no table the importer knows: the headings are the whole plan
        prose.indicators = tables.indicators
        prose.warnings += tables.warnings
    return prose


def _parse(path: Path, grids: list[SheetGrid], choices: ReadChoices) -> ParsedPlan:
    reading = _Reading(choices)
    for grid in grids:
        if grid.max_row:
            reading.sheet(grid)
    if not reading.found_table:
        if not any(grid.max_row for grid in grids):
            raise ExchangeError(_no_table_message(path.name, grids))
        raise NoTableFound(_no_table_message(path.name, grids), tuple(g.name for g in grids if g.max_row))
    notes = reading.notes
    if reading.meta is not None and not reading.builder.nodes:
        notes.append(ImportWarning("", 0, "找到了任务分工表的表头，但表头下没有读到任何任务"))
    meta = reading.meta or SheetMeta()
    kinds = {grid.name: grid.kind for grid in grids}
    return ParsedPlan(
        title=meta.title or path.stem,
        attachment_label=meta.attachment_label,
        source_file=path.name,
        nodes=reading.builder.nodes,
        indicators=reading.indicators,
        warnings=[replace(note, kind=kinds.get(note.sheet, note.kind)) for note in notes],
        tables=reading.tables,
    )


@dataclass
class _Reading:
    """What the sheets of one file hold so far: one task tree across them, the indicators, the warnings."""

    choices: ReadChoices
    builder: TreeBuilder = field(default_factory=TreeBuilder)
    tables: list[TableLayout] = field(default_factory=list)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    notes: list[ImportWarning] = field(default_factory=list)
    meta: SheetMeta | None = None
    found_table: bool = False

    def sheet(self, grid: SheetGrid) -> None:
        """The sheet's table; a second table stacked below the first (tasks then indicators, or the other way
        round) is read too."""
        chosen = self._chosen_header(grid)
        if chosen is not None:
            if grid.hidden:
                self.notes.append(ImportWarning(grid.name, 0, "这是隐藏的工作表，其中的表格未导入"))
            else:
                self.task_table(grid, chosen)
            return
        tasks, indicators = find_task_header(grid), find_indicator_header(grid)
        if grid.hidden:
            if tasks or indicators:
                self.notes.append(ImportWarning(grid.name, 0, "这是隐藏的工作表，其中的表格未导入"))
            return
        if tasks and indicators and _apart(tasks, indicators):
            indicators_first = indicators.first_row < tasks.first_row
        else:
            indicators_first = indicators is not None and (tasks is None or indicators.score > tasks.score)
        if indicators_first:
            below = find_task_header_below(grid, indicators.last_row)
            self.indicator_table(grid, indicators, _table_start(grid, below) if below else None)
            if below:
                self.task_table(grid, below)
        elif tasks:
            below = find_indicator_header_below(grid, tasks.last_row)
            self.task_table(grid, tasks, _table_start(grid, below) if below else None)
            if below:
                self.indicator_table(grid, below)
        else:
            self.notes.append(ImportWarning(grid.name, 0, f"未找到表头，这个{grid.kind}已跳过"))

    def _chosen_header(self, grid: SheetGrid) -> Header | None:
        """The header row the clerk named for this sheet (column meanings met before apply in ``task_table``)."""
        row = self.choices.header_rows.get(grid.name)
        return header_at(grid, row, TASK_VOCABULARY) if row is not None else None

    def _remembered_roles(self, header: Header) -> dict[int, str]:
        signature = header_signature(header)
        entry = next((e for e in self.choices.known_headers if e.signature == signature), None)
        return dict(entry.roles) if entry else {}

    def task_table(self, grid: SheetGrid, header: Header, end: int | None = None) -> None:
        start = len(self.builder.warnings)
        chosen = {**self._remembered_roles(header), **self.choices.columns_of(grid.name)}
        header = with_chosen_roles(header, chosen)
        columns = task_columns(grid, header, chosen)
        skipped = self.builder.add_sheet(
            grid,
            columns,
            skip=grid.hidden_rows,
            end=end,
            name_unread=True,
            row_kinds=self.choices.rows_of(grid.name),
        )
        self.tables.append(_layout(grid, columns, end))
        if skipped:
            self.notes.append(ImportWarning(grid.name, 0, _hidden_rows_note(skipped)))
        self.notes += self.builder.warnings[start:]
        self.meta = self.meta or read_meta(grid, header.first_row)
        self.found_table = True

    def indicator_table(self, grid: SheetGrid, header: Header, end: int | None = None) -> None:
        rows, notes = read_indicators(grid, header, end)
        self.indicators += rows
        self.notes += notes
        self.found_table = True


def _layout(grid: SheetGrid, columns: TaskColumns, end: int | None) -> TableLayout:
    """What each column of the table (named in the header or holding data) was read as."""
    header = columns.header
    used = set(header.texts)
    for row in grid.rows(columns.first_data_row):
        if end is not None and row >= end:
            break
        used.update(grid.row_texts(row))
    roles = columns.roles()
    return TableLayout(
        sheet=grid.name,
        kind=grid.kind,
        header_row=header.last_row,
        columns=tuple(TableColumn(col, header.texts.get(col, ""), roles.get(col)) for col in sorted(used)),
        signature=header_signature(header),
    )


def _table_start(grid: SheetGrid, header: Header) -> int:
    """The first row of a stacked table: its header, or the title lines (one text each) right above it."""
    row = header.first_row
    while row > 1 and len(grid.fresh_texts(row - 1)) == 1 and len(grid.row_texts(row - 1)) == 1:
        row -= 1
    return row


def _apart(one: Header, other: Header) -> bool:
    return one.last_row < other.first_row or other.last_row < one.first_row


def _hidden_rows_note(rows: list[int]) -> str:
    shown = "、".join(str(row) for row in rows[:10]) + ("等" if len(rows) > 10 else "")
    return (
        f"有 {len(rows)} 行被隐藏（第 {shown} 行），这些行未导入；"
        "如需导入，请在 Excel 中取消隐藏（或清除筛选）后重新导入"
    )


def _no_table_message(name: str, grids: list[SheetGrid]) -> str:
    if not any(grid.max_row for grid in grids):
        return f"文件“{name}”是空的工作簿，没有可导入的内容。"
    return f"文件“{name}”中未找到任务分工表的表头（序号、重点任务、牵头单位等）。"
