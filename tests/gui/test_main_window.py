"""The main window shows the plans and the chosen plan's table; every item model passes the model tester."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt

from sisiding_desktop.domain.model import IndicatorAttribute, NodeKind, Period, Role, Status
from sisiding_desktop.gui.main_window import MainWindow
from sisiding_desktop.gui.models.filters import QuarterFilterProxy, TreeSearchProxy
from sisiding_desktop.gui.models.indicator_model import IndicatorModel
from sisiding_desktop.gui.models.overview_models import LateModel, UnitSummaryModel
from sisiding_desktop.gui.models.plan_list_model import PlanListModel
from sisiding_desktop.gui.models.plan_tree_model import NODE_ID_ROLE, PlanTreeModel
from sisiding_desktop.gui.models.quarter_model import QuarterModel, quarter_rows
from sisiding_desktop.gui.models.unit_models import UnitListModel, UnitTasksModel
from tests.gui.conftest import Q3, TODAY, add_small_plan


def _small_plan(services):
    plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表")
    chapter = services.nodes.add_node(plan.id, None, NodeKind.GROUP, "坚持以水定人定城，优化城镇空间格局")
    task = services.nodes.add_node(plan.id, chapter.id, NodeKind.TASK, "发挥用水户节水主体作用")
    for text in ("开展党政机关节水达标建设。", "2024年节水型医院建成率达到100%。"):
        services.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, text)
    services.units.assign_units(task.id, Role.LEAD, ["机关事务服务中心"])
    return plan


def test_tree_model_passes_the_model_tester(services, qtmodeltester):
    plan = _small_plan(services)
    model = PlanTreeModel()
    model.set_tree(services.plans.tree(plan.id))
    qtmodeltester.check(model)
    chapter = model.index(0, 0)
    task = model.index(0, 0, chapter)
    measure = model.index(1, 1, task)
    assert chapter.data() == "一、"
    assert task.data() == "1"
    assert measure.data() == "2024年节水型医院建成率达到100%。"
    assert model.index(1, 2, task).data() == "机关事务服务中心"  # inherited from the task
    assert model.parent(measure) == task
    assert model.index_of(measure.data(NODE_ID_ROLE)).row() == 1
    model.edit_handler = lambda node, column, text: True
    qtmodeltester.check(model)  # editable, with drag and drop
    proxy = TreeSearchProxy()
    proxy.setSourceModel(model)
    proxy.set_search("医院")
    qtmodeltester.check(proxy)


def test_tree_model_refresh_keeps_rows_when_only_text_changed(services, qtbot):
    plan = _small_plan(services)
    model = PlanTreeModel()
    assert model.set_tree(services.plans.tree(plan.id))
    node = services.plans.tree(plan.id)[0].children[0]
    services.nodes.update_node(node.id, text="发挥用水户节水主体作用（修改）")
    with qtbot.waitSignal(model.dataChanged):
        assert not model.set_tree(services.plans.tree(plan.id))


def test_plan_list_model_passes_the_model_tester(services, qtmodeltester):
    _small_plan(services)
    model = PlanListModel(services.plans.list_plans())
    qtmodeltester.check(model)
    assert model.index(0).data() == "平罗县“四水四定”年度重点任务表"


def test_quarter_models_pass_the_model_tester(services, qtmodeltester):
    plan = add_small_plan(services)
    measure = services.plans.tree(plan.id)[0].children[0].children[0]
    services.progress.record(measure.id, Q3, status=Status.IN_PROGRESS, percent=40, progress_text="推进中")
    model = QuarterModel()
    model.set_content(
        quarter_rows(services.plans.tree(plan.id)),
        services.progress.for_period(plan.id, Q3),
        services.progress.lights(plan.id, Q3, TODAY),
    )
    qtmodeltester.check(model)
    assert model.filled_count() == (1, 3)
    model.edit_handler = lambda node_id, field, value: True
    proxy = QuarterFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_unit("住建局")
    qtmodeltester.check(proxy)


def test_unit_indicator_and_overview_models_pass_the_model_tester(services, qtmodeltester):
    plan = add_small_plan(services)
    indicator = services.indicators.add_indicator(
        plan.id, "用水总量", measure_unit="亿立方米", attribute=IndicatorAttribute.BINDING, targets={2024: "6.17"}
    )
    services.indicators.set_actual(indicator.id, Period(2024, 3), "6.3")
    indicators = IndicatorModel()
    indicators.set_indicators(services.indicators.list_indicators(plan.id), Period(2024, 3), [2024, 2025])
    qtmodeltester.check(indicators)
    units = UnitListModel()
    units.set_units(services.units.list_units(), {})
    qtmodeltester.check(units)
    tasks = UnitTasksModel()
    tasks.set_tasks(services.units.unit_tasks(services.units.find_unit("住建局").id))
    qtmodeltester.check(tasks)
    summary = services.progress.summary(plan.id, Q3, date(2024, 9, 15))
    unit_summary = UnitSummaryModel()
    unit_summary.set_rows(summary.units)
    qtmodeltester.check(unit_summary)
    late = LateModel()
    late.set_rows(services.progress.list_late(plan.id, Q3, TODAY))
    qtmodeltester.check(late)
    assert late.rowCount() >= 1


def test_window_shows_the_first_plan_in_chinese(services, qtbot, prompter):
    _small_plan(services)
    window = MainWindow(services, prompter)
    qtbot.addWidget(window)
    window.show()
    assert "四水四定任务分工" in window.windowTitle()
    assert [a.text() for a in window.menuBar().actions()] == [
        "文件(&F)",
        "编辑(&E)",
        "计划(&P)",
        "进展(&R)",
        "视图(&V)",
        "帮助(&H)",
    ]
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "任务分工表",
        "季度进展",
        "主要指标",
        "单位",
        "总览",
        "汇总",
    ]
    model = window.task_view.model
    assert model.rowCount() == 1
    assert "重点任务 1 项，具体措施 2 条" in window.status_label.text()
    shown = window.task_view.tree.model()
    task = shown.index(0, 0, shown.index(0, 0))
    assert window.task_view.tree.isExpanded(task)
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DisplayRole).startswith("坚持")


def test_every_menu_action_has_chinese_text_and_common_ones_have_shortcuts(services, qtbot, prompter):
    window = MainWindow(services, prompter)
    qtbot.addWidget(window)
    for name in ("undo", "redo", "add_sibling", "delete_node", "find", "import", "export", "save", "new_plan"):
        assert not window.actions_by_name[name].shortcut().isEmpty(), name
    texts = [a.text() for menu in window.menuBar().actions() for a in menu.menu().actions() if a.text()]
    assert all(any("\u4e00" <= c <= "\u9fff" for c in t) for t in texts), texts


def test_window_on_an_empty_database_says_so(services, qtbot, prompter):
    window = MainWindow(services, prompter)
    qtbot.addWidget(window)
    assert window.plan_model.rowCount() == 0
    assert window.status_label.text() == "数据库中还没有计划。"
    assert not window.actions_by_name["delete_plan"].isEnabled()


def _tab_stops(qtbot, window, start, count):
    from PySide6.QtWidgets import QApplication

    start.setFocus()
    stops = []
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    return stops


def test_tab_moves_from_the_plan_list_through_the_page_to_the_period(make_window, small_plan, qtbot):
    window = make_window()
    tasks = window.task_view
    stops = _tab_stops(qtbot, window, window.plan_list, 6)
    order = [w for w in stops if w in (window.tabs.tabBar(), tasks.search, tasks.tree, window.period_picker.year)]
    assert order[:4] == [window.tabs.tabBar(), tasks.search, tasks.tree, window.period_picker.year]

    window.show_tab(1)
    grid = window.quarter_view
    stops = _tab_stops(qtbot, window, window.tabs.tabBar(), 6)
    # In the grid itself Tab moves from cell to cell, as in a spreadsheet.
    assert stops == [grid.unit_filter, grid.light_filter, grid.search, grid.copy_button, grid.table, grid.table]


def _plain(text: str) -> str:
    return re.sub(r"\(&?[A-Z0-9]\)|&|…|\.\.\.", "", text).strip()


def _menu_texts(menu) -> set[str]:
    texts = set()
    for action in menu.actions():
        if action.menu() is not None:
            texts |= _menu_texts(action.menu())
        elif action.text():
            texts.add(_plain(action.text()))
    return texts


def test_every_action_of_toolbars_buttons_and_context_menus_is_also_in_the_menus(make_window, small_plan, qtbot):
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QAbstractButton, QMenuBar

    window = make_window()
    in_menus = set()
    for action in window.menuBar().actions():
        in_menus |= _menu_texts(action.menu())
    elsewhere = {
        _plain(action.text())
        for action in window.findChildren(QAction)
        if action.text()
        and not action.isSeparator()
        and action.menu() is None
        and not isinstance(action.parent(), QMenuBar)
    }
    buttons = {
        _plain(button.text())
        for button in window.findChildren(QAbstractButton)
        if button.text() and button.window() is window and button.parent() is not window.tabs.tabBar()
    }
    assert not (elsewhere - in_menus), sorted(elsewhere - in_menus)
    missing_buttons = {text for text in buttons - in_menus if not text.startswith(("全部", "第"))}
    assert not missing_buttons, sorted(missing_buttons)


def test_the_first_window_fits_the_screen(services, qtbot, prompter):
    window = MainWindow(services, prompter)  # no saved geometry: the first start
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    small = screen.width() < 1280 or screen.height() < 800
    assert bool(window.windowState() & Qt.WindowState.WindowMaximized) == small
