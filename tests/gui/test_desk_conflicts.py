"""Two desks in the window: an edit that meets another desk's save is refused, the row reread, and what the
clerk typed can be applied again; undo never undoes the other desk's save."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sisiding_desktop.gui.models.plan_tree_model import NODE_ID_ROLE as TREE_NODE_ID
from sisiding_desktop.gui.models.quarter_model import NODE_ID_ROLE, PERCENT, PROGRESS
from sisiding_desktop.services import Services
from tests.gui.conftest import Q3
from tests.gui.helpers import find_index, press, type_into_cell

CTRL = Qt.KeyboardModifier.ControlModifier


def _grid(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    return window.quarter_view


def test_a_grid_edit_over_another_desks_save_is_refused_then_applied_again(
    make_window, services, small_plan, prompter, qtbot
):
    other = Services(services.db, user="水资源股")
    window = make_window()
    grid = _grid(window, qtbot)
    row = find_index(grid.table, "开展党政机关节水达标建设")
    node_id = row.data(NODE_ID_ROLE)
    other.progress.record(node_id, Q3, percent=50, progress_text="水资源股填的进展")  # the window still shows none
    prompter.answers = [True]  # apply my change again on top of theirs
    type_into_cell(qtbot, grid.table, row.siblingAtColumn(PERCENT), "70")
    question = prompter.asked[-1]
    assert "“水资源股”于" in question and "没有保存" in question and "再次应用" in question
    qtbot.waitUntil(lambda: services.progress.for_period(small_plan.id, Q3)[node_id].percent == 70)
    entry = services.progress.for_period(small_plan.id, Q3)[node_id]
    assert entry.progress_text == "水资源股填的进展"  # their text stays; only my percent went on top
    assert find_index(grid.table, "开展党政机关").siblingAtColumn(PROGRESS).data() == "水资源股填的进展"

    other.progress.record(node_id, Q3, percent=80, expected=entry.version)
    press(qtbot, grid.table, Qt.Key.Key_Z, CTRL)  # my 70 was saved over by them: undo must not touch it
    assert any("撤销没有进行" in text for _, _, text in prompter.messages)
    assert services.progress.for_period(small_plan.id, Q3)[node_id].percent == 80


def test_declining_keeps_the_other_desks_text_and_shows_it(make_window, services, small_plan, prompter, qtbot):
    other = Services(services.db, user="办公室")
    window = make_window()
    tree = window.task_view.tree
    index = find_index(tree, "开展党政机关节水达标建设")
    node_id = index.data(TREE_NODE_ID)
    other.nodes.update_node(node_id, text="开展党政机关节水型单位建设。")
    prompter.answers = [False]
    type_into_cell(qtbot, tree, index, "我的改法")
    assert "“办公室”" in prompter.asked[-1]
    assert services.nodes.get_node(node_id).text == "开展党政机关节水型单位建设。"
    qtbot.waitUntil(lambda: window.task_view.model.node_by_id(node_id).text == "开展党政机关节水型单位建设。")
    assert not window.session.undo_stack.canUndo()  # the refused edit is no undo step


def test_unit_indicator_and_plan_edits_are_saved_against_their_versions(
    make_window, services, small_plan, prompter, qtbot
):
    from sisiding_desktop.gui.commands.indicator_commands import SetTarget
    from sisiding_desktop.gui.commands.plan_commands import EditPlanFields
    from sisiding_desktop.gui.commands.unit_commands import RenameUnit

    other = Services(services.db, user="水资源股")
    session = make_window().session
    unit = services.units.find_unit("住建局")
    other.units.add_alias(unit.id, "县住建局")
    prompter.answers = [False]
    assert not session.push(RenameUnit(session, unit, "县住房和城乡建设局"))
    assert "这个单位已被“水资源股”" in prompter.asked[-1]
    assert services.units.get_unit(unit.id).name == "住建局"

    indicator = services.indicators.add_indicator(small_plan.id, "万元GDP用水量", targets={2024: "30"})
    other.indicators.set_target(indicator.id, 2024, "29", expected=indicator.version)
    prompter.answers = [False]
    assert not session.push(SetTarget(session, indicator, 2024, "28"))
    assert services.indicators.get_indicator(indicator.id).targets[0].text == "29"

    plan = services.plans.get_plan(small_plan.id)
    other.plans.update_plan(plan.id, region="平罗县")
    prompter.answers = [True]  # apply my number on top of their region
    assert not session.push(EditPlanFields(session, plan, doc_number="平政发〔2024〕3号"))
    qtbot.waitUntil(lambda: services.plans.get_plan(plan.id).doc_number == "平政发〔2024〕3号")
    assert services.plans.get_plan(plan.id).region == "平罗县"
    session.undo_stack.undo()  # my own step undone: their region stays
    assert services.plans.get_plan(plan.id).doc_number == "" and services.plans.get_plan(plan.id).region == "平罗县"
