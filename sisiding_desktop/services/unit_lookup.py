"""Find many units by name or alias at once, as :func:`services.units.resolve_unit` finds one."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.unit_names import normalize_unit_name
from sisiding_desktop.store.models import UnitAliasRow, UnitRow

_CHUNK = 500  # names per query, well below every database's limit on parameters


def resolve_units(s: Session, names: Iterable[str]) -> dict[str, UnitRow | None]:
    """Each name → the unit whose name, or else whose alias, is the name normalised (None if there is none)."""
    wanted = {name: normalize_unit_name(name) for name in names}
    keys = sorted(set(wanted.values()))
    by_name: dict[str, UnitRow] = {}
    by_alias: dict[str, UnitRow] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        by_name.update((row.name, row) for row in s.scalars(select(UnitRow).where(UnitRow.name.in_(chunk))))
        aliases = select(UnitAliasRow.alias, UnitRow).join(UnitRow).where(UnitAliasRow.alias.in_(chunk))
        by_alias.update((alias, row) for alias, row in s.execute(aliases))
    return {name: by_name.get(key) or by_alias.get(key) for name, key in wanted.items()}
