"""Alembic environment of the plan database.

The program runs migrations through ``sisiding_desktop.store.migrate``, which
passes its own open connection (inside one transaction) in
``config.attributes["connection"]``. From the shell, ``alembic -c db/alembic.ini``
works on the URL in ``sqlalchemy.url``.
"""

from __future__ import annotations

from alembic import context

from sisiding_desktop.store.engine import create_sqlite_engine
from sisiding_desktop.store.models import Base

target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only alter tables by copying them
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()  # the caller holds the transaction
        return
    from pathlib import Path

    url = context.config.get_main_option("sqlalchemy.url")
    engine = create_sqlite_engine(Path(url.removeprefix("sqlite:///")))
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("只支持在线迁移。")
run_migrations_online()
