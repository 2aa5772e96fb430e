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
        self.unit_id, self.before, self.after = unit.id, unit.name, name

    def apply(self) -> None:
        self.session.services.units.rename_unit(self.unit_id, self.after, keep_old_as_alias=True)

    def revert(self) -> None:
        self.session.services.units.rename_unit(self.unit_id, self.before, keep_old_as_alias=False)


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
        self.unit_id, self.alias = unit.id, alias.strip()

    def apply(self) -> None:
        self.session.services.units.add_alias(self.unit_id, self.alias)

    def revert(self) -> None:
        self.session.services.units.remove_alias(self.unit_id, self.alias)


class RemoveAlias(ServiceCommand):
    kinds = (UNITS,)

    def __init__(self, session: Session, unit: Unit, alias: str) -> None:
        super().__init__(session, f"删除别名：{alias}")
        self.unit_id, self.alias = unit.id, alias

    def apply(self) -> None:
        self.session.services.units.remove_alias(self.unit_id, self.alias)

    def revert(self) -> None:
        self.session.services.units.add_alias(self.unit_id, self.alias)


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
