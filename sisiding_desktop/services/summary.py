"""The 市's summary of its bodies' returns for a period: per body its standing, per measure every body's word.

Figures are worked out from what each body's file said (``services.returns``) and the 市's plan (its
deadlines decide each body's lights, as they decide the 市's own): per body the measures it reported, by
status and by light, the share of measures due by the period's end that it has done (按时完成率), its mean
percent, and its place in the ranking; per measure each body's status, percent and 进展情况, a tally, and its
overall state. Bodies that have not reported are listed, not ranked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sisiding_desktop.domain.model import BodyReturn, Light, Node, Period, Plan, ReportingBody, Status
from sisiding_desktop.services.base import Service
from sisiding_desktop.services.bodies import BodyService
from sisiding_desktop.services.plans import PlanService
from sisiding_desktop.services.progress import effective_deadline, is_reported_item, light_day, light_of
from sisiding_desktop.services.returns import BodyEntry, ReturnsService
from sisiding_desktop.services.settings import SettingsService
from sisiding_desktop.services.tree import walk

LIGHT_ORDER = {Light.RED: 3, Light.YELLOW: 2, Light.GREEN: 1, None: 0}


@dataclass(frozen=True)
class BodyStanding:
    """One body's figures for the period."""

    body: ReportingBody
    returned: BodyReturn | None
    reported: int  # measures its return gave an entry for
    by_status: Mapping[Status, int]
    red: int
    yellow: int
    green: int
    due: int  # the plan's measures due by the period's end
    done_on_time: int  # of those, the ones it reported done
    mean_percent: float | None
    rank: int | None = None  # None: not reported

    @property
    def on_time_share(self) -> float | None:
        return self.done_on_time / self.due if self.due else None


@dataclass(frozen=True)
class BodyWord:
    """What one body said on one measure, with the light the 市's deadline gives it."""

    body: ReportingBody
    entry: BodyEntry
    light: Light | None


@dataclass(frozen=True)
class MeasureSummary:
    node: Node
    words: tuple[BodyWord, ...]  # in the bodies' order
    missing: tuple[ReportingBody, ...]  # bodies whose return has no entry for it (or that have not reported)
    light: Light | None  # the worst of the bodies' lights

    def count(self, status: Status) -> int:
        return sum(1 for word in self.words if word.entry.progress.status is status)

    @property
    def state(self) -> str:
        """The measure's overall state in a few words."""
        if not self.words:
            return "均未报送"
        if not self.missing and all(w.entry.progress.status is Status.DONE for w in self.words):
            return "全部完成"
        if self.light is Light.RED:
            return "有逾期"
        if self.light is Light.YELLOW or self.count(Status.BEHIND):
            return "有滞后"
        return "推进中"


@dataclass(frozen=True)
class Summary:
    plan: Plan
    period: Period
    as_of: date
    nodes: tuple[Node, ...]  # the plan's tree
    bodies: tuple[ReportingBody, ...]
    standings: tuple[BodyStanding, ...]  # ranked, then the bodies that have not reported
    measures: Mapping[int, MeasureSummary]  # by node id, every measure (and task without measures)

    @property
    def not_reported(self) -> tuple[ReportingBody, ...]:
        return tuple(s.body for s in self.standings if s.returned is None)

    @property
    def ranked(self) -> tuple[BodyStanding, ...]:
        return tuple(s for s in self.standings if s.rank is not None)


class SummaryService(Service):
    def summary(self, plan_id: int, period: Period, today: date | None = None) -> Summary:
        plans = PlanService(self.db, self.user)
        plan = plans.get_plan(plan_id)
        nodes = plans.tree(plan_id)
        bodies = tuple(BodyService(self.db, self.user).list_bodies(plan_id))
        returns = ReturnsService(self.db, self.user)
        settings = SettingsService(self.db, self.user).light_settings()
        as_of = light_day(period, today or date.today())
        return summarize(plan, period, as_of, nodes, bodies, returns.returns(plan_id, period),
                         returns.entries(plan_id, period), settings)  # fmt: skip

    def ranking_chart(self, summary: Summary) -> bytes:
        """The ranking as a picture: each reported body's 按时完成率 (or, with nothing due, its mean percent)."""
        from sisiding_desktop.render.chart import ranking_chart
        from sisiding_desktop.reports.summary import ranking_labels

        axis, bars = ranking_labels(summary.ranked)
        return ranking_chart(bars, axis=axis)


def summarize(
    plan: Plan,
    period: Period,
    as_of: date,
    nodes: tuple[Node, ...],
    bodies: Sequence[ReportingBody],
    returns: Mapping[int, BodyReturn],
    entries: Mapping[tuple[int, int], BodyEntry],
    settings,
) -> Summary:
    items = [n for n in walk(nodes) if is_reported_item(n)]
    due = [n for n in items if _due(n, plan, period)]
    measures: dict[int, MeasureSummary] = {}
    for node in items:
        words, missing = [], []
        for body in bodies:
            entry = entries.get((body.id, node.id))
            if entry is None:
                missing.append(body)
                continue
            words.append(BodyWord(body, entry, light_of(node, entry.progress, as_of, settings, plan)))
        measures[node.id] = MeasureSummary(node, tuple(words), tuple(missing), _overall_light(words, missing))
    standings = [_standing(body, returns.get(body.id), items, due, measures) for body in bodies]
    return Summary(plan, period, as_of, nodes, tuple(bodies), _ranked(standings), measures)


def _overall_light(words: list[BodyWord], missing: list[ReportingBody]) -> Light | None:
    """Red or yellow when any body's is; green only when every body has reported it green (done)."""
    worst = max((w.light for w in words), key=LIGHT_ORDER.__getitem__, default=None)
    if worst is Light.GREEN and (missing or any(w.light is None for w in words)):
        return None
    return worst


def _due(node: Node, plan: Plan, period: Period) -> bool:
    end = effective_deadline(node, plan).end
    return end is not None and end <= period.end


def _standing(body, returned, items, due, measures) -> BodyStanding:
    words = [w for node in items for w in measures[node.id].words if w.body.id == body.id]
    by_status: dict[Status, int] = {}
    for word in words:
        by_status[word.entry.progress.status] = by_status.get(word.entry.progress.status, 0) + 1
    lights = [w.light for w in words]
    done_ids = {w.entry.progress.node_id for w in words if w.entry.progress.status is Status.DONE}
    percents = [w.entry.progress.percent for w in words]
    return BodyStanding(
        body=body,
        returned=returned,
        reported=len(words),
        by_status=by_status,
        red=lights.count(Light.RED),
        yellow=lights.count(Light.YELLOW),
        green=lights.count(Light.GREEN),
        due=len(due),
        done_on_time=sum(1 for node in due if node.id in done_ids),
        mean_percent=sum(percents) / len(percents) if percents else None,
    )


def _ranked(standings: list[BodyStanding]) -> tuple[BodyStanding, ...]:
    """Reported bodies by 按时完成率, then mean percent, then fewer red lights (equal figures share a place, as a
    通报 ranks: 1, 2, 2, 4); then the others in list order."""

    def figures(s: BodyStanding) -> tuple:
        return -round(s.on_time_share or 0, 6), -round(s.mean_percent or 0, 6), s.red

    reported = sorted((s for s in standings if s.returned is not None), key=lambda s: (figures(s), s.body.position))
    ranked: list[BodyStanding] = []
    for i, standing in enumerate(reported):
        tied = ranked and figures(ranked[-1]) == figures(standing)
        ranked.append(replace(standing, rank=ranked[-1].rank if tied else i + 1))
    return (*ranked, *(s for s in standings if s.returned is None))
