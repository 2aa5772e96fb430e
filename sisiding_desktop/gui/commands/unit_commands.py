"""Undo steps on the shared unit list: create, delete, rename, merge, aliases."""

from __future__ import annotations

from sisiding_desktop.domain.model import Unit
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import INDICATORS, PROGRESS, TREE, UNITS, Session
from sisiding_desktop.services.units import MergeSnapshot, UnitSnapshot

UNIT_KINDS = (UNITS, TREE, PROGRESS, INDICATORS)


class RenameUnit(ServiceCommand):
    """Rename; the old name stays an alias. Undo renames back without leaving the new name behind."""

    kinds = UNIT_KINDS

    def __init__(self, session: Session, unit: Unit, name: str) -> None:
        super().__init__(session, f"重命名单位：{unit.name} → {name}")
        self.unit_id, self.before, self.after, self.shown = unit.id, unit.name, name, unit.version

    def apply(self) -> None:
        self._save(self.after, keep_old=True)

    def revert(self) -> None:
        self._save(self.before, keep_old=False)

    def _save(self, name: str, *, keep_old: bool) -> None:
        units = self.session.services.units
        self.versioned(
            ("unit", self.unit_id),
            self.shown,
            lambda expected: units.rename_unit(self.unit_id, name, keep_old_as_alias=keep_old, expected=expected),
        )

    def again(self) -> ServiceCommand:
        return RenameUnit(self.session, self.session.services.units.get_unit(self.unit_id), self.after)


class MergeUnits(ServiceCommand):
    """Fold one unit into another; undo splits them again."""

    kinds = UNIT_KINDS

    def __init__(self, session: Session, keep: Unit, drop: Unit) -> None:
        super().__init__(session, f"合并单位：{drop.name} → {keep.name}")
        self.keep_id, self.drop_id = keep.id, drop.id
        self.snapshot: MergeSnapshot | None = None

    def apply(self) -> None:
        _, self.snapshot = self.session.services.units.merge_units_keeping(self.keep_id, self.drop_id)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.session.services.units.unmerge_units(self.snapshot)


class AddAlias(ServiceCommand):
    kinds = (UNITS,)

    def __init__(self, session: Session, unit: Unit, alias: str) -> None:
        super().__init__(session, f"添加别名：{alias}")
        self.unit_id, self.alias, self.shown = unit.id, alias.strip(), unit.version

    def apply(self) -> None:
        _alias(self, add=True)

    def revert(self) -> None:
        _alias(self, add=False)


class RemoveAlias(ServiceCommand):
    kinds = (UNITS,)

    def __init__(self, session: Session, unit: Unit, alias: str) -> None:
        super().__init__(session, f"删除别名：{alias}")
        self.unit_id, self.alias, self.shown = unit.id, alias, unit.version

    def apply(self) -> None:
        _alias(self, add=False)

    def revert(self) -> None:
        _alias(self, add=True)


class CreateUnit(ServiceCommand):
    """A new unit; undo deletes it (while nothing uses it), redo puts the same unit (same id) back."""

    kinds = (UNITS,)

    def __init__(self, session: Session, name: str, short_name: str = "", kind: str = "") -> None:
        super().__init__(session, f"新建单位：{name.strip()}")
        self.name, self.short_name, self.kind = name.strip(), short_name.strip(), kind.strip()
        self.unit_id = 0
        self.snapshot: UnitSnapshot | None = None

    def apply(self) -> None:
        units = self.session.services.units
        if self.snapshot is None:
            self.unit_id = units.create_unit(self.name, self.short_name, self.kind).id
        else:
            units.restore_unit(self.snapshot)

    def revert(self) -> None:
        self.snapshot = self.session.services.units.delete_unit(self.unit_id)


class DeleteUnit(ServiceCommand):
    """Delete a unit nothing uses; undo brings it back with its id and aliases."""

    kinds = (UNITS,)

    def __init__(self, session: Session, unit: Unit) -> None:
        super().__init__(session, f"删除单位：{unit.name}")
        self.unit_id = unit.id
        self.snapshot: UnitSnapshot | None = None

    def apply(self) -> None:
        self.snapshot = self.session.services.units.delete_unit(self.unit_id)

    def revert(self) -> None:
        assert self.snapshot is not None
        self.session.services.units.restore_unit(self.snapshot)


def _alias(command: AddAlias | RemoveAlias, *, add: bool) -> None:
    """Add or remove the command's alias, saved against the unit's version."""
    units = command.session.services.units
    change = units.add_alias if add else units.remove_alias
    command.versioned(
        ("unit", command.unit_id),
        command.shown,
        lambda expected: change(command.unit_id, command.alias, expected=expected),
    )
