"""The columns of the tables an import read, and what each is taken for; the 读作 column can be changed."""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.utils import get_column_letter
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from sisiding_desktop.exchange.parsed import COLUMN_ROLES, TableColumn, TableLayout
from sisiding_desktop.gui.models.row_table import Index, RowTableModel

SHEET, COLUMN, HEADER, ROLE = range(4)
UNKNOWN = "未识别（未导入）"
RoleChosen = Callable[[str, int, str], None]  # (sheet, column, role)


class ColumnRolesModel(RowTableModel):
    headers = ("工作表/表格", "列", "表头", "读作")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.role_chosen: RoleChosen | None = None

    def set_tables(self, tables: list[TableLayout]) -> None:
        self.set_rows((table, column) for table in tables for column in table.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        table, column = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == ROLE:
            return column.role
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell(table, column, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == ROLE and column.role is None:
            return QColor("#b00020")  # not read: the clerk should look at it
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == ROLE else flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or index.column() != ROLE or role != Qt.ItemDataRole.EditRole:
            return False
        table, column = self._rows[index.row()]
        if value == column.role or value not in COLUMN_ROLES or self.role_chosen is None:
            return False
        self.role_chosen(table.sheet, column.column, value)
        return True


def role_choices() -> list[tuple[str, object]]:
    """(label, role) for the drop-down of the 读作 column."""
    return [(label, key) for key, label in COLUMN_ROLES.items()]


def _cell(table: TableLayout, column: TableColumn, which: int) -> str:
    if which == SHEET:
        return table.sheet
    if which == COLUMN:
        return get_column_letter(column.column) if table.kind == "工作表" else f"第{column.column}列"
    if which == HEADER:
        return column.header or "（无表头）"
    return COLUMN_ROLES.get(column.role, UNKNOWN) if column.role else UNKNOWN
