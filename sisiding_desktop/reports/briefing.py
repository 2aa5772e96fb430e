"""季度推进情况报告 (the briefing): what one plan's period amounts to, counted from domain values.

``build_briefing`` takes what the 推进情况表 builder takes (the plan, its node tree, the period's progress and
lights by node id), the previous period's progress (and, when the caller has them, its lights) and the plan's
indicators, and counts: items by status and by light, each chapter's completion, the lead units with the most
red and yellow lights, every red and yellow measure with its reported texts, each indicator's target for the
period's year beside its latest actual, and what changed since the previous period.  Nothing is read from a
database and nothing is worded here: ``reports.briefing_text`` turns a ``Briefing`` into the report's
paragraphs from editable templates; ``render.chart`` draws its charts.

An *item* is what progress is recorded on: a measure, or a task without measures (as in the 推进情况表).
Items are split once, so the counts add up: 已完成 (status 已完成 or 100%), then by light: green = 按序时推进,
yellow = 进度滞后, red = 逾期未完成, no light = 暂缓 or without a due date (``unlit``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from sisiding_desktop.domain.model import Indicator, Light, Node, NodeKind, Period, Plan, Progress, Status
from sisiding_desktop.reports.text import labelled, node_label, report_base_name, seq_text, units_text

NO_LEAD_UNIT = "（未指定牵头单位）"
TOP_UNITS = 5  # units named in the text and drawn in the chart


@dataclass(frozen=True)
class ChapterProgress:
    """One top-level group (一、…): its items, how many are done, and their mean percent (done counts 100)."""

    node_id: int
    number: str  # 一、 (as shown)
    text: str  # 坚持以水定人定城，优化城镇空间格局
    total: int
    done: int
    mean_percent: float

    @property
    def title(self) -> str:
        """一、坚持以水定人定城，优化城镇空间格局"""
        return labelled(self.number, self.text)

    @property
    def done_share(self) -> float:
        """Done items as a fraction 0–1."""
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class UnitLights:
    """One lead unit's items and their lights; a unit counts for the items it leads."""

    unit: str
    total: int
    done: int
    red: int
    yellow: int
    green: int


@dataclass(frozen=True)
class MeasureLine:
    """An item as the report names it, with what was reported on it for the period."""

    node_id: int
    number: str  # 2.4: the task's 序号 and the measure's own number (the task's alone for a lone measure)
    text: str
    lead: str  # 牵头单位, joined with 、 (/ for none)
    light: Light | None
    status: Status | None  # None: nothing reported
    percent: int
    progress_text: str
    problems: str
    next_steps: str


@dataclass(frozen=True)
class IndicatorLine:
    """An indicator's target for the period's year and the latest value reached by the period's end."""

    indicator_id: int
    category: str
    name: str
    measure_unit: str
    year: int
    target: str  # as written; empty when no target is set for the year
    actual: str  # the latest actual up to the period; empty when none
    actual_period: Period | None


@dataclass(frozen=True)
class Briefing:
    title: str  # 平罗县“四水四定”2024年第3季度推进情况报告
    plan_name: str  # 平罗县“四水四定”: the plan title without the word for its table
    plan_title: str
    period: Period
    period_label: str  # 2024年第3季度
    previous: Period
    tasks: int  # 重点任务
    items: int  # measures, and tasks without measures
    done: int
    on_time: int  # green, not yet done
    yellow: int  # not done
    red: int  # not done
    unlit: int  # not done, no light (暂缓 before its due date, or no due date)
    by_status: Mapping[Status | None, int]  # None: no entry for the period
    by_light: Mapping[Light | None, int]  # None: no light
    chapters: tuple[ChapterProgress, ...]
    units: tuple[UnitLights, ...]  # the units with red or yellow lights, most red first (at most ``top_units``)
    late: tuple[MeasureLine, ...]  # red ones, then yellow ones, in table order
    indicators: tuple[IndicatorLine, ...]
    had_previous: bool  # anything was reported for the previous period
    newly_done: tuple[MeasureLine, ...]
    newly_late: tuple[MeasureLine, ...]

    @property
    def reported(self) -> int:
        """Items with an entry for the period."""
        return self.items - self.by_status.get(None, 0)


def build_briefing(
    plan: Plan,
    nodes: Sequence[Node],
    period: Period,
    progress: Mapping[int, Progress],
    lights: Mapping[int, Light | None],
    *,
    previous_progress: Mapping[int, Progress] | None = None,
    previous_lights: Mapping[int, Light | None] | None = None,
    indicators: Sequence[Indicator] = (),
    top_units: int = TOP_UNITS,
) -> Briefing:
    """The briefing of ``plan`` for ``period``.

    ``progress`` and ``lights`` as for ``reports.progress.build_progress`` (by node id; lights computed by the
    caller with ``domain.lights``, as of the period's end at the latest); entries of other periods are ignored.
    ``previous_progress``: the entries of ``period.previous()``; ``previous_lights``: its lights as of that
    period's end.  An item is *newly late* when it is red or yellow now and was neither before (by
    ``previous_lights``; without them, when it is reported 滞后 now and was not before).
    """
    current = {k: p for k, p in progress.items() if p.period == period}
    previous = period.previous()
    before = {k: p for k, p in (previous_progress or {}).items() if p.period == previous}
    items = list(reported_items(nodes))
    lines = {leaf.id: _line(task, leaf, current.get(leaf.id), lights.get(leaf.id)) for task, leaf in items}

    by_status: dict[Status | None, int] = {}
    by_light: dict[Light | None, int] = {}
    split = {"done": 0, Light.GREEN: 0, Light.YELLOW: 0, Light.RED: 0, None: 0}
    for line in lines.values():
        by_status[line.status] = by_status.get(line.status, 0) + 1
        by_light[line.light] = by_light.get(line.light, 0) + 1
        split["done" if _is_done(line) else line.light] += 1

    late = [line for line in lines.values() if not _is_done(line) and line.light in (Light.RED, Light.YELLOW)]
    late.sort(key=lambda line: line.light is not Light.RED)  # stable: table order within each light
    newly_done = [line for line in lines.values() if _is_done(line) and not _done_entry(before.get(line.node_id))]
    newly_late = [line for line in late if _was_not_late(line, before.get(line.node_id), previous_lights)]
    return Briefing(
        title=f"{report_base_name(plan.title)}{period.label}推进情况报告",
        plan_name=report_base_name(plan.title),
        plan_title=plan.title,
        period=period,
        period_label=period.label,
        previous=previous,
        tasks=sum(1 for node in walk(nodes) if node.kind is NodeKind.TASK),
        items=len(lines),
        done=split["done"],
        on_time=split[Light.GREEN],
        yellow=split[Light.YELLOW],
        red=split[Light.RED],
        unlit=split[None],
        by_status=by_status,
        by_light=by_light,
        chapters=_chapters(nodes, lines),
        units=_units(items, lines, top_units),
        late=tuple(late),
        indicators=tuple(_indicator_line(i, period) for i in indicators),
        had_previous=bool(before),
        newly_done=tuple(newly_done),
        newly_late=tuple(newly_late),
    )


def walk(nodes: Iterable[Node]) -> Iterator[Node]:
    """Every node of the tree in table order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def reported_items(nodes: Iterable[Node], task: Node | None = None) -> Iterator[tuple[Node, Node]]:
    """(task, item) for every item in table order; a measure outside a task is its own task."""
    for node in nodes:
        if node.kind is NodeKind.GROUP:
            yield from reported_items(node.children)
        elif node.kind is NodeKind.TASK:
            measures = [c for c in node.children if c.kind is NodeKind.MEASURE]
            if measures:
                yield from ((node, m) for m in measures)
            else:
                yield node, node
        else:
            yield task or node, node


def _line(task: Node, leaf: Node, entry: Progress | None, light: Light | None) -> MeasureLine:
    return MeasureLine(
        node_id=leaf.id,
        number=_number(task, leaf),
        text=leaf.text.strip(),
        lead=units_text(leaf.lead),
        light=light,
        status=entry.status if entry else None,
        percent=100 if entry and entry.status is Status.DONE else (entry.percent if entry else 0),
        progress_text=entry.progress_text.strip() if entry else "",
        problems=entry.problems.strip() if entry else "",
        next_steps=entry.next_steps.strip() if entry else "",
    )


def _number(task: Node, leaf: Node) -> str:
    """2.4 for the 4th measure of task 2 (its shown number, else its place), 2 for a task's lone measure."""
    seq = seq_text(task)
    if leaf is task or leaf.id == task.id:
        return seq
    measures = [c for c in task.children if c.kind is NodeKind.MEASURE]
    own = node_label(leaf).rstrip("、.．。").strip("（）()")
    if not own and len(measures) > 1:
        own = str(next(i for i, m in enumerate(measures, start=1) if m.id == leaf.id))
    return f"{seq}.{own}" if seq and own else seq or own


def _is_done(line: MeasureLine) -> bool:
    return line.status is Status.DONE or line.percent >= 100


def _done_entry(entry: Progress | None) -> bool:
    return entry is not None and (entry.status is Status.DONE or entry.percent >= 100)


def _was_not_late(
    line: MeasureLine, before: Progress | None, previous_lights: Mapping[int, Light | None] | None
) -> bool:
    if previous_lights is not None:
        return previous_lights.get(line.node_id) not in (Light.RED, Light.YELLOW)
    was_behind = before is not None and before.status is Status.BEHIND
    return line.status is Status.BEHIND and not was_behind


def _chapters(nodes: Sequence[Node], lines: Mapping[int, MeasureLine]) -> tuple[ChapterProgress, ...]:
    """The top-level groups that hold items (a plan without groups has no chapters)."""
    chapters = []
    for top in nodes:
        if top.kind is not NodeKind.GROUP:
            continue
        here = [lines[leaf.id] for _, leaf in reported_items((top,))]
        if here:
            done = sum(1 for line in here if _is_done(line))
            mean = sum(line.percent for line in here) / len(here)
            chapters.append(ChapterProgress(top.id, node_label(top), top.text.strip(), len(here), done, mean))
    return tuple(chapters)


def _units(items: Sequence[tuple[Node, Node]], lines: Mapping[int, MeasureLine], top: int) -> tuple[UnitLights, ...]:
    counts: dict[str, list[int]] = {}
    for _, leaf in items:
        line = lines[leaf.id]
        done = _is_done(line)
        for name in [u.name for u in leaf.lead] or [NO_LEAD_UNIT]:
            c = counts.setdefault(name, [0, 0, 0, 0, 0])
            c[0] += 1
            c[1] += done
            c[2] += not done and line.light is Light.RED
            c[3] += not done and line.light is Light.YELLOW
            c[4] += done or line.light is Light.GREEN
    units = [UnitLights(name, *c) for name, c in counts.items() if c[2] or c[3]]
    units.sort(key=lambda u: (-u.red, -u.yellow, -u.total, u.unit))
    return tuple(units[: max(top, 0)])


def _period_key(period: Period) -> tuple[int, int]:
    """A year's value stands at its end: after its fourth quarter's."""
    return period.year, period.quarter or 5


def _indicator_line(indicator: Indicator, period: Period) -> IndicatorLine:
    target = next((t.text.strip() for t in indicator.targets if t.year == period.year), "")
    upto = _period_key(period)
    reached = [a for a in indicator.actuals if _period_key(a.period) <= upto and a.text.strip()]
    latest = max(reached, key=lambda a: _period_key(a.period), default=None)
    return IndicatorLine(
        indicator_id=indicator.id,
        category=indicator.category,
        name=indicator.name,
        measure_unit=indicator.measure_unit,
        year=period.year,
        target=target,
        actual=latest.text.strip() if latest else "",
        actual_period=latest.period if latest else None,
    )
