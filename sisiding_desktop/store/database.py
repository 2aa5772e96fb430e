"""Opening a plan database: lock, check, back up, migrate, then hand out sessions.

A file is SQLite, with everything a file needs (the one-writer lock, the location and integrity checks, a
backup before an upgrade). A URL is a database on a PostgreSQL server (``store.server``): the server keeps
its own data safe, so only the migrations run; ``path`` is then None and ``label`` names it in messages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sisiding_desktop.store import backup, migrate, server
from sisiding_desktop.store.engine import create_sqlite_engine
from sisiding_desktop.store.errors import DatabaseDamaged, StoreError, WriteFailed
from sisiding_desktop.store.location import check_location
from sisiding_desktop.store.lock import DatabaseLock

SQLITE_HEADER = b"SQLite format 3\x00"


class Database:
    """An open database: its engine, its session factory and, for a file, its lock.

    ``path`` is the SQLite file (None on a server); ``label`` names the database in messages (the file's
    name, or 服务器数据库 name@host); ``location`` is what is shown and remembered (the file's full path,
    or the server's URL without the password).
    """

    def __init__(
        self,
        path: Path | None,
        engine: Engine,
        lock: DatabaseLock | None,
        *,
        label: str = "",
        location: str = "",
    ) -> None:
        self.path = path
        self.engine = engine
        self.label = label or (path.name if path else "")
        self.location = location or str(path or "")
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def on_server(self) -> bool:
        return self.path is None

    @classmethod
    def open(cls, path: Path | str) -> Database:
        """Open (or create) the file ``path``, or the server database at a URL, and bring it to the newest schema.

        Raises StoreError subclasses with a Chinese message: the file is on a
        network share or a read-only medium, is held by another instance, is not
        a database, is damaged, or cannot be upgraded; the server cannot be
        reached, refuses the login or has no such database.
        """
        if server.is_server_url(path):
            return cls._open_server(server.parse_url(path))
        path = Path(server.sqlite_file(path) or path).expanduser().resolve()
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

    @classmethod
    def _open_server(cls, url) -> Database:
        engine = server.create_server_engine(url)
        try:
            migrate.upgrade(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise server.open_failure(url, exc) from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(None, engine, None, label=server.label(url), location=server.display_url(url))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error.

        A full disk, a medium that turned read-only or was pulled out becomes a
        WriteFailed with a Chinese message; the transaction is rolled back, so
        the file keeps its state before the unit of work. On a server, so does a
        connection lost on the way (the server rolls the transaction back).
        """
        with self.errors_said(saving=True), self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; nothing is committed."""
        with self.errors_said(saving=False), self._sessions() as session:
            yield session

    @contextmanager
    def errors_said(self, *, saving: bool) -> Iterator[None]:
        """A driver error the user must hear of (disk, connection) becomes its StoreError; others pass on."""
        try:
            yield
        except DBAPIError as exc:
            failure = self._failure(exc, saving=saving)
            if failure is None:
                raise
            raise failure from exc

    def _failure(self, exc: DBAPIError, *, saving: bool) -> StoreError | None:
        if self.path is None:
            return server.use_failure(self.label, exc, saving=saving)
        if saving and isinstance(exc, OperationalError):
            return write_failure(self.path, exc.orig)
        return None

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
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
