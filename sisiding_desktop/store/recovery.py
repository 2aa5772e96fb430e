"""Replacing a damaged database file by its newest sound backup, keeping the damaged file.

Used when the file cannot be opened at all (so not through a ``Database``): the
damaged file and its ``-wal``/``-shm`` companions are renamed aside, never
deleted or overwritten, and the backup is copied into place with SQLite's
backup API and checked.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from sisiding_desktop.store.backup import check_integrity, check_is_ours, copy_database, list_backups
from sisiding_desktop.store.errors import StoreError
from sisiding_desktop.store.lock import DatabaseLock

COMPANIONS = ("-wal", "-shm", "-journal")
STAMP = re.compile(r"-(\d{8})-(\d{6})-\d{6}-")


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest automatic backup of ``db_path`` that passes the integrity check."""
    for candidate in list_backups(db_path):
        try:
            check_integrity(candidate)
            check_is_ours(candidate)
        except StoreError:
            continue
        return candidate
    return None


def replace_with_backup(db_path: Path, backup_path: Path) -> Path:
    """Put ``backup_path`` in the place of the damaged ``db_path``; returns where the damaged file was kept."""
    lock = DatabaseLock(db_path)
    lock.acquire()
    try:
        check_integrity(backup_path)
        check_is_ours(backup_path)
        kept = damaged_name(db_path)
        for suffix in COMPANIONS:
            companion = db_path.with_name(db_path.name + suffix)
            if companion.exists():
                os.replace(companion, kept.with_name(kept.name + suffix))
        if db_path.exists():
            os.replace(db_path, kept)
        copy_database(backup_path, db_path)
    finally:
        lock.release()
    return kept


def damaged_name(db_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}.损坏-{stamp}{db_path.suffix}")


def backup_time(backup_path: Path) -> str:
    """When an automatic backup was made, read from its name (``名称-YYYYmmdd-HHMMSS-ffffff-原因.sqlite``)."""
    found = STAMP.search(backup_path.stem)
    if found:
        try:
            return datetime.strptime(found[1] + found[2], "%Y%m%d%H%M%S").strftime("%Y年%m月%d日 %H:%M")
        except ValueError:
            pass
    return datetime.fromtimestamp(backup_path.stat().st_mtime).strftime("%Y年%m月%d日 %H:%M")
