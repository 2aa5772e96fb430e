"""The main window: plans on the left, the plan's tabs on the right, menus and a toolbar over them."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QListView, QMainWindow, QSplitter, QTabWidget, QVBoxLayout, QWidget

from sisiding_desktop import APP_DISPLAY_NAME
from sisiding_desktop.gui.database_actions import DatabaseActions, database_target
from sisiding_desktop.gui.desk_watch import DeskWatch
from sisiding_desktop.gui.file_drop import IMPORT, RETURNS, dropped_files
from sisiding_desktop.gui.models.plan_list_model import PlanListModel
from sisiding_desktop.gui.plan_actions import PlanActions
from sisiding_desktop.gui.print_preview import PrintPreview
from sisiding_desktop.gui.progress_transfer import ProgressTransfer
from sisiding_desktop.gui.prompts import Prompter
from sisiding_desktop.gui.returns_transfer import ReturnsTransfer
from sisiding_desktop.gui.session import DATABASE, PLANS, TREE, Session
from sisiding_desktop.gui.transfer import Transfer
from sisiding_desktop.gui.views.indicators import IndicatorsView
from sisiding_desktop.gui.views.overview import OverviewView
from sisiding_desktop.gui.views.period_picker import PeriodPicker
from sisiding_desktop.gui.views.quarter_grid import QuarterGridView
from sisiding_desktop.gui.views.summary_view import SummaryView
from sisiding_desktop.gui.views.task_table import TaskTableView
from sisiding_desktop.gui.views.units import UnitsView
from sisiding_desktop.gui.window_menus import build_menus
from sisiding_desktop.gui.workers import JobRunner
from sisiding_desktop.services import Services

FIRST_SIZE = (1280, 800)
SETTINGS_GROUP = "main_window"
TASKS_TAB, QUARTER_TAB, INDICATORS_TAB, UNITS_TAB, OVERVIEW_TAB, SUMMARY_TAB = range(6)


class MainWindow(QMainWindow):
    def __init__(self, services: Services, prompter: Prompter | None = None) -> None:
        super().__init__()
        self.session = Session(services, prompter or Prompter(self), self)
        self.jobs = JobRunner(self)
        self.plans = PlanActions(self.session, self)
        self.transfer = Transfer(self.session, self.jobs, self)
        self.exchange = ProgressTransfer(self.session, self.jobs, self)
        self.database = DatabaseActions(self.session, self.jobs, self)
        self.returns = ReturnsTransfer(self.session, self.jobs, self)
        self.printing = PrintPreview(self.session, self)
        for controller in (self.transfer, self.database, self.exchange, self.returns):
            controller.status = self.show_message
        self.printing.report_for_tab = self.report_for_tab
        self.transfer.preview = self.printing.preview_request
        self.plan_model = PlanListModel(parent=self)
        self.session.changed.connect(self._on_changed)  # before the views, so the plan list is current for them
        self._build_views()
        self.actions_by_name = build_menus(self)
        self._connect()
        self.reload_plans(prefer=Session.saved_plan_id())
        self.desk_watch = DeskWatch(self.session, self.show_message, self)  # other desks' saves, on a server
        self._restore_settings()
        self._update_title()
        self.setAcceptDrops(True)  # a table or database file dragged from the desktop

    # --- building ----------------------------------------------------------

    def _build_views(self) -> None:
        session = self.session
        self.plan_list = QListView()
        self.plan_list.setModel(self.plan_model)
        self.plan_list.setWordWrap(True)
        self.plan_list.setAccessibleName("计划列表")
        self.plan_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        plans_label = QLabel("计划(&L)")
        plans_label.setBuddy(self.plan_list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(plans_label)
        left_layout.addWidget(self.plan_list)
        self.task_view = TaskTableView(session)
        self.quarter_view = QuarterGridView(session)
        self.indicators_view = IndicatorsView(session)
        self.units_view = UnitsView(session)
        self.overview_view = OverviewView(session)
        self.summary_view = SummaryView(session)
        self.tabs = QTabWidget()
        for view, title in (
            (self.task_view, "任务分工表"),
            (self.quarter_view, "季度进展"),
            (self.indicators_view, "主要指标"),
            (self.units_view, "单位"),
            (self.overview_view, "总览"),
            (self.summary_view, "汇总"),
        ):
            self.tabs.addTab(view, title)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([200, 1080])
        self.setCentralWidget(self.splitter)
        self.period_picker = PeriodPicker(session.period)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)

    def _connect(self) -> None:
        session = self.session
        self.plan_list.selectionModel().currentRowChanged.connect(lambda current, _: self._plan_row_chosen(current))
        session.focus_requested.connect(self.focus_node)
        session.plan_selected.connect(self._show_plan)
        session.undo_stack.cleanChanged.connect(self._clean_changed)
        self.period_picker.period_changed.connect(session.set_period)
        session.period_changed.connect(self.period_picker.set_period)
        self.units_view.node_activated.connect(lambda plan, node: self.jump_to(plan, node, TASKS_TAB))
        self.overview_view.node_activated.connect(lambda plan, node: self.jump_to(plan, node, QUARTER_TAB))
        summary = self.summary_view
        summary.read_button.clicked.connect(lambda: self.returns.read_returns())
        summary.bodies_button.clicked.connect(self.returns.edit_bodies)
        summary.export_button.clicked.connect(self.returns.export_summary)
        summary.feedback_button.clicked.connect(self.returns.export_feedback)
        self.tabs.currentChanged.connect(lambda _i: self._update_actions())
        self.task_view.selection_changed.connect(self._update_actions)

    # --- plans -------------------------------------------------------------

    def reload_plans(self, prefer: int = 0) -> None:
        plans = self.session.services.plans.list_plans()
        keep = prefer or self.session.plan_id
        self.plan_model.set_plans(plans)
        row = self.plan_model.row_of(keep) if keep else -1
        if row < 0 and plans:
            row = 0
        if row >= 0:
            self.plan_list.setCurrentIndex(self.plan_model.index(row))
            self._plan_row_chosen(self.plan_model.index(row))
        else:
            self.session.select_plan(0)
            self._show_plan(0)

    def _plan_row_chosen(self, index) -> None:
        if index.isValid():
            self.session.select_plan(self.plan_model.plan_at(index.row()).id)

    def _show_plan(self, plan_id: int) -> None:
        for view in (
            self.task_view, self.quarter_view, self.indicators_view, self.units_view, self.overview_view,
            self.summary_view,
        ):  # fmt: skip
            view.show_plan(plan_id)
        self._update_status()
        self._update_title()
        self._update_actions()

    def _on_changed(self, kind: str, plan_id: int) -> None:
        if kind in (PLANS, DATABASE):
            self.reload_plans()
        if kind == DATABASE:
            self._show_plan(self.session.plan_id)
        if kind in (TREE, PLANS):
            self._update_status()
            self._update_title()

    def current_plan_title(self) -> str:
        row = self.plan_model.row_of(self.session.plan_id)
        return self.plan_model.plan_at(row).title if row >= 0 else ""

    # --- focus and jumps ---------------------------------------------------

    def focus_node(self, plan_id: int, node_id: int) -> None:
        """Show the plan (and node) an undo or redo touched."""
        if plan_id != self.session.plan_id and self.plan_model.row_of(plan_id) >= 0:
            self.plan_list.selectionModel().setCurrentIndex(
                self.plan_model.index(self.plan_model.row_of(plan_id)), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        if not node_id:
            return
        current = self.tabs.currentWidget()
        if current is self.quarter_view and self.quarter_view.select_node(node_id):
            return
        if current is self.task_view:
            self.task_view.select_node(node_id)

    def jump_to(self, plan_id: int, node_id: int, tab: int) -> None:
        self.focus_node(plan_id, 0)
        self.tabs.setCurrentIndex(tab)
        view = self.task_view if tab == TASKS_TAB else self.quarter_view
        if not view.select_node(node_id) and tab == QUARTER_TAB:
            self.tabs.setCurrentIndex(TASKS_TAB)
            self.task_view.select_node(node_id)
        self.tabs.currentWidget().setFocus()

    def show_tab(self, tab: int) -> None:
        self.tabs.setCurrentIndex(tab)
        self.tabs.currentWidget().setFocus()

    def report_for_tab(self) -> str:
        """The report that fits the tab on screen: 推进情况表 for progress, 指标表 for indicators, 汇总表 for 汇总."""
        tab = self.tabs.currentIndex()
        reports = {
            QUARTER_TAB: "progress",
            OVERVIEW_TAB: "progress",
            INDICATORS_TAB: "indicators",
            SUMMARY_TAB: "summary",
        }
        return reports.get(tab, "division")

    def focus_search(self) -> None:
        current = self.tabs.currentWidget()
        search = getattr(current, "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def current_node_id(self) -> int | None:
        """The node the person is on: the selected row of the task table or of the quarter grid."""
        if self.tabs.currentIndex() == QUARTER_TAB:
            ids = self.quarter_view.selected_node_ids()
            return ids[0] if ids else None
        node = self.task_view.current_node() if self.tabs.currentIndex() == TASKS_TAB else None
        return node.id if node else None

    def show_history(self) -> None:
        from sisiding_desktop.gui.dialogs.history_dialog import HistoryDialog

        node_id = self.current_node_id()
        if node_id is None:
            self.session.prompter.inform("修改记录", "请先在“任务分工表”或“季度进展”中选中一个条目。")
            return
        node = self.session.services.nodes.get_node(node_id)
        entries = self.session.services.history.node_history(node_id)
        title = f"{node.kind.label}：{node.text}"
        self.session.prompter.run_dialog(HistoryDialog(title, entries, self))

    def handle_second_start(self, db_path: str) -> None:
        """The program was started again: come to the front, and open the file asked for if it is another one."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        if db_path:
            self.database.open_database(database_target(db_path))

    # --- status ------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _update_status(self) -> None:
        plan_id = self.session.plan_id
        if not plan_id:
            self.status_label.setText("数据库中还没有计划。")
            return
        counts = self.session.services.plans.count_nodes(plan_id)
        self.status_label.setText(
            f"{self.current_plan_title()}：重点任务 {counts.get('task', 0)} 项，具体措施 {counts.get('measure', 0)} 条"
        )

    def _update_title(self) -> None:
        title = self.current_plan_title()
        name = self.session.services.db.label
        self.setWindowTitle(f"{title + ' — ' if title else ''}{APP_DISPLAY_NAME} — {name}[*]")

    def _update_actions(self) -> None:
        on_tasks = self.tabs.currentIndex() == TASKS_TAB and bool(self.session.plan_id)
        for name in ("add_sibling", "add_child", "delete_node", "move_up", "move_down", "indent", "outdent"):
            self.actions_by_name[name].setEnabled(on_tasks)
        has_plan = bool(self.session.plan_id)
        for name in ("rename_plan", "duplicate_plan", "delete_plan", "plan_properties", "export", "print_preview"):
            self.actions_by_name[name].setEnabled(has_plan)
        self.actions_by_name["copy_last_period"].setEnabled(has_plan)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def mark_saved(self) -> None:
        """Every edit is already in the database; this only clears the modified mark."""
        self.session.undo_stack.setClean()
        self.show_message("所有修改都已保存在数据库中。")

    # --- settings ----------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._first_geometry()
        state = settings.value("state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        units_splitter = settings.value("units_splitter")
        if units_splitter is not None:
            self.units_view.splitter.restoreState(units_splitter)
        self.tabs.setCurrentIndex(int(settings.value("tab", 0) or 0))
        settings.endGroup()

    def _first_geometry(self) -> None:
        """The first start: 1280×800 where the screen has room, else the whole screen (1366×768 office screens)."""
        screen = self.screen().availableGeometry()
        width, height = min(FIRST_SIZE[0], screen.width()), min(FIRST_SIZE[1], screen.height())
        self.setGeometry(
            screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2, width, height
        )
        if (width, height) != FIRST_SIZE:
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("units_splitter", self.units_view.splitter.saveState())
        settings.setValue("tab", self.tabs.currentIndex())
        settings.endGroup()

    # --- files dropped from the desktop ------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if dropped_files(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        found = dropped_files(event.mimeData())
        if found is None:
            return
        event.acceptProposedAction()
        action, paths = found
        if action == IMPORT:
            action = self._one_table_dropped(paths[0])
        if action == RETURNS:
            self.returns.read_returns(paths)
        elif action == IMPORT:
            self.transfer.import_file(paths[0])
        elif action is not None:
            self.database.open_database(paths[0])

    def _one_table_dropped(self, path) -> str | None:
        """One table dropped on a plan that has reporting bodies: a body's return, or a new plan? The clerk says."""
        plan_id = self.session.plan_id
        if path.suffix.lower() == ".docx" or not plan_id or not self.session.services.bodies.list_bodies(plan_id):
            return IMPORT
        options = ["作为县（区）报送的表格读入本计划", "导入为新的任务分工表", "取消"]
        choice = self.session.prompter.choose("拖入的表格", f"“{path.name}”要怎样处理？", options)
        return {0: RETURNS, 1: IMPORT}.get(choice)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.jobs.busy():
            self.session.prompter.inform("请稍候", "还有任务（导入、导出或备份）正在进行，请等它完成或取消后再退出。")
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)
