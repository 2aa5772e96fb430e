"""Cells of a task table that no column role takes: each column named, with where its cells are.

Nothing of the source is dropped silently: a column whose header the vocabulary
does not know (考核分值), a known column the plan import does not read (进展情况),
or cells without any header are reported once per column, with the rows they
sit on and the first characters of the first one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from openpyxl.utils import get_column_letter

from sisiding_desktop.exchange.grid.cell_text import excerpt
from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.parsed import ImportWarning
from sisiding_desktop.exchange.plan_table.header import IGNORED
from sisiding_desktop.exchange.plan_table.task_columns import TASK_VOCABULARY, TaskColumns

_ROWS_NAMED = 8


def unread_cell_warnings(
    grid: SheetGrid,
    columns: TaskColumns,
    rows: Iterable[int],
    taken_rows: Collection[int] = (),
    progress_columns: Collection[int] | None = None,
) -> list[ImportWarning]:
    """One warning per column whose cells in ``rows`` the tree did not read (``taken_rows`` were read whole).

    ``progress_columns``: in a returned progress table, the columns its reader takes besides the tree's; the
    others are named as not read in (rather than as columns to choose a meaning for in the import preview).
    """
    read = set(columns.mapped()) | set(columns.skipped) | set(progress_columns or ())
    found: dict[int, list[tuple[int, str]]] = {}
    for row in rows:
        if row in taken_rows:
            continue
        for col, text in grid.row_texts(row).items():
            if col not in read and grid.fresh(row, col):
                found.setdefault(col, []).append((row, text))
    message = _message if progress_columns is None else _progress_message
    return [
        ImportWarning(grid.name, cells[0][0], message(grid, columns, col, cells))
        for col, cells in sorted(found.items())
    ]


def _progress_message(grid: SheetGrid, columns: TaskColumns, col: int, cells: list[tuple[int, str]]) -> str:
    name = columns.header.texts.get(col, "")
    what = f"{_where(grid, col)}“{name}”不是能读入的进展栏目" if name else f"{_where(grid, col)}没有表头"
    return f"{what}，其中 {len(cells)} 个单元格未读入（第{_rows(cells)}行，如“{excerpt(cells[0][1])}”）"


def _where(grid: SheetGrid, col: int) -> str:
    return f"第{col}列（{get_column_letter(col)}列）" if grid.kind == "工作表" else f"第{col}列"


def _rows(cells: list[tuple[int, str]]) -> str:
    return "、".join(str(row) for row, _ in cells[:_ROWS_NAMED]) + ("等" if len(cells) > _ROWS_NAMED else "")


def _message(grid: SheetGrid, columns: TaskColumns, col: int, cells: list[tuple[int, str]]) -> str:
    name = columns.header.texts.get(col, "")
    where, rows, first = _where(grid, col), _rows(cells), excerpt(cells[0][1])
    if not name:
        what = f"{where}没有表头"
    elif TASK_VOCABULARY.role_of(name) == IGNORED:
        why = "分管、牵头领导不作为单位导入" if "领导" in name else "进展请用“读入进展”"
        what = f"{where}“{name}”是导入任务时不读取的栏目（{why}）"
    else:
        what = f"{where}“{name}”未能识别"
    return f"{what}，其中 {len(cells)} 个单元格未导入（第{rows}行，如“{first}”）；可在导入预览中指定这一列的内容"
