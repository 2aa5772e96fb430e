"""The 单位 tab: the shared unit list with aliases; create, delete, rename, merge, aliases; one unit's tasks."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.domain.model import Role, Unit
from sisiding_desktop.gui.collation import chinese_sorted
from sisiding_desktop.gui.commands.unit_commands import (
    AddAlias,
    CreateUnit,
    DeleteUnit,
    MergeUnits,
    RemoveAlias,
    RenameUnit,
)
from sisiding_desktop.gui.models.unit_models import NODE_ID_ROLE, PLAN_ID_ROLE, UnitListModel, UnitTasksModel
from sisiding_desktop.gui.session import PLANS, TREE, UNITS, Session
from sisiding_desktop.gui.views.lazy import LazyReload


class UnitsView(LazyReload, QWidget):
    node_activated = Signal(int, int)  # plan id, node id
    show_requested = Signal()  # an action of this tab was chosen from the menu while another tab is shown

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan_id = 0
        self.model = UnitListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortLocaleAware(True)  # by pinyin, with the program's Chinese locale
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tasks_model = UnitTasksModel(self)
        self._build()
        session.changed.connect(self._on_changed)

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("筛选单位名称或别名")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 200)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self._build_actions()
        buttons = QHBoxLayout()
        self.new_button = QPushButton("新建单位(&W)…")
        self.rename_button = QPushButton("重命名单位(&N)…")
        self.merge_button = QPushButton("合并到另一单位(&M)…")
        self.alias_button = QPushButton("添加别名(&A)…")
        self.remove_alias_button = QPushButton("删除别名…")
        self.delete_button = QPushButton("删除单位(&D)…")
        for button, slot in (
            (self.new_button, self.new_unit),
            (self.rename_button, self.rename),
            (self.merge_button, self.merge),
            (self.alias_button, self.add_alias),
            (self.remove_alias_button, self.remove_alias),
            (self.delete_button, self.delete_unit),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table)
        left_layout.addLayout(buttons)
        self.tasks_label = QLabel("选择一个单位查看它的任务；双击任务跳转到任务分工表。")
        self.tasks_label.setWordWrap(True)
        self.tasks = QTableView()
        self.tasks.setModel(self.tasks_model)
        self.tasks.setWordWrap(True)
        self.tasks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tasks.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tasks.horizontalHeader().resizeSection(0, 160)
        self.tasks.doubleClicked.connect(self._activate_task)
        self.tasks.activated.connect(self._activate_task)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tasks_label)
        right_layout.addWidget(self.tasks)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([480, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _build_actions(self) -> None:
        """Every unit edit as an action: the table's context menu and the window's 单位 menu show them."""
        self.unit_actions: dict[str, QAction] = {}
        for name, text, slot, key, tip in (
            ("new_unit", "新建单位(&W)…", self.new_unit, "Ins", "在单位列表中新建一个单位"),
            ("rename_unit", "重命名单位(&N)…", self.rename, "F2", "改名；旧名称保留为别名"),
            ("merge_unit", "合并到另一单位(&M)…", self.merge, None, "把所选单位的任务、指标和名称并入另一个单位"),
            ("add_alias", "添加别名(&A)…", self.add_alias, None, "如改名前的名称"),
            ("remove_alias", "删除别名(&R)…", self.remove_alias, None, ""),
            ("delete_unit", "删除单位(&D)…", self.delete_unit, "Del", "删除没有任何任务和指标使用的单位"),
        ):
            action = QAction(text, self)
            if key:
                action.setShortcut(QKeySequence(key))
                # Only while the list has the focus: Del in the search box must still delete characters.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if tip:
                action.setStatusTip(tip)
            action.triggered.connect(slot)
            self.table.addAction(action)
            self.unit_actions[name] = action
            if name == "remove_alias":
                separator = QAction(self)
                separator.setSeparator(True)
                self.table.addAction(separator)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _current_row_changed(self, _current, _previous) -> None:
        self._show_tasks()

    def _update_actions(self) -> None:
        unit = self.current_unit()
        for name in ("rename_unit", "merge_unit", "add_alias", "delete_unit"):
            self.unit_actions[name].setEnabled(unit is not None)
        self.unit_actions["remove_alias"].setEnabled(unit is not None and bool(unit.aliases))
        for button, name in (
            (self.rename_button, "rename_unit"),
            (self.merge_button, "merge_unit"),
            (self.alias_button, "add_alias"),
            (self.remove_alias_button, "remove_alias"),
            (self.delete_button, "delete_unit"),
        ):
            button.setEnabled(self.unit_actions[name].isEnabled())

    def _come_forward(self) -> None:
        """Started from the menu on another tab: show this tab first, so the list is current and seen."""
        if not self.isVisible():
            self.show_requested.emit()

    # --- content -----------------------------------------------------------

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.request_reload()

    def reload(self) -> None:
        current = self.current_unit()
        units_service = self.session.services.units
        units = units_service.list_units()
        counts = {}
        if self.plan_id:
            for unit in units:
                tasks = units_service.unit_tasks(unit.id, self.plan_id)
                counts[unit.id] = (
                    sum(1 for t in tasks if t.role is Role.LEAD),
                    sum(1 for t in tasks if t.role is Role.SUPPORT),
                )
        self.model.set_units(units, counts)
        if current is not None:
            self.select_unit(current.id)
        self._show_tasks()

    def _on_changed(self, kind: str, plan_id: int) -> None:
        # Another database: the window shows the right plan in every view first.
        if kind in (UNITS, TREE, PLANS):
            self.request_reload()

    def current_unit(self) -> Unit | None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.unit_at(index.row()) if index.isValid() else None

    def select_unit(self, unit_id: int) -> None:
        row = self.model.row_of(unit_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )

    def _show_tasks(self) -> None:
        self._update_actions()
        unit = self.current_unit()
        if unit is None:
            self.tasks_model.set_tasks([])
            self.tasks_label.setText("选择一个单位查看它的任务；双击任务跳转到任务分工表。")
            return
        tasks = self.session.services.units.unit_tasks(unit.id)
        self.tasks_model.set_tasks(tasks)
        aliases = f"（别名：{'、'.join(unit.aliases)}）" if unit.aliases else ""
        self.tasks_label.setText(f"{unit.name}{aliases}：共 {len(tasks)} 项任务/措施。双击跳转。")
        self.tasks.resizeRowsToContents()

    def _activate_task(self, index) -> None:
        plan_id, node_id = index.data(PLAN_ID_ROLE), index.data(NODE_ID_ROLE)
        if plan_id and node_id:
            self.node_activated.emit(int(plan_id), int(node_id))

    # --- edits -------------------------------------------------------------

    def new_unit(self) -> None:
        """Ask for the name (refused at once when it is taken) and add the unit to the shared list."""
        from sisiding_desktop.gui.dialogs.unit_dialog import NewUnitDialog

        self._come_forward()
        dialog = NewUnitDialog(self.session.services.units.check_new_name, self)
        if not self.session.prompter.run_dialog(dialog):
            return
        name, short_name, kind = dialog.values()
        command = CreateUnit(self.session, name, short_name, kind)
        if self.session.push(command):
            self.search.clear()
            self.select_unit(command.unit_id)
            self.table.setFocus()

    def delete_unit(self) -> None:
        """Delete the unit when nothing uses it; otherwise say what uses it and suggest merging instead."""
        self._come_forward()
        unit = self.current_unit()
        if unit is None:
            return
        if self.session.guarded(partial(self.session.services.units.check_deletable, unit.id)) is None:
            return
        aliases = f"（及其别名 {'、'.join(unit.aliases)}）" if unit.aliases else ""
        if not self.session.prompter.ask(
            "删除单位", f"从单位列表中删除“{unit.name}”{aliases}？\n删除后可以用“撤销”（Ctrl+Z）恢复。"
        ):
            return
        row = self.table.currentIndex().row()
        if self.session.push(DeleteUnit(self.session, unit)):
            neighbour = self.proxy.index(min(row, self.proxy.rowCount() - 1), 0)
            if neighbour.isValid():
                self.table.selectionModel().setCurrentIndex(
                    neighbour,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )

    def rename(self) -> None:
        self._come_forward()
        unit = self.current_unit()
        if unit is None:
            return
        name = self.session.prompter.text("重命名单位", f"“{unit.name}”的新名称（旧名称会保留为别名）：", unit.name)
        if name and name.strip() != unit.name:
            self.session.push(RenameUnit(self.session, unit, name.strip()))

    def merge(self) -> None:
        self._come_forward()
        drop = self.current_unit()
        if drop is None:
            return
        others = chinese_sorted(
            (u for u in self.session.services.units.list_units() if u.id != drop.id), key=lambda u: u.name
        )
        name = self.session.prompter.item(
            "合并单位", f"把“{drop.name}”并入哪个单位？（它的任务、指标和名称都会转过去）", [u.name for u in others]
        )
        keep = next((u for u in others if u.name == name), None)
        if keep is not None and self.session.push(MergeUnits(self.session, keep, drop)):
            self.select_unit(keep.id)

    def add_alias(self) -> None:
        self._come_forward()
        unit = self.current_unit()
        if unit is None:
            return
        alias = self.session.prompter.text("添加别名", f"“{unit.name}”的另一个名称（如改名前的名称）：")
        if alias and alias.strip():
            self.session.push(AddAlias(self.session, unit, alias))

    def remove_alias(self) -> None:
        self._come_forward()
        unit = self.current_unit()
        if unit is None or not unit.aliases:
            return
        alias = self.session.prompter.item("删除别名", f"删除“{unit.name}”的哪个别名？", list(unit.aliases))
        if alias:
            self.session.push(RemoveAlias(self.session, unit, alias))
