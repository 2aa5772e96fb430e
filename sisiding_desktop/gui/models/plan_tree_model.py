"""A plan's task table as a tree: 序号, 内容, 牵头单位, 配合单位, 完成时限.

Each index carries the node id as its internal id; parents are found through
``Node.parent_id``. The model only displays; edits go through services (and
undo commands) which then hand it a new tree.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sisiding_desktop.domain.model import Node, NodeKind

NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("序号", "内容", "牵头单位", "配合单位", "完成时限")

Index = QModelIndex | QPersistentModelIndex


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._roots: tuple[Node, ...] = ()
        self._by_id: dict[int, Node] = {}
        self._row_of: dict[int, int] = {}

    def set_tree(self, roots: tuple[Node, ...]) -> None:
        self.beginResetModel()
        self._roots = roots
        self._by_id.clear()
        self._row_of.clear()
        self._index_nodes(roots)
        self.endResetModel()

    def node(self, index: Index) -> Node | None:
        return self._by_id.get(index.internalId()) if index.isValid() else None

    def index_of(self, node_id: int) -> QModelIndex:
        node = self._by_id.get(node_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(self._row_of[node_id], 0, node_id)

    def _index_nodes(self, nodes: tuple[Node, ...]) -> None:
        for row, node in enumerate(nodes):
            self._by_id[node.id] = node
            self._row_of[node.id] = row
            self._index_nodes(node.children)

    def _children(self, parent: Index) -> tuple[Node, ...]:
        node = self.node(parent)
        return node.children if node else self._roots

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        children = self._children(parent)
        if not (0 <= row < len(children) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        return self.createIndex(row, column, children[row].id)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(index)
        if node is None or node.parent_id is None or node.parent_id not in self._by_id:
            return QModelIndex()
        return self.createIndex(self._row_of[node.parent_id], 0, node.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _cell_text(node, index.column())
        if role == NODE_ID_ROLE:
            return node.id
        if role == Qt.ItemDataRole.ForegroundRole and node.inherited_units and index.column() in (2, 3):
            return QColor("#666666")
        return None


def _cell_text(node: Node, column: int) -> str:
    if column == 0:
        return node.number
    if column == 1:
        return node.text
    if node.kind is NodeKind.GROUP:
        return ""
    if column == 2:
        return "、".join(u.name for u in node.lead)
    if column == 3:
        return "、".join(u.name for u in node.support)
    return node.deadline.text
