"""Bring a database to the newest schema, safely.

The upgrade runs in one transaction on one connection. On SQLite, foreign keys
are switched off (SQLite's batch mode rebuilds tables; the PRAGMA has no effect
inside a transaction, so it is set before BEGIN), and a ``foreign_key_check``
before the commit proves the rebuilt tables still agree. PostgreSQL alters
tables in place and checks its keys itself; there an advisory lock makes two
programs opening a new database at once upgrade it one after the other.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from sisiding_desktop.machine.paths import migrations_path
from sisiding_desktop.store.errors import MigrationFailed, NewerSchema

# The newest revision in db/versions. Opening a database already at it needs no Alembic
# (whose import costs half a second of start-up); a test keeps this in step with db/versions.
SCHEMA_HEAD = "0005"
# pg_advisory_xact_lock key held while a server database is upgraded ("sisi" in ASCII).
UPGRADE_LOCK_KEY = 0x73697369


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the file, read with plain SQL (None for a new file)."""
    with engine.connect() as conn:
        try:
            rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
        except (OperationalError, ProgrammingError):  # no such table (SQLite, PostgreSQL)
            return None
    return rows[0][0] if len(rows) == 1 else None


def upgrade(engine: Engine, target: str = "head", before: Callable[[], None] | None = None) -> bool:
    """Upgrade to ``target``; return True if anything ran.

    ``before`` (e.g. a backup) runs only when there is something to do and the
    database is not new.
    """
    if target == "head" and _stored_revision(engine) == SCHEMA_HEAD:
        return False
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    wanted = script.get_current_head() if target == "head" else target
    current = current_revision(engine)
    if current is not None and current not in {revision.revision for revision in script.walk_revisions()}:
        raise NewerSchema(
            f"这个数据库文件已被较新版本的程序使用过（结构版本 {current}），当前版本的程序无法打开，文件保持原样。"
            "请安装新版本的程序；如需回到旧版本，请用“从备份恢复”选择“数据库升级前”的备份。"
        )
    if current == wanted:
        return False
    if before is not None and current is not None:
        before()
    if engine.dialect.name == "postgresql":
        _upgrade_in_place(engine, config, target)
    else:
        _upgrade_sqlite(engine, config, target)
    return True


def _upgrade_sqlite(engine: Engine, config, target: str) -> None:
    """SQLite's batch mode rebuilds tables: foreign keys off around the transaction, checked before the commit."""
    from alembic import command

    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, target)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise MigrationFailed(
                        f"数据库升级后发现 {len(problems)} 处数据关联错误，升级已撤销，文件保持原样。"
                    )
        except MigrationFailed:
            raise
        except Exception as exc:
            raise MigrationFailed(f"数据库结构升级失败，已撤销，文件保持原样（{exc}）。") from exc
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _upgrade_in_place(engine: Engine, config, target: str) -> None:
    """A server database's upgrade: one transaction, DDL included, while no other program upgrades it."""
    from alembic import command

    with engine.connect() as conn:
        try:
            with conn.begin():
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK_KEY})")
                config.attributes["connection"] = conn
                command.upgrade(config, target)  # reads the revision again, under the lock
        except Exception as exc:
            raise MigrationFailed(f"数据库结构升级失败，已撤销，数据库保持原样（{exc}）。") from exc


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()
