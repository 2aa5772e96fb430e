"""Backup to a chosen file, list the automatic copies, restore from a copy.

Every backup is an SQLite file of the same format. A desk's own database is copied with SQLite's backup
API; a database on a server is written row by row into such a file (``store.carry``), so its data can be
carried to a laptop and opened there, and such a file (or any backup of a desk's file) can be loaded into
the server, replacing its content in one transaction. A server has no automatic copies beside it (the
server's own backups keep it); before a restore its content is saved to a file in this desk's backups folder.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from sisiding_desktop.machine import paths
from sisiding_desktop.services.base import Service, now
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.store import backup, carry, migrate
from sisiding_desktop.store.errors import StoreError
from sisiding_desktop.store.models import PlanRow
from sisiding_desktop.store.recovery import backup_time
from sisiding_desktop.wording.os_errors import reason

REASON_LABELS = {
    "daily": "每日首次启动",
    "before-import": "导入计划前",
    "before-progress-import": "导入进展前",
    "before-upgrade": "数据库升级前",
    "before-restore": "从备份恢复前",
}
SERVER_NO_AUTOMATIC = "服务器数据库没有自动备份（由服务器自己的备份保管）；请用“备份数据库”把它备份到一个文件。"


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup as the office sees it."""

    path: Path
    made: str  # 2024年09月15日 08:30
    reason: str  # 每日首次启动, 导入计划前, …
    size_kb: int


class BackupService(Service):
    def _file(self) -> Path:
        """The database file; ServiceError for a server database, which has no automatic copies beside it."""
        if self.db.path is None:
            raise ServiceError(SERVER_NO_AUTOMATIC)
        return self.db.path

    def backup_to(self, out: Path, progress: carry.Progress | None = None) -> Path:
        """A verified copy of the open database at ``out``: an SQLite file, from a desk's file or a server."""
        out = Path(out).expanduser().resolve()
        if out == self.db.path:
            raise ServiceError("备份文件不能与正在使用的数据库是同一个文件。")
        if out.is_dir():
            raise ServiceError(f"“{out}”是一个文件夹，请给出备份文件名。")
        if not out.parent.is_dir():
            raise ServiceError(f"文件夹“{out.parent}”不存在。")
        try:
            if self.db.path is None:
                with self.db.errors_said(saving=False):  # a lost connection is said as on every read
                    return carry.server_to_file(self.db.engine, out, progress)
            return backup.copy_database(self.db.path, out)
        except OSError as exc:
            raise ServiceError(f"无法写入备份文件“{out.name}”：{reason(exc)}。") from exc
        except StoreError as exc:
            raise ServiceError(str(exc)) from exc

    def automatic_backups(self) -> list[Path]:
        return [] if self.db.path is None else backup.list_backups(self.db.path)

    def backup_list(self) -> list[BackupInfo]:
        """The automatic backups, newest first, described for the office."""
        return [describe_backup(path) for path in self.automatic_backups()]

    def backups_folder(self) -> Path:
        return backup.backups_dir_for(self._file())

    def make_automatic_backup(self, reason: str) -> Path | None:
        """A copy in the backups folder beside the database, rotated to the office's setting (None on a server)."""
        if self.db.path is None:
            return None
        keep = SettingsService(self.db, self.user).backup_keep()
        return backup.make_backup(self.db.path, reason, keep=keep)

    def daily_backup(self, today: date | None = None) -> Path | None:
        """The day's first copy, unless the database is on a server, still empty, or today's copy exists."""
        if self.db.path is None:
            return None
        stamp = (today or date.today()).strftime("%Y%m%d")
        if any(f"-{stamp}-" in p.name for p in self.automatic_backups()):
            return None
        with self.db.reading() as s:
            if s.scalar(select(PlanRow.id).limit(1)) is None:
                return None
        return self.make_automatic_backup("daily")

    def restore_from(self, source: Path, progress: carry.Progress | None = None) -> Path:
        """Replace the open database's content by the copy ``source``.

        The current content is first backed up (the returned path), the copy is
        checked, and the replacement happens in one SQLite backup step (on a
        server: one transaction), so the database is either the old one or the
        restored one.
        """
        source = Path(source).expanduser().resolve()
        if not source.is_file():
            raise ServiceError(f"找不到备份文件“{source}”。")
        if self.db.path is None:
            return self._restore_server(source, progress)
        current = self.db.path
        if source == current:
            raise ServiceError("不能用正在使用的数据库文件恢复它自己。")
        try:
            backup.check_integrity(source)
            backup.check_is_ours(source)
            safety_copy = self.make_automatic_backup("before-restore")
        except StoreError as exc:
            raise ServiceError(str(exc)) from exc
        self.db.engine.dispose()
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
            with contextlib.closing(sqlite3.connect(current)) as dst:
                src.backup(dst)
        self.db.engine.dispose()
        migrate.upgrade(self.db.engine)
        with self.db.transaction() as s:
            self.log(s, "restore", "database", None, old=safety_copy.name, new=source.name)
        return safety_copy

    def _restore_server(self, source: Path, progress: carry.Progress | None) -> Path:
        safety_copy = paths.backups_dir() / f"{_file_stem(self.db.label)}-{now():%Y%m%d-%H%M%S}-before-restore.sqlite"
        try:
            with self.db.errors_said(saving=True):  # a lost connection is said as on every save
                carry.server_to_file(self.db.engine, safety_copy)
                carry.file_into_server(source, self.db.engine, progress)
        except StoreError as exc:
            raise ServiceError(str(exc)) from exc
        except OSError as exc:
            raise ServiceError(f"无法读取备份文件“{source.name}”：{reason(exc)}。") from exc
        with self.db.transaction() as s:
            self.log(s, "restore", "database", None, old=safety_copy.name, new=source.name)
        return safety_copy


def _file_stem(label: str) -> str:
    """A file name made of a database's label (服务器数据库 sisiding@host → 服务器数据库-sisiding-host)."""
    return re.sub(r"[^\w\u4e00-\u9fff]+", "-", label).strip("-") or "服务器数据库"


def describe_backup(path: Path) -> BackupInfo:
    reason = next((label for key, label in REASON_LABELS.items() if path.stem.endswith(f"-{key}")), "其他")
    try:
        size_kb = max(1, round(path.stat().st_size / 1024))
    except OSError:
        size_kb = 0
    return BackupInfo(path, backup_time(path), reason, size_kb)
