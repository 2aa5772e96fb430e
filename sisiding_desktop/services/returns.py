"""The 市's desk: every county's returned table read into the plan, one file at a time, each an undoable step.

A returned file is the 市's own table filled in (by this program's fill-back, or by hand in Excel or WPS), or
a county's own progress export of the same plan. Its sender is found from a 填报单位 cell, else from its
title, else from its file name (``domain.body_names``); when none of them names one body, the caller asks.
Its rows are matched to the plan's measures by text and position exactly as the units' progress is
(``exchange.progress_reader``), with the same sentences for the rows that matched nothing. Saving a file
replaces that body's earlier return for the period, in one transaction; the snapshot before and after let
the window undo and redo it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.body_names import name_in_file_name, named_bodies, new_body_name
from sisiding_desktop.domain.model import BodyReturn, Period, Progress, ReportingBody, Status
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.services.base import Service, get_row, now
from sisiding_desktop.services.bodies import BodyService, body_value
from sisiding_desktop.services.conflicts import Edited, check_version, saving
from sisiding_desktop.services.convert import progress_in
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.periods import ensure_period, find_period
from sisiding_desktop.services.plans import PlanService
from sisiding_desktop.services.progress import MAX_TEXT
from sisiding_desktop.services.progress_exchange import row_changes, targets, unmatched_sentence
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store.bulk import insert_rows, put_back, row_values
from sisiding_desktop.store.models import BodyProgressRow, BodyReturnRow, NodeRow, PeriodRow, ReportingBodyRow
from sisiding_desktop.wording.os_errors import reason

if TYPE_CHECKING:
    from sisiding_desktop.exchange.progress_reader import ReturnedTable

RETURN_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Sender:
    """Who a file says sent it: one body, several it could be, or a name that is not in the plan's list."""

    body: ReportingBody | None
    candidates: tuple[ReportingBody, ...] = ()
    said: str = ""  # the name as the file gives it ("惠农区水务局"), "" if it gives none
    where: str = ""  # 填报单位, 标题, 工作表名, 文件名

    @property
    def sure(self) -> bool:
        return self.body is not None

    @property
    def is_new(self) -> bool:
        """A 填报单位 (or a file or sheet name) that names none of the plan's bodies: a body to add."""
        return self.body is None and bool(self.said) and not self.candidates


@dataclass(frozen=True)
class ReturnRead:
    """One returned file read, nothing saved yet."""

    path: Path
    table: ReturnedTable
    sender: Sender


@dataclass(frozen=True)
class ReturnSnapshot:
    """A body's return for a period as stored (None: no return), to put it back on undo or redo."""

    body_id: int
    period: Period
    return_row: dict | None
    entries: tuple[dict, ...]


@dataclass(frozen=True)
class ReturnSaved:
    """What saving one file did."""

    body: ReportingBody
    period: Period
    file_name: str
    recorded: int
    unmatched: tuple[str, ...]
    warnings: tuple[str, ...]
    replaced: BodyReturn | None  # the body's earlier return for the period, now replaced
    before: ReturnSnapshot
    after: ReturnSnapshot

    def summary(self) -> dict:
        return {
            "file": self.file_name,
            "body": self.body.name,
            "recorded": self.recorded,
            "unmatched": list(self.unmatched),
            "warnings": list(self.warnings),
            "replaced": self.replaced.file_name if self.replaced else None,
        }


@dataclass(frozen=True)
class FileOutcome:
    """One file of a batch: saved, or the sentence saying why not (the batch goes on)."""

    path: Path
    saved: ReturnSaved | None = None
    error: str = ""
    added_body: bool = False


class ReturnsService(Service):
    # --- reading ------------------------------------------------------------------------------------

    def read_file(self, plan_id: int, path: Path) -> ReturnRead:
        """Read a returned file and find its sender; ServiceError (one Chinese sentence) when it cannot be read."""
        from sisiding_desktop.exchange.progress_reader import read_returned_workbook

        path = Path(path)
        if not path.is_file():
            raise ServiceError(f"找不到文件“{path}”。")
        try:
            table = read_returned_workbook(path)
        except ExchangeError as exc:
            raise ServiceError(str(exc)) from exc
        except OSError as exc:
            raise ServiceError(f"无法读取文件“{path.name}”：{reason(exc)}。") from exc
        bodies = BodyService(self.db, self.user).list_bodies(plan_id)
        title = PlanService(self.db, self.user).get_plan(plan_id).title
        return ReturnRead(path, table, find_sender(table, path, bodies, title))

    # --- saving -------------------------------------------------------------------------------------

    def save(self, plan_id: int, read: ReturnRead, period: Period, body_id: int) -> ReturnSaved:
        """Record the file as ``body_id``'s return for ``period``, replacing its earlier one, in one transaction."""
        from sisiding_desktop.exchange.progress_reader import match_rows

        rows = read.table.rows
        nodes = PlanService(self.db, self.user).tree(plan_id)
        matches, unmatched = match_rows([(r.number_text, r.task_text, r.measure_text) for r in rows], targets(nodes))
        if not matches:
            raise ServiceError(f"文件“{read.path.name}”中没有一行能与本计划的任务对应上，未记录任何进展。")
        unmatched_text = tuple(unmatched_sentence(rows, u) for u in unmatched)
        edited = Edited("body", body_id, "这个报送单位本期的报送")
        with saving(self.db, edited) as s:
            body = get_row(s, ReportingBodyRow, body_id, "报送单位")
            if body.plan_id != plan_id:
                raise ServiceError(f"报送单位“{body.name}”不属于这个计划。")
            period_row = ensure_period(s, period)
            before = _snapshot(s, body_id, period, period_row)
            replaced = _return_value(before.return_row, period)
            stamp = now()
            entries = {}
            by_id = {node.id: node for node in walk(nodes)}
            for match in matches:
                fields = _entry_fields(row_changes(rows[match.row_index], by_id[match.node_id]))
                if fields:
                    entries[match.node_id] = fields
            _clear(s, body_id, period_row.id)
            s.add(
                BodyReturnRow(
                    body_id=body_id,
                    period_id=period_row.id,
                    file_name=read.path.name[:500],
                    read_at=stamp,
                    read_by=self.user,
                    matched=len(entries),
                    unmatched="\n".join(unmatched_text),
                )
            )
            insert_rows(
                s,
                BodyProgressRow.__table__,
                [
                    {
                        "body_id": body_id,
                        "node_id": node_id,
                        "period_id": period_row.id,
                        "updated_at": stamp,
                        "city_remarks": "",
                        **fields,
                    }  # fmt: skip
                    for node_id, fields in entries.items()
                ],
            )
            s.flush()
            after = _snapshot(s, body_id, period, period_row)
            self.log(
                s, "return", "body", body_id, field=period.code, old=replaced.file_name if replaced else "",
                new=read.path.name, plan_id=plan_id,
            )  # fmt: skip
            saved_body = body_value(body)
        warnings = tuple(str(w) for w in read.table.warnings)
        return ReturnSaved(saved_body, period, read.path.name, len(entries), unmatched_text, warnings, replaced,
                           before, after)  # fmt: skip

    def put(self, snapshot: ReturnSnapshot) -> None:
        """Make the body's return for the period what ``snapshot`` holds (an undo or redo of a file read in)."""
        with self.db.transaction() as s:
            body = get_row(s, ReportingBodyRow, snapshot.body_id, "报送单位")
            period_row = ensure_period(s, snapshot.period)
            _clear(s, snapshot.body_id, period_row.id)
            if snapshot.return_row is not None:
                put_back(s, BodyReturnRow, [snapshot.return_row])
            put_back(s, BodyProgressRow, snapshot.entries)
            file_name = snapshot.return_row["file_name"] if snapshot.return_row else ""
            self.log(s, "return", "body", snapshot.body_id, field=snapshot.period.code, new=file_name,
                     plan_id=body.plan_id)  # fmt: skip

    def read_many(self, plan_id: int, paths: Iterable[Path], period: Period, from_name: str = "") -> list[FileOutcome]:
        """Read and save several files (folders give their xlsx files); a file that fails does not stop the others.

        ``from_name`` names the sender of every file (added to the plan's bodies when it is not one of them).
        Without it, each file's sender must be clear from the file; a 填报单位 (or a file or sheet name) naming
        a body not in the list adds it, anything less certain is refused with a sentence asking for ``--from``.
        """
        bodies = BodyService(self.db, self.user)
        outcomes = []
        for path in expand_paths(paths):
            added = False
            try:
                read = self.read_file(plan_id, path)
                body = read.sender.body
                if from_name:
                    body = _find_named(bodies.list_bodies(plan_id), from_name)
                    if body is None:
                        body, added = bodies.add_body(plan_id, from_name), True
                elif read.sender.is_new:
                    body, added = bodies.add_body(plan_id, read.sender.said), True
                if body is None:
                    raise ServiceError(unsure_sentence(path, read.sender))
                try:
                    saved = self.save(plan_id, read, period, body.id)
                except ServiceError:
                    if added:  # a file that does not come in leaves the list as it was
                        bodies.delete_body(body.id)
                    raise
                outcomes.append(FileOutcome(path, saved, added_body=added))
            except ServiceError as exc:
                outcomes.append(FileOutcome(path, error=str(exc)))
        return outcomes

    # --- what came in -------------------------------------------------------------------------------

    def returns(self, plan_id: int, period: Period) -> dict[int, BodyReturn]:
        """Every body's return for ``period`` by body id (bodies that have not reported are absent)."""
        with self.db.reading() as s:
            period_row = find_period(s, period)
            if period_row is None:
                return {}
            query = (
                select(BodyReturnRow)
                .join(ReportingBodyRow, ReportingBodyRow.id == BodyReturnRow.body_id)
                .where(ReportingBodyRow.plan_id == plan_id, BodyReturnRow.period_id == period_row.id)
            )
            return {row.body_id: _return_value(row_values(row), period) for row in s.scalars(query)}

    def entries(self, plan_id: int, period: Period) -> dict[tuple[int, int], BodyEntry]:
        """Every body's entry for ``period``: (body id, node id) → the entry."""
        with self.db.reading() as s:
            period_row = find_period(s, period)
            if period_row is None:
                return {}
            query = (
                select(BodyProgressRow)
                .join(ReportingBodyRow, ReportingBodyRow.id == BodyProgressRow.body_id)
                .where(ReportingBodyRow.plan_id == plan_id, BodyProgressRow.period_id == period_row.id)
            )
            return {(row.body_id, row.node_id): entry_value(row, period) for row in s.scalars(query)}

    def set_city_remarks(
        self, body_id: int, node_id: int, period: Period, text: str, *, expected: int | None = None
    ) -> BodyEntry:
        """The 市's remarks on a body's entry (what goes back to that body with its red and yellow measures)."""
        text = (text or "").strip()
        if len(text) > MAX_TEXT:
            raise ServiceError(f"内容过长（超过 {MAX_TEXT} 个字）。")
        edited = Edited("body", body_id, "这一条的市级意见")
        with saving(self.db, edited) as s:
            period_row = find_period(s, period)
            row = None
            if period_row is not None:
                row = s.scalar(
                    select(BodyProgressRow).where(
                        BodyProgressRow.body_id == body_id,
                        BodyProgressRow.node_id == node_id,
                        BodyProgressRow.period_id == period_row.id,
                    )
                )
            if row is None:
                raise ServiceError("这个单位本期没有报送这一条，无法填写市级意见。")
            check_version(s, row.version, expected, edited)
            old, row.city_remarks = row.city_remarks, text
            row.updated_at = now()
            plan_id = s.get(NodeRow, node_id).plan_id
            self.log(s, "city_remarks", "body", body_id, field=f"{period.code}.{node_id}", old=old, new=text,
                     plan_id=plan_id)  # fmt: skip
            s.flush()
            return entry_value(row, period)


@dataclass(frozen=True)
class BodyEntry:
    """A body's entry on one node in one period: its progress as reported and the 市's remarks on it."""

    body_id: int
    progress: Progress
    city_remarks: str = ""
    version: int = 0


def entry_value(row: BodyProgressRow, period: Period) -> BodyEntry:
    return BodyEntry(row.body_id, progress_in(row, period), row.city_remarks, row.version)


def find_sender(table: ReturnedTable, path: Path, bodies: Sequence[ReportingBody], plan_title: str = "") -> Sender:
    """The body a returned file names: its 填报单位, else its title, its sheet's name, its file name; failing
    all, a body not listed yet (``new_sender``)."""
    sheet = table.rows[0].sheet if table.rows else ""
    sources = (("填报单位", table.reporter), ("标题", table.title), ("工作表名", sheet),
               ("文件名", name_in_file_name(path.stem)))  # fmt: skip
    unsure: Sender | None = None
    for where, text in sources:
        found = named_bodies(text, bodies) if text else []
        if len(found) == 1:
            return Sender(found[0], (), text, where)
        if found and unsure is None:
            unsure = Sender(None, tuple(found), text, where)
    return unsure or new_sender(table, path, sheet, plan_title)


def new_sender(table: ReturnedTable, path: Path, sheet: str, plan_title: str) -> Sender:
    """A sender not in the list yet: the 填报单位 as written, else the body the title, the file's or the sheet's
    name begins with (the sheet's last: a filled-in copy of the 市's table keeps the 市's sheet name), never
    the plan's own 市 of ``plan_title``."""
    if table.reporter:
        return Sender(None, (), table.reporter, "填报单位")
    for where, text in (("标题", table.title), ("文件名", path.stem), ("工作表名", sheet)):
        said = new_body_name(name_in_file_name(text), plan_title)
        if said:
            return Sender(None, (), said, where)
    return Sender(None)


def unsure_sentence(path: Path, sender: Sender) -> str:
    if sender.candidates:
        names = "”“".join(b.name for b in sender.candidates)
        return f"文件“{path.name}”的{sender.where}“{sender.said}”可能是“{names}”，无法确定，请用 --from 指明报送单位。"
    return f"无法确定文件“{path.name}”是哪个单位报送的（没有找到填报单位），请用 --from 指明报送单位。"


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder gives its xlsx files, in name order (Excel's own ~$ lock files left out)."""
    result: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            result += sorted(
                p for p in path.iterdir() if p.suffix.lower() in RETURN_SUFFIXES and not p.name.startswith("~$")
            )
        else:
            result.append(path)
    return result


def _find_named(bodies: Sequence[ReportingBody], name: str) -> ReportingBody | None:
    found = named_bodies(name, bodies)
    return found[0] if len(found) == 1 else None


def _entry_fields(changes: dict) -> dict:
    """A returned row's fields as a body's entry: a row that gives a percent or text but no status is 推进中,
    100 % without a status is 已完成."""
    if not changes:
        return {}
    fields = {name: changes.get(name, "") for name in ("progress_text", "problems", "next_steps", "remarks")}
    percent = changes.get("percent")
    status = changes.get("status")
    if status is None:
        if percent == 100:
            status = Status.DONE.value
        elif percent or any(fields.values()):
            status = Status.IN_PROGRESS.value
        else:
            status = Status.NOT_STARTED.value
    fields["status"] = status
    fields["percent"] = percent if percent is not None else (100 if status == Status.DONE.value else 0)
    return fields


def _clear(s: Session, body_id: int, period_id: int) -> None:
    s.execute(delete(BodyProgressRow).where(BodyProgressRow.body_id == body_id, BodyProgressRow.period_id == period_id))
    s.execute(delete(BodyReturnRow).where(BodyReturnRow.body_id == body_id, BodyReturnRow.period_id == period_id))
    s.flush()


def _snapshot(s: Session, body_id: int, period: Period, period_row: PeriodRow) -> ReturnSnapshot:
    s.flush()
    found = s.scalar(
        select(BodyReturnRow).where(BodyReturnRow.body_id == body_id, BodyReturnRow.period_id == period_row.id)
    )
    entries = s.scalars(
        select(BodyProgressRow).where(BodyProgressRow.body_id == body_id, BodyProgressRow.period_id == period_row.id)
    )
    return ReturnSnapshot(body_id, period, row_values(found) if found else None, tuple(row_values(r) for r in entries))


def _return_value(values: dict | None, period: Period) -> BodyReturn | None:
    if values is None:
        return None
    unmatched = tuple(line for line in values["unmatched"].splitlines() if line)
    read_at: datetime = values["read_at"]
    return BodyReturn(values["body_id"], period, values["file_name"], read_at, values["read_by"],
                      values["matched"], unmatched)  # fmt: skip
