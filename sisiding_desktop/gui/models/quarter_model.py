"""One period's progress grid: a row per measure (or task without measures), its entry and its light.

The rows, entries and lights come from the services; an edit is handed to
``edit_handler(node_id, field, value)``, which pushes an undo command.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sisiding_desktop.domain.model import Light, Node, NodeKind, Progress, Status
from sisiding_desktop.gui.collation import chinese_sorted

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
UNITS_ROLE = Qt.ItemDataRole.UserRole + 2  # every unit name of the row (lead, support and local)
LIGHT_ROLE = Qt.ItemDataRole.UserRole + 3  # Light or None
FILLED_ROLE = Qt.ItemDataRole.UserRole + 4  # True when the period has an entry

# (header, Progress field or None for read-only columns)
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("序号", None),
    ("具体措施", None),
    ("牵头单位", None),
    ("亮灯", None),
    ("状态", "status"),
    ("完成%", "percent"),
    ("进展情况", "progress_text"),
    ("存在问题", "problems"),
    ("下步计划", "next_steps"),
    ("备注", "remarks"),
)
NUMBER, TEXT, LEAD, LIGHT, STATUS, PERCENT, PROGRESS, PROBLEMS, NEXT_STEPS, REMARKS = range(len(COLUMNS))
TEXT_COLUMNS = (PROGRESS, PROBLEMS, NEXT_STEPS, REMARKS)
LIGHT_COLORS = {Light.GREEN: "#2e9d48", Light.YELLOW: "#e0a800", Light.RED: "#d9342b"}
NOT_FILLED = "未填报"

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        NODE_ID_ROLE,
        UNITS_ROLE,
        LIGHT_ROLE,
        FILLED_ROLE,
    )
)  # the roles ``data`` answers; the view asks for many more on every paint
EditHandler = Callable[[int, str, object], bool]


@dataclass(frozen=True)
class QuarterRow:
    """A row of the grid: the measure, its task (for context) and its effective units."""

    node: Node
    task: Node | None
    number: str
    units: tuple[str, ...]


def quarter_rows(roots: tuple[Node, ...]) -> list[QuarterRow]:
    """The rows progress is recorded on, in table order, numbered like 2-1 (task 2, measure 1)."""
    rows: list[QuarterRow] = []
    measure, task_kind = NodeKind.MEASURE, NodeKind.TASK

    def visit(nodes: tuple[Node, ...], parent: Node | None) -> None:
        for node in nodes:
            kind = node.kind
            if kind is measure or (kind is task_kind and not node.children):
                task = parent if kind is measure else None
                if task is not None:
                    own = node.number.rstrip(".、 ")
                    number = f"{task.number}-{own}" if own else task.number
                else:
                    number = node.number
                units = tuple(dict.fromkeys(u.name for u in (*node.lead, *node.support, *node.local)))
                rows.append(QuarterRow(node, task, number, units))
            if node.children:
                visit(node.children, node)

    visit(roots, None)
    return rows


class QuarterModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[QuarterRow] = []
        self._row_of: dict[int, int] = {}  # node id → row
        self._unit_sets: list[frozenset[str]] = []  # each row's unit names, for the filter
        self._entries: Mapping[int, Progress] = {}
        self._lights: Mapping[int, Light | None] = {}  # as the services gave them (possibly worked out on use)
        self._new_lights: dict[int, Light | None] = {}  # lights of rows edited since
        self.edit_handler: EditHandler | None = None

    def set_content(
        self, rows: list[QuarterRow], entries: Mapping[int, Progress], lights: Mapping[int, Light | None]
    ) -> None:
        """New rows reset the model; the same rows with new entries only repaint."""
        row_of = {r.node.id: i for i, r in enumerate(rows)}
        same = bool(rows) and len(rows) == len(self._rows) and row_of == self._row_of
        if not same:
            self.beginResetModel()
        self._rows, self._entries, self._lights, self._new_lights = list(rows), dict(entries), lights, {}
        self._row_of = row_of
        self._unit_sets = [frozenset(r.units) for r in self._rows]
        if same:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        else:
            self.endResetModel()

    def set_entry(self, node_id: int, entry: Progress | None, light: Light | None) -> int:
        """Replace one node's entry and light (after an edit of that row); returns its row, or -1."""
        row = self.row_of(node_id)
        if row < 0:
            return -1
        entries = dict(self._entries)
        if entry is None:
            entries.pop(node_id, None)
        else:
            entries[node_id] = entry
        self._entries = entries
        self._new_lights[node_id] = light
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return row

    def node_of(self, node_id: int) -> Node | None:
        row = self.row_of(node_id)
        return self._rows[row].node if row >= 0 else None

    def row_of(self, node_id: int) -> int:
        return self._row_of.get(node_id, -1)

    def row_has_unit(self, row: int, unit: str) -> bool:
        """Whether ``unit`` is among the row's lead or support units (what the unit filter asks)."""
        return unit in self._unit_sets[row]

    def row_light(self, row: int) -> Light | None:
        return self._light(self._rows[row].node.id)

    def _light(self, node_id: int) -> Light | None:
        if node_id in self._new_lights:
            return self._new_lights[node_id]
        return self._lights.get(node_id)

    def row_units(self, row: int) -> tuple[str, ...]:
        return self._rows[row].units

    def entry(self, node_id: int) -> Progress | None:
        return self._entries.get(node_id)

    def filled_count(self) -> tuple[int, int]:
        """(rows with an entry this period, all rows)."""
        entries = self._entries
        return sum(1 for node_id in self._row_of if node_id in entries), len(self._rows)

    def units(self) -> list[str]:
        return chinese_sorted({name for r in self._rows for name in r.units})

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if COLUMNS[index.column()][1] and self.edit_handler is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        entry = self._entries.get(row.node.id)
        light = self._light(row.node.id)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, entry, light, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TEXT and row.task is not None:
                return f"重点任务：{row.task.text}\n具体措施：{row.node.text}"
            return self._display(row, entry, light, column) or None
        if role == Qt.ItemDataRole.DecorationRole and column == LIGHT and light is not None:
            return QColor(LIGHT_COLORS[light])
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS, PERCENT) and entry is None:
            return QColor("#999999")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, LIGHT, STATUS, PERCENT):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == NODE_ID_ROLE:
            return row.node.id
        if role == UNITS_ROLE:
            return list(row.units)
        if role == LIGHT_ROLE:
            return light
        if role == FILLED_ROLE:
            return entry is not None
        return None

    def _display(self, row: QuarterRow, entry: Progress | None, light: Light | None, column: int) -> str:
        if column == NUMBER:
            return row.number
        if column == TEXT:
            return row.node.text
        if column == LEAD:
            return "、".join(u.name for u in row.node.lead)
        if column == LIGHT:
            return light.label if light else ""
        if entry is None:
            return NOT_FILLED if column == STATUS else ""
        if column == STATUS:
            return entry.status.label
        if column == PERCENT:
            return f"{entry.percent}%"
        return str(getattr(entry, COLUMNS[column][1] or ""))

    def _edit_value(self, entry: Progress | None, column: int):
        field = COLUMNS[column][1]
        if field is None:
            return None
        if entry is None:
            return {"status": Status.NOT_STARTED.value, "percent": 0}.get(field, "")
        value = getattr(entry, field)
        return value.value if isinstance(value, Status) else value

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.edit_handler is None:
            return False
        field = COLUMNS[index.column()][1]
        if field is None:
            return False
        row = self._rows[index.row()]
        entry = self._entries.get(row.node.id)
        if field == "status":
            value = Status(value)
        elif field == "percent":
            value = int(value)
        else:
            value = str(value or "").strip()
        if entry is not None and getattr(entry, field) == value:
            return False
        return self.edit_handler(row.node.id, field, value)
