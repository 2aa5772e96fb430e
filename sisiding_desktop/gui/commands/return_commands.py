"""Undo steps of the 市's desk: a body's returned table read in, the 市's remarks on an entry, the bodies list."""

from __future__ import annotations

from sisiding_desktop.domain.model import Period, ReportingBody
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import RETURNS, Session
from sisiding_desktop.services.bodies import BodySnapshot
from sisiding_desktop.services.returns import BodyEntry, ReturnSaved


class ImportedReturn(ServiceCommand):
    """One body's returned file, already saved by the worker: the first redo only records it; undo puts the body's
    earlier return for the period back (or none), redo this file's again."""

    kinds = (RETURNS,)

    def __init__(self, session: Session, plan_id: int, saved: ReturnSaved) -> None:
        super().__init__(session, f"读入{saved.body.name}报送的表格：{saved.file_name}", plan_id)
        self.saved_return = saved
        self._first = True

    def apply(self) -> None:
        if self._first:
            self._first = False
            return
        self.session.services.returns.put(self.saved_return.after)

    def revert(self) -> None:
        self.session.services.returns.put(self.saved_return.before)


class SetCityRemarks(ServiceCommand):
    """The 市's remarks on one body's entry, saved against the entry's version."""

    kinds = (RETURNS,)

    def __init__(self, session: Session, plan_id: int, entry: BodyEntry, period: Period, text: str) -> None:
        super().__init__(session, "填写市级意见", plan_id)
        self.entry, self.period = entry, period
        self.before, self.after = entry.city_remarks, text
        self.row = ("body_entry", entry.body_id, entry.progress.node_id, period.code)

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, text: str) -> None:
        returns, entry = self.session.services.returns, self.entry
        self.versioned(
            self.row,
            entry.version,
            lambda expected: returns.set_city_remarks(
                entry.body_id, entry.progress.node_id, self.period, text, expected=expected
            ),
        )


class AddBody(ServiceCommand):
    kinds = (RETURNS,)

    def __init__(self, session: Session, plan_id: int, name: str, kind: str = "") -> None:
        super().__init__(session, f"新增报送单位：{name}", plan_id)
        self.name, self.kind = name, kind
        self.body: ReportingBody | None = None
        self.snapshot: BodySnapshot | None = None

    def apply(self) -> None:
        bodies = self.session.services.bodies
        if self.snapshot is None:
            self.body = bodies.add_body(self.plan_id, self.name, self.kind)
        else:
            bodies.restore_body(self.snapshot)

    def revert(self) -> None:
        assert self.body is not None
        self.snapshot = self.session.services.bodies.delete_body(self.body.id)


class RenameBody(ServiceCommand):
    kinds = (RETURNS,)

    def __init__(self, session: Session, body: ReportingBody, name: str) -> None:
        super().__init__(session, f"重命名报送单位：{body.name} → {name}", body.plan_id)
        self.body_id, self.before, self.after, self.shown = body.id, body.name, name, body.version

    def apply(self) -> None:
        self._save(self.after)

    def revert(self) -> None:
        self._save(self.before)

    def _save(self, name: str) -> None:
        bodies = self.session.services.bodies
        self.versioned(
            ("body", self.body_id),
            self.shown,
            lambda expected: bodies.rename_body(self.body_id, name, expected=expected),
        )


class DeleteBody(ServiceCommand):
    kinds = (RETURNS,)

    def __init__(self, session: Session, body: ReportingBody) -> None:
        super().__init__(session, f"删除报送单位：{body.name}", body.plan_id)
        self.body_id = body.id
        self.snapshot: BodySnapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.session.services.bodies.delete_body(self.body_id)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.session.services.bodies.restore_body(self.snapshot)
