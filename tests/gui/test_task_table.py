"""Editing the 任务分工表 in place: every edit by keyboard or mouse, every edit undone and redone."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.gui.models.plan_tree_model import DEADLINE, LEAD, LOCAL, NODE_ID_ROLE, SUPPORT, TEXT
from sisiding_desktop.services.tree import walk
from tests.exchange.city_table import write_city_table
from tests.gui.helpers import click_cell, current_editor, find_index, open_editor, press, type_into_cell, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def _texts(services, plan_id):
    return [(n.number, n.text) for n in walk(services.plans.tree(plan_id))]


def test_edit_a_measure_in_place_then_undo_and_redo_with_the_keyboard(make_window, services, small_plan, qtbot):
    window = make_window()
    tree = window.task_view.tree
    assert not window.isWindowModified() and not window.session.undo_stack.canUndo()  # opening is no undo step
    index = find_index(tree, "开展党政机关节水达标建设")
    type_into_cell(qtbot, tree, index, "开展党政机关节水型单位建设。")
    node_id = index.data(NODE_ID_ROLE)
    assert services.nodes.get_node(node_id).text == "开展党政机关节水型单位建设。"
    assert window.isWindowModified()
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)
    assert services.nodes.get_node(node_id).text == "开展党政机关节水达标建设。"
    assert find_index(tree, "开展党政机关节水达标建设").isValid()
    assert not window.isWindowModified()
    press(qtbot, tree, Qt.Key.Key_Y, CTRL)
    assert services.nodes.get_node(node_id).text == "开展党政机关节水型单位建设。"
    assert window.actions_by_name["undo"].text().startswith("撤销")


def test_escape_keeps_the_old_text_and_no_undo_step(make_window, services, small_plan, qtbot):
    window = make_window()
    tree = window.task_view.tree
    editor = open_editor(qtbot, tree, find_index(tree, "开展党政机关"))
    type_text(qtbot, editor, "随便打的字")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not window.session.undo_stack.canUndo()
    assert find_index(tree, "开展党政机关节水达标建设。").data() == "开展党政机关节水达标建设。"


def test_add_a_sibling_measure_type_it_and_undo_removes_it(make_window, services, small_plan, qtbot):
    window = make_window()
    tree = window.task_view.tree
    click_cell(qtbot, tree, find_index(tree, "开展党政机关"))
    press(qtbot, tree, Qt.Key.Key_Insert)
    editor = current_editor(tree)
    type_text(qtbot, editor, "推进节水型高校建设。")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    texts = _texts(services, small_plan.id)
    assert ("2.", "推进节水型高校建设。") in texts
    assert ("3.", "2024年节水型医院建成率达到100%。") in texts  # renumbered after the insert
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)  # the text
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)  # the new row
    assert ("2.", "推进节水型高校建设。") not in _texts(services, small_plan.id)
    assert ("2.", "2024年节水型医院建成率达到100%。") in _texts(services, small_plan.id)
    press(qtbot, tree, Qt.Key.Key_Y, CTRL)
    press(qtbot, tree, Qt.Key.Key_Y, CTRL)
    assert ("2.", "推进节水型高校建设。") in _texts(services, small_plan.id)


def test_add_a_child_under_a_task_makes_a_measure(make_window, services, small_plan, qtbot):
    window = make_window()
    tree = window.task_view.tree
    click_cell(qtbot, tree, find_index(tree, "实施公共建筑用水设施节水改造"))
    press(qtbot, tree, Qt.Key.Key_Insert, CTRL)
    editor = current_editor(tree)
    type_text(qtbot, editor, "淘汰不符合水效标准的用水器具。")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    task = services.plans.tree(small_plan.id)[0].children[1]
    assert [c.text for c in task.children][-1] == "淘汰不符合水效标准的用水器具。"
    assert task.children[-1].kind is NodeKind.MEASURE


def test_delete_asks_then_undo_brings_the_task_back_with_its_units(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    tree = window.task_view.tree
    before = _texts(services, small_plan.id)
    click_cell(qtbot, tree, find_index(tree, "发挥用水户节水主体作用"))
    press(qtbot, tree, Qt.Key.Key_Delete)
    assert "及其下的 2 个条目" in prompter.asked[-1]
    assert ("1", "发挥用水户节水主体作用") not in _texts(services, small_plan.id)
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)
    assert _texts(services, small_plan.id) == before
    task = services.plans.tree(small_plan.id)[0].children[0]
    assert [u.name for u in task.lead] == ["机关事务服务中心"]


def test_declining_the_delete_question_changes_nothing(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    tree = window.task_view.tree
    prompter.answers.append(False)
    click_cell(qtbot, tree, find_index(tree, "开展党政机关"))
    press(qtbot, tree, Qt.Key.Key_Delete)
    assert not window.session.undo_stack.canUndo()


def test_move_down_up_indent_outdent_by_keyboard_and_undo_each(make_window, services, small_plan, qtbot):
    window = make_window()
    tree = window.task_view.tree
    before = _texts(services, small_plan.id)
    click_cell(qtbot, tree, find_index(tree, "开展党政机关"))
    press(qtbot, tree, Qt.Key.Key_Down, ALT_SHIFT)
    assert _texts(services, small_plan.id)[2:4] == [
        ("1.", "2024年节水型医院建成率达到100%。"),
        ("2.", "开展党政机关节水达标建设。"),
    ]
    assert window.task_view.current_node().text == "开展党政机关节水达标建设。"  # the moved row stays selected
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)
    assert _texts(services, small_plan.id) == before
    click_cell(qtbot, tree, find_index(tree, "实施公共建筑用水设施节水改造"))
    press(qtbot, tree, Qt.Key.Key_Right, ALT_SHIFT)  # the task becomes … refused: it has measures
    assert any("不能" in text for _, _, text in window.session.prompter.messages)
    click_cell(qtbot, tree, find_index(tree, "2024年节水型医院"))
    press(qtbot, tree, Qt.Key.Key_Left, ALT_SHIFT)  # the measure becomes a task of its own
    node = services.nodes.get_node(find_index(tree, "2024年节水型医院").data(NODE_ID_ROLE))
    assert node.kind is NodeKind.TASK and node.number == "2"
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)
    assert _texts(services, small_plan.id) == before
    assert services.nodes.get_node(node.id).kind is NodeKind.MEASURE


def test_units_typed_with_completion_and_a_new_unit_confirmed(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    tree = window.task_view.tree
    index = find_index(tree, "实施公共建筑用水设施节水改造")
    support = index.siblingAtColumn(SUPPORT)
    editor = open_editor(qtbot, tree, support)
    assert isinstance(editor, QLineEdit)
    type_text(qtbot, editor, "水务")
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.text() == "水务局"
    type_text(qtbot, editor, "、县自然资源局")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(prompter.asked))
    assert "县自然资源局" in prompter.asked[-1]
    node = services.nodes.get_node(index.data(NODE_ID_ROLE))
    assert [u.name for u in node.support] == ["水务局", "县自然资源局"]
    assert services.units.find_unit("县自然资源局") is not None
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)
    assert services.nodes.get_node(node.id).support == ()


def test_a_measure_showing_its_tasks_units_gets_its_own(make_window, services, small_plan, qtbot):
    window = make_window()
    tree = window.task_view.tree
    lead = find_index(tree, "开展党政机关").siblingAtColumn(LEAD)
    assert lead.data() == "机关事务服务中心"  # inherited, shown grey
    assert lead.data(Qt.ItemDataRole.ForegroundRole) is not None
    type_into_cell(qtbot, tree, lead, "住建局")
    node = services.nodes.get_node(lead.data(NODE_ID_ROLE))
    assert [u.name for u in node.lead] == ["住建局"] and not node.inherited_units


def test_edit_the_deadline(make_window, services, small_plan, qtbot):
    window = make_window()
    tree = window.task_view.tree
    deadline = find_index(tree, "实施公共建筑").siblingAtColumn(DEADLINE)
    type_into_cell(qtbot, tree, deadline, "2024年10月")
    node = services.nodes.get_node(deadline.data(NODE_ID_ROLE))
    assert node.deadline.text == "2024年10月" and node.deadline.end.month == 10


def test_search_filters_by_text_and_unit_and_keeps_the_context(make_window, services, small_plan, qtbot):
    window = make_window()
    view = window.task_view
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is view.search
    type_text(qtbot, view.search, "住建局")
    proxy = view.proxy
    chapter = proxy.index(0, 0)
    assert proxy.rowCount(chapter) == 1  # only the task 住建局 leads
    assert proxy.index(0, TEXT, chapter).data() == "实施公共建筑用水设施节水改造"
    view.search.clear()
    type_text(qtbot, view.search, "医院")
    assert proxy.rowCount(proxy.index(0, 0, chapter)) == 1


def test_dropping_a_measure_under_another_task_moves_it_and_undo_puts_it_back(make_window, services, small_plan, qtbot):
    window = make_window()
    model = window.task_view.model
    before = _texts(services, small_plan.id)
    first_task = model.index(0, 0, model.index(0, 0))
    second_task = model.index(1, 0, model.index(0, 0))
    measure = model.index(0, 0, first_task)
    data = model.mimeData([measure])
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())  # not at the top level
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, second_task)
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, second_task)
    qtbot.waitUntil(lambda: window.session.undo_stack.count() == 1)
    task = services.plans.tree(small_plan.id)[0].children[1]
    assert [c.text for c in task.children] == ["严格落实节水“三同时”制度。", "开展党政机关节水达标建设。"]
    window.session.undo_stack.undo()
    assert _texts(services, small_plan.id) == before


def test_delete_and_insert_while_typing_stay_in_the_text(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    tree = window.task_view.tree
    editor = open_editor(qtbot, tree, find_index(tree, "开展党政机关"))
    qtbot.keyClick(editor, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Insert)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert not prompter.asked  # no delete question
    assert ("1.", "展党政机关节水达标建设。") in _texts(services, small_plan.id)
    assert services.plans.count_nodes(small_plan.id)["measure"] == 3


def test_every_row_with_children_opens_and_a_closed_one_stays_closed(make_window, services, pingluo, qtbot):
    window = make_window()
    view = window.task_view
    tree, model = view.tree, view.model
    assert tree.model() is model  # with no search typed the view shows the tree model itself

    def index(node):
        return model.index_of(node.id)

    parents = [n for n in walk(model.roots()) if n.children]
    assert parents and all(tree.isExpanded(index(n)) for n in parents)
    assert max(n.depth for n in parents) == model.deepest_parent()
    task = next(n for n in parents if n.kind is NodeKind.TASK)
    tree.collapse(index(task))
    view.reload()  # as after any change to the plan
    assert not tree.isExpanded(index(task))
    assert all(tree.isExpanded(index(n)) for n in parents if n.id != task.id)
    tree.expand(index(task))
    view.reload()
    assert all(tree.isExpanded(index(n)) for n in walk(model.roots()) if n.children)


def test_a_search_filters_the_view_and_clearing_it_keeps_the_chosen_row(make_window, small_plan, qtbot):
    window = make_window()
    view = window.task_view
    view.select_node(view.model.roots()[0].children[1].children[0].id)
    chosen = view.current_node().id
    type_text(qtbot, view.search, "三同时")
    assert view.tree.model() is view.proxy
    assert view.current_node().id == chosen  # the chosen row matches the search and stays chosen
    view.search.clear()
    assert view.tree.model() is view.model
    assert view.current_node().id == chosen
    assert view.selected_nodes()[0].id == chosen


def test_the_third_role_column_shows_only_for_a_table_that_has_it(make_window, services, small_plan, tmp_path, qtbot):
    window = make_window()
    tree = window.task_view.tree
    assert tree.isColumnHidden(LOCAL)  # the county's own table has no 责任单位
    city, _ = services.importing.import_plan(write_city_table(tmp_path))
    window.session.select_plan(city.id)
    qtbot.waitUntil(lambda: find_index(tree, "创建国家节水型城市") is not None)
    assert not tree.isColumnHidden(LOCAL)
    assert tree.model().headerData(LOCAL, Qt.Orientation.Horizontal) == "责任单位"
    local = find_index(tree, "创建国家节水型城市").siblingAtColumn(LOCAL)
    assert local.data() == "各县（市、区）人民政府"
    type_into_cell(qtbot, tree, local, "各县（市、区）人民政府、市水利局")
    node_id = local.data(NODE_ID_ROLE)
    assert [u.name for u in services.nodes.get_node(node_id).local] == ["各县（市、区）人民政府", "市水利局"]
    press(qtbot, tree, Qt.Key.Key_Z, CTRL)
    assert [u.name for u in services.nodes.get_node(node_id).local] == ["各县（市、区）人民政府"]
