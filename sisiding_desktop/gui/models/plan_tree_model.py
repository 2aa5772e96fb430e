"""A plan's task table as a tree: 序号, 内容, 牵头单位, 配合单位, 责任单位, 完成时限.

Each index carries the node id as its internal id; parents are found through
``Node.parent_id``. The model only adapts the tree the services return: an
edit or a drop is handed to ``edit_handler``/``move_handler`` (which push undo
commands), and the refreshed tree comes back through ``set_tree``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from sisiding_desktop.domain.model import Node, NodeKind, Role
from sisiding_desktop.domain.tree_rules import can_contain

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("序号", "内容", "牵头单位", "配合单位", "责任单位", "完成时限")
NUMBER, TEXT, LEAD, SUPPORT, LOCAL, DEADLINE = range(len(COLUMNS))
UNIT_COLUMNS = {LEAD: Role.LEAD, SUPPORT: Role.SUPPORT, LOCAL: Role.LOCAL}
MIME_TYPE = "application/x-sisiding-node-id"

Index = QModelIndex | QPersistentModelIndex
EditHandler = Callable[[Node, int, str], bool]
MoveHandler = Callable[[Node, "int | None", int], None]


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roots: tuple[Node, ...] = ()
        self._by_id: dict[int, Node] = {}
        self._row_of: dict[int, int] = {}
        self._child_ids: dict[int | None, tuple[int, ...]] = {}  # parent id (None: top level) → children ids
        self._deepest_parent = -1
        self._shape: tuple[tuple[int, int | None], ...] = ()
        self.edit_handler: EditHandler | None = None
        self.move_handler: MoveHandler | None = None

    # --- content -----------------------------------------------------------

    def set_tree(self, roots: tuple[Node, ...]) -> bool:
        """Show ``roots``; True when the rows were rebuilt, False when only their contents changed."""
        shape = _shape(roots)
        if shape == self._shape and shape:
            self._store(roots)
            self._emit_changed(roots, QModelIndex())
            return False
        self.beginResetModel()
        self._store(roots)
        self._shape = shape
        self.endResetModel()
        return True

    def _store(self, roots: tuple[Node, ...]) -> None:
        self._roots = roots
        self._by_id.clear()
        self._row_of.clear()
        self._child_ids = {None: tuple(node.id for node in roots)}
        self._index_nodes(roots)
        depths = [self._by_id[node_id].depth for node_id in self._child_ids if node_id is not None]
        self._deepest_parent = max(depths, default=-1)

    def _emit_changed(self, nodes: tuple[Node, ...], parent: QModelIndex) -> None:
        if not nodes:
            return
        self.dataChanged.emit(self.index(0, 0, parent), self.index(len(nodes) - 1, len(COLUMNS) - 1, parent))
        for row, node in enumerate(nodes):
            if node.children:
                self._emit_changed(node.children, self.index(row, 0, parent))

    def node(self, index: Index) -> Node | None:
        return self._by_id.get(index.internalId()) if index.isValid() else None

    def node_by_id(self, node_id: int) -> Node | None:
        return self._by_id.get(node_id)

    def roots(self) -> tuple[Node, ...]:
        return self._roots

    def deepest_parent(self) -> int:
        """The depth (0: top level) of the deepest node that has children; -1 when none has."""
        return self._deepest_parent

    def index_of(self, node_id: int, column: int = 0) -> QModelIndex:
        node = self._by_id.get(node_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._row_of[node_id], column, node_id)

    def _index_nodes(self, nodes: tuple[Node, ...]) -> None:
        for row, node in enumerate(nodes):
            self._by_id[node.id] = node
            self._row_of[node.id] = row
            if node.children:
                self._child_ids[node.id] = tuple(child.id for child in node.children)
                self._index_nodes(node.children)

    def _children(self, parent: Index) -> tuple[Node, ...]:
        node = self.node(parent)
        return node.children if node else self._roots

    # --- structure ---------------------------------------------------------

    # The view calls these tens of thousands of times while it lays out a large plan: plain lookups only.

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            children = self._child_ids.get(parent.internalId(), ())
        else:
            children = self._child_ids.get(None, ())
        if 0 <= row < len(children) and 0 <= column < _COLUMN_COUNT:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self._by_id.get(index.internalId()) if index.isValid() else None
        if node is None or node.parent_id is None or node.parent_id not in self._by_id:
            return QModelIndex()
        return self.createIndex(self._row_of[node.parent_id], 0, node.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return len(self._child_ids.get(parent.internalId(), ())) if parent.column() == 0 else 0
        return len(self._child_ids.get(None, ()))

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 - Qt override
        return self.rowCount(parent) > 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    # --- data and edits ----------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell_text(node, column)
        if role == Qt.ItemDataRole.EditRole:
            if column in UNIT_COLUMNS and node.inherited_units:
                return ""  # the measure has no units of its own yet
            return _cell_text(node, column)
        if role == NODE_ID_ROLE:
            return node.id
        if role == KIND_ROLE:
            return node.kind.value
        if role == Qt.ItemDataRole.ForegroundRole and node.inherited_units and column in UNIT_COLUMNS:
            return QColor("#777777")
        if role == Qt.ItemDataRole.FontRole and node.kind is NodeKind.GROUP:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (NUMBER, DEADLINE):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        node = self._by_id.get(index.internalId())
        if node is None:
            return _BASE_FLAGS
        return _FLAGS[node.kind, index.column(), self.edit_handler is not None]

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or self.edit_handler is None:
            return False
        text = str(value if value is not None else "").strip()
        if text == str(self.data(index, Qt.ItemDataRole.EditRole)).strip():
            return False
        return self.edit_handler(node, index.column(), text)

    # --- drag and drop -----------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        node = next((self.node(i) for i in indexes if i.isValid()), None)
        if node is not None:
            data.setData(MIME_TYPE, QByteArray(str(node.id).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: Index) -> bool:
        target = self._drop_target(data, row, parent)
        if target is None or self.move_handler is None:
            return False
        node, parent_id, index = target
        self.move_handler(node, parent_id, index)
        return False  # the tree comes back through set_tree; the view must not remove rows itself

    def _drop_target(self, data: QMimeData, row: int, parent: Index) -> tuple[Node, int | None, int] | None:
        """The dragged node and where it would go: (node, new parent id, index among the new siblings)."""
        if not data.hasFormat(MIME_TYPE):
            return None
        try:
            node = self._by_id.get(int(bytes(data.data(MIME_TYPE).data()).decode()))
        except ValueError:
            return None
        new_parent = self.node(parent)
        if node is None or not can_contain(new_parent.kind if new_parent else None, node.kind):
            return None
        ancestor = new_parent
        while ancestor is not None:
            if ancestor.id == node.id:
                return None  # not into itself
            ancestor = self._by_id.get(ancestor.parent_id) if ancestor.parent_id else None
        siblings = self._children(parent)
        index = len(siblings) if row < 0 else row
        parent_id = new_parent.id if new_parent else None
        if parent_id == node.parent_id and node.position < index:
            index -= 1  # the index counts siblings once the node has left its place
        if parent_id == node.parent_id and index == node.position:
            return None
        return node, parent_id, index


def _shape(roots: tuple[Node, ...]) -> tuple[tuple[int, int | None], ...]:
    out: list[tuple[int, int | None]] = []

    def visit(nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            out.append((node.id, node.parent_id))
            visit(node.children)

    visit(roots)
    return tuple(out)


def _editable(kind: NodeKind, column: int) -> bool:
    if column == TEXT:
        return True
    return (column in UNIT_COLUMNS or column == DEADLINE) and kind is not NodeKind.GROUP


def _flags(kind: NodeKind, column: int, can_edit: bool) -> Qt.ItemFlag:
    flags = _BASE_FLAGS
    if kind is NodeKind.MEASURE:
        flags |= Qt.ItemFlag.ItemNeverHasChildren  # lets the view skip asking a measure for children
    else:
        flags |= Qt.ItemFlag.ItemIsDropEnabled
    if can_edit and _editable(kind, column):
        flags |= Qt.ItemFlag.ItemIsEditable
    return flags


_COLUMN_COUNT = len(COLUMNS)
_BASE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
# Every node's flags by (kind, column, whether edits are handled), worked out once.
_FLAGS = {
    (kind, column, can_edit): _flags(kind, column, can_edit)
    for kind in NodeKind
    for column in range(_COLUMN_COUNT)
    for can_edit in (False, True)
}


def _cell_text(node: Node, column: int) -> str:
    if column == NUMBER:
        return node.number
    if column == TEXT:
        return node.text
    if node.kind is NodeKind.GROUP:
        return ""
    if column in UNIT_COLUMNS:
        return "、".join(u.name for u in node.units_in(UNIT_COLUMNS[column]))
    return node.deadline.text
