"""Backup to a chosen file, list the automatic copies, restore from a copy.

These are copies of an SQLite file. A database on a server has none yet: its automatic copies are skipped
(the server's own backups keep it), and backing it up or restoring it is refused with a sentence saying so.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from sisiding_desktop.services.base import Service
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.store import backup, migrate
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
SERVER_BACKUPS_LATER = (
    "服务器数据库的备份与恢复将在后续版本提供；在此之前，请由服务器管理员在服务器上备份（例如用 pg_dump）。"
)


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup as the office sees it."""

    path: Path
    made: str  # 2024年09月15日 08:30
    reason: str  # 每日首次启动, 导入计划前, …
    size_kb: int


class BackupService(Service):
    def _file(self) -> Path:
        """The database file; ServiceError for a server database, whose backups come in a later version."""
        if self.db.path is None:
            raise ServiceError(SERVER_BACKUPS_LATER)
        return self.db.path

    def backup_to(self, out: Path) -> Path:
        """A verified copy of the open database at ``out``."""
        source = self._file()
        out = Path(out).expanduser().resolve()
        if out == source:
            raise ServiceError("备份文件不能与正在使用的数据库是同一个文件。")
        if out.is_dir():
            raise ServiceError(f"“{out}”是一个文件夹，请给出备份文件名。")
        if not out.parent.is_dir():
            raise ServiceError(f"文件夹“{out.parent}”不存在。")
        try:
            return backup.copy_database(source, out)
        except OSError as exc:
            raise ServiceError(f"无法写入备份文件“{out.name}”：{reason(exc)}。") from exc

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

    def restore_from(self, source: Path) -> Path:
        """Replace the open database's content by the copy ``source``.

        The current content is first backed up (the returned path), the copy is
        checked, and the replacement happens in one SQLite backup step, so the
        database is either the old one or the restored one.
        """
        current = self._file()
        source = Path(source).expanduser().resolve()
        if not source.is_file():
            raise ServiceError(f"找不到备份文件“{source}”。")
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


def describe_backup(path: Path) -> BackupInfo:
    reason = next((label for key, label in REASON_LABELS.items() if path.stem.endswith(f"-{key}")), "其他")
    try:
        size_kb = max(1, round(path.stat().st_size / 1024))
    except OSError:
        size_kb = 0
    return BackupInfo(path, backup_time(path), reason, size_kb)
