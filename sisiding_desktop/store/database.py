"""Opening a plan database: lock, check, back up, migrate, then hand out sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sisiding_desktop.store import backup, migrate
from sisiding_desktop.store.engine import create_sqlite_engine
from sisiding_desktop.store.errors import DatabaseDamaged, StoreError
from sisiding_desktop.store.lock import DatabaseLock

SQLITE_HEADER = b"SQLite format 3\x00"


class Database:
    """An open database file: its engine, its session factory and its lock."""

    def __init__(self, path: Path, engine: Engine, lock: DatabaseLock) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path | str) -> Database:
        """Open (or create) ``path`` and bring it to the newest schema.

        Raises StoreError subclasses with a Chinese message: the file is held by
        another instance, is not a database, is damaged, or cannot be upgraded.
        """
        path = Path(path).expanduser().resolve()
        if path.is_dir():
            raise StoreError(f"“{path}”是一个文件夹，不是数据库文件。")
        if not path.parent.is_dir():
            raise StoreError(f"数据库所在的文件夹“{path.parent}”不存在。")
        lock = DatabaseLock(path)
        lock.acquire()
        try:
            _check_existing_file(path)
            engine = create_sqlite_engine(path)
            try:
                migrate.upgrade(engine, before=lambda: backup.make_backup(path, "before-upgrade"))
            except OperationalError as exc:
                engine.dispose()
                raise StoreError(f"无法打开数据库“{path.name}”：{exc.orig}。") from exc
            except BaseException:
                engine.dispose()
                raise
        except BaseException:
            lock.release()
            raise
        return cls(path, engine, lock)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing is committed."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _check_existing_file(path: Path) -> None:
    """A non-empty file must be an SQLite database that passes a quick check."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise DatabaseDamaged(f"文件“{path.name}”不是本程序的数据库文件。")
    try:
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(f"数据库文件“{path.name}”无法读取，可能已损坏（{exc}）。") from exc
    if rows != [("ok",)]:
        raise DatabaseDamaged(f"数据库文件“{path.name}”已损坏（快速检查未通过），请从备份恢复。")
