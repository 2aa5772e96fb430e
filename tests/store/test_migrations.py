"""Migrations: the newest schema equals the models; old files upgrade cleanly and safely."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from sisiding_desktop.store import Database, MigrationFailed, NewerSchema, migrate
from sisiding_desktop.store.backup import list_backups
from sisiding_desktop.store.engine import create_sqlite_engine
from sisiding_desktop.store.models import Base


def _schema_differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_the_known_head_is_the_newest_migration():
    assert migrate.head_revision() == migrate.SCHEMA_HEAD


def test_migrated_schema_equals_the_models(db):
    assert _schema_differences(db.engine) == []
    assert migrate.current_revision(db.engine) == migrate.head_revision()


def _first_revision() -> str:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    return list(script.walk_revisions())[-1].revision


@pytest.mark.sqlite_only
def test_database_made_by_the_first_migration_upgrades_cleanly(db_path):
    engine = create_sqlite_engine(db_path)
    migrate.upgrade(engine, _first_revision())
    stamp = datetime(2024, 1, 5, 9, 0)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO plans (title, region, issuer, doc_number, attachment_label, source_file, notes,"
            " task_numbering, section_numbering, created_at, updated_at)"
            " VALUES ('平罗县“四水四定”年度重点任务表', '平罗县', '', '', '附件', '', '', 'plan', 'plan', ?, ?)",
            (stamp, stamp),
        )
    engine.dispose()

    database = Database.open(db_path)  # upgrades to the newest revision
    try:
        assert migrate.current_revision(database.engine) == migrate.head_revision()
        assert _schema_differences(database.engine) == []
        with database.engine.connect() as conn:
            titles = [r[0] for r in conn.exec_driver_sql("SELECT title FROM plans")]
        assert titles == ["平罗县“四水四定”年度重点任务表"]
    finally:
        database.close()

    backups = list_backups(db_path)
    assert len(backups) == 1 and "before-upgrade" in backups[0].name
    with sqlite3.connect(backups[0]) as conn:  # the copy holds the file as it was before
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(_first_revision(),)]


@pytest.mark.sqlite_only
def test_a_new_file_needs_no_backup(db_path):
    Database.open(db_path).close()
    assert list_backups(db_path) == []


FAILING_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("stray", sa.Text))
    raise RuntimeError("断电")


def downgrade():
    pass
"""


def add_failing_migration(tmp_path, monkeypatch) -> None:
    """The program's migrations and one more after them that fails halfway (until ``monkeypatch.undo()``)."""
    broken = tmp_path / "db"
    shutil.copytree(migrate.migrations_path(), broken, ignore=shutil.ignore_patterns("__pycache__"))
    (broken / "versions" / "9999_broken.py").write_text(
        FAILING_MIGRATION.format(head=migrate.head_revision()), encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "migrations_path", lambda: broken)
    monkeypatch.setattr(migrate, "SCHEMA_HEAD", "9999")


@pytest.mark.sqlite_only
def test_a_failing_migration_leaves_the_file_as_it_was(db_path, tmp_path, monkeypatch):
    Database.open(db_path).close()
    add_failing_migration(tmp_path, monkeypatch)

    with pytest.raises(MigrationFailed) as caught:
        Database.open(db_path)
    assert "撤销" in str(caught.value)

    monkeypatch.undo()
    with sqlite3.connect(db_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(plans)")}
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert "half_done" not in tables and "stray" not in columns
    assert version == [(migrate.head_revision(),)]
    Database.open(db_path).close()  # still opens normally


@pytest.mark.sqlite_only
def test_a_file_from_a_newer_program_is_refused_in_chinese_and_left_untouched(db_path):
    Database.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    before = db_path.read_bytes()

    with pytest.raises(NewerSchema) as caught:
        Database.open(db_path)
    assert "较新版本" in str(caught.value) and "0099" in str(caught.value)
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only
def test_a_file_of_schema_0002_gains_the_third_role_remarks_and_source_numbers(db_path):
    engine = create_sqlite_engine(db_path)
    migrate.upgrade(engine, "0002")
    stamp = datetime(2024, 1, 5, 9, 0)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO plans (id, title, region, issuer, doc_number, attachment_label, source_file, notes,"
            " task_numbering, section_numbering, created_at, updated_at)"
            " VALUES (1, '长治市任务分工表', '', '', '', '', '', '', 'plan', 'plan', ?, ?)",
            (stamp, stamp),
        )
        conn.exec_driver_sql(
            "INSERT INTO nodes (id, plan_id, position, kind, text, source_label, deadline_text, created_at,"
            " updated_at) VALUES (1, 1, 0, 'task', '推进节水', '1', '', ?, ?)",
            (stamp, stamp),
        )
        conn.exec_driver_sql(
            "INSERT INTO units (id, name, short_name, kind, created_at) VALUES (1, '市水利局', '', '', ?)", (stamp,)
        )
        conn.exec_driver_sql("INSERT INTO assignments (node_id, unit_id, role, position) VALUES (1, 1, 'lead', 0)")
    engine.dispose()

    database = Database.open(db_path)
    try:
        assert _schema_differences(database.engine) == []
        with database.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO assignments (node_id, unit_id, role, position) VALUES (1, 1, 'local', 0)")
            rows = conn.exec_driver_sql("SELECT role FROM assignments ORDER BY role").fetchall()
            plan = conn.exec_driver_sql("SELECT keep_source_numbers, number_styles FROM plans").fetchone()
            remarks = conn.exec_driver_sql("SELECT remarks FROM nodes").fetchone()
        assert [r[0] for r in rows] == ["lead", "local"]
        assert tuple(plan) == (0, "") and tuple(remarks) == ("",)
        with pytest.raises(Exception, match="CHECK"), database.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO assignments (node_id, unit_id, role, position) VALUES (1, 1, 'boss', 1)")
    finally:
        database.close()
