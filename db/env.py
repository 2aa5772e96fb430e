"""Alembic environment of the plan database.

The program runs migrations through ``sisiding_desktop.store.migrate``, which
passes its own open connection (inside one transaction) in
``config.attributes["connection"]``. From the shell, ``alembic -c db/alembic.ini``
works on the URL in ``sqlalchemy.url`` (an SQLite file or a PostgreSQL server).

``render_as_batch`` lets one migration serve both: on SQLite a batch copies the
table; on PostgreSQL its operations are plain ``ALTER TABLE`` statements.
"""

from __future__ import annotations

from alembic import context

from sisiding_desktop.store import server
from sisiding_desktop.store.engine import create_sqlite_engine
from sisiding_desktop.store.models import Base

target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can only alter tables by copying them; elsewhere a batch is plain ALTERs
        compare_type=True,
    )


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()  # the caller holds the transaction
        return
    url = context.config.get_main_option("sqlalchemy.url")
    file = server.sqlite_file(url)
    engine = create_sqlite_engine(file) if file else server.create_server_engine(server.parse_url(url))
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("只支持在线迁移。")
run_migrations_online()
