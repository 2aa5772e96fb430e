"""The bodies that report to a plan (县/区, 市直单位): listed, added, renamed, given other names, removed.

Kept like units: a name is unique among a plan's bodies and their aliases; a rename keeps the old name as an
alias, so last quarter's files still find their sender.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.body_names import loose
from sisiding_desktop.domain.model import ReportingBody
from sisiding_desktop.services.base import Service, get_row, now
from sisiding_desktop.services.conflicts import Edited, bump, check_version, saving
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.store.bulk import put_back, row_values
from sisiding_desktop.store.models import (
    BodyProgressRow,
    BodyReturnRow,
    PlanRow,
    ReportingBodyAliasRow,
    ReportingBodyRow,
)

MAX_NAME = 200


@dataclass(frozen=True)
class BodySnapshot:
    """A removed body with its names, returns and their progress, for an undo."""

    plan_id: int
    name: str
    tables: tuple[tuple[type, tuple[dict, ...]], ...]


class BodyService(Service):
    def list_bodies(self, plan_id: int) -> list[ReportingBody]:
        with self.db.reading() as s:
            return [body_value(row) for row in _rows(s, plan_id)]

    def get_body(self, body_id: int) -> ReportingBody:
        with self.db.reading() as s:
            return body_value(get_row(s, ReportingBodyRow, body_id, "报送单位"))

    def add_body(self, plan_id: int, name: str, kind: str = "", aliases: Sequence[str] = ()) -> ReportingBody:
        """A new body at the end of the plan's list."""
        name = _checked(name)
        with self.db.transaction() as s:
            get_row(s, PlanRow, plan_id, "计划")
            for each in (name, *aliases):
                _check_free(s, plan_id, each)
            position = s.scalar(select(func.count()).where(ReportingBodyRow.plan_id == plan_id)) or 0
            row = ReportingBodyRow(plan_id=plan_id, name=name, kind=kind.strip()[:20], position=position,
                                   created_at=now())  # fmt: skip
            s.add(row)
            s.flush()
            for alias in dict.fromkeys(_checked(a) for a in aliases):
                s.add(ReportingBodyAliasRow(body_id=row.id, alias=alias))
            s.flush()
            s.refresh(row)
            self.log(s, "add", "body", row.id, new=name, plan_id=plan_id)
            return body_value(row)

    def rename_body(self, body_id: int, name: str, *, expected: int | None = None) -> ReportingBody:
        """Rename; the old name stays as an alias."""
        name = _checked(name)
        edited = Edited("body", body_id, "这个报送单位")
        with saving(self.db, edited) as s:
            row = get_row(s, ReportingBodyRow, body_id, "报送单位")
            check_version(s, row.version, expected, edited)
            if name == row.name:
                return body_value(row)
            for alias in row.aliases:
                if alias.alias == name:
                    s.delete(alias)
            s.flush()
            _check_free(s, row.plan_id, name, but=body_id)
            old, row.name = row.name, name
            s.add(ReportingBodyAliasRow(body_id=body_id, alias=old))
            bump(row)
            s.flush()
            s.refresh(row)
            self.log(s, "rename", "body", body_id, field="name", old=old, new=name, plan_id=row.plan_id)
            return body_value(row)

    def add_alias(self, body_id: int, alias: str) -> ReportingBody:
        alias = _checked(alias)
        with self.db.transaction() as s:
            row = get_row(s, ReportingBodyRow, body_id, "报送单位")
            _check_free(s, row.plan_id, alias)
            s.add(ReportingBodyAliasRow(body_id=body_id, alias=alias))
            bump(row)
            s.flush()
            s.refresh(row)
            self.log(s, "add_alias", "body", body_id, new=alias, plan_id=row.plan_id)
            return body_value(row)

    def delete_body(self, body_id: int) -> BodySnapshot:
        """Remove the body with its returns; the snapshot puts everything back."""
        with self.db.transaction() as s:
            row = get_row(s, ReportingBodyRow, body_id, "报送单位")
            tables = tuple(
                (model, tuple(row_values(r) for r in s.scalars(select(model).where(column == body_id))))
                for model, column in (
                    (ReportingBodyRow, ReportingBodyRow.id),
                    (ReportingBodyAliasRow, ReportingBodyAliasRow.body_id),
                    (BodyReturnRow, BodyReturnRow.body_id),
                    (BodyProgressRow, BodyProgressRow.body_id),
                )
            )
            snapshot = BodySnapshot(row.plan_id, row.name, tables)
            self.log(s, "delete", "body", body_id, old=row.name, plan_id=row.plan_id)
            s.delete(row)
            return snapshot

    def restore_body(self, snapshot: BodySnapshot) -> None:
        with self.db.transaction() as s:
            for model, rows in snapshot.tables:
                put_back(s, model, rows)
            body_id = snapshot.tables[0][1][0]["id"]
            self.log(s, "restore", "body", body_id, new=snapshot.name, plan_id=snapshot.plan_id)


def body_value(row: ReportingBodyRow) -> ReportingBody:
    return ReportingBody(
        id=row.id,
        plan_id=row.plan_id,
        name=row.name,
        kind=row.kind,
        aliases=tuple(a.alias for a in row.aliases),
        position=row.position,
        version=row.version,
    )


def _rows(s: Session, plan_id: int) -> list[ReportingBodyRow]:
    query = select(ReportingBodyRow).where(ReportingBodyRow.plan_id == plan_id)
    return list(s.scalars(query.order_by(ReportingBodyRow.position, ReportingBodyRow.id)))


def _checked(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("报送单位的名称不能为空。")
    if len(name) > MAX_NAME:
        raise ServiceError(f"报送单位的名称过长（超过 {MAX_NAME} 个字）。")
    return name


def _check_free(s: Session, plan_id: int, name: str, but: int | None = None) -> None:
    """ServiceError when another body of the plan already has ``name`` as its name or alias."""
    wanted = loose(name)
    for row in _rows(s, plan_id):
        if row.id == but:
            continue
        if wanted in {loose(n) for n in (row.name, *(a.alias for a in row.aliases))}:
            raise ServiceError(f"“{name}”已经是报送单位“{row.name}”的名称或别名。")
