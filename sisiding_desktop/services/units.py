"""Units (单位): the shared list, aliases, assigning them to nodes, merging two."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.model import Node, NodeKind, Role, Unit
from sisiding_desktop.domain.unit_names import normalize_unit_name
from sisiding_desktop.services.base import Service, get_row, now
from sisiding_desktop.services.conflicts import Edited, bump, check_version, saving
from sisiding_desktop.services.convert import unit_value
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.store.bulk import put_back, row_values
from sisiding_desktop.store.models import (
    AssignmentRow,
    IndicatorResponsibleRow,
    NodeRow,
    PlanRow,
    UnitAliasRow,
    UnitRow,
)
from sisiding_desktop.store.text_order import code_point_order

MAX_NAME = 200
MAX_SHORT_NAME = 100
MAX_KIND = 20


@dataclass(frozen=True)
class UnitTask:
    """A node a unit is responsible for, and how (lead or support)."""

    plan_id: int
    plan_title: str
    node_id: int
    kind: NodeKind
    text: str
    role: Role


@dataclass(frozen=True)
class MergeSnapshot:
    """What a merge changed, so ``unmerge_units`` can split the two units again."""

    keep_id: int
    drop: dict  # the dropped unit's row
    drop_aliases: tuple[str, ...]
    assignments: tuple[dict, ...]  # the dropped unit's assignment rows as they were
    responsible: tuple[dict, ...]  # the dropped unit's indicator rows as they were
    keep_indicators: tuple[int, ...]  # indicators the kept unit was already responsible for


@dataclass(frozen=True)
class UnitUsage:
    """How many items of all plans name a unit: nodes it leads or supports, indicators it is responsible for."""

    unit_id: int
    name: str
    lead: int = 0  # nodes (tasks, measures, groups) it leads
    support: int = 0  # nodes it supports
    local: int = 0  # nodes it answers for as a local government (责任单位)
    nodes: int = 0  # distinct nodes, in any role
    indicators: int = 0

    @property
    def total(self) -> int:
        return self.nodes + self.indicators

    def describe(self) -> str:
        """“3 项任务/措施（牵头 2 项、配合 1 项）、1 项指标”."""
        parts = []
        if self.nodes:
            counts = (("牵头", self.lead), ("配合", self.support), ("责任", self.local))
            roles = [f"{label} {n} 项" for label, n in counts if n]
            parts.append(f"{self.nodes} 项任务/措施（{'、'.join(roles)}）")
        if self.indicators:
            parts.append(f"{self.indicators} 项指标")
        return "、".join(parts) or "没有任务、措施或指标"


@dataclass(frozen=True)
class UnitSnapshot:
    """A deleted unit's row and aliases, so ``restore_unit`` can put it back with the same id."""

    unit: dict
    aliases: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.unit["name"]


class UnitService(Service):
    def list_units(self) -> list[Unit]:
        with self.db.reading() as s:
            return [unit_value(r) for r in s.scalars(select(UnitRow).order_by(code_point_order(UnitRow.name)))]

    def get_unit(self, unit_id: int) -> Unit:
        with self.db.reading() as s:
            return unit_value(get_row(s, UnitRow, unit_id, "单位"))

    def find_unit(self, name: str) -> Unit | None:
        """The unit called ``name`` or known by it as an alias."""
        with self.db.reading() as s:
            row = resolve_unit(s, name)
            return unit_value(row) if row else None

    def check_new_name(self, name: str) -> str:
        """The name as it would be stored for a new unit; ServiceError when empty, too long or already taken."""
        with self.db.reading() as s:
            return _free_name(s, name)

    def create_unit(self, name: str, short_name: str = "", kind: str = "") -> Unit:
        with self.db.transaction() as s:
            name = _free_name(s, name)
            if len(short_name.strip()) > MAX_SHORT_NAME:
                raise ServiceError(f"单位简称过长（超过 {MAX_SHORT_NAME} 个字）。")
            if len(kind.strip()) > MAX_KIND:
                raise ServiceError(f"单位类别过长（超过 {MAX_KIND} 个字）。")
            row = ensure_unit(s, name)
            row.short_name, row.kind = short_name.strip(), kind.strip()
            s.flush()
            self.log(s, "create", "unit", row.id, new=name)
            return unit_value(row)

    def unit_usage(self, unit_id: int) -> UnitUsage:
        """How many nodes (of every plan) and indicators name the unit."""
        with self.db.reading() as s:
            return _usage(s, get_row(s, UnitRow, unit_id, "单位"))

    def check_deletable(self, unit_id: int) -> UnitUsage:
        """The unit's usage when nothing uses it; ServiceError saying what uses it (and to merge instead) otherwise."""
        with self.db.reading() as s:
            return _unused(s, get_row(s, UnitRow, unit_id, "单位"))

    def delete_unit(self, unit_id: int) -> UnitSnapshot:
        """Delete a unit no task, measure or indicator uses; the snapshot can restore it with its aliases."""
        with self.db.transaction() as s:
            row = get_row(s, UnitRow, unit_id, "单位")
            _unused(s, row)
            snapshot = UnitSnapshot(
                unit=row_values(row),
                aliases=tuple(a.alias for a in row.aliases),
            )
            self.log(s, "delete", "unit", unit_id, old=row.name)
            s.delete(row)
            s.flush()
            return snapshot

    def restore_unit(self, snapshot: UnitSnapshot) -> Unit:
        """Put a deleted unit back with its id, name and aliases, unless another unit took one of the names."""
        with self.db.transaction() as s:
            unit_id = snapshot.unit["id"]
            if s.get(UnitRow, unit_id) is not None:
                raise ServiceError(f"单位“{snapshot.name}”已经存在，无法恢复。")
            for name in (snapshot.name, *snapshot.aliases):
                holder = resolve_unit(s, name)
                if holder is not None:
                    raise ServiceError(
                        f"“{name}”现在是单位“{holder.name}”的名称或别名，无法恢复单位“{snapshot.name}”。"
                    )
            put_back(s, UnitRow, [snapshot.unit])
            row = get_row(s, UnitRow, unit_id, "单位")
            for alias in snapshot.aliases:
                s.add(UnitAliasRow(unit_id=unit_id, alias=alias))
            s.flush()
            s.refresh(row)
            self.log(s, "restore", "unit", unit_id, new=row.name)
            return unit_value(row)

    def rename_unit(
        self, unit_id: int, new_name: str, keep_old_as_alias: bool = True, *, expected: int | None = None
    ) -> Unit:
        """Rename; the old name stays an alias so old tables still match (县水利局 → 县水务局).

        ``expected``: the unit's version the desk showed (None: no check).
        """
        edited = unit_edited(unit_id)
        with saving(self.db, edited) as s:
            row = get_row(s, UnitRow, unit_id, "单位")
            check_version(s, row.version, expected, edited)
            new_name = _checked_name(new_name)
            other = resolve_unit(s, new_name)
            if other is not None and other.id != unit_id:
                raise ServiceError(f"已有名为“{new_name}”的单位；要把两个单位并为一个，请用“合并单位”。")
            old = row.name
            if old == new_name:
                return unit_value(row)
            s.execute(delete(UnitAliasRow).where(UnitAliasRow.alias == new_name))
            row.name = new_name
            bump(row)
            if keep_old_as_alias:
                s.add(UnitAliasRow(unit_id=unit_id, alias=old))
            s.flush()
            s.refresh(row)
            self.log(s, "rename", "unit", unit_id, field="name", old=old, new=new_name)
            return unit_value(row)

    def add_alias(self, unit_id: int, alias: str, *, expected: int | None = None) -> Unit:
        edited = unit_edited(unit_id)
        with saving(self.db, edited) as s:
            row = get_row(s, UnitRow, unit_id, "单位")
            check_version(s, row.version, expected, edited)
            alias = _checked_name(alias)
            holder = resolve_unit(s, alias)
            if holder is not None:
                raise ServiceError(f"“{alias}”已经是单位“{holder.name}”的名称或别名。")
            s.add(UnitAliasRow(unit_id=unit_id, alias=alias))
            bump(row)
            s.flush()
            s.refresh(row)
            self.log(s, "add_alias", "unit", unit_id, new=alias)
            return unit_value(row)

    def remove_alias(self, unit_id: int, alias: str, *, expected: int | None = None) -> Unit:
        edited = unit_edited(unit_id)
        with saving(self.db, edited) as s:
            row = get_row(s, UnitRow, unit_id, "单位")
            check_version(s, row.version, expected, edited)
            s.execute(delete(UnitAliasRow).where(UnitAliasRow.unit_id == unit_id, UnitAliasRow.alias == alias))
            bump(row)
            s.flush()
            s.refresh(row)
            self.log(s, "remove_alias", "unit", unit_id, old=alias)
            return unit_value(row)

    def assign_units(self, node_id: int, role: Role, names: Sequence[str], *, expected: int | None = None) -> Node:
        """Make ``names`` (in order) the node's units for ``role``; unknown names become new units.

        ``expected``: the node's version the desk showed (None: no check); its units count as its own fields.
        """
        from sisiding_desktop.services.nodes import NodeService, node_edited

        role = Role(role)
        edited = node_edited(node_id)
        with saving(self.db, edited) as s:
            node = get_row(s, NodeRow, node_id, "条目")
            check_version(s, node.version, expected, edited)
            before = _names(s, node_id, role)
            set_assignments(s, node_id, role, names)
            after = _names(s, node_id, role)
            if before != after:
                node.updated_at = now()
                bump(node)
                self.log(
                    s,
                    "assign",
                    "node",
                    node_id,
                    field=role.value,
                    old="、".join(before),
                    new="、".join(after),
                    plan_id=node.plan_id,
                )
        return NodeService(self.db, self.user).get_node(node_id)

    def merge_units(self, keep_id: int, drop_id: int) -> Unit:
        """Fold ``drop`` into ``keep``: its tasks, indicators and names all follow."""
        if keep_id == drop_id:
            raise ServiceError("不能把单位与它自己合并。")
        with self.db.transaction() as s:
            keep = get_row(s, UnitRow, keep_id, "单位")
            drop = get_row(s, UnitRow, drop_id, "单位")
            for a in s.scalars(select(AssignmentRow).where(AssignmentRow.unit_id == drop_id)).all():
                clash = s.scalar(
                    select(AssignmentRow).where(
                        AssignmentRow.node_id == a.node_id,
                        AssignmentRow.unit_id == keep_id,
                        AssignmentRow.role == a.role,
                    )
                )
                if clash is None:
                    a.unit_id = keep_id
                else:
                    s.delete(a)
            for r in s.scalars(select(IndicatorResponsibleRow).where(IndicatorResponsibleRow.unit_id == drop_id)).all():
                clash = s.get(IndicatorResponsibleRow, (r.indicator_id, keep_id))
                if clash is None:
                    s.add(IndicatorResponsibleRow(indicator_id=r.indicator_id, unit_id=keep_id, position=r.position))
                s.delete(r)
            s.flush()
            aliases = [a.alias for a in drop.aliases] + [drop.name]
            drop_name = drop.name
            s.delete(drop)
            s.flush()
            for alias in aliases:
                s.add(UnitAliasRow(unit_id=keep_id, alias=alias))
            s.flush()
            s.refresh(keep)
            self.log(s, "merge", "unit", keep_id, old=drop_name, new=keep.name)
            return unit_value(keep)

    def merge_units_keeping(self, keep_id: int, drop_id: int) -> tuple[Unit, MergeSnapshot]:
        """``merge_units``, also returning what ``unmerge_units`` needs to undo it."""
        with self.db.reading() as s:
            drop = get_row(s, UnitRow, drop_id, "单位")
            get_row(s, UnitRow, keep_id, "单位")
            snapshot = MergeSnapshot(
                keep_id=keep_id,
                drop={c.key: getattr(drop, c.key) for c in UnitRow.__table__.columns},
                drop_aliases=tuple(a.alias for a in drop.aliases),
                assignments=tuple(
                    {c.key: getattr(a, c.key) for c in AssignmentRow.__table__.columns}
                    for a in s.scalars(select(AssignmentRow).where(AssignmentRow.unit_id == drop_id))
                ),
                responsible=tuple(
                    {c.key: getattr(r, c.key) for c in IndicatorResponsibleRow.__table__.columns}
                    for r in s.scalars(
                        select(IndicatorResponsibleRow).where(IndicatorResponsibleRow.unit_id == drop_id)
                    )
                ),
                keep_indicators=tuple(
                    s.scalars(
                        select(IndicatorResponsibleRow.indicator_id).where(IndicatorResponsibleRow.unit_id == keep_id)
                    )
                ),
            )
        return self.merge_units(keep_id, drop_id), snapshot

    def unmerge_units(self, snapshot: MergeSnapshot) -> Unit:
        """Split a merge again: the dropped unit comes back with its id, names, tasks and indicators."""
        drop_id, keep_id = snapshot.drop["id"], snapshot.keep_id
        names = [*snapshot.drop_aliases, snapshot.drop["name"]]
        with self.db.transaction() as s:
            if s.get(UnitRow, drop_id) is not None:
                raise ServiceError(f"单位“{snapshot.drop['name']}”已经存在，无法撤销合并。")
            get_row(s, UnitRow, keep_id, "单位")
            s.execute(delete(UnitAliasRow).where(UnitAliasRow.unit_id == keep_id, UnitAliasRow.alias.in_(names)))
            put_back(s, UnitRow, [snapshot.drop])
            for alias in snapshot.drop_aliases:
                s.add(UnitAliasRow(unit_id=drop_id, alias=alias))
            ids = [a["id"] for a in snapshot.assignments]
            if ids:
                s.execute(delete(AssignmentRow).where(AssignmentRow.id.in_(ids)))
            put_back(s, AssignmentRow, snapshot.assignments)
            indicator_ids = [r["indicator_id"] for r in snapshot.responsible]
            added = [i for i in indicator_ids if i not in snapshot.keep_indicators]
            if added:
                s.execute(
                    delete(IndicatorResponsibleRow).where(
                        IndicatorResponsibleRow.unit_id == keep_id, IndicatorResponsibleRow.indicator_id.in_(added)
                    )
                )
            for values in snapshot.responsible:
                s.add(IndicatorResponsibleRow(**values))
            s.flush()
            self.log(s, "unmerge", "unit", drop_id, old=s.get(UnitRow, keep_id).name, new=snapshot.drop["name"])
            return unit_value(s.get(UnitRow, drop_id))

    def unit_tasks(self, unit_id: int, plan_id: int | None = None) -> list[UnitTask]:
        """The nodes the unit leads, supports or answers for locally (own assignments), plan by plan in tree
        order."""
        with self.db.reading() as s:
            get_row(s, UnitRow, unit_id, "单位")
            query = (
                select(PlanRow.id, PlanRow.title, NodeRow.id, NodeRow.kind, NodeRow.text, AssignmentRow.role)
                .join(NodeRow, NodeRow.id == AssignmentRow.node_id)
                .join(PlanRow, PlanRow.id == NodeRow.plan_id)
                .where(AssignmentRow.unit_id == unit_id)
                .order_by(PlanRow.id, NodeRow.id)
            )
            if plan_id is not None:
                query = query.where(PlanRow.id == plan_id)
            return [
                UnitTask(pid, title, nid, NodeKind(kind), text, Role(role))
                for pid, title, nid, kind, text, role in s.execute(query)
            ]


def resolve_unit(s: Session, name: str) -> UnitRow | None:
    """The unit whose name or alias is ``name`` (normalised), if any."""
    name = normalize_unit_name(name)
    row = s.scalar(select(UnitRow).where(UnitRow.name == name))
    if row is None:
        row = s.scalar(select(UnitRow).join(UnitAliasRow).where(UnitAliasRow.alias == name))
    return row


def ensure_unit(s: Session, name: str) -> UnitRow:
    """The unit called ``name``, created if it is new."""
    row = resolve_unit(s, name)
    if row is None:
        row = UnitRow(name=_checked_name(name), created_at=now())
        s.add(row)
        s.flush()
    return row


def set_assignments(s: Session, node_id: int, role: Role, names: Sequence[str]) -> None:
    """Replace the node's ``role`` units by ``names`` within the caller's transaction."""
    s.execute(delete(AssignmentRow).where(AssignmentRow.node_id == node_id, AssignmentRow.role == role.value))
    seen: set[int] = set()
    for name in names:
        unit = ensure_unit(s, name)
        if unit.id in seen:
            continue
        seen.add(unit.id)
        s.add(AssignmentRow(node_id=node_id, unit_id=unit.id, role=role.value, position=len(seen) - 1))
    s.flush()


def _names(s: Session, node_id: int, role: Role) -> list[str]:
    return list(
        s.scalars(
            select(UnitRow.name)
            .join(AssignmentRow, AssignmentRow.unit_id == UnitRow.id)
            .where(AssignmentRow.node_id == node_id, AssignmentRow.role == role.value)
            .order_by(AssignmentRow.position)
        )
    )


def _free_name(s: Session, name: str) -> str:
    name = _checked_name(name)
    holder = resolve_unit(s, name)
    if holder is not None:
        if holder.name == name:
            raise ServiceError(f"单位“{name}”已经存在，不能重复新建。")
        raise ServiceError(
            f"“{name}”已经是单位“{holder.name}”的别名，不能再新建同名单位；需要时可直接使用“{holder.name}”。"
        )
    return name


def _usage(s: Session, row: UnitRow) -> UnitUsage:
    def count(query) -> int:
        return int(s.scalar(query) or 0)

    by_unit = AssignmentRow.unit_id == row.id
    return UnitUsage(
        unit_id=row.id,
        name=row.name,
        lead=count(select(func.count()).where(by_unit, AssignmentRow.role == Role.LEAD.value)),
        support=count(select(func.count()).where(by_unit, AssignmentRow.role == Role.SUPPORT.value)),
        local=count(select(func.count()).where(by_unit, AssignmentRow.role == Role.LOCAL.value)),
        nodes=count(select(func.count(func.distinct(AssignmentRow.node_id))).where(by_unit)),
        indicators=count(select(func.count()).where(IndicatorResponsibleRow.unit_id == row.id)),
    )


def _unused(s: Session, row: UnitRow) -> UnitUsage:
    usage = _usage(s, row)
    if usage.total:
        raise ServiceError(
            f"单位“{row.name}”还在使用中，不能删除：所有计划中共有 {usage.describe()}用到它。\n"
            f"如果它和另一个单位是同一个单位，请用“合并到另一单位…”把它并入那个单位，它的任务和指标会一并转过去。"
        )
    return usage


def _checked_name(name: str) -> str:
    name = normalize_unit_name(name or "")
    if not name:
        raise ServiceError("单位名称不能为空。")
    if len(name) > MAX_NAME:
        raise ServiceError(f"单位名称过长（超过 {MAX_NAME} 个字）。")
    return name


def unit_edited(unit_id: int) -> Edited:
    return Edited("unit", unit_id, "这个单位")
