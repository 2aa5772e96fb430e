"""A second start hands over to the running window; a damaged file is offered its newest sound backup."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from PySide6.QtNetwork import QLocalServer

from sisiding_desktop.gui.single_instance import SingleInstance
from sisiding_desktop.services import Services
from sisiding_desktop.store import Database
from sisiding_desktop.store.lock import lock_path_for
from tests.conftest import PINGLUO_XLSX, REPO
from tests.store.test_recovery import damage_middle_pages


def _key() -> str:
    return f"sisiding-test-{uuid.uuid4().hex[:12]}"


def test_a_second_start_hands_its_file_to_the_running_program(qtbot, tmp_path):
    key = _key()
    running = SingleInstance(key)
    assert running.listen()
    try:
        second = SingleInstance(key)
        with qtbot.waitSignal(running.activated, timeout=5000) as received:
            assert second.hand_over(tmp_path / "惠农区.sqlite")
        assert received.args == [str((tmp_path / "惠农区.sqlite").resolve())]
        with qtbot.waitSignal(running.activated, timeout=5000) as received:
            assert SingleInstance(key).hand_over(None)
        assert received.args == [""]
    finally:
        running.close()
    assert not SingleInstance(key).hand_over(None)  # nobody is listening any more


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_socket_left_by_a_killed_program_does_not_block_the_next_start(qtbot, tmp_path):
    key = _key()
    script = (
        "import sys, time\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from PySide6.QtNetwork import QLocalServer\n"
        "app = QCoreApplication([])\n"
        f"server = QLocalServer(); assert server.listen({key!r})\n"
        "print('listening', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "listening"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert not SingleInstance(key).hand_over(None)  # the dead socket answers nobody
    fresh = SingleInstance(key)
    assert fresh.listen()
    try:
        with qtbot.waitSignal(fresh.activated, timeout=5000):
            assert SingleInstance(key).hand_over(None)
    finally:
        fresh.close()
        QLocalServer.removeServer(key)


def test_starting_the_program_twice_keeps_one_window_on_the_file(tmp_path):
    path = tmp_path / "计划.sqlite"
    with Database.open(path) as db:
        Services(db).importing.import_plan(PINGLUO_XLSX)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    first = subprocess.Popen([sys.executable, "main.py", "--db", str(path)], cwd=REPO, env=env)
    try:
        deadline = time.monotonic() + 60
        while not lock_path_for(path).read_bytes().strip():  # the window holds the file
            assert first.poll() is None, "the first window ended early"
            assert time.monotonic() < deadline
            time.sleep(0.1)
        second = subprocess.run(
            [sys.executable, "main.py", "--db", str(path)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "已被另一个" not in second.stderr
        assert first.poll() is None  # the first window is still there
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_opening_a_damaged_file_offers_its_newest_sound_backup(make_window, services, small_plan, prompter, tmp_path):
    damaged = tmp_path / "惠农区.sqlite"
    with Database.open(damaged) as db:
        other = Services(db)
        other.importing.import_plan(PINGLUO_XLSX)
        good = other.backups.make_automatic_backup("daily")
    damage_middle_pages(damaged)
    damaged_bytes = damaged.read_bytes()
    window = make_window()

    prompter.answers.append(False)  # first: decline the backup
    assert not window.database.open_database(damaged)
    assert "完好的自动备份" in prompter.asked[-1] and str(good) in prompter.asked[-1]
    assert damaged.read_bytes() == damaged_bytes and window.session.services is services

    prompter.answers.append(True)
    assert window.database.open_database(damaged)
    assert window.session.services.db.path == damaged.resolve()
    assert window.plan_model.rowCount() == 1
    kept = [p for p in tmp_path.iterdir() if "损坏" in p.name and p.suffix == ".sqlite"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    assert prompter.messages[-1][1] == "已从备份恢复" and str(kept[0]) in prompter.messages[-1][2]
    window.session.services.db.close()


def test_a_damaged_file_without_a_backup_is_explained_and_left_alone(
    make_window, services, small_plan, prompter, tmp_path
):
    damaged = tmp_path / "惠农区.sqlite"
    with Database.open(damaged) as db:
        Services(db).importing.import_plan(PINGLUO_XLSX)
    damage_middle_pages(damaged)
    before = damaged.read_bytes()
    window = make_window()
    assert not window.database.open_database(damaged)
    kind, _title, text = prompter.messages[-1]
    assert kind == "error" and "没有找到完好的自动备份" in text
    assert damaged.read_bytes() == before and window.session.services is services
