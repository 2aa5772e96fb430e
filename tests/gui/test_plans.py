"""The plan list: create, rename, duplicate as next year's plan, delete with a question — each undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sisiding_desktop.domain.model import Status
from sisiding_desktop.gui.plan_actions import next_year_title
from tests.gui.conftest import Q3

CTRL = Qt.KeyboardModifier.ControlModifier


def _titles(services):
    return [p.title for p in services.plans.list_plans()]


def test_next_year_title_moves_every_year_on():
    assert next_year_title("平罗县2024年“四水四定”重点任务表") == "平罗县2025年“四水四定”重点任务表"
    assert next_year_title("节水行动方案（2023—2025年）") == "节水行动方案（2024—2026年）"
    assert next_year_title("任务分工表") == "任务分工表（复制）"


def test_new_plan_from_the_menu_shows_it_and_undo_removes_it(make_window, services, prompter, qtbot):
    window = make_window()
    prompter.texts.append("惠农区“四水四定”任务分工表")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert _titles(services) == ["惠农区“四水四定”任务分工表"]
    assert window.plan_list.currentIndex().data() == "惠农区“四水四定”任务分工表"
    assert window.windowTitle().startswith("惠农区")
    window.session.undo_stack.undo()
    assert _titles(services) == []
    assert window.status_label.text() == "数据库中还没有计划。"
    window.session.undo_stack.redo()
    assert _titles(services) == ["惠农区“四水四定”任务分工表"]


def test_rename_and_undo(make_window, services, small_plan, prompter):
    window = make_window()
    prompter.texts.append("平罗县2024年重点任务表")
    window.actions_by_name["rename_plan"].trigger()
    assert _titles(services) == ["平罗县2024年重点任务表"]
    assert window.plan_list.currentIndex().data() == "平罗县2024年重点任务表"
    window.session.undo_stack.undo()
    assert _titles(services) == [small_plan.title]


def test_duplicate_for_next_year_copies_the_table_not_the_progress(make_window, services, small_plan, prompter, qtbot):
    measure = services.plans.tree(small_plan.id)[0].children[0].children[0]
    services.progress.record(measure.id, Q3, status=Status.DONE)
    window = make_window()
    prompter.texts.append("平罗县2025年“四水四定”年度重点任务表")
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL)
    plans = services.plans.list_plans()
    assert [p.title for p in plans] == [small_plan.title, "平罗县2025年“四水四定”年度重点任务表"]
    copy = plans[1]
    assert (copy.year_from, copy.year_to) == (2025, 2025)
    assert services.plans.count_nodes(copy.id) == services.plans.count_nodes(small_plan.id)
    assert services.progress.for_period(copy.id, Q3) == {}
    assert window.session.plan_id == copy.id
    assert window.session.undo_stack.count() == 1  # copy and new years: one step
    window.session.undo_stack.undo()
    assert _titles(services) == [small_plan.title]


def test_delete_asks_first_and_undo_restores_everything(make_window, services, small_plan, prompter):
    measure = services.plans.tree(small_plan.id)[0].children[0].children[0]
    services.progress.record(measure.id, Q3, status=Status.IN_PROGRESS, progress_text="推进中")
    window = make_window()
    prompter.answers.append(False)
    window.actions_by_name["delete_plan"].trigger()
    assert _titles(services) == [small_plan.title]
    window.actions_by_name["delete_plan"].trigger()
    assert "可以用“撤销”" in prompter.asked[-1]
    assert _titles(services) == []
    window.session.undo_stack.undo()
    assert _titles(services) == [small_plan.title]
    assert services.progress.for_period(small_plan.id, Q3)[measure.id].progress_text == "推进中"
    assert window.session.plan_id == small_plan.id


def test_plan_properties_dialog_sets_the_years(make_window, services, small_plan, prompter, qtbot):
    window = make_window()

    def fill(dialog) -> bool:
        dialog.year_from.setValue(2023)
        dialog.year_to.setValue(2025)
        dialog.region.setText("平罗县")
        return True

    prompter.dialogs.append(fill)
    window.actions_by_name["plan_properties"].trigger()
    plan = services.plans.get_plan(small_plan.id)
    assert (plan.year_from, plan.year_to, plan.region) == (2023, 2025, "平罗县")
    window.session.undo_stack.undo()
    assert services.plans.get_plan(small_plan.id).year_from == 2024


def test_the_last_plan_is_chosen_again_on_the_next_start(make_window, services, small_plan, prompter, qtbot):
    other = services.plans.create_plan("惠农区任务分工表")
    window = make_window()
    window.plan_list.setCurrentIndex(window.plan_model.index(window.plan_model.row_of(other.id)))
    window.close()
    again = make_window()
    assert again.session.plan_id == other.id


def test_the_numbering_of_an_imported_table_can_be_chosen_and_undone(make_window, services, prompter, tmp_path, qtbot):
    from tests.exchange.city_table import write_city_table

    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    window = make_window()
    window.session.select_plan(plan.id)

    def groups() -> list[str]:
        return [n.number for n in services.plans.tree(plan.id)]

    def renumber(dialog) -> bool:
        assert dialog.keep_source.isChecked()
        dialog.keep_source.setChecked(False)
        dialog.styles["group1"].setCurrentText("一、")
        return True

    assert groups() == ["（一）", "（二）", "（三）"]
    prompter.dialogs.append(renumber)
    window.actions_by_name["plan_properties"].trigger()
    assert groups() == ["一、", "二、", "三、"]
    assert services.plans.get_plan(plan.id).number_styles == "group1=一、"
    model = window.task_view.model
    assert model.index(0, 0).data() == "一、"
    window.session.undo_stack.undo()
    assert groups() == ["（一）", "（二）", "（三）"] and services.plans.get_plan(plan.id).keep_source_numbers


def test_undoing_a_change_of_shape_shows_the_sources_own_numbers_again(make_window, services, tmp_path):
    from sisiding_desktop.domain.model import NodeKind
    from sisiding_desktop.gui.commands.node_commands import AddNode, DeleteNode, MoveNode
    from sisiding_desktop.services.tree import walk
    from tests.exchange.city_table import write_city_table

    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    window = make_window()
    window.session.select_plan(plan.id)
    session, stack = window.session, window.session.undo_stack

    def tasks() -> list[str]:
        return [n.number for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.TASK]

    as_imported = tasks()
    first_group = services.plans.tree(plan.id)[0]
    second_task = next(n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.TASK and n.number == "2")
    for command in (
        AddNode(session, plan.id, first_group.id, NodeKind.TASK, 0, "新增的重点任务"),
        DeleteNode(session, second_task),
        MoveNode(session, second_task, "up"),
    ):
        assert session.push(command)
        assert not services.plans.get_plan(plan.id).keep_source_numbers
        stack.undo()
        assert services.plans.get_plan(plan.id).keep_source_numbers and tasks() == as_imported
        stack.redo()
        assert not services.plans.get_plan(plan.id).keep_source_numbers
        stack.undo()
