"""Undo steps on a period's progress: one entry's fields, and copying last quarter."""

from __future__ import annotations

from sisiding_desktop.domain.model import Period, Progress
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import PROGRESS, PROGRESS_ENTRY, Session
from sisiding_desktop.services.conflicts import NO_ENTRY

FIELD_LABELS = {
    "status": "状态",
    "percent": "完成百分比",
    "progress_text": "进展情况",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "remarks": "备注",
    "reported_by": "填报人",
}


def entry_fields(entry: Progress) -> dict[str, object]:
    """Every recordable field of an entry, to write it back as it was."""
    return {
        "status": entry.status,
        "percent": entry.percent,
        "progress_text": entry.progress_text,
        "problems": entry.problems,
        "next_steps": entry.next_steps,
        "remarks": entry.remarks,
        "reported_by": entry.reported_by,
    }


class RecordProgress(ServiceCommand):
    """Set some fields of a measure's entry for a period; undo writes the old entry back (or removes it)."""

    kinds = (PROGRESS_ENTRY,)  # the grid refreshes only this row (``entry_changed``)

    def __init__(
        self, session: Session, plan_id: int, node_id: int, period: Period, before: Progress | None, **changes: object
    ) -> None:
        names = "、".join(FIELD_LABELS.get(k, k) for k in changes)
        super().__init__(session, f"填写{period.label}{names}", plan_id)
        self.node_id, self.period, self.before, self.changes = node_id, period, before, changes

        self.row = entry_row(node_id, period)

    def apply(self) -> None:
        shown = self.before.version if self.before is not None else NO_ENTRY
        try:
            entry = self.session.services.progress.record(
                self.node_id, self.period, expected=self.expected(self.row, shown), **self.changes
            )  # type: ignore[arg-type]
        finally:
            self.session.entry_changed.emit(self.plan_id, self.node_id)  # on a conflict: the other desk's entry
        self.saved(self.row, entry.version)

    def revert(self) -> None:
        progress = self.session.services.progress
        expected = self.expected(self.row, NO_ENTRY)
        try:
            if self.before is None:
                progress.clear(self.node_id, self.period, expected=expected)
                self.saved(self.row, NO_ENTRY)
            else:
                fields = entry_fields(self.before)
                entry = progress.record(self.node_id, self.period, expected=expected, **fields)  # type: ignore[arg-type]
                self.saved(self.row, entry.version)
        finally:
            self.session.entry_changed.emit(self.plan_id, self.node_id)

    def again(self) -> RecordProgress:
        now = self.session.services.progress.for_period(self.plan_id, self.period).get(self.node_id)
        return RecordProgress(self.session, self.plan_id, self.node_id, self.period, now, **self.changes)


def entry_row(node_id: int, period: Period) -> tuple:
    """The key of a node's entry for a period among the rows a desk saved (``Session.saved_versions``)."""
    return ("progress", node_id, period.code)


class CopyLastPeriod(ServiceCommand):
    """Start the period from the previous one's entries; undo removes exactly the entries it added."""

    kinds = (PROGRESS,)

    def __init__(self, session: Session, plan_id: int, period: Period) -> None:
        super().__init__(session, f"从上一期复制到{period.label}", plan_id)
        self.period = period
        self.added: list[int] = []
        self.count = 0

    def apply(self) -> None:
        progress = self.session.services.progress
        before = set(progress.for_period(self.plan_id, self.period))
        self.count = progress.copy_last_period(self.plan_id, self.period)
        versions = progress.versions(self.plan_id, self.period)
        self.added = [n for n in versions if n not in before]
        for node_id in self.added:
            self.saved(entry_row(node_id, self.period), versions[node_id])

    def revert(self) -> None:
        put_back(self, self.period, dict.fromkeys(self.added))


def put_back(command: ServiceCommand, period: Period, entries: dict[int, dict | None]) -> None:
    """Write a batch of entries as one save, each against the version this desk's own last save left."""
    rows = {node_id: entry_row(node_id, period) for node_id in entries}
    expected = {node_id: command.expected(row, NO_ENTRY) for node_id, row in rows.items()}
    versions = command.session.services.progress.put_entries(period, entries, expected)
    for node_id, version in versions.items():
        command.saved(rows[node_id], version)


class ImportedProgress(ServiceCommand):
    """A period's progress read back from the units' tables, already committed by the worker.

    The first redo only records it; undo writes every entry it changed back as it was (or removes the entries
    it added), redo writes the imported values again.
    """

    kinds = (PROGRESS,)

    def __init__(
        self,
        session: Session,
        plan_id: int,
        period: Period,
        before: dict[int, Progress],
        after: dict[int, Progress],
        file_name: str,
    ) -> None:
        super().__init__(session, f"读回{period.label}进展：{file_name}", plan_id)
        self.period = period
        self.before = before
        self.after = {
            node_id: entry
            for node_id, entry in after.items()
            if node_id not in before or entry_fields(before[node_id]) != entry_fields(entry)
        }
        self._first = True
        for node_id, entry in self.after.items():  # the import was this desk's own save
            self.saved(entry_row(node_id, period), entry.version)

    def apply(self) -> None:
        if self._first:  # the import itself wrote these
            self._first = False
            return
        put_back(self, self.period, {node_id: entry_fields(entry) for node_id, entry in self.after.items()})

    def revert(self) -> None:
        before = {n: entry_fields(self.before[n]) if n in self.before else None for n in self.after}
        put_back(self, self.period, before)
