"""Adding and deleting indicators and units in the window, as a person does it, with undo and redo."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from sisiding_desktop.domain.model import IndicatorAttribute, Period
from sisiding_desktop.gui.dialogs.indicator_dialog import NewIndicatorDialog
from sisiding_desktop.gui.dialogs.unit_dialog import NewUnitDialog
from tests.gui.conftest import Q3
from tests.gui.helpers import click_cell, find_index, press, type_into_cell, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def _indicators_tab(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert window.tabs.currentWidget() is window.indicators_view
    return window.indicators_view


def _units_tab(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.tabs.currentWidget() is window.units_view
    return window.units_view


def _undo(qtbot, widget) -> None:
    press(qtbot, widget, Qt.Key.Key_Z, CTRL)


def _redo(qtbot, widget) -> None:
    press(qtbot, widget, Qt.Key.Key_Y, CTRL)


def _submenu(window, title: str) -> QMenu:
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "编辑(&E)")
    return next(a.menu() for a in edit.actions() if a.menu() is not None and a.text() == title)


def _two_indicators(services, plan_id):
    total = services.indicators.add_indicator(
        plan_id, "用水总量", category="总体目标", measure_unit="亿立方米", attribute=IndicatorAttribute.BINDING,
        base_value="6.0", targets={2024: "6.17"}, responsible=["水务局", "住建局"],
    )  # fmt: skip
    services.indicators.set_actual(total.id, Q3, "6.05", "水务局统计")
    services.indicators.set_actual(total.id, Period(2024, 2), "3.1")
    services.indicators.add_indicator(plan_id, "再生水利用率", measure_unit="%", targets={2024: "≥30%"})
    return services.indicators.get_indicator(total.id)


# --- indicators ---------------------------------------------------------------


def _fill_new_indicator(qtbot, name: str, target: str = "6.17"):
    def fill(dialog: NewIndicatorDialog) -> bool:
        assert not dialog.ok_button.isEnabled()  # no name yet
        type_text(qtbot, dialog.category.lineEdit(), "总体目标")
        type_text(qtbot, dialog.name, name)
        type_text(qtbot, dialog.measure_unit.lineEdit(), "亿立方米")
        dialog.attribute.setFocus()
        dialog.attribute.setCurrentIndex(dialog.attribute.findText("约束性"))
        type_text(qtbot, dialog.base_value, "6.0")
        type_text(qtbot, dialog.responsible, "水务局、统计局")
        type_text(qtbot, dialog.target_boxes[2024], target)
        qtbot.mouseClick(dialog.ok_button, LEFT)
        assert not dialog.isVisible()
        return True

    return fill


def test_add_an_indicator_then_edit_its_target_in_place_and_undo_redo_with_keys(
    make_window, services, small_plan, prompter, qtbot, qtmodeltester
):
    window = make_window()
    view = _indicators_tab(window, qtbot)
    assert view.model.rowCount() == 0 and "新增指标" in view.note.text()
    prompter.dialogs.append(_fill_new_indicator(qtbot, "用水总量"))
    qtbot.mouseClick(view.add_button, LEFT)

    [item] = services.indicators.list_indicators(small_plan.id)
    assert (item.category, item.name, item.measure_unit, item.base_value) == ("总体目标", "用水总量", "亿立方米", "6.0")
    assert item.attribute is IndicatorAttribute.BINDING
    assert [u.name for u in item.responsible] == ["水务局", "统计局"]  # 统计局 is new to the unit list
    assert [(t.year, t.text) for t in item.targets] == [(2024, "6.17")]
    model = view.model
    target_column = model.column_of(("target", 2024))
    assert model.index(0, model.column_of("name")).data() == "用水总量"
    assert model.index(0, model.column_of("attribute")).data() == "约束性"
    assert view.table.currentIndex() == model.index(0, target_column)  # ready to edit the target

    type_into_cell(qtbot, view.table, model.index(0, target_column), "6.2")
    assert services.indicators.get_indicator(item.id).targets[0].text == "6.2"
    assert window.session.undo_stack.undoText() == "修改2024年目标：用水总量"

    _undo(qtbot, view.table)
    assert services.indicators.get_indicator(item.id).targets[0].text == "6.17"
    _undo(qtbot, view.table)
    assert services.indicators.list_indicators(small_plan.id) == []
    assert model.rowCount() == 0
    _redo(qtbot, view.table)
    (restored,) = services.indicators.list_indicators(small_plan.id)
    assert replace(restored, version=0) == replace(item, version=0)  # the same indicator, same id
    assert restored.version > item.version  # at the version its edits left (its target was changed and back)
    assert model.index(0, target_column).data() == "6.17"
    _redo(qtbot, view.table)
    assert model.index(0, target_column).data() == "6.2"
    qtmodeltester.check(model)


def test_cancelling_the_new_indicator_dialog_adds_nothing(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    view = _indicators_tab(window, qtbot)

    def cancel(dialog: NewIndicatorDialog) -> bool:
        type_text(qtbot, dialog.name, "用水总量")
        assert dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), LEFT)
        return False

    prompter.dialogs.append(cancel)
    qtbot.mouseClick(view.add_button, LEFT)
    assert services.indicators.list_indicators(small_plan.id) == []
    assert window.session.undo_stack.count() == 0


def test_delete_an_indicator_asks_first_and_undo_restores_its_targets_and_actuals(
    make_window, services, small_plan, prompter, qtbot, qtmodeltester
):
    total = _two_indicators(services, small_plan.id)
    window = make_window()
    view = _indicators_tab(window, qtbot)
    model = view.model
    click_cell(qtbot, view.table, find_index(view.table, "用水总量", column=model.column_of("name")))

    prompter.answers.append(False)
    qtbot.mouseClick(view.delete_button, LEFT)
    assert "删除指标“用水总量”及其 1 个年度目标和 2 个完成值？" in prompter.asked[-1]
    assert "Ctrl+Z" in prompter.asked[-1]
    assert len(services.indicators.list_indicators(small_plan.id)) == 2

    prompter.answers.append(True)
    press(qtbot, view.table, Qt.Key.Key_Delete)  # Del on the table does the same
    assert [i.name for i in services.indicators.list_indicators(small_plan.id)] == ["再生水利用率"]
    assert model.rowCount() == 1 and model.index(0, model.column_of("name")).data() == "再生水利用率"
    assert view.current_indicator().name == "再生水利用率"

    _undo(qtbot, view.table)
    restored = services.indicators.list_indicators(small_plan.id)
    assert restored[0] == total  # same id and place, targets, responsible units and both actuals
    assert model.index(0, model.column_of("actual")).data() == "6.05"
    assert model.index(0, model.column_of("responsible")).data() == "水务局、住建局"
    _redo(qtbot, view.table)
    assert [i.name for i in services.indicators.list_indicators(small_plan.id)] == ["再生水利用率"]
    qtmodeltester.check(model)


def test_indicator_actions_are_in_the_context_menu_and_the_edit_menu(
    make_window, services, small_plan, prompter, qtbot
):
    _two_indicators(services, small_plan.id)
    window = make_window()
    window.show_tab(0)
    view = window.indicators_view
    assert view.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert {view.add_action, view.delete_action} <= set(view.table.actions())
    menu = _submenu(window, "主要指标(&G)")
    assert [a.text() for a in menu.actions()] == ["新增指标(&A)…", "删除指标(&D)…"]
    assert menu.actions()[0].isEnabled()  # the tab was not shown yet, the plan is known

    prompter.dialogs.append(_fill_new_indicator(qtbot, "地下水开采量"))
    menu.actions()[0].trigger()  # from the task table: the 主要指标 tab comes forward
    assert window.tabs.currentWidget() is view
    assert [i.name for i in services.indicators.list_indicators(small_plan.id)][-1] == "地下水开采量"
    assert view.current_indicator().name == "地下水开采量"
    assert menu.actions()[1].isEnabled()

    prompter.answers.append(True)
    menu.actions()[1].trigger()
    assert [i.name for i in services.indicators.list_indicators(small_plan.id)] == ["用水总量", "再生水利用率"]


def test_without_a_plan_no_indicator_can_be_added(make_window, services, qtbot):
    window = make_window()
    view = _indicators_tab(window, qtbot)
    assert not view.add_button.isEnabled() and not view.add_action.isEnabled()
    assert not view.delete_button.isEnabled()
    assert "选择或新建一个计划" in view.note.text()


# --- units --------------------------------------------------------------------


def _fill_new_unit(qtbot, name: str, short_name: str = "", click_ok: bool = True):
    def fill(dialog: NewUnitDialog) -> bool:
        assert not dialog.ok_button.isEnabled()
        type_text(qtbot, dialog.name, name)
        type_text(qtbot, dialog.short_name, short_name)
        dialog.kind.setCurrentIndex(dialog.kind.findText("局"))
        if click_ok:
            qtbot.mouseClick(dialog.ok_button, LEFT)
            assert not dialog.isVisible()
        return True

    return fill


def test_create_a_unit_in_the_dialog_and_undo_redo_it(
    make_window, services, small_plan, prompter, qtbot, qtmodeltester
):
    window = make_window()
    view = _units_tab(window, qtbot)
    before = view.model.rowCount()
    prompter.dialogs.append(_fill_new_unit(qtbot, "农业农村局", "农业局"))
    qtbot.mouseClick(view.new_button, LEFT)

    unit = services.units.find_unit("农业农村局")
    assert (unit.short_name, unit.kind) == ("农业局", "局")
    assert view.model.rowCount() == before + 1
    assert view.current_unit() == unit
    assert window.session.undo_stack.undoText() == "新建单位：农业农村局"

    _undo(qtbot, view.table)
    assert services.units.find_unit("农业农村局") is None
    assert view.model.rowCount() == before
    _redo(qtbot, view.table)
    assert services.units.find_unit("农业农村局") == unit  # the same unit, same id
    assert find_index(view.table, "农业农村局", column=0).isValid()
    qtmodeltester.check(view.model)


def test_a_taken_name_or_alias_is_refused_in_the_dialog_with_a_clear_message(
    make_window, services, small_plan, prompter, qtbot
):
    water = services.units.find_unit("水务局")
    services.units.rename_unit(water.id, "县水务局")  # 水务局 stays an alias
    window = make_window()
    view = _units_tab(window, qtbot)
    count = view.model.rowCount()

    def refused_twice(dialog: NewUnitDialog) -> bool:
        type_text(qtbot, dialog.name, "水务局")
        qtbot.mouseClick(dialog.ok_button, LEFT)
        assert dialog.isVisible() and dialog.problem.isVisible()
        assert "“水务局”已经是单位“县水务局”的别名" in dialog.problem.text()
        qtbot.keyClick(dialog.name, Qt.Key.Key_A, CTRL)
        type_text(qtbot, dialog.name, "县水务局")
        assert not dialog.problem.isVisible()  # typing clears the message
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert "单位“县水务局”已经存在" in dialog.problem.text()
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), LEFT)
        return False

    prompter.dialogs.append(refused_twice)
    qtbot.mouseClick(view.new_button, LEFT)
    assert view.model.rowCount() == count and window.session.undo_stack.count() == 0

    # Even past the dialog, the service refuses: the person gets the same sentence.
    prompter.dialogs.append(_fill_new_unit(qtbot, "住建局", click_ok=False))
    qtbot.mouseClick(view.new_button, LEFT)
    assert prompter.messages[-1] == ("warning", "无法完成操作", "单位“住建局”已经存在，不能重复新建。")
    assert view.model.rowCount() == count and window.session.undo_stack.count() == 0


def test_deleting_a_used_unit_is_refused_saying_how_many_items_use_it_and_to_merge(
    make_window, services, small_plan, prompter, qtbot
):
    services.indicators.add_indicator(small_plan.id, "用水总量", responsible=["住建局"])
    window = make_window()
    view = _units_tab(window, qtbot)
    click_cell(qtbot, view.table, find_index(view.table, "住建局", column=0))
    qtbot.mouseClick(view.delete_button, LEFT)
    kind, _, message = prompter.messages[-1]
    assert kind == "warning"
    assert "单位“住建局”还在使用中，不能删除：所有计划中共有 1 项任务/措施（牵头 1 项）、1 项指标用到它。" in message
    assert "合并到" in message
    assert prompter.asked == []  # refused before any question
    assert services.units.find_unit("住建局") is not None
    assert window.session.undo_stack.count() == 0


def test_delete_an_unused_unit_with_del_and_undo_brings_it_back_with_its_aliases(
    make_window, services, small_plan, prompter, qtbot, qtmodeltester
):
    unit = services.units.create_unit("统计局")
    unit = services.units.add_alias(unit.id, "县统计局")
    window = make_window()
    view = _units_tab(window, qtbot)
    click_cell(qtbot, view.table, find_index(view.table, "统计局", column=0))
    prompter.answers.append(True)
    press(qtbot, view.table, Qt.Key.Key_Delete)
    assert "从单位列表中删除“统计局”（及其别名 县统计局）？" in prompter.asked[-1]
    assert services.units.find_unit("统计局") is None
    assert all(view.model.unit_at(r).name != "统计局" for r in range(view.model.rowCount()))
    assert view.current_unit() is not None  # the cursor moved to a neighbour

    _undo(qtbot, view.table)
    assert services.units.find_unit("县统计局") == unit
    assert find_index(view.table, "统计局", column=0).siblingAtColumn(1).data() == "县统计局"
    qtmodeltester.check(view.model)


def test_unit_actions_are_in_the_context_menu_and_the_edit_menu(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    window.show_tab(0)
    view = window.units_view
    assert view.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert set(view.unit_actions.values()) <= set(view.table.actions())
    menu = _submenu(window, "单位(&N)")
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "新建单位(&W)…",
        "重命名单位(&N)…",
        "合并到另一单位(&M)…",
        "添加别名(&A)…",
        "删除别名(&R)…",
        "删除单位(&D)…",
    ]
    prompter.dialogs.append(_fill_new_unit(qtbot, "自然资源局"))
    view.unit_actions["new_unit"].trigger()  # from the task table: the 单位 tab comes forward
    assert window.tabs.currentWidget() is view
    assert view.current_unit().name == "自然资源局"
    assert view.unit_actions["delete_unit"].isEnabled()
    assert not view.unit_actions["remove_alias"].isEnabled()  # it has no alias
    prompter.answers.append(True)
    view.unit_actions["delete_unit"].trigger()
    assert services.units.find_unit("自然资源局") is None
