"""Fill a period's progress into the workbook the prefecture sent, keeping its layout.

The template is checked like any import, its task table is found and read
with the importer's own rules, its rows are matched to the plan's measures,
and a copy is written: into the table's own progress columns when it has any
(进展情况/完成情况, 完成率, 状态, 存在问题, 下步计划, 亮灯), otherwise into five
columns added on the right, styled like their neighbours. Merges, styles,
print set-up and other sheets stay as they were (as far as openpyxl keeps
them: drawing shapes and form controls are not kept). The template itself is
never written; the copy appears at ``out`` all at once.

Macro-enabled workbooks (.xlsm) are refused: openpyxl would either drop the
macros silently or carry code we cannot check, and a prefecture that wants
its layout back expects a plain .xlsx anyway.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.fill_back.cell_write import wrap, write_percent, write_text
from sisiding_desktop.exchange.fill_back.column_adding import NewColumn, TableArea, add_columns
from sisiding_desktop.exchange.fill_back.merge_index import MergeIndex
from sisiding_desktop.exchange.fill_back.page_fit import fit_page
from sisiding_desktop.exchange.fill_back.row_fit import fit_rows
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.opening.workbook_open import check_file, is_macro_workbook, load_workbook, read_grids
from sisiding_desktop.exchange.plan_table.header import Header
from sisiding_desktop.exchange.plan_table.table_leaves import leaves, without_continued_mark
from sisiding_desktop.exchange.plan_table.tree_builder import TreeBuilder
from sisiding_desktop.exchange.progress.columns import (
    COMPLETION,
    DONE_FLAG,
    LIGHT,
    NEXT_STEPS,
    PERCENT,
    PROBLEMS,
    PROGRESS,
    STATUS,
    ProgressColumns,
    find_progress_columns,
    has_text_column,
)
from sisiding_desktop.exchange.progress.row_matching import MatchTarget, RowMatch, Unmatched, match_rows
from sisiding_desktop.file_writing.xlsx_save import save_atomically
from sisiding_desktop.wording.os_errors import reason

__all__ = ["ADDED_COLUMNS", "FillReport", "FillValues", "fill_template"]

DEFAULT_LIMITS = ReadLimits()
# Field of FillValues → (column added when the table has no progress columns, its label in messages).
# Widths are preferred widths: page_fit sizes the columns to what was written and to the page.
ADDED_COLUMNS: dict[str, NewColumn] = {
    "progress_text": NewColumn("进展情况", 36, "left", min_chars=10),
    "percent": NewColumn("完成率", 9, "center"),
    "status_label": NewColumn("状态", 10, "center"),
    "problems": NewColumn("存在问题", 22, "left", min_chars=7),
    "next_steps": NewColumn("下步计划", 22, "left", min_chars=7),
}
_FIELD_NAMES = {"light_label": "亮灯", **{name: column.title for name, column in ADDED_COLUMNS.items()}}


@dataclass(frozen=True)
class FillValues:
    """What to write for one measure (or task without measures)."""

    status_label: str
    percent: int | None
    progress_text: str
    problems: str
    next_steps: str
    light_label: str = ""
    done_flag: str = ""  # 是 or 否, for a template's 是否完成 column


@dataclass(frozen=True)
class FillReport:
    """What :func:`fill_template` did.

    ``unmatched[i].row_index`` is the *worksheet row number* (1-based) of a
    template row that matched no measure of the plan. ``unplaced`` lists the
    node ids given values that no row of the template matched. ``notes`` are
    Chinese sentences about values the template had no column for, and about
    a table that prints across pages once its progress columns were added.
    """

    filled_rows: int
    unmatched: list[Unmatched]
    added_columns: list[str]
    sheet: str
    unplaced: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def fill_template(
    template: Path,
    out: Path,
    targets: Sequence[MatchTarget],
    values: Mapping[int, FillValues],
    limits: ReadLimits = DEFAULT_LIMITS,
) -> FillReport:
    """Write ``values`` (keyed by node id) into a copy of ``template`` saved as ``out``.

    Raises :class:`ExchangeError` (one Chinese sentence naming the file) when
    the template cannot be read, has no task table, is macro-enabled, matches
    none of ``targets``, or ``out`` cannot be written.
    """
    template, out = Path(template), Path(out)
    check_file(template, limits)
    _check_out(template, out)
    if is_macro_workbook(template):
        raise ExchangeError(
            f"文件“{template.name}”是启用宏的工作簿（.xlsm），回填会丢失其中的宏，"
            "请在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后再回填。"
        )
    table = _find_table(template, limits)
    matches, unmatched = match_rows([(number, task, measure) for _, number, task, measure in table.rows], targets)
    if not matches:
        raise ExchangeError(
            f"文件“{template.name}”的工作表“{table.grid.name}”中没有任何一行能与本方案的措施对应，"
            "请确认模板与方案是否一致。"
        )
    workbook = load_workbook(template, data_only=False, rich_text=True)
    try:
        _drop_external_links(workbook, template)
        ws = workbook[table.grid.name]
        writer = _Writer(ws, table)
        filled = writer.write(matches, values)
        matched_ids = {match.node_id for match in matches}
        order = {target.node_id: target.order for target in targets}
        report = FillReport(
            filled_rows=filled,
            unmatched=[Unmatched(table.rows[u.row_index][0], u.reason) for u in unmatched],
            added_columns=writer.added,
            sheet=ws.title,
            unplaced=sorted((n for n in values if n not in matched_ids), key=lambda n: order.get(n, 0)),
            notes=writer.notes,
        )
        _save(workbook, out)
    finally:
        workbook.close()
    return report


# -- finding the table ------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    grid: SheetGrid
    columns: ProgressColumns
    rows: list[tuple[int, str, str, str]]  # (worksheet row, 序号, task text, measure text)


def _find_table(template: Path, limits: ReadLimits) -> _Table:
    """The visible sheet whose task table has the most measures."""
    best: _Table | None = None
    for grid in read_grids(template, limits):
        if grid.hidden or not grid.max_row:
            continue
        columns = find_progress_columns(grid, has_text_column)
        if columns is None:
            continue
        builder = TreeBuilder()
        builder.add_sheet(grid, columns.task)
        rows = [
            (leaf.row, task.source_label, without_continued_mark(task.text), "" if leaf is task else leaf.text)
            for task, leaf in leaves(builder.nodes)
        ]
        if best is None or len(rows) > len(best.rows):
            best = _Table(grid, columns, rows)
    if best is None:
        raise ExchangeError(
            f"文件“{template.name}”中未找到任务表的表头（序号、重点任务、具体落实措施、牵头单位等），无法回填。"
        )
    return best


# -- writing ----------------------------------------------------------------


class _Writer:
    """Places each field in a column (existing or added) and writes the matched rows."""

    def __init__(self, ws: Worksheet, table: _Table) -> None:
        self.ws = ws
        self.table = table
        self.added: list[str] = []
        self.notes: list[str] = []
        self.area = _table_area(ws, table)
        self.fields = _existing_fields(table.columns)
        if not self.fields:
            self.fields = self._add_columns()
            light = table.columns.first(LIGHT)
            if light:  # a 亮灯 column alone does not make a progress table, but it is filled too
                self.fields["light_label"] = light
        self.merges = MergeIndex(ws)
        header = table.columns.header.texts
        status_col = self.fields.get("status_label")
        names_light = bool(status_col and "灯" in header.get(status_col, ""))
        self.status_with_light = names_light and "light_label" not in self.fields  # 状态/亮灯 in one column
        percent_col = self.fields.get("percent")
        self.whole_percent = bool(percent_col and any(mark in header.get(percent_col, "") for mark in "%％"))

    def _add_columns(self) -> dict[str, int]:
        used = [
            col
            for row in range(self.area.header_top, self.area.body_bottom + 1)
            for col in self.table.grid.row_texts(row)
        ]
        start = max([self.area.last_col, *used]) + 1
        columns = add_columns(self.ws, self.area, start, list(ADDED_COLUMNS.values()))
        self.added = [column.title for column in ADDED_COLUMNS.values()]
        return dict(zip(ADDED_COLUMNS, columns, strict=True))

    def write(self, matches: Sequence[RowMatch], values: Mapping[int, FillValues]) -> int:
        """Write every matched row's values; return how many rows got values."""
        cells: dict[tuple[int, int], tuple[str, list[FillValues]]] = {}
        rows: set[int] = set()
        for match in matches:
            given = values.get(match.node_id)
            if given is None:
                continue
            row = self.table.rows[match.row_index][0]
            rows.add(row)
            for name, col in self.fields.items():
                top, left = self.merges.origin(row, col)
                if left != col:
                    continue  # the column is covered by a cell merged from the left: not ours to write
                cells.setdefault((top, col), (name, []))[1].append(given)
        for (row, col), (name, given_values) in cells.items():
            self._write_cell(row, col, name, given_values)
        self._note_missing_fields(values, matches)
        rows |= {top for top, _ in cells}  # a cell merged over several rows is written on its first
        if self.added:
            added = [(self.fields[name], column) for name, column in ADDED_COLUMNS.items()]
            page = fit_page(self.ws, self.area, added, self.table.columns.task.seq)
            if not page.fit_to_width:
                self.notes.append(
                    f"加列后表格一页宽度放不下，已设为横向按 {page.scale}% 分页打印，每页重复表头和序号列。"
                )
            rows |= set(range(self.area.header_top, self.area.header_bottom + 1))  # new header cells in them
        fit_rows(self.ws, rows, range(1, self._last_col() + 1), MergeIndex(self.ws))  # merges as they are now
        return sum(1 for match in matches if match.node_id in values)

    def _write_cell(self, row: int, col: int, name: str, given: list[FillValues]) -> None:
        cell = self.ws.cell(row, col)
        if name == "percent":
            found = [v.percent for v in given if v.percent is not None]
            average = round(sum(found) / len(found)) if found else None
            write_percent(cell, average, whole_numbers=self.whole_percent)
        else:
            if name == "status_label" and self.status_with_light:
                texts = [_join([v.status_label, v.light_label], "\n") for v in given]
            elif name == "done_flag":  # a cell over several measures: 是 when every one of them is done
                texts = ["否" if any(v.done_flag == "否" for v in given) else given[0].done_flag]
            else:
                texts = [getattr(v, name) for v in given]
            write_text(cell, _join(texts, "、" if name in ("status_label", "light_label") else "\n"))
        if cell.value not in (None, ""):
            wrap(cell)  # the template's own empty cells often do not wrap

    def _note_missing_fields(self, values: Mapping[int, FillValues], matches: Sequence[RowMatch]) -> None:
        matched = [values[m.node_id] for m in matches if m.node_id in values]
        for name, label in _FIELD_NAMES.items():
            if name in self.fields:
                continue
            if any(getattr(v, name) not in ("", None) for v in matched) and name != "light_label":
                self.notes.append(f"模板中没有“{label}”列，这部分内容未写入。")

    def _last_col(self) -> int:
        return max([self.area.last_col, *self.fields.values()])


def _existing_fields(columns: ProgressColumns) -> dict[str, int]:
    """Field of FillValues → the template's own column for it (none when it has no progress columns)."""
    if not columns.has_progress:
        return {}
    progress, completion = columns.first(PROGRESS), columns.first(COMPLETION)
    fields = {
        "progress_text": progress or completion,
        "percent": columns.first(PERCENT),
        "status_label": columns.first(STATUS) or (completion if progress else None),
        "problems": columns.first(PROBLEMS),
        "next_steps": columns.first(NEXT_STEPS),
        "light_label": columns.first(LIGHT),
        "done_flag": columns.first(DONE_FLAG),
    }
    return {name: col for name, col in fields.items() if col}


def _table_area(ws: Worksheet, table: _Table) -> TableArea:
    header = table.columns.header
    cols = sorted(header.texts)
    merges = MergeIndex(ws)
    last_row = max([header.last_row, *(row for row, *_ in table.rows)])
    bottom = last_row
    for col in range(cols[0], cols[-1] + 1):
        found = merges.find(last_row, col)
        if found:
            bottom = max(bottom, found.max_row)
    return TableArea(_header_top(table.grid, header), header.last_row, bottom, cols[0], cols[-1])


def _header_top(grid: SheetGrid, header: Header) -> int:
    """The first row of the header, also when the header search settled on its lower row.

    Cells merged down a two-row header repeat on its second row, so that row
    alone can look like the whole header; the merges tell where it starts.
    """
    tops = [cell.top for col in header.texts if (cell := grid.cell(header.first_row, col)) is not None]
    return min([header.first_row, *tops])


def _join(texts: list[str], separator: str) -> str:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return separator.join(seen)


# -- saving -----------------------------------------------------------------


def _check_out(template: Path, out: Path) -> None:
    if out.suffix.lower() != ".xlsx":
        raise ExchangeError(f"回填结果须保存为 .xlsx 文件，“{out.name}”的扩展名不对。")
    if not out.parent.is_dir():
        raise ExchangeError(f"保存位置“{out.parent}”不存在，无法保存“{out.name}”。")
    same = out.resolve() == template.resolve()
    with contextlib.suppress(OSError):
        same = same or (out.exists() and os.path.samefile(out, template))
    if same:
        raise ExchangeError(f"回填结果不能覆盖模板文件“{template.name}”，请另选保存位置或文件名。")


def _save(workbook: Workbook, out: Path) -> None:
    """Save next to ``out`` and move into place: ``out`` is never half-written."""
    workbook.template = False  # a .xltx template is saved as an ordinary workbook
    workbook.calculation.fullCalcOnLoad = True  # openpyxl keeps formulas but not their cached results
    try:
        save_atomically(workbook, out)
    except OSError as exc:
        raise ExchangeError(f"无法保存“{out.name}”：{reason(exc)}。未留下不完整的文件。") from exc


EXTERNAL_REFERENCE = re.compile(r"\[\d+\]")  # [1]Sheet1!A1: a cell of a linked workbook


def _drop_external_links(workbook: Workbook, template: Path) -> None:
    """The filled copy links to no other workbook: formulas that read one keep their last computed value."""
    if not getattr(workbook, "_external_links", None):
        return
    cached = load_workbook(template, data_only=True)
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("=") and EXTERNAL_REFERENCE.search(cell.value):
                    cell.value = cached[ws.title][cell.coordinate].value
    workbook._external_links = []
