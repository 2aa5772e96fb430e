"""Quarterly progress: record it per measure and period, copy last period, list what is late."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.deadlines import deadline_from_text
from sisiding_desktop.domain.lights import LightSettings, compute_light
from sisiding_desktop.domain.model import Deadline, Light, Node, NodeKind, Period, Plan, Progress, Status, UnitRef
from sisiding_desktop.services.base import Service, get_row, now
from sisiding_desktop.services.collector import collector_paused
from sisiding_desktop.services.conflicts import NO_ENTRY, Edited, check_version, saving, saving_batch
from sisiding_desktop.services.convert import plan_value, progress_value
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.periods import ensure_period, find_period
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.services.tree import read_tree, walk
from sisiding_desktop.store.models import NodeRow, PeriodRow, PlanRow, ProgressRow

TEXT_FIELDS = ("progress_text", "problems", "next_steps", "remarks", "reported_by")
MAX_TEXT = 20_000


@dataclass(frozen=True)
class UnitSummary:
    """One lead unit's reported items in a period."""

    unit: str
    total: int
    done: int
    red: int
    yellow: int


@dataclass(frozen=True)
class ChapterSummary:
    """Completion of one top-level group (一、…): its items and their mean percent."""

    node_id: int
    title: str
    total: int
    done: int
    mean_percent: float


@dataclass(frozen=True)
class PeriodSummary:
    """What the overview shows for a plan and period; ``None`` keys count items with no entry or light."""

    period: Period
    as_of: date
    total: int
    filled: int
    by_status: dict[Status | None, int]
    by_light: dict[Light | None, int]
    units: tuple[UnitSummary, ...]
    chapters: tuple[ChapterSummary, ...]


@dataclass(frozen=True)
class LateItem:
    """A measure that is late (red) or at risk (yellow) on a given day."""

    node: Node
    light: Light
    progress: Progress | None


class ProgressService(Service):
    def record(
        self,
        node_id: int,
        period: Period,
        *,
        status: Status | None = None,
        percent: int | None = None,
        expected: int | None = None,
        **texts: str,
    ) -> Progress:
        """Set the given fields of the node's progress for ``period``; the others stay.

        ``expected`` is the entry's version the desk showed (``NO_ENTRY`` when it showed none): another desk's
        save since then makes this one EditConflict (``services.conflicts``), with nothing written.
        """
        changes = checked_changes(status, percent, texts)
        with saving(self.db, entry_edited(node_id, period)) as s:
            return progress_value(self.apply(s, node_id, ensure_period(s, period), period, changes, expected))

    def apply(
        self,
        s: Session,
        node_id: int,
        period_row: PeriodRow,
        period: Period,
        changes: dict,
        expected: int | None = None,
        edited: Edited | None = None,
        *,
        status_from_percent: bool = False,
    ) -> ProgressRow:
        """Write checked ``changes`` into the caller's transaction, logging each changed field.

        ``expected``: the entry's version the caller read (None: no check); ``edited``: how a conflict names
        the entry (by default "这一条"). ``status_from_percent``: a returned table's row that gives a percent
        but no status moves a 未启动 entry on as a person would read it (100 % 已完成, more than 0 推进中).
        """
        node = get_row(s, NodeRow, node_id, "条目")
        if node.kind == NodeKind.GROUP.value:
            raise ServiceError("分组行不记录进展，请在具体任务上填写。")
        row = _find_entry(s, node_id, period_row)
        edited = edited or entry_edited(node_id, period)
        check_version(s, row.version if row is not None else NO_ENTRY, expected, edited)
        if row is None:
            row = _new_entry(s, node_id, period_row)
        if status_from_percent:
            changes = _status_from_percent(changes, Status(row.status))
        for name, value in changes.items():
            old = getattr(row, name)
            if old != value:
                setattr(row, name, value)
                self.log(
                    s, "progress", "node", node_id, field=f"{period.code}.{name}", old=old, new=value,
                    plan_id=node.plan_id,
                )  # fmt: skip
        row.reported_at = row.updated_at = now()
        s.flush()
        return row

    def versions(self, plan_id: int, period: Period) -> dict[int, int]:
        """The version of every entry of the plan in ``period`` by node id: what a batch saves against."""
        with self.db.reading() as s:
            period_row = find_period(s, period)
            if period_row is None:
                return {}
            return dict(
                s.execute(
                    select(_P.node_id, _P.version)
                    .join_from(ProgressRow.__table__, NodeRow.__table__, _N.id == _P.node_id)
                    .where(_N.plan_id == plan_id, _P.period_id == period_row.id)
                ).all()
            )

    def for_period(self, plan_id: int, period: Period) -> dict[int, Progress]:
        """Every recorded progress of the plan's nodes in ``period``, by node id."""
        with self.db.reading() as s:
            return _period_entries(s, plan_id, period)

    def clear(self, node_id: int, period: Period, *, expected: int | None = None) -> None:
        """Remove the node's entry for ``period`` (the undo of a first entry); ``expected`` as in ``record``."""
        with saving(self.db, entry_edited(node_id, period)) as s:
            period_row = find_period(s, period)
            self._remove(s, node_id, period_row, period, expected)

    def put_entries(
        self,
        period: Period,
        entries: Mapping[int, Mapping[str, object] | None],
        expected: Mapping[int, int] | None = None,
    ) -> dict[int, int]:
        """Write several nodes' entries for ``period`` at once, all or none (an undo of a batch).

        ``entries`` maps a node id to the fields its entry gets (as ``record`` takes them), or None to remove
        the entry; each is saved against its version in ``expected`` (missing: ``NO_ENTRY``; no mapping: no
        check). Returns every entry's version after the save (``NO_ENTRY`` when removed).
        """
        versions: dict[int, int] = {}
        with saving_batch(self.db) as (s, edited):
            period_row = ensure_period(s, period)
            for node_id, fields in entries.items():
                edited.append(entry_edited(node_id, period))
                version = None if expected is None else expected.get(node_id, NO_ENTRY)
                if fields is None:
                    self._remove(s, node_id, period_row, period, version)
                    versions[node_id] = NO_ENTRY
                    continue
                texts = {name: value for name, value in fields.items() if name in TEXT_FIELDS}
                changes = checked_changes(fields.get("status"), fields.get("percent"), texts)  # type: ignore[arg-type]
                versions[node_id] = self.apply(s, node_id, period_row, period, changes, version).version
        return versions

    def _remove(self, s: Session, node_id: int, period_row: PeriodRow | None, period: Period, expected) -> None:
        node = get_row(s, NodeRow, node_id, "条目")
        row = _find_entry(s, node_id, period_row) if period_row is not None else None
        check_version(s, row.version if row is not None else NO_ENTRY, expected, entry_edited(node_id, period))
        if row is not None:
            self.log(s, "progress", "node", node_id, field=f"{period.code}.clear", plan_id=node.plan_id)
            s.delete(row)
            s.flush()

    def summary(self, plan_id: int, period: Period, today: date) -> PeriodSummary:
        """Counts by status, light, lead unit and chapter for the overview, lights as of ``light_day``."""
        as_of = light_day(period, today)
        settings = SettingsService(self.db).light_settings()
        with self.db.reading() as s:
            plan = plan_value(get_row(s, PlanRow, plan_id, "计划"))
            nodes = read_tree(s, plan)
        progress = self.for_period(plan_id, period)
        by_status: dict[Status | None, int] = {}
        by_light: dict[Light | None, int] = {}
        units: dict[str, list[int]] = {}
        chapters = []
        total = filled = 0
        for top in nodes:
            items = [n for n in walk((top,)) if is_reported_item(n)]
            done_here, percents = 0, []
            for node in items:
                entry = progress.get(node.id)
                light = light_of(node, entry, today=as_of, settings=settings, plan=plan)
                status = entry.status if entry else None
                done = status is Status.DONE or (entry is not None and entry.percent >= 100)
                total += 1
                filled += entry is not None
                done_here += done
                percents.append(100 if done else (entry.percent if entry else 0))
                by_status[status] = by_status.get(status, 0) + 1
                by_light[light] = by_light.get(light, 0) + 1
                for unit in node.lead or (UnitRef(0, "（未指定牵头单位）"),):
                    counts = units.setdefault(unit.name, [0, 0, 0, 0])
                    counts[0] += 1
                    counts[1] += done
                    counts[2] += light is Light.RED
                    counts[3] += light is Light.YELLOW
            if items:
                title = f"{top.number}{top.text}" if top.kind is NodeKind.GROUP else top.text
                mean = sum(percents) / len(percents)
                chapters.append(ChapterSummary(top.id, title, len(items), done_here, mean))
        unit_rows = tuple(UnitSummary(name, *counts) for name, counts in units.items())
        unit_rows = tuple(sorted(unit_rows, key=lambda u: (-u.red, -u.yellow, -u.total, u.unit)))
        return PeriodSummary(period, as_of, total, filled, by_status, by_light, unit_rows, tuple(chapters))

    def history(self, node_id: int) -> list[Progress]:
        """The node's progress in every period, oldest first."""
        with self.db.reading() as s:
            rows = s.scalars(
                select(ProgressRow)
                .join(PeriodRow)
                .where(ProgressRow.node_id == node_id)
                .order_by(PeriodRow.year, PeriodRow.quarter)
            ).all()
            return [progress_value(r) for r in rows]

    def copy_last_period(self, plan_id: int, period: Period) -> int:
        """Start ``period`` from the latest earlier period's entries; never overwrites. Returns the count."""
        with self.db.transaction() as s:
            get_row(s, PlanRow, plan_id, "计划")
            source = s.scalar(
                select(PeriodRow)
                .where(
                    (PeriodRow.year < period.year)
                    | ((PeriodRow.year == period.year) & (PeriodRow.quarter < period.quarter))
                )
                .where(PeriodRow.id.in_(select(ProgressRow.period_id).join(NodeRow).where(NodeRow.plan_id == plan_id)))
                .order_by(PeriodRow.year.desc(), PeriodRow.quarter.desc())
                .limit(1)
            )
            if source is None:
                raise ServiceError(f"{period.label}之前没有任何进展记录可复制。")
            target = ensure_period(s, period)
            existing = {r.node_id for r in _plan_progress(s, plan_id, target.id)}
            stamp = now()
            copied = 0
            for old in _plan_progress(s, plan_id, source.id):
                if old.node_id in existing:
                    continue
                s.add(
                    ProgressRow(
                        node_id=old.node_id,
                        period_id=target.id,
                        status=old.status,
                        percent=old.percent,
                        progress_text=old.progress_text,
                        problems=old.problems,
                        next_steps=old.next_steps,
                        remarks=old.remarks,
                        reported_by=old.reported_by,
                        reported_at=None,
                        updated_at=stamp,
                    )
                )
                copied += 1
            self.log(
                s,
                "copy_period",
                "plan",
                plan_id,
                old=f"{source.year}Q{source.quarter}",
                new=period.code,
                plan_id=plan_id,
            )
            return copied

    def lights(self, plan_id: int, period: Period, today: date) -> dict[int, Light | None]:
        """The light of every task and measure for ``period`` as seen on ``today``."""
        return self.period_view(plan_id, period, today).lights

    def period_view(self, plan_id: int, period: Period, today: date) -> PeriodView:
        """The plan's tree, the period's entries and every light, read once."""
        settings = SettingsService(self.db).light_settings()
        with collector_paused(), self.db.reading() as s:
            plan = plan_value(get_row(s, PlanRow, plan_id, "计划"))
            nodes = read_tree(s, plan)
            progress = _period_entries(s, plan_id, period)
        return PeriodView(nodes, progress, PeriodLights(nodes, progress, today, settings, plan))

    def entry_and_light(self, node: Node, period: Period, today: date) -> tuple[Progress | None, Light | None]:
        """One node's entry for ``period`` and its light: what a grid row shows after an edit of that row.

        ``node`` is the caller's current value of the node (its text and deadline decide the light).
        """
        settings = SettingsService(self.db).light_settings()
        with self.db.reading() as s:
            plan = plan_value(get_row(s, PlanRow, node.plan_id, "计划"))
            entry = _entry(s, node.id, period)
        light = None if node.kind is NodeKind.GROUP else light_of(node, entry, today, settings, plan)
        return entry, light

    def entry(self, node_id: int, period: Period) -> Progress | None:
        """One node's entry for ``period`` (None when it has none)."""
        with self.db.reading() as s:
            return _entry(s, node_id, period)

    def list_late(self, plan_id: int, period: Period, today: date) -> list[LateItem]:
        """Measures (and tasks without measures) that are red, then yellow, in table order."""
        settings = SettingsService(self.db).light_settings()
        with self.db.reading() as s:
            plan = plan_value(get_row(s, PlanRow, plan_id, "计划"))
            nodes = read_tree(s, plan)
        progress = self.for_period(plan_id, period)
        items = []
        for node in walk(nodes):
            if not _is_reported_item(node):
                continue
            light = light_of(node, progress.get(node.id), today, settings, plan)
            if light in (Light.RED, Light.YELLOW):
                items.append(LateItem(node, light, progress.get(node.id)))
        return sorted(items, key=lambda item: item.light is not Light.RED)


class PeriodLights(Mapping[int, "Light | None"]):
    """The light of every task and measure of a tree (groups have none), by node id.

    Each light is worked out when first asked for and then kept: a view that
    shows a screenful of rows does not judge the whole plan's deadlines first.
    """

    def __init__(
        self, nodes: tuple[Node, ...], entries: Mapping[int, Progress], today: date, settings: LightSettings, plan: Plan
    ) -> None:
        self._nodes = {node.id: node for node in walk(nodes) if node.kind is not NodeKind.GROUP}
        self._entries = entries
        self._today, self._settings, self._plan = today, settings, plan
        self._known: dict[int, Light | None] = {}

    def __getitem__(self, node_id: int) -> Light | None:
        try:
            return self._known[node_id]
        except KeyError:
            node = self._nodes[node_id]  # KeyError for groups and unknown ids, as a dict would
        light = light_of(node, self._entries.get(node_id), self._today, self._settings, self._plan)
        self._known[node_id] = light
        return light

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[int]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


@dataclass(frozen=True)
class PeriodView:
    nodes: tuple[Node, ...]
    entries: dict[int, Progress]
    lights: Mapping[int, Light | None]  # a PeriodLights: each light worked out on first use


def checked_changes(status: Status | None, percent: int | None, texts: dict[str, str]) -> dict[str, object]:
    """The fields to set, validated and cleaned (ServiceError in Chinese otherwise)."""
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ServiceError(f"进展没有这些字段：{'、'.join(sorted(unknown))}。")
    if percent is not None and not 0 <= int(percent) <= 100:
        raise ServiceError(f"完成百分比应在 0 到 100 之间，而不是 {percent}。")
    changes: dict[str, object] = {}
    for name, value in texts.items():
        value = (value or "").strip()
        if len(value) > MAX_TEXT:
            raise ServiceError(f"内容过长（超过 {MAX_TEXT} 个字）。")
        changes[name] = value
    if status is not None:
        changes["status"] = Status(status).value
    if percent is not None:
        changes["percent"] = int(percent)
    if changes.get("status") == Status.DONE.value and percent is None:
        changes["percent"] = 100
    return changes


def _status_from_percent(changes: dict, status: Status) -> dict:
    percent = changes.get("percent")
    if "status" in changes or not percent:
        return changes
    if percent == 100 and status is not Status.DONE:
        return {**changes, "status": Status.DONE.value}
    if status is Status.NOT_STARTED and percent < 100:
        return {**changes, "status": Status.IN_PROGRESS.value}
    return changes


def is_reported_item(node: Node) -> bool:
    """A row progress is recorded on: a measure, or a task without measures."""
    return _is_reported_item(node)


def light_day(period: Period, today: date) -> date:
    """The day a period's lights are judged on: today, or the period's last day once it is over."""
    return min(today, period.end)


def _is_reported_item(node: Node) -> bool:
    return node.kind is NodeKind.MEASURE or (node.kind is NodeKind.TASK and not node.children)


def effective_deadline(node: Node, plan: Plan) -> Deadline:
    """The node's own 完成时限, else the target year in its text, else the plan's last year."""
    if node.deadline.is_set:
        return node.deadline
    from_text = _deadline_in_text(node.text)
    if from_text.is_set:
        return from_text
    if plan.year_to:
        return Deadline(f"{plan.year_to}年", None, date(plan.year_to, 12, 31))
    return node.deadline


@lru_cache(maxsize=16_384)
def _deadline_in_text(text: str) -> Deadline:
    """``deadline_from_text``, remembered: every light of every view asks again for the same texts."""
    return deadline_from_text(text)


def light_of(node: Node, progress: Progress | None, today: date, settings: LightSettings, plan: Plan) -> Light | None:
    start = date(plan.year_from, 1, 1) if plan.year_from else None
    return compute_light(
        effective_deadline(node, plan),
        progress.status if progress else None,
        progress.percent if progress else None,
        today,
        settings,
        plan_start=start,
    )


def entry_edited(node_id: int, period: Period, name: str = "这一条") -> Edited:
    """How a conflict on the node's entry for ``period`` is named and found in the change log."""
    return Edited("node", node_id, f"{name}{period.label}的进展", field_prefix=f"{period.code}.")


def _entry(s: Session, node_id: int, period: Period) -> Progress | None:
    period_row = find_period(s, period)
    row = _find_entry(s, node_id, period_row) if period_row is not None else None
    return progress_value(row) if row is not None else None


def _find_entry(s: Session, node_id: int, period: PeriodRow) -> ProgressRow | None:
    return s.scalar(select(ProgressRow).where(ProgressRow.node_id == node_id, ProgressRow.period_id == period.id))


def _new_entry(s: Session, node_id: int, period: PeriodRow) -> ProgressRow:
    row = ProgressRow(
        node_id=node_id,
        period_id=period.id,
        status=Status.NOT_STARTED.value,
        percent=0,
        progress_text="",
        problems="",
        next_steps="",
        remarks="",
        reported_by="",
        updated_at=now(),
    )
    s.add(row)
    s.flush()  # a second desk inserting the same entry meets the unique key here
    return row


def _plan_progress(s: Session, plan_id: int, period_id: int) -> list[ProgressRow]:
    return list(
        s.scalars(
            select(ProgressRow)
            .join(NodeRow, NodeRow.id == ProgressRow.node_id)
            .where(NodeRow.plan_id == plan_id, ProgressRow.period_id == period_id)
        )
    )


_STATUSES = {status.value: status for status in Status}
_P = ProgressRow.__table__.c
_N = NodeRow.__table__.c
_ENTRY_COLUMNS = (
    _P.node_id,
    _P.status,
    _P.percent,
    _P.progress_text,
    _P.problems,
    _P.next_steps,
    _P.remarks,
    _P.reported_by,
    _P.reported_at,
    _P.version,
)


def _period_entries(s: Session, plan_id: int, period: Period) -> dict[int, Progress]:
    """Every entry of the plan's nodes in ``period`` by node id, read as column tuples (no ORM objects)."""
    period_row = find_period(s, period)
    if period_row is None:
        return {}
    period = Period(period_row.year, period_row.quarter)
    s.flush()  # plain column selects do not flush by themselves
    rows = s.execute(
        select(*_ENTRY_COLUMNS)
        .join_from(ProgressRow.__table__, NodeRow.__table__, _N.id == _P.node_id)
        .where(_N.plan_id == plan_id, _P.period_id == period_row.id)
    ).all()
    statuses = _STATUSES
    return {
        node_id: Progress(node_id, period, statuses[status], percent, text, problems, steps, remarks, by, at, version)
        for node_id, status, percent, text, problems, steps, remarks, by, at, version in rows
    }
