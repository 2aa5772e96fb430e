"""Find many units by name or alias at once, as :func:`services.units.resolve_unit` finds one."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.unit_matching import level_variant, name_level, region_level
from sisiding_desktop.domain.unit_names import normalize_unit_name
from sisiding_desktop.store.models import (
    AssignmentRow,
    IndicatorResponsibleRow,
    IndicatorRow,
    NodeRow,
    PlanRow,
    UnitAliasRow,
    UnitRow,
)

_CHUNK = 500  # names per query, well below every database's limit on parameters


def resolve_units(s: Session, names: Iterable[str], level: str | None = None) -> dict[str, UnitRow | None]:
    """Each name → the unit whose name, or else whose alias, is the name normalised (None if there is none).

    With the plan's own ``level`` (县, 市 …, see :func:`domain.unit_matching.plan_level`), a name not found
    as written is also looked up with or without that level prefix: 水利局 finds a stored 县水利局, and
    县水利局 a stored 水利局 — the latter only when every plan naming the stored unit is of that level too,
    for a bare name means the bureau of whatever level the plan naming it was."""
    wanted = {name: normalize_unit_name(name) for name in names}
    variants = {key: level_variant(key, level) for key in set(wanted.values())} if level else {}
    found = _by_name_or_alias(s, set(wanted.values()) | {v for v in variants.values() if v})
    result: dict[str, UnitRow | None] = {}
    unsure: dict[str, UnitRow] = {}  # name → a stored bare unit found for its prefixed variant
    for name, key in wanted.items():
        row = found.get(key)
        variant = variants.get(key)
        if row is None and variant:
            row = found.get(variant)
            if row is not None and name_level(key) == level and not name_level(row.name):
                unsure[name], row = row, None
        result[name] = row
    if unsure:
        levels = _plan_levels(s, {row.id for row in unsure.values()})
        for name, row in unsure.items():
            if levels.get(row.id) == {level}:
                result[name] = row
    return result


def _by_name_or_alias(s: Session, keys: set[str]) -> dict[str, UnitRow]:
    ordered = sorted(keys)
    by_name: dict[str, UnitRow] = {}
    by_alias: dict[str, UnitRow] = {}
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        by_name.update((row.name, row) for row in s.scalars(select(UnitRow).where(UnitRow.name.in_(chunk))))
        aliases = select(UnitAliasRow.alias, UnitRow).join(UnitRow).where(UnitAliasRow.alias.in_(chunk))
        by_alias.update((alias, row) for alias, row in s.execute(aliases))
    return {key: row for key in ordered if (row := by_name.get(key) or by_alias.get(key)) is not None}


def _plan_levels(s: Session, unit_ids: set[int]) -> dict[int, set[str | None]]:
    """Unit id → the levels (from region, else title) of the plans whose nodes or indicators name it."""
    ids = sorted(unit_ids)
    levels: dict[int, set[str | None]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        nodes = (
            select(AssignmentRow.unit_id, PlanRow.region, PlanRow.title)
            .join(NodeRow, NodeRow.id == AssignmentRow.node_id)
            .join(PlanRow, PlanRow.id == NodeRow.plan_id)
            .where(AssignmentRow.unit_id.in_(chunk))
        )
        indicators = (
            select(IndicatorResponsibleRow.unit_id, PlanRow.region, PlanRow.title)
            .join(IndicatorRow, IndicatorRow.id == IndicatorResponsibleRow.indicator_id)
            .join(PlanRow, PlanRow.id == IndicatorRow.plan_id)
            .where(IndicatorResponsibleRow.unit_id.in_(chunk))
        )
        for query in (nodes, indicators):
            for unit_id, region, title in s.execute(query.distinct()):
                levels.setdefault(unit_id, set()).add(region_level(region or "") or region_level(title or ""))
    return levels
