"""Bring a database file to the newest schema, safely.

The upgrade runs in one transaction on one connection with foreign keys
switched off (SQLite's batch mode rebuilds tables; the PRAGMA has no effect
inside a transaction, so it is set before BEGIN), and a ``foreign_key_check``
before the commit proves the rebuilt tables still agree.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from sisiding_desktop.machine.paths import migrations_path
from sisiding_desktop.store.errors import MigrationFailed, NewerSchema

# The newest revision in db/versions. Opening a database already at it needs no Alembic
# (whose import costs half a second of start-up); a test keeps this in step with db/versions.
SCHEMA_HEAD = "0003"


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
        except OperationalError:
            return None
    return rows[0][0] if len(rows) == 1 else None


def upgrade(engine: Engine, target: str = "head", before: Callable[[], None] | None = None) -> bool:
    """Upgrade to ``target``; return True if anything ran.

    ``before`` (e.g. a backup) runs only when there is something to do and the
    database is not new.
    """
    if target == "head" and _stored_revision(engine) == SCHEMA_HEAD:
        return False
    from alembic import command
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
    return True


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()
