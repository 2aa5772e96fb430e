"""The 任务分工表 tab: the plan's tree, edited in place, every edit an undo step."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from sisiding_desktop.domain.model import Node, NodeKind
from sisiding_desktop.domain.unit_names import split_units
from sisiding_desktop.gui.collation import chinese_sorted
from sisiding_desktop.gui.commands.node_commands import AddNode, AssignUnits, DeleteNode, EditDeadline, EditNodeText
from sisiding_desktop.gui.commands.node_commands import MoveNode as MoveNodeCommand
from sisiding_desktop.gui.delegates.multiline import MultilineDelegate
from sisiding_desktop.gui.delegates.units import UnitsDelegate
from sisiding_desktop.gui.models.filters import TreeSearchProxy
from sisiding_desktop.gui.models.plan_tree_model import (
    DEADLINE,
    LEAD,
    LOCAL,
    NODE_ID_ROLE,
    SUPPORT,
    TEXT,
    UNIT_COLUMNS,
    PlanTreeModel,
)
from sisiding_desktop.gui.session import DATABASE, PLANS, TREE, UNITS, Session
from sisiding_desktop.gui.views.lazy import LazyReload
from sisiding_desktop.services.tree import walk


class TaskTableView(LazyReload, QWidget):
    """Search box and tree; the window's 编辑 menu drives the structure edits."""

    selection_changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan_id = 0
        self._collapsed: set[int] = set()
        self._unit_names: list[str] | None = None
        self.model = PlanTreeModel(self)
        self.model.edit_handler = self._edit
        self.model.move_handler = self._drop
        self.proxy = TreeSearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        session.changed.connect(self._on_changed)

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：输入内容、单位或时限中的文字（Ctrl+F）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        tree = self.tree = QTreeView()
        tree.setModel(self.model)  # the search filter comes in between only while a search is typed
        tree.setAlternatingRowColors(True)
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        tree.setDragEnabled(True)
        tree.setAcceptDrops(True)
        tree.setDropIndicatorShown(True)
        tree.setItemDelegateForColumn(TEXT, MultilineDelegate(tree))
        units = UnitsDelegate(self.unit_names, tree)
        for column in UNIT_COLUMNS:
            tree.setItemDelegateForColumn(column, units)
        header = tree.header()
        header.sectionResized.connect(self._relayout_rows)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 150), (LEAD, 150), (SUPPORT, 170), (LOCAL, 150), (DEADLINE, 100)):
            header.resizeSection(column, width)
        tree.collapsed.connect(self._on_collapsed)
        tree.expanded.connect(self._on_expanded)
        self._watch_selection()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(tree)

    def _watch_selection(self) -> None:
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

    def _selection_changed(self, *_args) -> None:
        self.selection_changed.emit()

    def _searching_view(self) -> bool:
        return self.tree.model() is self.proxy

    def _to_view(self, index: QModelIndex) -> QModelIndex:
        """A row of the tree model as the view shows it (through the search filter while searching)."""
        return self.proxy.mapFromSource(index) if self._searching_view() else index

    def _to_model(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapToSource(index) if self._searching_view() else index

    def _show_model(self, model) -> None:
        """Put the tree model or the search filter under the view, keeping the current row."""
        if self.tree.model() is model:
            return
        current = self.current_node()
        old_selection = self.tree.selectionModel()
        self.tree.setModel(model)
        old_selection.deleteLater()
        self._watch_selection()
        if current is not None:
            self.select_node(current.id, scroll=True)

    def _on_collapsed(self, index: QModelIndex) -> None:
        self._collapsed.add(index.data(NODE_ID_ROLE))

    def _on_expanded(self, index: QModelIndex) -> None:
        self._collapsed.discard(index.data(NODE_ID_ROLE))

    def _relayout_rows(self, *_args: int) -> None:
        self.tree.scheduleDelayedItemsLayout()  # wrapped rows take a new height for the new width

    # --- content -----------------------------------------------------------

    def show_plan(self, plan_id: int) -> None:
        if plan_id != self.plan_id:
            self._collapsed.clear()
        self.plan_id = plan_id
        self.request_reload()

    def reload(self) -> None:
        current = self.current_node()
        roots = self.session.services.plans.tree(self.plan_id) if self.plan_id else ()
        # 责任单位 shows only for tables that have that third role
        self.tree.setColumnHidden(LOCAL, not any(node.local for node in walk(roots)))
        scrolled = self.tree.verticalScrollBar().value()
        if self.model.set_tree(roots):
            self._expand()
            if current is not None:
                self.select_node(current.id, scroll=False)
            self.tree.verticalScrollBar().setValue(scrolled)  # rows came or went: the person's place kept

    def _expand(self) -> None:
        """Every row open except those the person closed: chapters, sections and tasks show their measures.

        The view's expanded/collapsed signals are held meanwhile: they are for the person's own
        clicks, and one per row of a large plan would cost more than the expansion itself.
        """
        tree = self.tree
        blocked = tree.blockSignals(True)
        try:
            tree.expandToDepth(self.model.deepest_parent())  # as expandAll, with less work for the view
            for node_id in self._collapsed:
                tree.collapse(self._to_view(self.model.index_of(node_id)))
        finally:
            tree.blockSignals(blocked)

    def _on_changed(self, kind: str, plan_id: int) -> None:
        if kind in (UNITS, DATABASE):
            self._unit_names = None
        if self.plan_id and kind in (TREE, UNITS, PLANS) and plan_id in (0, self.plan_id):
            self.request_reload()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._show_model(self.proxy if self.proxy.searching() else self.model)
        self.tree.setDragEnabled(not self.proxy.searching())
        self._expand() if not text else self.tree.expandAll()

    def unit_names(self) -> list[str]:
        if self._unit_names is None:
            self._unit_names = chinese_sorted(u.name for u in self.session.services.units.list_units())
        return self._unit_names

    # --- selection ---------------------------------------------------------

    def current_node(self) -> Node | None:
        return self.model.node(self._to_model(self.tree.currentIndex()))

    def selected_nodes(self) -> list[Node]:
        """Selected nodes, top-most only (a selected node's descendants go with it), in table order."""
        rows = self.tree.selectionModel().selectedRows(0)
        ids = {self.model.node(self._to_model(i)).id for i in rows}
        chosen = []
        for node in walk(self.model.roots()):
            if node.id in ids and not self._has_selected_ancestor(node, ids):
                chosen.append(node)
        return chosen or ([self.current_node()] if self.current_node() else [])

    def _has_selected_ancestor(self, node: Node, ids: set[int]) -> bool:
        parent = self.model.node_by_id(node.parent_id) if node.parent_id else None
        while parent is not None:
            if parent.id in ids:
                return True
            parent = self.model.node_by_id(parent.parent_id) if parent.parent_id else None
        return False

    def select_node(self, node_id: int, column: int = 0, scroll: bool = True) -> bool:
        index = self._to_view(self.model.index_of(node_id, column))
        if not index.isValid():
            return False
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        if scroll:
            self.tree.scrollTo(index)
        return True

    def edit_text_of(self, node_id: int) -> None:
        if self.select_node(node_id, TEXT):
            self.tree.edit(self.tree.currentIndex())

    # --- edits -------------------------------------------------------------

    def _edit(self, node: Node, column: int, text: str) -> bool:
        if column == TEXT:
            return self.session.push(EditNodeText(self.session, node, text))
        if column == DEADLINE:
            return self.session.push(EditDeadline(self.session, node, text))
        role = UNIT_COLUMNS[column]
        names = self._confirmed_units(text)
        if names is None:
            return False
        return self.session.push(AssignUnits(self.session, node, role, names))

    def _confirmed_units(self, text: str) -> tuple[str, ...] | None:
        """The names typed; asks before creating units the list does not know yet."""
        known = self.unit_names()
        names = split_units(text, known).names
        find = self.session.services.units.find_unit
        resolved = []
        for name in names:
            unit = find(name)
            resolved.append(unit.name if unit else name)
        new = [n for n in resolved if find(n) is None]
        if new and not self.session.prompter.ask(
            "新建单位", f"单位列表中还没有：{'、'.join(new)}。\n是否把它们作为新单位加入单位列表？"
        ):
            return None
        return tuple(dict.fromkeys(resolved))

    def _drop(self, node: Node, parent_id: int | None, index: int) -> None:
        # After the drag has finished: the tree is rebuilt, which must not happen inside the drop event.
        QTimer.singleShot(0, lambda: self.session.push(MoveNodeCommand(self.session, node, "to", parent_id, index)))

    def _editing(self) -> bool:
        """A cell editor is open: structure keys (Ins, Del …) belong to it, not to the table."""
        return self.tree.state() == QAbstractItemView.State.EditingState

    def add(self, as_child: bool) -> None:
        """A new empty node after the current one (or inside it), then its text editor opens."""
        if not self.plan_id or self._editing():
            return
        place = self._new_place(self.current_node(), as_child)
        if place is None:
            return
        parent_id, kind, index = place
        command = AddNode(self.session, self.plan_id, parent_id, kind, index)
        if self.session.push(command):
            self.edit_text_of(command.node_id)

    def _new_place(self, node: Node | None, as_child: bool) -> tuple[int | None, NodeKind, int] | None:
        if node is None:
            return None, NodeKind.GROUP, len(self.model.roots())
        if not as_child:
            return node.parent_id, node.kind, node.position + 1
        if node.kind is NodeKind.MEASURE:
            self.session.prompter.inform("新增下级", "具体措施下面不能再添加条目，请添加同级措施。")
            return None
        if node.kind is NodeKind.TASK:
            return node.id, NodeKind.MEASURE, len(node.children)
        kind = node.children[0].kind if node.children else NodeKind.TASK
        return node.id, kind, len(node.children)

    def delete_selected(self) -> None:
        nodes = self.selected_nodes()
        if not nodes or self._editing():
            return
        below = sum(len(list(walk(n.children))) for n in nodes)
        what = "、".join(f"“{_short(n.text)}”" for n in nodes[:3]) + (" 等" if len(nodes) > 3 else "")
        extra = f"及其下的 {below} 个条目" if below else ""
        if not self.session.prompter.ask("删除", f"删除 {what}{extra}？\n删除后可以用“撤销”（Ctrl+Z）恢复。"):
            return
        with self.session.macro(f"删除 {len(nodes)} 个条目"):
            for node in nodes:
                self.session.push(DeleteNode(self.session, node))

    def move(self, how: str) -> None:
        node = self.current_node()
        if node is not None and not self._editing():
            self.session.push(MoveNodeCommand(self.session, node, how))
            self.select_node(node.id)


def _short(text: str, length: int = 14) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
