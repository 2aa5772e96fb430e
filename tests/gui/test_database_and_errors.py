"""The database file from the menu (new, open, recent, backup, restore), settings, and how errors are shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from sisiding_desktop.domain.lights import LightSettings
from sisiding_desktop.gui.database_actions import recent_files
from sisiding_desktop.services import Services
from sisiding_desktop.store import Database
from tests.gui.conftest import Q3, add_small_plan
from tests.gui.helpers import find_index, type_into_cell

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.sqlite_only
def test_backup_then_restore_from_the_menu(make_window, services, small_plan, prompter, qtbot, tmp_path):
    window = make_window()
    copy = tmp_path / "备份.sqlite"
    prompter.files.append(copy)
    window.actions_by_name["backup"].trigger()
    qtbot.waitUntil(lambda: bool(prompter.messages), timeout=20_000)
    assert prompter.messages[-1][:2] == ("info", "备份完成") and copy.exists()
    type_into_cell(qtbot, window.task_view.tree, find_index(window.task_view.tree, "开展党政机关"), "改过的内容")

    def other_file(dialog) -> bool:
        qtbot.mouseClick(dialog.other_button, Qt.MouseButton.LeftButton)
        return dialog.wants_other_file

    prompter.dialogs.append(other_file)
    prompter.files.append(copy)
    window.actions_by_name["restore"].trigger()
    qtbot.waitUntil(lambda: prompter.messages[-1][1] == "恢复完成", timeout=20_000)
    assert "恢复后不能撤销" in prompter.asked[-1]
    assert not window.session.undo_stack.canUndo()
    assert find_index(window.task_view.tree, "开展党政机关节水达标建设。").isValid()


@pytest.mark.sqlite_only
def test_open_another_database_and_the_recent_list(make_window, services, small_plan, prompter, qtbot, tmp_path):
    other_path = tmp_path / "惠农区.sqlite"
    with Database.open(other_path) as db:
        Services(db).plans.create_plan("惠农区任务分工表")
    window = make_window()
    first_path = services.db.path
    prompter.files.append(other_path)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert window.session.services.db.path == other_path.resolve()
    assert window.plan_model.plan_at(0).title == "惠农区任务分工表"
    assert "惠农区.sqlite" in window.windowTitle()
    assert recent_files()[:2] == [str(other_path.resolve()), str(first_path)]
    assert not window.session.undo_stack.canUndo()  # opening a file is no undo step
    window.task_view.tree.setFocus()
    qtbot.keyClick(window.task_view.tree, Qt.Key.Key_Insert)  # editing works on the other file
    assert window.session.services.plans.count_nodes(window.session.plan_id) == {"group": 1}
    window.database.open_database(first_path)  # the first file was closed, so it opens again
    assert window.plan_model.plan_at(0).title == small_plan.title
    window.show_tab(1)
    assert window.quarter_view.model.rowCount() == 3
    window.session.services.db.close()


def test_a_database_held_by_another_window_is_refused(make_window, services, small_plan, prompter, tmp_path):
    held = tmp_path / "held.sqlite"
    other = Database.open(held)
    try:
        window = make_window()
        assert not window.database.open_database(held)
        assert prompter.messages[-1][0] == "warning" and "held.sqlite" in prompter.messages[-1][2]
        assert window.session.services is services
    finally:
        other.close()


def test_new_database_starts_empty(make_window, services, small_plan, prompter, tmp_path):
    window = make_window()
    prompter.files.append(tmp_path / "新的.sqlite")
    window.actions_by_name["new_database"].trigger()
    assert window.plan_model.rowCount() == 0
    assert window.status_label.text() == "数据库中还没有计划。"
    window.session.services.db.close()


def test_settings_dialog_changes_the_lights_and_can_be_undone(make_window, services, small_plan, prompter, qtbot):
    window = make_window()

    def fill(dialog) -> bool:
        dialog.office.setText("平罗县水务局")
        dialog.due_soon.setValue(0)
        dialog.backup_keep.setValue(5)
        return True

    prompter.dialogs.append(fill)
    window.actions_by_name["settings"].trigger()
    assert services.settings.office_name() == "平罗县水务局"
    assert services.settings.light_settings().due_soon_days == 0
    assert services.settings.backup_keep() == 5
    window.session.undo_stack.undo()
    assert services.settings.light_settings() == LightSettings()
    assert services.settings.backup_keep() == 20


@pytest.mark.sqlite_only
def test_restore_lists_the_automatic_backups_newest_first(make_window, services, small_plan, prompter, qtbot):
    first = services.backups.make_automatic_backup("daily")
    services.plans.update_plan(small_plan.id, title="导入前的标题")
    second = services.backups.make_automatic_backup("before-import")
    services.plans.update_plan(small_plan.id, title="现在的标题")
    window = make_window()
    seen = {}

    def pick_older(dialog) -> bool:
        model = dialog.model
        seen["rows"] = [(model.index(r, 1).data(), model.index(r, 3).data()) for r in range(model.rowCount())]
        dialog.table.selectRow(1)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.chosen is not None

    prompter.dialogs.append(pick_older)
    window.actions_by_name["restore"].trigger()
    qtbot.waitUntil(lambda: bool(prompter.messages) and prompter.messages[-1][1] == "恢复完成", timeout=20_000)
    assert seen["rows"] == [("导入计划前", second.name), ("每日首次启动", first.name)]
    assert window.session.services.plans.get_plan(small_plan.id).title == small_plan.title
    safety = [b for b in services.backups.backup_list() if b.reason == "从备份恢复前"]
    assert len(safety) == 1 and str(safety[0].path) in prompter.messages[-1][2]


def test_window_geometry_splitter_and_tab_are_remembered(make_window, services, small_plan, qtbot):
    window = make_window()
    window.show_tab(2)
    window.splitter.setSizes([300, 1000])
    window.close()
    assert QSettings().value("main_window/tab") in (2, "2")
    again = make_window()
    assert again.tabs.currentIndex() == 2
    assert again.splitter.sizes()[0] == window.splitter.sizes()[0]


def test_a_user_error_is_a_plain_message_and_nothing_changes(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    tree = window.task_view.tree
    before = services.plans.tree(small_plan.id)
    index = find_index(tree, "开展党政机关")
    type_into_cell(qtbot, tree, index, "字" * 20_001)
    kind, _title, text = prompter.messages[-1]
    assert kind == "warning" and "内容过长" in text
    assert services.plans.tree(small_plan.id) == before
    assert not window.session.undo_stack.canUndo()


def test_an_unexpected_error_is_logged_and_shown_with_an_apology(
    make_window, services, small_plan, prompter, qtbot, monkeypatch, isolated_data_dir: Path
):
    window = make_window()

    def broken(*args, **kwargs):
        raise RuntimeError("something deep went wrong")

    monkeypatch.setattr(services.nodes, "update_node", broken)
    type_into_cell(qtbot, window.task_view.tree, find_index(window.task_view.tree, "开展党政机关"), "新的内容")
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and "很抱歉" in text and "sisiding.log" in text
    log = isolated_data_dir / "logs" / "sisiding.log"
    assert "something deep went wrong" in log.read_text(encoding="utf-8")
    assert services.nodes.get_node(find_index(window.task_view.tree, "开展党政机关").data(Qt.UserRole + 1)).text


@pytest.mark.parametrize("errno_value, expected", [(28, "磁盘空间已满")])
def test_a_full_disk_is_explained(make_window, services, small_plan, prompter, errno_value, expected):
    window = make_window()
    window.session.report(OSError(errno_value, "No space left on device"))
    assert prompter.messages[-1][0] == "warning" and expected in prompter.messages[-1][2]


def test_small_plan_fixture_builds(services):
    plan = add_small_plan(services)
    assert services.plans.count_nodes(plan.id) == {"group": 1, "task": 2, "measure": 3}


def test_a_measures_history_shows_who_changed_what(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    tree = window.task_view.tree
    type_into_cell(qtbot, tree, find_index(tree, "开展党政机关"), "开展党政机关节水型单位建设。")
    window.show_tab(1)
    grid = window.quarter_view
    node_id = find_index(tree, "开展党政机关节水型单位建设").data(Qt.UserRole + 1)
    grid.select_node(node_id)
    seen = {}

    def read(dialog) -> bool:
        model = dialog.model
        seen["rows"] = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
        return False

    services.progress.record(node_id, Q3, percent=40)
    prompter.dialogs.append(read)
    qtbot.keyClick(grid.table, Qt.Key.Key_H, CTRL)
    rows = seen["rows"]
    assert rows[0][1:] == ["测试员", "2024年第3季度 完成百分比", "0%", "40%"]
    assert rows[1][1:] == ["测试员", "修改内容", "开展党政机关节水达标建设。", "开展党政机关节水型单位建设。"]
    assert rows[-1][2] == "新增"


def test_backup_and_history_models_pass_the_model_tester(services, small_plan, qtmodeltester):
    from sisiding_desktop.gui.models.backup_list_model import BackupListModel
    from sisiding_desktop.gui.models.history_model import HistoryModel

    services.backups.make_automatic_backup("daily")
    backups = BackupListModel()
    backups.set_rows(services.backups.backup_list())
    qtmodeltester.check(backups)
    task = services.plans.tree(small_plan.id)[0].children[0]
    services.nodes.update_node(task.id, text="改过的任务")
    history = HistoryModel()
    history.set_rows(services.history.node_history(task.id))
    assert history.rowCount() == 4  # added, lead and support units set, text changed
    qtmodeltester.check(history)


@pytest.mark.sqlite_only
def test_the_days_first_backup_is_made_once_the_window_is_up(make_window, services, small_plan):
    assert services.backups.automatic_backups() == []
    window = make_window()
    window.database.daily_backup()
    made = services.backups.automatic_backups()
    assert len(made) == 1 and "已完成今日的自动备份" in window.statusBar().currentMessage()
    window.database.daily_backup()  # the day's backup exists: nothing more
    assert services.backups.automatic_backups() == made
