"""The 单位, 主要指标 and 总览 tabs: rename and merge units, edit indicators, see what is late and jump to it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sisiding_desktop.domain.model import IndicatorAttribute, Period, Role, Status
from sisiding_desktop.gui.models.indicator_model import MISSED_ROLE
from sisiding_desktop.gui.models.quarter_model import STATUS
from tests.gui.conftest import Q3
from tests.gui.helpers import click_cell, find_index, type_into_cell

CTRL = Qt.KeyboardModifier.ControlModifier


def _units_tab(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    return window.units_view


def test_units_list_shows_aliases_and_a_units_tasks(make_window, services, small_plan, qtbot):
    window = make_window()
    view = _units_tab(window, qtbot)
    row = find_index(view.table, "住建局", column=0)
    assert row.siblingAtColumn(2).data() == "1"  # leads one task of the plan
    click_cell(qtbot, view.table, row)
    assert view.tasks_model.rowCount() == 1
    assert view.tasks_model.index(0, 3).data() == "实施公共建筑用水设施节水改造"
    view.tasks.doubleClicked.emit(view.tasks_model.index(0, 3))
    assert window.tabs.currentWidget() is window.task_view
    assert window.task_view.current_node().text == "实施公共建筑用水设施节水改造"


def test_rename_a_unit_keeps_the_old_name_as_alias_and_undo(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    view = _units_tab(window, qtbot)
    click_cell(qtbot, view.table, find_index(view.table, "水务局", column=0))
    prompter.texts.append("县水务局")
    qtbot.mouseClick(view.rename_button, Qt.MouseButton.LeftButton)
    unit = services.units.find_unit("水务局")
    assert unit.name == "县水务局" and "水务局" in unit.aliases
    assert find_index(view.table, "县水务局", column=0).siblingAtColumn(1).data() == "水务局"
    task = services.plans.tree(small_plan.id)[0].children[0]
    assert [u.name for u in task.support] == ["县水务局"]
    window.session.undo_stack.undo()
    assert services.units.find_unit("水务局").name == "水务局"
    assert services.units.find_unit("县水务局") is None


def test_merge_two_units_moves_their_tasks_and_undo_splits_them(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    view = _units_tab(window, qtbot)
    click_cell(qtbot, view.table, find_index(view.table, "住建局", column=0))
    prompter.items.append("水务局")
    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    second = services.plans.tree(small_plan.id)[0].children[1]
    assert [u.name for u in second.lead] == ["水务局"]
    assert view.current_unit().name == "水务局" and "住建局" in view.current_unit().aliases
    window.session.undo_stack.undo()
    second = services.plans.tree(small_plan.id)[0].children[1]
    assert [u.name for u in second.lead] == ["住建局"]


def test_indicators_edited_in_place_and_a_missed_binding_target_is_marked(
    make_window, services, small_plan, prompter, qtbot
):
    indicator = services.indicators.add_indicator(
        small_plan.id, "用水总量", category="总体目标", measure_unit="亿立方米",
        attribute=IndicatorAttribute.BINDING, targets={2024: "6.17"}, responsible=["水务局"],
    )  # fmt: skip
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    view = window.indicators_view
    model = view.model
    assert model.headerData(model.column_of(("target", 2024)), Qt.Orientation.Horizontal) == "2024年目标"
    actual = model.index(0, model.column_of("actual"))
    type_into_cell(qtbot, view.table, actual, "6.30")
    assert services.indicators.list_indicators(small_plan.id)[0].actuals[0].text == "6.30"
    actual = model.index(0, model.column_of("actual"))
    assert actual.data(MISSED_ROLE) is True
    assert actual.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "未达到目标" in view.note.text()
    type_into_cell(qtbot, view.table, model.index(0, model.column_of(("target", 2024))), "6.5")
    assert model.index(0, model.column_of("actual")).data(MISSED_ROLE) is False
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    item = services.indicators.list_indicators(small_plan.id)[0]
    assert item.actuals == () and item.targets[0].text == "6.17"
    assert item.id == indicator.id


def test_overview_counts_and_jumps_to_a_late_measure(make_window, services, small_plan, qtbot):
    tree = services.plans.tree(small_plan.id)
    first, late = tree[0].children[0].children[0], tree[0].children[1].children[0]
    services.progress.record(first.id, Q3, status=Status.DONE)
    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    view = window.overview_view
    assert "共 3 条措施，已填写 1 条" in view.heading.text()
    assert "已完成 1" in view.status_label.text() and "未填报 2" in view.status_label.text()
    assert "红灯 1" in view.light_label.text()
    assert len(view.chart.pictures) == 2 and view.chart.pictures[0].width() > 0  # by chapter, by unit
    assert view.units_model.index(0, 0).data() == "住建局"  # the unit with a red light first
    assert view.late_model.rowCount() >= 1 and view.late_model.index(0, 0).data() == "红灯"
    assert view.chart.grab().width() > 0
    view.late_table.doubleClicked.emit(view.late_model.index(0, 2))
    assert window.tabs.currentWidget() is window.quarter_view
    index = window.quarter_view.table.currentIndex()
    assert index.data() == late.text
    assert index.siblingAtColumn(STATUS).data() == "未填报"


def test_overview_follows_the_period(make_window, services, small_plan, qtbot):
    measure = services.plans.tree(small_plan.id)[0].children[0].children[0]
    services.progress.record(measure.id, Period(2024, 2), status=Status.BEHIND)
    window = make_window()
    window.show_tab(4)
    window.period_picker.quarter.setCurrentIndex(1)
    assert "2024年第2季度" in window.overview_view.heading.text()
    assert "滞后 1" in window.overview_view.status_label.text()


def test_a_units_tasks_follow_the_lead_assignment(services, small_plan):
    unit = services.units.find_unit("住建局")
    assert [t.role for t in services.units.unit_tasks(unit.id)] == [Role.LEAD]


def test_the_indicator_columns_fill_the_window_at_office_screen_sizes(make_window, services, small_plan, qtbot):
    services.plans.update_plan(small_plan.id, year_from=2023, year_to=2025)  # three target columns
    window = make_window()
    window.show_tab(2)
    table = window.indicators_view.table
    header = table.horizontalHeader()
    names = []
    for size in ((1366, 768), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda: table.viewport().width() > 0)
        qtbot.wait(20)
        widths = [header.sectionSize(c) for c in range(header.count())]
        assert sum(widths) <= table.viewport().width(), size  # 责任单位 and every year are on screen
        names.append(header.sectionSize(window.indicators_view.model.column_of("name")))
    assert names[1] > names[0] >= 140
