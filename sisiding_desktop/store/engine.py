"""The SQLite engine: connection pragmas and transactions that cover DDL.

Python's sqlite3 driver, left to itself, opens transactions lazily and commits
before DDL statements, so a migration could be cut in half. Every connection
is put in autocommit mode and SQLAlchemy's ``begin`` event emits a real
``BEGIN``: everything between that and the commit, DDL included, is one
SQLite transaction.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000

# Run on every new connection, outside any transaction (PRAGMAs are no-ops inside one).
CONNECTION_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def create_sqlite_engine(path: Path) -> Engine:
    """An engine on the database file ``path`` with the program's pragmas."""
    engine = create_engine(f"sqlite+pysqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def change_stamp(connection: Connection) -> tuple[object, tuple[int, int]] | None:
    """(the driver connection, a stamp that changes with any commit seen on it) for an SQLite connection, else None.

    The stamp is ``PRAGMA data_version`` (commits by other connections) with ``total_changes`` (this one's own).
    """
    driver = connection.connection.driver_connection
    total_changes = getattr(driver, "total_changes", None)
    if total_changes is None:  # not SQLite: no cheap way to know
        return None
    version = connection.exec_driver_sql("PRAGMA data_version").scalar()
    return driver, (version, total_changes)


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # the driver must not manage transactions
    for pragma in CONNECTION_PRAGMAS:
        dbapi_connection.execute(pragma).fetchall()


def _begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")
