"""The database file: pragmas on every connection, DDL inside transactions, one instance per file."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text

from sisiding_desktop.store import Database, DatabaseDamaged, DatabaseLocked, StoreError
from tests.conftest import REPO


@pytest.mark.sqlite_only
def test_every_connection_has_wal_full_sync_and_foreign_keys(db):
    connections = [db.engine.connect() for _ in range(3)]  # several pooled connections
    try:
        for conn in connections:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        for conn in connections:
            conn.close()


@pytest.mark.sqlite_only
def test_ddl_is_rolled_back_with_its_transaction(db):
    with pytest.raises(RuntimeError), db.engine.connect() as conn, conn.begin():
        conn.exec_driver_sql("CREATE TABLE half_done (id INTEGER)")
        conn.exec_driver_sql("ALTER TABLE plans ADD COLUMN stray TEXT")
        raise RuntimeError("power cut")
    with db.engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(plans)")}
    assert "half_done" not in tables
    assert "stray" not in columns


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), db.transaction() as s:
        s.execute(text("INSERT INTO unit_aliases (unit_id, alias) VALUES (999, '不存在')"))


@pytest.mark.sqlite_only
def test_second_open_in_same_process_is_refused_with_the_file_name(db, db_path):
    with pytest.raises(DatabaseLocked) as caught:
        Database.open(db_path)
    assert db_path.name in str(caught.value)
    assert "另一个" in str(caught.value)


@pytest.mark.sqlite_only
def test_second_process_is_refused_with_a_clear_message(db, db_path):
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db_path), "plans"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert db_path.name in result.stderr and "已被另一个" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.sqlite_only
def test_lock_is_released_on_close_and_by_a_killed_process(db_path):
    Database.open(db_path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, '.');"
            "from sisiding_desktop.store import Database;"
            f"d = Database.open(r'{db_path}'); print('open', flush=True); time.sleep(60)",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseLocked):
            Database.open(db_path)
    finally:
        holder.kill()
        holder.wait()
    Database.open(db_path).close()  # the dead holder's lock is gone


@pytest.mark.sqlite_only
def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "letter.sqlite"
    path.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(DatabaseDamaged) as caught:
        Database.open(path)
    assert "letter.sqlite" in str(caught.value)
    assert path.read_text(encoding="utf-8").startswith("这不是数据库")  # left untouched


@pytest.mark.sqlite_only
def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError):
        Database.open(tmp_path)
