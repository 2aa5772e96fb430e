"""Copies of the database file made with SQLite's online backup API.

A copy is written to a temporary file, checked with ``integrity_check``, then
renamed into place, so a backup is either whole and sound or absent.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sisiding_desktop.store.errors import DatabaseDamaged, StoreError

DEFAULT_KEEP = 20


def backups_dir_for(db_path: Path) -> Path:
    """Backups of a database live in a ``backups`` folder beside it."""
    return db_path.parent / "backups"


def copy_database(source: Path, target: Path) -> Path:
    """Copy the database ``source`` to ``target`` (WAL content included) and verify the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
            with contextlib.closing(sqlite3.connect(partial)) as dst:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE").fetchall()
        check_integrity(partial)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"无法备份数据库“{source.name}”：{exc}。") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def make_backup(db_path: Path, reason: str, keep: int | None = DEFAULT_KEEP) -> Path:
    """A timestamped copy in the database's backups folder, keeping the newest ``keep`` copies (all if None)."""
    folder = backups_dir_for(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    copy_database(db_path, target)
    if keep is not None:
        rotate(folder, db_path.stem, keep)
    return target


def list_backups(db_path: Path) -> list[Path]:
    """The database's backups, newest first."""
    folder = backups_dir_for(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.sqlite"), key=lambda p: p.name, reverse=True)


def rotate(folder: Path, stem: str, keep: int) -> None:
    copies = sorted(folder.glob(f"{stem}-*.sqlite"), key=lambda p: p.name, reverse=True)
    for old in copies[keep:]:
        old.unlink(missing_ok=True)


def as_single_file(path: Path) -> None:
    """Put the database file ``path`` (no connection open on it) in rollback-journal mode, as every backup is: one
    file, with no -wal or -shm beside it."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE").fetchall()


def check_is_ours(path: Path) -> None:
    """Raise StoreError unless ``path`` holds this program's tables (another program's database would not)."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"plans", "nodes", "units"} <= tables:
        raise StoreError(f"文件“{path.name}”不是本程序的数据库备份。")


def check_integrity(path: Path) -> None:
    """Raise DatabaseDamaged unless ``PRAGMA integrity_check`` says ok."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DatabaseDamaged(f"文件“{path.name}”不是可读的数据库（{exc}）。") from exc
    if rows != [("ok",)]:
        raise DatabaseDamaged(f"数据库文件“{path.name}”已损坏（完整性检查未通过）。")
