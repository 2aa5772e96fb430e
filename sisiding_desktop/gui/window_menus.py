"""Every action of the window: menus, shortcuts and the toolbar (every action has a menu entry)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from sisiding_desktop import APP_DISPLAY_NAME, __version__
from sisiding_desktop.app import log_file
from sisiding_desktop.domain.model import Status
from sisiding_desktop.gui.database_actions import recent_files
from sisiding_desktop.gui.help_dialog import show_manual

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListView, QMenuBar, QTabWidget, QToolBar

    from sisiding_desktop.gui.database_actions import DatabaseActions
    from sisiding_desktop.gui.plan_actions import PlanActions
    from sisiding_desktop.gui.print_preview import PrintPreview
    from sisiding_desktop.gui.progress_transfer import ProgressTransfer
    from sisiding_desktop.gui.returns_transfer import ReturnsTransfer
    from sisiding_desktop.gui.session import Session
    from sisiding_desktop.gui.transfer import Transfer
    from sisiding_desktop.gui.views.indicators import IndicatorsView
    from sisiding_desktop.gui.views.period_picker import PeriodPicker
    from sisiding_desktop.gui.views.quarter_grid import QuarterGridView
    from sisiding_desktop.gui.views.task_table import TaskTableView
    from sisiding_desktop.gui.views.units import UnitsView


class MenuWindow(Protocol):
    """What the menus are built from: the window hands over its session, controllers and views.

    The menus keep two of their own on it: ``view_menu`` (the toolbar's show/hide entry joins it) and
    ``recent_menu`` (filled each time it opens).
    """

    session: Session
    plans: PlanActions
    database: DatabaseActions
    transfer: Transfer
    exchange: ProgressTransfer
    returns: ReturnsTransfer
    printing: PrintPreview
    plan_list: QListView
    tabs: QTabWidget
    task_view: TaskTableView
    quarter_view: QuarterGridView
    indicators_view: IndicatorsView
    units_view: UnitsView
    period_picker: PeriodPicker
    view_menu: QMenu
    recent_menu: QMenu

    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name

    def addToolBar(self, title: str) -> QToolBar: ...  # noqa: N802 - Qt's name

    def close(self) -> bool: ...

    def show_tab(self, tab: int) -> None: ...

    def show_history(self) -> None: ...

    def report_for_tab(self) -> str: ...

    def focus_search(self) -> None: ...

    def mark_saved(self) -> None: ...


Shortcut = QKeySequence.StandardKey | str | None


def _action(
    window: MenuWindow, text: str, slot: Callable[[], object], shortcut: Shortcut = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if isinstance(shortcut, str):
        action.setShortcut(QKeySequence(shortcut))
    elif shortcut is not None:
        action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{tip}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）")
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menus(window: MenuWindow) -> dict[str, QAction]:
    """Create the menus and toolbar of ``window``; return the actions by name."""
    a: dict[str, QAction] = {}
    s = window.session
    _file_menu(window, a)

    edit = window.menuBar().addMenu("编辑(&E)")
    a["undo"] = s.undo_stack.createUndoAction(window, "撤销")
    a["undo"].setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    a["redo"] = s.undo_stack.createRedoAction(window, "重做")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    edit.addActions([a["undo"], a["redo"]])
    edit.addSeparator()
    tv = window.task_view
    for name, text, slot, key, tip in (
        ("add_sibling", "新增同级条目(&S)", lambda: tv.add(as_child=False), "Ins", "在当前条目后新增一个同级条目"),
        ("add_child", "新增下级条目(&C)", lambda: tv.add(as_child=True), "Ctrl+Ins", "在当前条目下新增一个条目"),
        ("delete_node", "删除条目(&D)", tv.delete_selected, "Del", "删除所选条目及其下级"),
        ("move_up", "上移(&U)", lambda: tv.move("up"), "Alt+Shift+Up", "与上一个同级条目交换位置"),
        ("move_down", "下移(&W)", lambda: tv.move("down"), "Alt+Shift+Down", "与下一个同级条目交换位置"),
        ("indent", "降级(&I)", lambda: tv.move("indent"), "Alt+Shift+Right", "放到上一个同级条目下面"),
        ("outdent", "升级(&O)", lambda: tv.move("outdent"), "Alt+Shift+Left", "移出上级，放在上级之后"),
    ):
        a[name] = _action(window, text, slot, key, tip)
        # Only while the table has the focus: Del in a text box must still delete characters.
        a[name].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tv.addAction(a[name])
        edit.addAction(a[name])
        if name in ("delete_node", "move_down"):
            edit.addSeparator()
    edit.addSeparator()
    _indicator_and_unit_menus(window, a, edit)
    edit.addSeparator()
    a["history"] = _action(window, "修改记录(&H)…", window.show_history, "Ctrl+H", "查看所选条目由谁、何时、如何修改")
    edit.addAction(a["history"])
    tv.addAction(a["history"])
    tv.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)  # right click: the edit actions
    window.quarter_view.table.addAction(a["history"])
    a["find"] = _action(window, "查找(&F)", window.focus_search, QKeySequence.StandardKey.Find, "在当前页中搜索")
    edit.addAction(a["find"])

    plan = window.menuBar().addMenu("计划(&P)")
    for name, text, slot, key, tip in (
        ("new_plan", "新建计划(&N)…", window.plans.new_plan, "Ctrl+N", "新建一个空白计划"),
        ("rename_plan", "重命名计划(&R)…", window.plans.rename, None, ""),
        ("duplicate_plan", "复制为新计划(&D)…", window.plans.duplicate, "Ctrl+D", "以当前计划为底稿建立下一年的计划"),
        ("plan_properties", "计划属性(&P)…", window.plans.edit_properties, "Alt+Return", "年份、地区、文号等"),
        ("delete_plan", "删除计划…", window.plans.delete, None, ""),
    ):
        a[name] = _action(window, text, slot, key, tip)
        plan.addAction(a[name])
    window.plan_list.addActions([a[n] for n in ("new_plan", "rename_plan", "duplicate_plan", "plan_properties")])
    window.plan_list.addAction(a["delete_plan"])

    progress = window.menuBar().addMenu("进展(&R)")
    qv = window.quarter_view
    a["copy_last_period"] = _action(window, "从上一期复制(&C)", qv.copy_last_period, None, "以上一期的进展为本期的起点")
    progress.addAction(a["copy_last_period"])
    status_menu = progress.addMenu("将所选措施设为(&S)")
    for status in Status:
        status_menu.addAction(_action(window, status.label, lambda st=status: qv.set_status_of_selected(st)))
    progress.addSeparator()
    exchange = window.exchange
    for name, text, slot, key, tip in (
        (
            "import_progress",
            "读回各单位填报的进展(&I)…",
            exchange.import_progress,
            "Ctrl+Shift+I",
            "把各单位填好的推进情况表记入本期",
        ),
        (
            "fill_back",
            "填入市里发来的表格(&F)…",
            exchange.fill_back,
            "Ctrl+Shift+F",
            "把本期进展填进市里发来的原表，另存为新文件",
        ),
    ):
        a[name] = _action(window, text, slot, key, tip)
        progress.addAction(a[name])
    progress.addSeparator()
    city = window.returns
    for name, text, slot, key, tip in (
        (
            "read_returns",
            "读入各县（区）报送的表格(&B)…",
            lambda: city.read_returns(),
            "Ctrl+Shift+B",
            "市级汇总：一次读入各县（区）填好报回的表格（可多选），每份可单独撤销",
        ),
        ("reporting_bodies", "报送单位名单(&L)…", city.edit_bodies, None, "向本计划报送进展的县（区）、市直单位"),
        ("export_summary", "导出汇总表(&S)…", city.export_summary, None, "各单位报送情况、排名和各项措施汇总"),
        (
            "export_feedback",
            "导出各单位反馈清单(&K)…",
            city.export_feedback,
            None,
            "各单位本期红灯、黄灯措施及市级意见",
        ),
    ):
        a[name] = _action(window, text, slot, key, tip)
        progress.addAction(a[name])
    progress.addSeparator()
    a["previous_period"] = _action(window, "上一期(&P)", lambda: _step_period(window, -1), "Ctrl+PgUp", "")
    a["next_period"] = _action(window, "下一期(&N)", lambda: _step_period(window, +1), "Ctrl+PgDown", "")
    progress.addActions([a["previous_period"], a["next_period"]])

    view = window.menuBar().addMenu("视图(&V)")
    for index in range(window.tabs.count()):
        action = _action(window, window.tabs.tabText(index), lambda i=index: window.show_tab(i), f"Ctrl+{index + 1}")
        view.addAction(action)
    view.addSeparator()
    window.view_menu = view  # the toolbar's show/hide entry joins it below

    help_menu = window.menuBar().addMenu("帮助(&H)")
    a["manual"] = _action(
        window,
        "使用说明(&M)",
        lambda: show_manual(window, window.session.prompter),
        QKeySequence.StandardKey.HelpContents,
    )
    help_menu.addAction(a["manual"])
    help_menu.addAction(_action(window, "日志文件位置(&L)", lambda: _show_log(window)))
    help_menu.addAction(_action(window, "关于(&A)", lambda: _about(window)))

    _toolbar(window, a)
    return a


def _file_menu(window: MenuWindow, a: dict[str, QAction]) -> None:
    menu = window.menuBar().addMenu("文件(&F)")
    db, transfer = window.database, window.transfer
    for name, text, slot, key, tip in (
        ("new_database", "新建数据库(&N)…", db.new_database, "Ctrl+Shift+N", "新建一个空的数据库文件"),
        ("open_database", "打开数据库(&O)…", db.choose_and_open, QKeySequence.StandardKey.Open, "打开另一个数据库文件"),
        ("connect_server", "连接服务器数据库(&S)…", db.connect_server, None, "打开几个科室共用的服务器数据库"),
    ):
        a[name] = _action(window, text, slot, key, tip)
        menu.addAction(a[name])
    window.recent_menu = menu.addMenu("最近打开(&R)")
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent(window))
    menu.addSeparator()
    a["save"] = _action(window, "保存(&S)", window.mark_saved, QKeySequence.StandardKey.Save, "修改随时写入数据库")
    menu.addAction(a["save"])
    menu.addSeparator()
    for name, text, slot, key, tip in (
        ("import", "导入任务分工表(&I)…", transfer.import_file, "Ctrl+I", "从 xlsx 文件导入一个新计划"),
        ("export", "导出报表(&E)…", lambda: transfer.export(window.report_for_tab()), "Ctrl+E", "导出 xlsx 或 pdf"),
        (
            "export_unit_lists",
            "导出各单位任务清单(&U)…",
            transfer.export_unit_lists,
            "Ctrl+Shift+E",
            "每个单位一份本期的任务清单，发给各单位填写",
        ),
        (
            "export_briefing",
            "导出季度推进情况报告(&B)…",
            transfer.export_briefing,
            None,
            "按本期数据起草推进情况报告（一、总体进展 二、存在的主要问题 三、下步工作安排），修改后存为 Word 或 PDF",
        ),
        ("print_preview", "打印预览(&V)…", window.printing.preview, QKeySequence.StandardKey.Print, "预览并打印报表"),
    ):
        a[name] = _action(window, text, slot, key, tip)
        menu.addAction(a[name])
    menu.addSeparator()
    a["backup"] = _action(window, "备份数据库(&B)…", db.backup)
    a["restore"] = _action(window, "从备份恢复(&R)…", db.restore)
    a["settings"] = _action(window, "设置(&T)…", db.edit_settings, None, "单位名称与亮灯规则")
    menu.addActions([a["backup"], a["restore"]])
    menu.addSeparator()
    menu.addAction(a["settings"])
    menu.addSeparator()
    a["quit"] = _action(window, "退出(&X)", window.close, QKeySequence.StandardKey.Quit)
    menu.addAction(a["quit"])


def _indicator_and_unit_menus(window: MenuWindow, a: dict[str, QAction], edit: QMenu) -> None:
    """编辑 › 主要指标 and 编辑 › 单位 hold the very actions of those tabs (their context menus use them too)."""
    iv, uv = window.indicators_view, window.units_view
    indicators = edit.addMenu("主要指标(&G)")
    a["add_indicator"], a["delete_indicator"] = iv.add_action, iv.delete_action
    indicators.addActions([iv.add_action, iv.delete_action])
    units = edit.addMenu("单位(&N)")
    for name, action in uv.unit_actions.items():
        a[name] = action
        units.addAction(action)
        if name in ("new_unit", "remove_alias"):
            units.addSeparator()
    # Chosen from the menu while another tab is shown: that tab comes forward first.
    iv.show_requested.connect(partial(_show_view, window, iv))
    uv.show_requested.connect(partial(_show_view, window, uv))


def _show_view(window: MenuWindow, view: QWidget) -> None:
    window.tabs.setCurrentWidget(view)


def _toolbar(window: MenuWindow, a: dict[str, QAction]) -> None:
    bar = window.addToolBar("工具栏")
    bar.setObjectName("main_toolbar")
    shown = bar.toggleViewAction()
    shown.setText("工具栏(&T)")
    window.view_menu.addAction(shown)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.addWidget(window.period_picker)
    bar.addSeparator()
    bar.addActions([a["undo"], a["redo"]])
    bar.addSeparator()
    bar.addActions([a[n] for n in ("add_sibling", "add_child", "delete_node", "move_up", "move_down")])
    bar.addActions([a["indent"], a["outdent"]])
    bar.addSeparator()
    bar.addActions([a["import"], a["export"], a["print_preview"]])


def _step_period(window: MenuWindow, step: int) -> None:
    period = window.session.period
    if period.quarter == 0:
        target = period.__class__(period.year + step)
    elif step < 0:
        target = period.previous()
    else:
        target = (
            period.__class__(period.year + 1, 1)
            if period.quarter == 4
            else period.__class__(period.year, period.quarter + 1)
        )
    window.session.set_period(target)


def _fill_recent(window: MenuWindow) -> None:
    menu: QMenu = window.recent_menu
    menu.clear()
    current = window.session.services.db.location
    files = [f for f in recent_files() if f != current]
    if not files:
        menu.addAction("（没有）").setEnabled(False)
    for number, name in enumerate(files, 1):
        menu.addAction(_action(window, f"&{number} {name}", lambda p=name: window.database.open_recent(p)))


def _show_log(window: MenuWindow) -> None:
    window.session.prompter.inform("日志文件", f"程序的错误日志保存在：\n{log_file()}")


def _about(window: MenuWindow) -> None:
    window.session.prompter.inform(
        "关于",
        f"{APP_DISPLAY_NAME} {__version__}\n县级“四水四定”任务分工与季度推进管理。\n"
        f"数据库：{window.session.services.db.location}",
    )
