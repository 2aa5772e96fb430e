"""The window on a server database: named by server and database, remembered without its password.

The window's test runs with ``--pg-url`` (``make test-pg``) and is skipped on SQLite alone.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from sqlalchemy import make_url

from sisiding_desktop.gui.database_actions import recent_files
from sisiding_desktop.gui.single_instance import SingleInstance
from sisiding_desktop.services import Services
from sisiding_desktop.store import Database

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_server_database_in_the_window(server_url, db_target, make_window, services, small_plan, prompter, qtbot,
                                         tmp_path):  # fmt: skip
    password = make_url(db_target).password
    window = make_window()
    assert services.db.label in window.windowTitle() and "服务器数据库" in window.windowTitle()
    assert recent_files() == [services.db.location] and password not in services.db.location
    assert window.database.open_database(db_target) and window.session.services is services  # already open

    prompter.files.append(tmp_path / "备份.sqlite")
    window.actions_by_name["backup"].trigger()
    qtbot.waitUntil(lambda: bool(prompter.messages), timeout=20_000)
    assert prompter.messages[-1][:2] == ("info", "备份完成") and (tmp_path / "备份.sqlite").is_file()
    services.plans.create_plan("备份之后新建的计划")
    prompter.files.append(tmp_path / "备份.sqlite")  # no list of automatic backups: the file is asked for
    prompter.answers.append(True)
    window.actions_by_name["restore"].trigger()
    qtbot.waitUntil(lambda: prompter.messages[-1][1] == "恢复完成", timeout=20_000)
    assert services.db.label in prompter.asked[-1]
    assert [p.title for p in services.plans.list_plans()] == [small_plan.title]
    prompter.messages.clear()

    other = tmp_path / "惠农区.sqlite"
    with Database.open(other) as db:
        Services(db).plans.create_plan("惠农区任务分工表")
    prompter.files.append(other)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)  # from the server to a file
    assert window.plan_model.plan_at(0).title == "惠农区任务分工表"
    assert recent_files()[:2] == [str(other.resolve()), services.db.location]
    assert window.database.open_database(db_target)  # and back, its password given again
    assert window.plan_model.plan_at(0).title == small_plan.title
    QSettings().sync()
    stored = "".join(p.read_text(errors="replace") for p in Path(tmp_path / "settings").rglob("*") if p.is_file())
    assert services.db.location in stored and password not in stored
    window.session.services.db.close()


def test_a_second_start_hands_a_server_url_over_as_given(qtbot):
    url = "postgresql+psycopg://sisiding@10.0.0.5:5432/plans"
    running = SingleInstance(f"sisiding-test-{uuid.uuid4().hex[:12]}")
    assert running.listen()
    try:
        with qtbot.waitSignal(running.activated, timeout=5000) as received:
            assert SingleInstance(running.key).hand_over(url)
        assert received.args == [url]
    finally:
        running.close()


def test_the_server_dialog_asks_for_the_password_and_keeps_it_out_of_the_list(make_window, prompter, qtbot):
    window = make_window()
    opened = []
    window.database.open_database = lambda target: opened.append(target) or True

    def fill(dialog) -> bool:
        assert dialog.host.text() == "127.0.0.1" and dialog.port.value() == 5432
        dialog.host.setText("10.0.0.5")
        dialog.database.setText("plans")
        dialog.user.setText("clerk")
        qtbot.keyClicks(dialog.password, "s3cret")
        return True

    prompter.dialogs.append(fill)
    window.actions_by_name["connect_server"].trigger()
    assert opened == ["postgresql+psycopg://clerk:s3cret@10.0.0.5:5432/plans"]

    def again(dialog) -> bool:  # a server from the recent list: everything but the password filled in
        assert (dialog.host.text(), dialog.database.text(), dialog.user.text()) == ("10.0.0.5", "plans", "clerk")
        assert dialog.password.text() == ""
        qtbot.keyClicks(dialog.password, "s3cret")
        return True

    prompter.dialogs.append(again)
    assert window.database.open_recent("postgresql+psycopg://clerk@10.0.0.5:5432/plans")
    assert opened[-1] == "postgresql+psycopg://clerk:s3cret@10.0.0.5:5432/plans"


def test_a_server_database_opened_through_the_dialog(server_url, make_window, prompter, qtbot):
    url = make_url(server_url)
    with Database.open(server_url) as db:
        Services(db).plans.create_plan("服务器上的任务分工表")
    window = make_window()

    def fill(dialog) -> bool:
        dialog.host.setText(url.host)
        dialog.port.setValue(url.port)
        dialog.database.setText(url.database)
        dialog.user.setText(url.username)
        dialog.password.setText(url.password or "")
        return True

    prompter.dialogs.append(fill)
    window.actions_by_name["connect_server"].trigger()
    assert "服务器数据库" in window.windowTitle()
    assert window.plan_model.plan_at(0).title == "服务器上的任务分工表"
    window.session.services.db.close()


def test_the_window_shows_other_desks_saves_within_seconds(server_url, db_target, make_window, services, small_plan,
                                                           prompter, qtbot):  # fmt: skip
    from sisiding_desktop.gui.models.quarter_model import NODE_ID_ROLE, PROGRESS
    from tests.cli.test_cli import run
    from tests.conftest import PINGLUO_XLSX
    from tests.gui.conftest import Q3
    from tests.gui.helpers import find_index

    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    grid = window.quarter_view
    row = find_index(grid.table, "2024年节水型医院")
    grid.select_node(row.data(NODE_ID_ROLE))
    node_id = row.data(NODE_ID_ROLE)
    with Database.open(db_target) as db:  # another desk, its own connection
        Services(db, user="水资源股").progress.record(node_id, Q3, percent=45, progress_text="3家医院已达标")
    shown = lambda: find_index(grid.table, "2024年节水型医院").siblingAtColumn(PROGRESS).data() == "3家医院已达标"  # noqa: E731
    qtbot.waitUntil(shown, timeout=10_000)
    assert grid.table.currentIndex().data(NODE_ID_ROLE) == node_id  # the selection stays where it was

    imported = run("--db", db_target, "import", str(PINGLUO_XLSX))  # the command line, another process
    assert imported.returncode == 0, imported.stderr
    qtbot.waitUntil(lambda: window.plan_model.rowCount() == 2, timeout=10_000)
    assert not prompter.messages


def test_connections_cut_under_the_window_lose_nothing_and_the_next_edit_goes_through(
    server_url, db_target, pg_server, make_window, services, small_plan, prompter, qtbot
):
    """The server restarts or the network drops under an open window: its watch and its next save do not fall
    over; a save either lands whole or is reported not saved, and the clerk can go on."""
    from sisiding_desktop.gui.models.quarter_model import NODE_ID_ROLE, PERCENT
    from tests.gui.conftest import Q3
    from tests.gui.helpers import find_index, type_into_cell

    window = make_window()
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    grid = window.quarter_view
    row = find_index(grid.table, "2024年节水型医院")
    node_id = row.data(NODE_ID_ROLE)
    pids = pg_server.connections_to(make_url(db_target).database)
    assert pids  # the window's own connections
    for pid in pids:
        pg_server.terminate(pid)
    qtbot.wait(2_500)  # a look for other desks' saves meets a cut connection
    type_into_cell(qtbot, grid.table, row.siblingAtColumn(PERCENT), "65")
    qtbot.waitUntil(lambda: bool(services.progress.for_period(small_plan.id, Q3)), timeout=10_000)
    assert services.progress.for_period(small_plan.id, Q3)[node_id].percent == 65
    assert not [m for m in prompter.messages if m[0] != "info"], prompter.messages  # nothing went wrong
