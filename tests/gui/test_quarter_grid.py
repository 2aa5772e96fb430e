"""Recording a quarter: pick the period, fill status, percent and text in the grid, filter, copy last quarter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QSpinBox

from sisiding_desktop.domain.model import Light, Period, Status
from sisiding_desktop.gui.models.quarter_model import (
    LIGHT,
    NODE_ID_ROLE,
    PERCENT,
    PROBLEMS,
    PROGRESS,
    STATUS,
)
from tests.gui.conftest import Q3
from tests.gui.helpers import click_cell, find_index, open_editor, press, type_into_cell, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _grid(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.tabs.currentWidget() is window.quarter_view
    return window.quarter_view


def test_fill_a_measures_quarter_with_the_grids_editors_and_undo(make_window, services, small_plan, qtbot):
    window = make_window()
    grid = _grid(window, qtbot)
    table = grid.table
    assert grid.count_label.text() == "2024年第3季度：已填写 0 / 3 条"
    row = find_index(table, "开展党政机关节水达标建设")
    node_id = row.data(NODE_ID_ROLE)

    status = open_editor(qtbot, table, row.siblingAtColumn(STATUS))
    assert isinstance(status, QComboBox)
    qtbot.keyClick(status, Qt.Key.Key_Down)  # 未启动 → 推进中
    assert services.progress.for_period(small_plan.id, Q3)[node_id].status is Status.IN_PROGRESS
    assert grid.count_label.text() == "2024年第3季度：已填写 1 / 3 条"

    percent = open_editor(qtbot, table, row.siblingAtColumn(PERCENT))
    assert isinstance(percent, QSpinBox)
    qtbot.keyClick(percent, Qt.Key.Key_A, CTRL)
    type_text(qtbot, percent, "60")
    qtbot.keyClick(percent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.progress.for_period(small_plan.id, Q3)[node_id].percent == 60)

    text = open_editor(qtbot, table, row.siblingAtColumn(PROGRESS))
    assert isinstance(text, QPlainTextEdit)
    type_text(qtbot, text, "已完成县直机关摸底。")
    qtbot.keyClick(text, Qt.Key.Key_Return)  # a new line, not the end of editing
    type_text(qtbot, text, "12家单位达标。")
    qtbot.keyClick(text, Qt.Key.Key_Tab)
    entry = services.progress.for_period(small_plan.id, Q3)[node_id]
    assert entry.progress_text == "已完成县直机关摸底。\n12家单位达标。"
    assert find_index(table, "开展党政机关").siblingAtColumn(PROGRESS).data() == entry.progress_text

    for _ in range(3):
        press(qtbot, table, Qt.Key.Key_Z, CTRL)
    assert services.progress.for_period(small_plan.id, Q3) == {}  # the first entry is gone again, not left empty
    assert grid.count_label.text() == "2024年第3季度：已填写 0 / 3 条"
    press(qtbot, table, Qt.Key.Key_Y, CTRL)
    assert services.progress.for_period(small_plan.id, Q3)[node_id].status is Status.IN_PROGRESS


def test_done_turns_the_light_green_and_problems_are_typed_in_place(make_window, services, small_plan, qtbot):
    window = make_window()
    grid = _grid(window, qtbot)
    row = find_index(grid.table, "严格落实节水")
    assert row.siblingAtColumn(LIGHT).data() == "红灯"  # due 2024年6月, not done on 2024-09-15
    status = open_editor(qtbot, grid.table, row.siblingAtColumn(STATUS))
    status.setCurrentIndex(status.findData(Status.DONE.value))
    status.activated.emit(status.currentIndex())
    row = find_index(grid.table, "严格落实节水")
    assert row.siblingAtColumn(LIGHT).data() == "绿灯"
    assert row.siblingAtColumn(PERCENT).data() == "100%"
    type_into_cell(qtbot, grid.table, row.siblingAtColumn(PROBLEMS), "个别单位未按时验收。")
    entry = services.progress.for_period(small_plan.id, Q3)[row.data(NODE_ID_ROLE)]
    assert entry.problems == "个别单位未按时验收。"


def test_filter_by_unit_light_and_words(make_window, services, small_plan, qtbot):
    window = make_window()
    grid = _grid(window, qtbot)
    assert grid.proxy.rowCount() == 3
    grid.unit_filter.setCurrentText("住建局")
    assert grid.proxy.rowCount() == 1
    assert "显示 1 条" in grid.count_label.text()
    grid.unit_filter.setCurrentIndex(0)
    grid.light_filter.setCurrentIndex(grid.light_filter.findData(Light.RED))
    assert grid.proxy.rowCount() == 1
    grid.light_filter.setCurrentIndex(0)
    type_text(qtbot, grid.search, "医院")
    assert grid.proxy.rowCount() == 1
    grid.search.clear()
    type_text(qtbot, grid.search, "未填报")  # the status column is searched too
    assert grid.proxy.rowCount() == 3


def test_copy_from_last_quarter_then_undo(make_window, services, small_plan, prompter, qtbot):
    measures = [m for t in services.plans.tree(small_plan.id)[0].children for m in t.children]
    services.progress.record(
        measures[0].id, Period(2024, 2), status=Status.IN_PROGRESS, percent=30, progress_text="起草中"
    )
    services.progress.record(measures[1].id, Q3, status=Status.DONE)
    window = make_window()
    grid = _grid(window, qtbot)
    qtbot.mouseClick(grid.copy_button, Qt.MouseButton.LeftButton)
    assert "已复制 1 条" in prompter.messages[-1][2]
    assert services.progress.for_period(small_plan.id, Q3)[measures[0].id].progress_text == "起草中"
    assert grid.count_label.text() == "2024年第3季度：已填写 2 / 3 条"
    press(qtbot, grid.table, Qt.Key.Key_Z, CTRL)
    assert set(services.progress.for_period(small_plan.id, Q3)) == {measures[1].id}


def test_changing_the_period_shows_that_quarter(make_window, services, small_plan, qtbot):
    measure = services.plans.tree(small_plan.id)[0].children[0].children[0]
    services.progress.record(measure.id, Period(2024, 2), status=Status.BEHIND)
    window = make_window()
    grid = _grid(window, qtbot)
    window.period_picker.quarter.setCurrentIndex(1)
    assert window.session.period == Period(2024, 2)
    assert find_index(grid.table, "开展党政机关").siblingAtColumn(STATUS).data() == "滞后"
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert window.period_picker.period() == Q3


def test_several_rows_set_to_one_status_is_one_undo_step(make_window, services, small_plan, qtbot):
    window = make_window()
    grid = _grid(window, qtbot)
    click_cell(qtbot, grid.table, find_index(grid.table, "开展党政机关"))
    last = find_index(grid.table, "严格落实节水")
    grid.table.scrollTo(last)
    qtbot.mouseClick(
        grid.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        grid.table.visualRect(last).center(),
    )
    grid.set_status_of_selected(Status.DONE)
    assert {e.status for e in services.progress.for_period(small_plan.id, Q3).values()} == {Status.DONE}
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert services.progress.for_period(small_plan.id, Q3) == {}


def test_an_edit_and_its_undo_refresh_only_their_row(make_window, services, small_plan, qtbot):
    window = make_window()
    grid = _grid(window, qtbot)
    resets = []
    grid.model.modelReset.connect(lambda: resets.append("reset"))
    row = find_index(grid.table, "严格落实节水")
    status = open_editor(qtbot, grid.table, row.siblingAtColumn(STATUS))
    status.setCurrentIndex(status.findData(Status.DONE.value))
    status.activated.emit(status.currentIndex())
    assert find_index(grid.table, "严格落实节水").siblingAtColumn(LIGHT).data() == "绿灯"
    qtbot.keyClick(grid.table, Qt.Key.Key_Z, CTRL)
    row = find_index(grid.table, "严格落实节水")
    assert row.siblingAtColumn(LIGHT).data() == "红灯" and row.siblingAtColumn(STATUS).data() == "未填报"
    assert resets == []  # no whole-grid reload for one row
    assert services.progress.for_period(small_plan.id, Q3) == {}


def test_filters_combine_and_follow_an_edited_rows_light(make_window, services, pingluo, qtbot):
    """Unit, light and words narrow together; the proxy reads units and lights from the grid's rows."""
    from sisiding_desktop.gui.models.quarter_model import UNITS_ROLE

    window = make_window()
    grid = _grid(window, qtbot)
    model, proxy = grid.model, grid.proxy
    rows = model.rowCount()
    assert rows > 50 and proxy.rowCount() == rows
    unit = grid.unit_filter.itemText(1)
    expected = [r for r in range(rows) if unit in model.index(r, 0).data(UNITS_ROLE)]
    grid.unit_filter.setCurrentText(unit)
    assert [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())] == expected
    red = [r for r in expected if model.row_light(r) is Light.RED]
    grid.light_filter.setCurrentIndex(grid.light_filter.findData(Light.RED))
    assert proxy.rowCount() == len(red)
    grid.light_filter.setCurrentIndex(grid.light_filter.findData(Light.GREEN))
    assert proxy.rowCount() == sum(1 for r in expected if model.row_light(r) is Light.GREEN)
    shown = proxy.rowCount()
    # marking one of the unit's rows done turns it green: the filter keeps up with the edited row
    row = next(r for r in expected if model.row_light(r) is not Light.GREEN)
    node_id = model.index(row, 0).data(NODE_ID_ROLE)
    assert model.row_of(node_id) == row
    assert model.setData(model.index(row, STATUS), Status.DONE.value)
    qtbot.waitUntil(lambda: model.row_light(row) is Light.GREEN)
    assert proxy.rowCount() == shown + 1
    window.session.undo_stack.undo()  # the undone row is shown, even where the filters hid it
    qtbot.waitUntil(lambda: model.row_light(row) is not Light.GREEN)
    assert proxy.mapToSource(grid.table.currentIndex()).row() == row


def test_the_columns_fill_the_window_at_office_screen_sizes(make_window, small_plan, qtbot):
    window = make_window()
    grid = _grid(window, qtbot)
    header = grid.table.horizontalHeader()
    widths = {}
    for size in ((1366, 768), (1920, 1080)):
        window.resize(*size)
        qtbot.waitUntil(lambda: grid.table.viewport().width() > 0)
        qtbot.wait(20)
        columns = [header.sectionSize(c) for c in range(header.count())]
        assert sum(columns) <= grid.table.viewport().width(), size  # every column is on screen, none cut off
        assert sum(columns) >= grid.table.viewport().width() - header.count()  # and the width is used
        widths[size] = header.sectionSize(PROGRESS)
    assert widths[(1920, 1080)] > widths[(1366, 768)] >= 180
