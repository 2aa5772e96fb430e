"""One program instance per database file.

An exclusive OS lock on ``<file>.lock`` (flock on POSIX, msvcrt on Windows),
with the holder's PID written inside for the message. The OS drops the lock
when the holding process dies, so a killed instance never blocks the next
start.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sisiding_desktop.store.errors import DatabaseLocked


def lock_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """Held while the database is open; ``release`` or garbage collection frees it."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path_for(db_path)
        self._file = None

    def acquire(self) -> None:
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        try:
            _lock(handle)
        except OSError:
            holder = _read_pid(handle)
            handle.close()
            who = f"（进程号 {holder}）" if holder else ""
            raise DatabaseLocked(
                f"数据库文件“{self.path.with_suffix('').name}”已被另一个正在运行的本程序{who}打开，"
                "请切换到那个窗口，或关闭它后再试。"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is None:
            return
        try:
            self._file.seek(0)
            self._file.truncate()
            _unlock(self._file)
        finally:
            self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def __enter__(self) -> DatabaseLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _read_pid(handle) -> str:
    try:
        handle.seek(0)
        text = handle.read(32).decode("ascii", "ignore").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
