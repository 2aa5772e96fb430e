"""A plan database on a PostgreSQL server: its address, its schema, its errors in Chinese, what stays SQLite's.

The tests of addresses and of an unreachable server need no server; the others run with ``--pg-url`` (or
``SISIDING_TEST_PG_URL``; ``make test-pg`` starts a throwaway server) and are skipped without it.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import inspect, make_url, text, update
from sqlalchemy.exc import IntegrityError

from sisiding_desktop.domain.model import NodeKind, Period
from sisiding_desktop.services import ServiceError, Services
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store import Database, MigrationFailed, NewerSchema, StoreError, WriteFailed, migrate
from sisiding_desktop.store.models import PlanRow
from sisiding_desktop.store.server import (
    create_server_engine,
    display_url,
    is_server_url,
    label,
    location_of,
    parse_url,
    sqlite_file,
)
from tests.cli.test_cli import _assert_user_error, run
from tests.conftest import PINGLUO_XLSX
from tests.store.test_migrations import _schema_differences, add_failing_migration

SECRET = "Geheim-7x"


@pytest.fixture
def empty_server_url(server_url, new_db_target) -> str:
    return new_db_target(empty=True)


def _with(url: str, **parts) -> str:
    return make_url(url).set(**parts).render_as_string(hide_password=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- addresses: no server needed ------------------------------------------------------------------------


def test_urls_are_server_databases_and_everything_else_a_file():
    assert is_server_url("postgresql+psycopg://sisiding@10.0.0.5:5432/plans")
    assert not is_server_url(Path("计划.sqlite")) and not is_server_url(r"D:\四水四定\计划.sqlite")
    assert not is_server_url("sqlite:///data/计划.sqlite")
    assert sqlite_file("sqlite:///data/计划.sqlite") == Path("data/计划.sqlite")
    assert sqlite_file("postgresql://u@h/db") is None and sqlite_file(Path("x.sqlite")) is None


def test_what_is_shown_and_remembered_never_holds_the_password():
    url = parse_url(f"postgresql://sisiding:{SECRET}@10.0.0.5:5433/plans")
    assert url.drivername == "postgresql+psycopg" and url.password == SECRET  # the engine still gets it
    assert display_url(url) == "postgresql+psycopg://sisiding@10.0.0.5:5433/plans"
    assert label(url) == "服务器数据库 plans@10.0.0.5:5433"
    assert location_of(f"postgresql://sisiding:{SECRET}@10.0.0.5:5433/plans") == display_url(url)
    assert location_of("postgresql://") == "postgresql://"  # no address: left as it is
    assert label(parse_url("postgresql+psycopg://sisiding@db.county.local:5432/plans")) == (
        "服务器数据库 plans@db.county.local"
    )


@pytest.mark.parametrize(
    "address", ["mysql://u@h/plans", "postgresql://", "postgresql://u@h", "postgresql://u@:5432/plans", "x://"]
)
def test_other_addresses_are_refused_in_chinese(address):
    with pytest.raises(StoreError) as caught:
        Database.open(address)
    assert "数据库" in str(caught.value)


def test_an_unreachable_server_is_named_with_its_port_and_the_password_is_not():
    port = _free_port()  # nobody listens there
    with pytest.raises(StoreError) as caught:
        Database.open(f"postgresql+psycopg://sisiding:{SECRET}@127.0.0.1:{port}/plans")
    message = str(caught.value)
    assert f"无法连接到数据库服务器 127.0.0.1:{port}" in message and SECRET not in message


# --- on a server -------------------------------------------------------------------------------------------


def test_a_server_database_opens_at_the_newest_schema_without_file_or_lock(server_url):
    with Database.open(server_url) as db, Database.open(server_url) as second:  # two programs at once
        assert db.path is None and db.on_server
        assert db.label.startswith("服务器数据库 sisiding_test_") and "@127.0.0.1" in db.label
        assert db.location == display_url(make_url(server_url)) and ":" + make_url(server_url).password not in (
            db.location
        )
        assert migrate.current_revision(second.engine) == migrate.head_revision()
        assert _schema_differences(db.engine) == []


def test_a_new_server_database_is_migrated_with_plain_alters_to_the_models(empty_server_url):
    engine = create_server_engine(parse_url(empty_server_url))
    migrate.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO plans (id, title, region, issuer, doc_number, attachment_label, source_file, notes,"
            " task_numbering, section_numbering, created_at, updated_at)"
            " VALUES (1, '长治市任务分工表', '', '', '', '', '', '', 'plan', 'plan', now(), now())"
        )
        conn.exec_driver_sql(
            "INSERT INTO nodes (id, plan_id, position, kind, text, source_label, deadline_text, created_at,"
            " updated_at) VALUES (1, 1, 0, 'task', '推进节水', '1', '', now(), now())"
        )
        conn.exec_driver_sql(
            "INSERT INTO units (id, name, short_name, kind, created_at) VALUES (1, '市水利局', '', '', now())"
        )
        conn.exec_driver_sql("INSERT INTO assignments (node_id, unit_id, role, position) VALUES (1, 1, 'lead', 0)")
    engine.dispose()

    with Database.open(empty_server_url) as database:
        assert _schema_differences(database.engine) == []
        with database.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO assignments (node_id, unit_id, role, position) VALUES (1, 1, 'local', 0)")
            roles = [r[0] for r in conn.exec_driver_sql("SELECT role FROM assignments ORDER BY role")]
            plan = conn.exec_driver_sql("SELECT keep_source_numbers, number_styles FROM plans").fetchone()
        assert roles == ["lead", "local"] and tuple(plan) == (False, "")
        with pytest.raises(IntegrityError, match="ck_assignments_role"), database.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO assignments (node_id, unit_id, role, position) VALUES (1, 1, 'boss', 1)")


def test_a_failing_migration_leaves_the_server_database_as_it_was(server_url, tmp_path, monkeypatch):
    add_failing_migration(tmp_path, monkeypatch)
    with pytest.raises(MigrationFailed) as caught:
        Database.open(server_url)
    assert "撤销" in str(caught.value)

    monkeypatch.undo()
    with Database.open(server_url) as db:  # still opens normally, DDL and all rolled back
        schema = inspect(db.engine)
        assert "half_done" not in schema.get_table_names()
        assert "stray" not in {column["name"] for column in schema.get_columns("plans")}
        assert migrate.current_revision(db.engine) == migrate.head_revision()


def test_a_server_database_of_a_newer_program_is_refused(server_url):
    with Database.open(server_url) as db, db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(NewerSchema) as caught:
        Database.open(server_url)
    assert "较新版本" in str(caught.value) and "0099" in str(caught.value)


def test_a_wrong_password_an_unknown_user_no_password_and_a_missing_database_are_said(server_url):
    for wrong in (_with(server_url, password=SECRET), _with(server_url, username="nobody", password=SECRET)):
        with pytest.raises(StoreError) as caught:
            Database.open(wrong)
        assert "用户名或密码不正确" in str(caught.value) and SECRET not in str(caught.value)
    without = make_url(server_url)._replace(password=None).render_as_string(hide_password=False)
    with pytest.raises(StoreError, match="要求密码，但没有提供"):
        Database.open(without)
    with pytest.raises(StoreError) as caught:
        Database.open(_with(server_url, database="没有这个库"))
    assert "数据库“没有这个库”不存在" in str(caught.value)


def test_a_connection_lost_during_a_save_is_reported_and_nothing_of_it_is_kept(server_url, pg_server):
    with Database.open(server_url) as db:
        services = Services(db)
        plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表")
        with pytest.raises(WriteFailed) as caught, db.transaction() as s:
            s.execute(update(PlanRow).values(title="改了一半"))
            pg_server.terminate(s.execute(text("SELECT pg_backend_pid()")).scalar())
            s.execute(text("SELECT 1"))
        assert "连接中断" in str(caught.value) and "没有保存" in str(caught.value)
        assert services.plans.get_plan(plan.id).title == "平罗县“四水四定”年度重点任务表"  # a new connection


def test_two_programs_on_one_server_database_see_each_others_saves(server_url):
    with Database.open(server_url) as first, Database.open(server_url) as second:
        here, there = Services(first, user="甲"), Services(second, user="乙")
        plan = here.plans.create_plan("平罗县“四水四定”年度重点任务表")
        task = here.nodes.add_node(plan.id, None, NodeKind.TASK, "强化城镇开发边界管控")
        measure = here.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "做好城镇开发边界管控工作。")
        assert [n.text for n in walk(there.plans.tree(plan.id))][-1] == "做好城镇开发边界管控工作。"
        there.nodes.update_node(measure.id, text="别处改的。")
        assert any(n.text == "别处改的。" for n in walk(here.plans.tree(plan.id)))


def test_units_come_in_code_point_order_whatever_the_servers_collation(server_url, new_db_target):
    try:
        english = new_db_target(empty=True, options="LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
    except psycopg.Error as exc:
        pytest.skip(f"the server cannot make an ICU database: {exc}")
    names = ["水务局", "ab局", "Ab局", "B局"]
    with Database.open(english) as db:
        services = Services(db)
        for name in names:
            services.units.create_unit(name)
        services.units.add_alias(services.units.find_unit("水务局").id, "b局")
        services.units.add_alias(services.units.find_unit("水务局").id, "A局")
        with db.reading() as s:  # the server's own order is English, not SQLite's
            assert [r[0] for r in s.execute(text("SELECT name FROM units ORDER BY name"))] != sorted(names)
        assert [unit.name for unit in services.units.list_units()] == sorted(names)  # as SQLite gives them
        assert services.units.find_unit("水务局").aliases == ("A局", "b局")


def _contents(services: Services) -> list:
    return [
        (p.title, [(n.number, n.text, [u.name for u in n.lead], n.version) for n in walk(services.plans.tree(p.id))])
        for p in services.plans.list_plans()
    ]


def test_a_server_database_backs_up_to_a_file_that_opens_as_a_desk_database(server_url, tmp_path):
    copy = tmp_path / "服务器备份.sqlite"
    with Database.open(server_url) as db:
        services = Services(db, user="办公室")
        plan, _ = services.importing.import_plan(PINGLUO_XLSX)
        measure = next(n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE)
        services.progress.record(measure.id, Period(2024, 3), percent=40, progress_text="已摸底")
        assert services.backups.backup_list() == [] and services.backups.daily_backup() is None
        assert services.backups.backup_to(copy) == copy.resolve()
        on_server = _contents(services)
    assert copy.read_bytes().startswith(b"SQLite format 3")
    assert [p.name for p in tmp_path.iterdir()] == [copy.name]  # one file, nothing of the writing left beside it
    with Database.open(copy) as db:  # the copy is a desk's database of the usual format
        laptop = Services(db)
        assert _contents(laptop) == on_server
        assert laptop.progress.for_period(plan.id, Period(2024, 3))[measure.id].progress_text == "已摸底"
        laptop.nodes.update_node(measure.id, text="在笔记本上改过")


def test_a_backup_file_is_restored_into_the_server_in_one_step(server_url, tmp_path):
    copy = tmp_path / "备份.sqlite"
    with Database.open(server_url) as db:
        services = Services(db, user="办公室")
        plan, _ = services.importing.import_plan(PINGLUO_XLSX)
        services.backups.backup_to(copy)
        kept = _contents(services)
        services.plans.delete_plan(plan.id)
        services.plans.create_plan("恢复前新建的计划")
        with pytest.raises(ServiceError, match="不是可读的数据库|不是本程序的数据库"):
            services.backups.restore_from(PINGLUO_XLSX)  # not a backup: the server is left as it was
        assert [p.title for p in services.plans.list_plans()] == ["恢复前新建的计划"]
        safety = services.backups.restore_from(copy)
        assert _contents(services) == kept
        newer = services.plans.create_plan("恢复后新建的计划")  # the ids go on after the restored ones
        assert newer.id > plan.id
    with Database.open(safety) as db:  # what the server held before the restore is kept in a file
        assert [p.title for p in Services(db).plans.list_plans()] == ["恢复前新建的计划"]


def test_the_command_line_takes_a_server_url(server_url, tmp_path):
    result = run("--db", server_url, "plans", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    refused = run("--db", _with(server_url, password=SECRET), "plans")
    _assert_user_error(refused)
    assert "用户名或密码不正确" in refused.stderr and SECRET not in refused.stderr
    copy = tmp_path / "备份.sqlite"
    saved = run("--db", server_url, "backup", "--out", str(copy))
    assert saved.returncode == 0, saved.stderr
    assert run("--db", str(copy), "plans", "--json").stdout.strip() == "[]"
    restored = run("--db", server_url, "restore", str(copy))
    assert restored.returncode == 0 and "已从" in restored.stdout, restored.stderr


def test_two_programs_saving_one_entry_at_once_one_wins_the_other_is_told(server_url, tmp_path):
    """Desk A's save is in flight (its row locked) while the command line reads a unit's table and saves the
    same entry: A commits first, the command line's save meets A's and is refused as a whole, nothing lost."""
    import subprocess
    import sys

    from sisiding_desktop.services.conflicts import saving
    from sisiding_desktop.services.periods import ensure_period
    from sisiding_desktop.services.progress import entry_edited
    from tests.cli.test_cli import REPO

    q3 = Period(2024, 3)
    with Database.open(server_url) as db:
        services = Services(db, user="办公室")
        plan, _ = services.importing.import_plan(PINGLUO_XLSX)
        measure = next(n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE)
        services.progress.record(measure.id, q3, percent=10)
        table = tmp_path / "单位填报.xlsx"
        services.exporting.export(plan.id, "progress", "xlsx", table, period=q3)
        services.progress.record(measure.id, q3, percent=20)  # the unit's 10 % is a change the command must write
        with saving(db, entry_edited(measure.id, q3)) as s:
            services.progress.apply(s, measure.id, ensure_period(s, q3), q3, {"percent": 55})
            command = subprocess.Popen(
                [sys.executable, "main.py", "--db", server_url, "progress-import", str(plan.id), str(table),
                 "--period", "2024Q3"],  # fmt: skip
                cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                env={**os.environ, "SISIDING_DESK": "水资源股"},
            )  # fmt: skip
            _wait_until_blocked(s.connection(), command)
        out, err = command.communicate(timeout=60)
        assert command.returncode == 2, (out, err)
        assert "已被“办公室”于" in err and "没有保存" in err and "Traceback" not in err
        assert f"措施“{measure.text[:8]}" in err  # the measure met is named
        assert services.progress.for_period(plan.id, q3)[measure.id].percent == 55  # A's save stands


def _wait_until_blocked(connection, command, timeout: float = 60) -> None:
    """Until the command's save waits for the row the test's transaction holds."""
    import time

    deadline = time.monotonic() + timeout
    own = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    while time.monotonic() < deadline:
        assert command.poll() is None, command.communicate()
        connection.exec_driver_sql("SELECT pg_stat_clear_snapshot()")  # activity is otherwise read once a transaction
        waiting = connection.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> %s", (own,)
        ).scalar()
        if waiting:
            return
        time.sleep(0.1)
    raise AssertionError("the command never reached the locked row")
