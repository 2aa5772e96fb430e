"""Two desks, one row: a save that meets a row another desk changed first is refused, never written over.

Every row two desks can edit carries a version (``store.models.version_column``). A desk's save names the
version it last read (``expected``): when the row's version is no longer that one, another desk saved in
between, and the save is refused with ``EditConflict``, naming who changed the row and when (from the change
log). Two saves at the very same moment are told apart by the database itself: SQLAlchemy's versioned UPDATE
finds no row (StaleDataError), a second insert of the same entry meets the unique key, or the server gives one
of the two up; each becomes the same ``EditConflict``. The transaction is rolled back, so nothing of the
refused save is written.

``expected=None`` means "no check" (a first read in the same transaction, an import of a new plan).
``NO_ENTRY`` (0) is the version of a row that does not exist yet: the desk saw no entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.store.database import Database
from sisiding_desktop.store.errors import WriteRaced
from sisiding_desktop.store.models import ChangeLogRow
from sisiding_desktop.store.server import is_concurrent_insert

NO_ENTRY = 0  # the version a desk saw of a row that was not there


@dataclass(frozen=True)
class Edited:
    """What a save is about, to find the other desk's change in the change log and name it."""

    entity: str  # the change log's entity: node, unit, indicator, plan
    entity_id: int
    what: str  # how the message names it: 这条措施, 单位“水利局”, 指标“万元GDP用水量” …
    field_prefix: str = ""  # only change-log lines whose field starts so (a period's progress: "2024Q3.")


class EditConflict(ServiceError):
    """Another desk changed the row first; nothing of this save was written."""

    def __init__(self, message: str, *, who: str = "", when: datetime | None = None) -> None:
        super().__init__(message)
        self.who = who
        self.when = when


def check_version(session: Session, version: int, expected: int | None, edited: Edited) -> None:
    """Refuse the save when the row's ``version`` is not the one the desk read."""
    if expected is not None and version != expected:
        raise conflict(session, edited)


def conflict(session: Session, edited: Edited) -> EditConflict:
    """The refusal, naming the desk and the time of the row's latest logged change."""
    query = (
        select(ChangeLogRow.user, ChangeLogRow.at)
        .where(ChangeLogRow.entity == edited.entity, ChangeLogRow.entity_id == edited.entity_id)
        .order_by(ChangeLogRow.id.desc())
        .limit(1)
    )
    if edited.field_prefix:
        query = query.where(ChangeLogRow.field.startswith(edited.field_prefix, autoescape=True))
    last = session.execute(query).first()
    who, when = (last[0] or "", last[1]) if last is not None else ("", None)
    by = f"“{who}”" if who else "其他人"
    at = f"于{when_text(when)}" if when is not None else "刚刚"
    return EditConflict(f"{edited.what}已被{by}{at}修改，您的这次修改没有保存。", who=who, when=when)


def bump(row) -> None:
    """Move the version of a row whose content this save changed (nodes, plans, units, indicators count their
    versions themselves: ``store.models.CONTENT_VERSIONS``); the UPDATE still checks the version read."""
    row.version = row.version + 1


def when_text(at: datetime) -> str:
    return f"{at.year}年{at.month}月{at.day}日 {at:%H:%M:%S}"


@contextmanager
def saving(db: Database, edited: Edited) -> Iterator[Session]:
    """``db.transaction()`` in which a save racing another desk's on the same row becomes ``EditConflict``."""
    with saving_batch(db) as (session, rows):
        rows.append(edited)
        yield session


@contextmanager
def saving_batch(db: Database) -> Iterator[tuple[Session, list[Edited]]]:
    """``saving`` for a save of many rows: the caller appends each row's ``Edited`` before writing it, so a
    race is named by the row that met it."""
    edited: list[Edited] = []
    try:
        with db.transaction() as session:
            yield session, edited
    except (StaleDataError, WriteRaced, IntegrityError) as exc:
        if isinstance(exc, IntegrityError) and not is_concurrent_insert(exc.orig) or not edited:
            raise
        raise _raced(db, edited[-1]) from exc


def _raced(db: Database, edited: Edited) -> EditConflict:
    with db.reading() as session:  # the other desk's save is committed by now
        return conflict(session, edited)
