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

from sqlalchemy import Engine, create_engine, event

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


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # the driver must not manage transactions
    for pragma in CONNECTION_PRAGMAS:
        dbapi_connection.execute(pragma).fetchall()


def _begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")
