"""A server database carried to a file and back: its backup is an SQLite file like every other backup.

``server_to_file`` writes every table of the server database into a new SQLite file at the newest schema
(the same file a desk's own backup is), checked and renamed into place, so the copy is whole or absent.
``file_into_server`` brings such a file (any schema version this program knows: it is upgraded on a temporary
copy first) into the server in one transaction: the server's rows are replaced by the file's, or, on any
error, left exactly as they were. Rows go table by table in foreign-key order, a tree's parents before
their children, in batches.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, delete, insert, select

from sisiding_desktop.store import backup, migrate, server
from sisiding_desktop.store.engine import create_sqlite_engine
from sisiding_desktop.store.errors import StoreError
from sisiding_desktop.store.models import Base

BATCH = 2_000
Progress = Callable[[int, int], None]  # tables done, tables in all


def server_to_file(engine: Engine, target: Path, progress: Progress | None = None) -> Path:
    """Every row of the database behind ``engine`` in a new SQLite file at ``target``."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy_engine = create_sqlite_engine(partial)
        try:
            migrate.upgrade(copy_engine)
            with engine.connect() as source, copy_engine.begin() as copy:
                _copy_tables(source, copy, progress)
        finally:
            copy_engine.dispose()
        backup.as_single_file(partial)
        backup.check_integrity(partial)
        os.replace(partial, target)
    finally:
        for leftover in (partial, *(partial.with_name(partial.name + end) for end in ("-wal", "-shm", "-journal"))):
            leftover.unlink(missing_ok=True)
    return target


def file_into_server(source: Path, engine: Engine, progress: Progress | None = None) -> None:
    """Replace every row of the server database behind ``engine`` by those of the SQLite file ``source``."""
    backup.check_integrity(source)
    backup.check_is_ours(source)
    with tempfile.TemporaryDirectory(prefix="sisiding-restore-") as folder:
        copy_path = Path(folder) / "restore.sqlite"
        shutil.copyfile(source, copy_path)  # an older backup is upgraded on the copy, never on the file given
        copy_engine = create_sqlite_engine(copy_path)
        try:
            migrate.upgrade(copy_engine)
            with copy_engine.connect() as copy, engine.begin() as target:
                for table in reversed(Base.metadata.sorted_tables):
                    target.execute(delete(table))
                _copy_tables(copy, target, progress)
                server.reset_id_sequences(target, Base.metadata.sorted_tables)
        finally:
            copy_engine.dispose()


def _copy_tables(source: Connection, target: Connection, progress: Progress | None) -> None:
    tables = Base.metadata.sorted_tables
    for done, table in enumerate(tables):
        for batch in _batches(_rows(source, table)):
            target.execute(insert(table), batch)
        if progress is not None:
            progress(done + 1, len(tables))


def _rows(source: Connection, table: Table) -> Iterator[dict]:
    """The table's rows; a table that refers to itself (the node tree) parents first."""
    order = [column for column in table.primary_key.columns]
    rows = (dict(row._mapping) for row in source.execute(select(table).order_by(*order)))
    parent = _self_reference(table)
    return iter(_parents_first(list(rows), parent)) if parent else rows


def _self_reference(table: Table) -> str | None:
    for key in table.foreign_keys:
        if key.column.table is table:
            return key.parent.name
    return None


def _parents_first(rows: list[dict], parent: str) -> list[dict]:
    children: dict[object, list[dict]] = {}
    for row in rows:
        children.setdefault(row[parent], []).append(row)
    ordered: list[dict] = []
    level = children.get(None, [])
    while level:
        ordered.extend(level)
        level = [child for row in level for child in children.get(row["id"], [])]
    if len(ordered) != len(rows):  # a row whose parent is not there: the keys would refuse it anyway
        raise StoreError("数据库中有上级条目缺失的条目，无法复制，请先做完整性检查。")
    return ordered


def _batches(rows: Iterator[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
