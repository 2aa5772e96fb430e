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
from sisiding_desktop.store.errors import DatabaseDamaged, StoreError, WriteFailed
from sisiding_desktop.store.location import check_location
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

        Raises StoreError subclasses with a Chinese message: the file is on a
        network share or a read-only medium, is held by another instance, is not
        a database, is damaged, or cannot be upgraded.
        """
        path = Path(path).expanduser().resolve()
        if path.is_dir():
            raise StoreError(f"“{path}”是一个文件夹，不是数据库文件。")
        if not path.parent.is_dir():
            raise StoreError(f"数据库所在的文件夹“{path.parent}”不存在。")
        check_location(path)
        lock = DatabaseLock(path)
        lock.acquire()
        try:
            _check_existing_file(path)
            engine = create_sqlite_engine(path)
            try:
                migrate.upgrade(engine, before=lambda: backup.make_backup(path, "before-upgrade", keep=None))
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
        """One unit of work: commit on success, roll back on any error.

        A full disk, a medium that turned read-only or was pulled out becomes a
        WriteFailed with a Chinese message; the transaction is rolled back, so
        the file keeps its state before the unit of work.
        """
        try:
            with self._sessions.begin() as session:
                yield session
        except OperationalError as exc:
            failure = write_failure(self.path, exc.orig)
            if failure is None:
                raise
            raise failure from exc

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


# SQLite's primary result codes for a write the disk refused.
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL = 8, 10, 13


def write_failure(path: Path, error: BaseException | None) -> WriteFailed | None:
    """The user's message for an SQLite write error caused by the disk, or None for any other error."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    primary = code & 0xFF
    if primary == SQLITE_FULL:
        return WriteFailed(
            f"磁盘空间已满，刚才的修改没有保存（数据库“{path.name}”保持修改前的状态）。请清理磁盘后重试。"
        )
    if primary == SQLITE_READONLY:
        return WriteFailed(f"数据库“{path.name}”现在无法写入（所在位置变为只读），刚才的修改没有保存。")
    if primary == SQLITE_IOERR:
        return WriteFailed(
            f"读写数据库“{path.name}”时出错（磁盘故障，或U盘、移动硬盘已被拔出），刚才的修改没有保存。"
            "请检查磁盘后重新打开程序。"
        )
    return None
