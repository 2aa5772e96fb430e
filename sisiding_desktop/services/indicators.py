"""The 主要指标表: indicators, their targets per year and actual values per period."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.model import Indicator, IndicatorAttribute, Period
from sisiding_desktop.services.base import Service, get_row
from sisiding_desktop.services.conflicts import Edited, bump, check_version, saving
from sisiding_desktop.services.convert import indicator_value
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.periods import ensure_period
from sisiding_desktop.services.units import ensure_unit
from sisiding_desktop.store.bulk import put_back
from sisiding_desktop.store.models import (
    IndicatorActualRow,
    IndicatorResponsibleRow,
    IndicatorRow,
    IndicatorTargetRow,
    PlanRow,
    UnitRow,
)

FIELDS = ("category", "name", "measure_unit", "attribute", "base_value", "notes")
# The longest text each field holds (the columns' bounds, checked here rather than trusted to the database).
LIMITS = {
    "category": ("指标类型", 200),
    "name": ("指标名称", 500),
    "measure_unit": ("单位", 50),
    "base_value": ("基期值", 200),
}
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class IndicatorSnapshot:
    """Everything a deleted indicator held, so ``restore_indicator`` can put it back as it was."""

    plan_id: int
    indicator: dict  # the indicator's row, id and position included
    targets: tuple[dict, ...]
    responsible: tuple[tuple[int, str, int], ...]  # (unit id, unit name, position)
    actuals: tuple[dict, ...]  # with "year" and "quarter" in place of the period's id

    @property
    def name(self) -> str:
        return self.indicator["name"]


def number_in(text: str) -> float | None:
    """The first number written in ``text`` (“≥95%” → 95.0), or None."""
    match = _NUMBER.search((text or "").replace(",", "").replace("，", ""))
    return float(match.group()) if match else None


class IndicatorService(Service):
    def list_indicators(self, plan_id: int) -> list[Indicator]:
        with self.db.reading() as s:
            rows = s.scalars(
                select(IndicatorRow).where(IndicatorRow.plan_id == plan_id).order_by(IndicatorRow.position)
            ).all()
            return [_value(s, r) for r in rows]

    def add_indicator(
        self,
        plan_id: int,
        name: str,
        *,
        category: str = "",
        measure_unit: str = "",
        attribute: IndicatorAttribute | None = None,
        base_value: str = "",
        responsible: Sequence[str] = (),
        targets: dict[int, str] | None = None,
    ) -> Indicator:
        if not name.strip():
            raise ServiceError("指标名称不能为空。")
        _check_lengths(category=category, name=name, measure_unit=measure_unit, base_value=base_value)
        with self.db.transaction() as s:
            get_row(s, PlanRow, plan_id, "计划")
            position = s.scalar(select(func.count()).where(IndicatorRow.plan_id == plan_id))
            row = IndicatorRow(
                plan_id=plan_id,
                position=position,
                category=category.strip(),
                name=name.strip(),
                measure_unit=measure_unit.strip(),
                attribute=IndicatorAttribute(attribute).value if attribute else None,
                base_value=base_value.strip(),
            )
            s.add(row)
            s.flush()
            _set_responsible(s, row, responsible)
            for year, text in (targets or {}).items():
                _set_target(s, row, year, text)
            self.log(s, "add", "indicator", row.id, new=row.name, plan_id=plan_id)
            return _value(s, row)

    def update_indicator(self, indicator_id: int, *, expected: int | None = None, **changes: object) -> Indicator:
        """Change the indicator's fields; ``expected`` is its version the desk showed (None: no check)."""
        unknown = set(changes) - set(FIELDS) - {"responsible"}
        if unknown:
            raise ServiceError(f"指标没有这些字段：{'、'.join(sorted(unknown))}。")
        if "name" in changes and not str(changes["name"] or "").strip():
            raise ServiceError("指标名称不能为空。")
        _check_lengths(**{k: v for k, v in changes.items() if k in LIMITS})
        with self._saving(indicator_id, expected) as (s, row):
            for name, value in changes.items():
                if name == "responsible":
                    _set_responsible(s, row, value)  # type: ignore[arg-type]
                    continue
                if name == "attribute":
                    value = IndicatorAttribute(value).value if value else None
                old = getattr(row, name)
                if old != value:
                    setattr(row, name, value)
                    self.log(
                        s,
                        "update",
                        "indicator",
                        indicator_id,
                        field=name,
                        old=old,
                        new=value,
                        plan_id=row.plan_id,
                    )
            return _value(s, row)

    @contextmanager
    def _saving(self, indicator_id: int, expected: int | None) -> Iterator[tuple[Session, IndicatorRow]]:
        """The transaction of a change to one indicator (fields, targets, actuals), its version checked."""
        edited = Edited("indicator", indicator_id, "这个指标")
        with saving(self.db, edited) as s:
            row = get_row(s, IndicatorRow, indicator_id, "指标")
            check_version(s, row.version, expected, edited)
            bump(row)  # its fields, targets, actuals or responsible units change
            yield s, row

    def get_indicator(self, indicator_id: int) -> Indicator:
        with self.db.reading() as s:
            return _value(s, get_row(s, IndicatorRow, indicator_id, "指标"))

    def delete_indicator(self, indicator_id: int) -> IndicatorSnapshot:
        """Delete the indicator with its targets and actual values; the snapshot can restore all of it."""
        with self.db.transaction() as s:
            row = get_row(s, IndicatorRow, indicator_id, "指标")
            snapshot = _snapshot(s, row)
            self.log(s, "delete", "indicator", indicator_id, old=row.name, plan_id=row.plan_id)
            others = [r for r in _indicator_rows(s, row.plan_id) if r.id != row.id]
            s.delete(row)
            s.flush()
            _renumber(others)
            return snapshot

    def restore_indicator(self, snapshot: IndicatorSnapshot) -> Indicator:
        """Put a deleted indicator back in its place, with its id, targets, responsible units and actual values."""
        values = snapshot.indicator
        with self.db.transaction() as s:
            get_row(s, PlanRow, snapshot.plan_id, "计划")
            if s.get(IndicatorRow, values["id"]) is not None:
                raise ServiceError(f"指标“{snapshot.name}”已经存在，无法恢复。")
            for unit_id, unit_name, _ in snapshot.responsible:
                if s.get(UnitRow, unit_id) is None:
                    raise ServiceError(f"指标“{snapshot.name}”的责任单位“{unit_name}”已不存在，无法恢复该指标。")
            others = _indicator_rows(s, snapshot.plan_id)
            put_back(s, IndicatorRow, [values])
            row = get_row(s, IndicatorRow, values["id"], "指标")
            others.insert(min(values["position"], len(others)), row)
            _renumber(others)
            for target in snapshot.targets:
                s.add(IndicatorTargetRow(**target))
            for unit_id, _, position in snapshot.responsible:
                s.add(IndicatorResponsibleRow(indicator_id=row.id, unit_id=unit_id, position=position))
            for actual in snapshot.actuals:
                actual = dict(actual)
                period = ensure_period(s, Period(actual.pop("year"), actual.pop("quarter")))
                s.add(IndicatorActualRow(period_id=period.id, **actual))
            s.flush()
            s.expire(row, ["targets", "responsible"])
            self.log(s, "restore", "indicator", row.id, new=row.name, plan_id=row.plan_id)
            return _value(s, row)

    def set_target(self, indicator_id: int, year: int, text: str, *, expected: int | None = None) -> Indicator:
        """The target for ``year`` as written (empty text removes it); ``expected`` as in ``update_indicator``."""
        with self._saving(indicator_id, expected) as (s, row):
            old = _set_target(s, row, year, text)
            self.log(
                s,
                "set_target",
                "indicator",
                indicator_id,
                field=str(year),
                old=old,
                new=text.strip(),
                plan_id=row.plan_id,
            )
            return _value(s, row)

    def set_actual(
        self, indicator_id: int, period: Period, text: str, note: str = "", *, expected: int | None = None
    ) -> Indicator:
        """The value reached in ``period`` as written (empty text and note remove it); ``expected`` as in
        ``update_indicator``."""
        text, note = text.strip(), note.strip()
        with self._saving(indicator_id, expected) as (s, row):
            period_row = ensure_period(s, period)
            actual = s.scalar(
                select(IndicatorActualRow).where(
                    IndicatorActualRow.indicator_id == indicator_id,
                    IndicatorActualRow.period_id == period_row.id,
                )
            )
            old = actual.text if actual else ""
            if not text and not note:
                if actual:
                    s.delete(actual)
            elif actual is None:
                s.add(
                    IndicatorActualRow(
                        indicator_id=indicator_id,
                        period_id=period_row.id,
                        text=text,
                        value=number_in(text),
                        note=note,
                    )
                )
            else:
                actual.text, actual.value, actual.note = text, number_in(text), note
            self.log(
                s,
                "set_actual",
                "indicator",
                indicator_id,
                field=period.code,
                old=old,
                new=text,
                plan_id=row.plan_id,
            )
            s.flush()
            return _value(s, row)


_CAP_WORDS = ("≤", "<", "＜", "以内", "以下", "不超过", "不高于", "控制在", "上限")
_CAP_NAMES = ("总量", "用水量", "耗水量", "取水量", "开采量")


def is_cap(indicator: Indicator, target_text: str) -> bool:
    """True when the target is an upper limit (用水总量 ≤ 6.17), False when it is a floor to reach."""
    if any(word in target_text for word in _CAP_WORDS):
        return True
    if "下降" in indicator.name or any(word in target_text for word in ("≥", ">", "以上", "不低于", "达到")):
        return False
    return any(word in indicator.name for word in _CAP_NAMES)


def misses_target(indicator: Indicator, period: Period) -> bool:
    """A 约束性 indicator whose actual in ``period`` falls short of (or exceeds, for a cap) that year's target."""
    if indicator.attribute is not IndicatorAttribute.BINDING:
        return False
    actual = next((a for a in indicator.actuals if a.period == period), None)
    target = next((t for t in indicator.targets if t.year == period.year), None)
    if actual is None or target is None or actual.value is None or target.value is None:
        return False
    if is_cap(indicator, target.text):
        return actual.value > target.value
    return actual.value < target.value


def _set_target(s: Session, row: IndicatorRow, year: int, text: str) -> str:
    if not 1900 <= int(year) <= 2999:
        raise ServiceError(f"目标年份不合理：{year}。")
    text = (text or "").strip()
    target = s.scalar(
        select(IndicatorTargetRow).where(IndicatorTargetRow.indicator_id == row.id, IndicatorTargetRow.year == year)
    )
    old = target.text if target else ""
    if not text:
        if target:
            s.delete(target)
    elif target is None:
        s.add(IndicatorTargetRow(indicator_id=row.id, year=int(year), text=text, value=number_in(text)))
    else:
        target.text, target.value = text, number_in(text)
    s.flush()
    s.expire(row, ["targets"])
    return old


def _set_responsible(s: Session, row: IndicatorRow, names: Sequence[str]) -> None:
    for old in list(row.responsible):
        s.delete(old)
    s.flush()
    seen: list[int] = []
    for name in names:
        unit = ensure_unit(s, name)
        if unit.id not in seen:
            seen.append(unit.id)
            s.add(IndicatorResponsibleRow(indicator_id=row.id, unit_id=unit.id, position=len(seen) - 1))
    s.flush()
    s.expire(row, ["responsible"])


def _check_lengths(**fields: object) -> None:
    for key, value in fields.items():
        label, limit = LIMITS[key]
        if len(str(value or "").strip()) > limit:
            raise ServiceError(f"{label}过长（超过 {limit} 个字）。")


def _indicator_rows(s: Session, plan_id: int) -> list[IndicatorRow]:
    return list(
        s.scalars(
            select(IndicatorRow).where(IndicatorRow.plan_id == plan_id).order_by(IndicatorRow.position, IndicatorRow.id)
        )
    )


def _renumber(rows: list[IndicatorRow]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position


def _columns(row, table) -> dict:
    return {c.key: getattr(row, c.key) for c in table.columns}


def _snapshot(s: Session, row: IndicatorRow) -> IndicatorSnapshot:
    actuals = s.scalars(select(IndicatorActualRow).where(IndicatorActualRow.indicator_id == row.id)).all()
    return IndicatorSnapshot(
        plan_id=row.plan_id,
        indicator=_columns(row, IndicatorRow.__table__),
        targets=tuple(_columns(t, IndicatorTargetRow.__table__) for t in row.targets),
        responsible=tuple((r.unit_id, r.unit.name, r.position) for r in row.responsible),
        actuals=tuple(
            {
                "id": a.id,
                "indicator_id": a.indicator_id,
                "year": a.period.year,
                "quarter": a.period.quarter,
                "text": a.text,
                "value": a.value,
                "note": a.note,
            }
            for a in actuals
        ),
    )


def _value(s: Session, row: IndicatorRow) -> Indicator:
    actuals = s.scalars(select(IndicatorActualRow).where(IndicatorActualRow.indicator_id == row.id)).all()
    return indicator_value(row, list(actuals))
