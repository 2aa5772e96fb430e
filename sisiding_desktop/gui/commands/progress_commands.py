"""Undo steps on a period's progress: one entry's fields, and copying last quarter."""

from __future__ import annotations

from sisiding_desktop.domain.model import Period, Progress
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import PROGRESS, PROGRESS_ENTRY, Session

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

    def apply(self) -> None:
        self.session.services.progress.record(self.node_id, self.period, **self.changes)  # type: ignore[arg-type]
        self.session.entry_changed.emit(self.plan_id, self.node_id)

    def revert(self) -> None:
        progress = self.session.services.progress
        if self.before is None:
            progress.clear(self.node_id, self.period)
        else:
            progress.record(self.node_id, self.period, **entry_fields(self.before))  # type: ignore[arg-type]
        self.session.entry_changed.emit(self.plan_id, self.node_id)


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
        self.added = [n for n in progress.for_period(self.plan_id, self.period) if n not in before]

    def revert(self) -> None:
        for node_id in self.added:
            self.session.services.progress.clear(node_id, self.period)


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

    def apply(self) -> None:
        if self._first:  # the import itself wrote these
            self._first = False
            return
        progress = self.session.services.progress
        for node_id, entry in self.after.items():
            progress.record(node_id, self.period, **entry_fields(entry))  # type: ignore[arg-type]

    def revert(self) -> None:
        progress = self.session.services.progress
        for node_id in self.after:
            if node_id in self.before:
                progress.record(node_id, self.period, **entry_fields(self.before[node_id]))  # type: ignore[arg-type]
            else:
                progress.clear(node_id, self.period)
