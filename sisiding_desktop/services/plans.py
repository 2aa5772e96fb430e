"""Plans (方案): list, create, edit, duplicate, delete, and read a whole plan."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from sisiding_desktop.domain.model import Indicator, Node, Plan
from sisiding_desktop.domain.numbering import label_style, parse_styles, styles_text
from sisiding_desktop.services.base import Service, get_row, now
from sisiding_desktop.services.conflicts import Edited, bump, check_version, saving
from sisiding_desktop.services.convert import indicator_value, plan_value
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.tree import read_tree
from sisiding_desktop.store.bulk import put_back, row_values
from sisiding_desktop.store.models import (
    AssignmentRow,
    IndicatorActualRow,
    IndicatorResponsibleRow,
    IndicatorRow,
    IndicatorTargetRow,
    NodeRow,
    PlanRow,
    ProgressRow,
)

EDITABLE_FIELDS = (
    "title",
    "region",
    "issuer",
    "doc_number",
    "year_from",
    "year_to",
    "attachment_label",
    "source_file",
    "notes",
    "task_numbering",
    "section_numbering",
    "keep_source_numbers",
    "number_styles",
)
MAX_TITLE = 500


@dataclass(frozen=True)
class PlanSnapshot:
    """Every row a deleted plan held, by table, parents first, so an undo can put it back with its ids."""

    plan_id: int
    title: str
    tables: tuple[tuple[str, tuple[dict, ...]], ...]


@dataclass(frozen=True)
class PlanContents:
    """A whole plan as the reports and ``show --json`` need it."""

    plan: Plan
    nodes: tuple[Node, ...]
    indicators: tuple[Indicator, ...]


class PlanService(Service):
    def list_plans(self) -> list[Plan]:
        with self.db.reading() as s:
            return [plan_value(r) for r in s.scalars(select(PlanRow).order_by(PlanRow.id))]

    def get_plan(self, plan_id: int) -> Plan:
        with self.db.reading() as s:
            return plan_value(get_row(s, PlanRow, plan_id, "计划"))

    def tree(self, plan_id: int) -> tuple[Node, ...]:
        with self.db.reading() as s:
            return read_tree(s, plan_value(get_row(s, PlanRow, plan_id, "计划")))

    def contents(self, plan_id: int) -> PlanContents:
        with self.db.reading() as s:
            plan = plan_value(get_row(s, PlanRow, plan_id, "计划"))
            return PlanContents(plan, read_tree(s, plan), _indicators(s, plan_id))

    def create_plan(self, title: str, **fields: object) -> Plan:
        values = _checked(dict(fields, title=title))
        stamp = now()
        with self.db.transaction() as s:
            row = PlanRow(**values, created_at=stamp, updated_at=stamp)
            s.add(row)
            s.flush()
            self.log(s, "create", "plan", row.id, new=row.title, plan_id=row.id)
            return plan_value(row)

    def update_plan(self, plan_id: int, *, expected: int | None = None, **changes: object) -> Plan:
        """Change the plan's properties; ``expected`` is its version the desk showed (None: no check)."""
        values = _checked(changes)
        edited = Edited("plan", plan_id, "计划的属性")
        with saving(self.db, edited) as s:
            row = get_row(s, PlanRow, plan_id, "计划")
            check_version(s, row.version, expected, edited)
            changed = False
            for name, value in values.items():
                old = getattr(row, name)
                if old != value:
                    setattr(row, name, value)
                    changed = True
                    self.log(s, "update", "plan", plan_id, field=name, old=old, new=value, plan_id=plan_id)
            if changed:
                bump(row)
            row.updated_at = now()
            return plan_value(row)

    def delete_plan(self, plan_id: int) -> None:
        with self.db.transaction() as s:
            row = get_row(s, PlanRow, plan_id, "计划")
            self.log(s, "delete", "plan", plan_id, old=row.title, plan_id=plan_id)
            s.delete(row)

    def delete_plan_keeping(self, plan_id: int) -> PlanSnapshot:
        """Delete the plan like ``delete_plan`` and return what ``restore_plan`` needs to undo it."""
        with self.db.transaction() as s:
            row = get_row(s, PlanRow, plan_id, "计划")
            snapshot = PlanSnapshot(plan_id, row.title, _plan_tables(s, row))
            self.log(s, "delete", "plan", plan_id, old=row.title, plan_id=plan_id)
            s.delete(row)
            return snapshot

    def restore_plan(self, snapshot: PlanSnapshot) -> Plan:
        """Put a deleted plan back, with its ids, tree, units, indicators and progress."""
        with self.db.transaction() as s:
            if s.get(PlanRow, snapshot.plan_id) is not None:
                raise ServiceError(f"计划“{snapshot.title}”已经存在，无法恢复。")
            for table_name, rows in snapshot.tables:
                if rows:
                    put_back(s, _SNAPSHOT_TABLES[table_name], rows)
            self.log(s, "restore", "plan", snapshot.plan_id, new=snapshot.title, plan_id=snapshot.plan_id)
        return self.get_plan(snapshot.plan_id)

    def duplicate_plan(self, plan_id: int, title: str) -> Plan:
        """A copy of the plan's tree, units and indicators (not its progress), e.g. next year's plan."""
        values = _checked({"title": title})
        with self.db.transaction() as s:
            source = get_row(s, PlanRow, plan_id, "计划")
            stamp = now()
            copy = PlanRow(
                **{name: getattr(source, name) for name in EDITABLE_FIELDS},
                created_at=stamp,
                updated_at=stamp,
            )
            copy.title = values["title"]
            s.add(copy)
            s.flush()
            _copy_nodes(s, source.id, copy.id)
            _copy_indicators(s, source.id, copy.id)
            self.log(s, "duplicate", "plan", copy.id, old=source.title, new=copy.title, plan_id=copy.id)
            return plan_value(copy)

    def count_nodes(self, plan_id: int) -> dict[str, int]:
        with self.db.reading() as s:
            rows = s.execute(
                select(NodeRow.kind, func.count()).where(NodeRow.plan_id == plan_id).group_by(NodeRow.kind)
            )
            return {kind: count for kind, count in rows}


def _checked(values: dict[str, object]) -> dict[str, object]:
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(f"计划没有这些字段：{'、'.join(sorted(unknown))}。")
    if "title" in values:
        title = str(values["title"] or "").strip()
        if not title:
            raise ServiceError("计划名称不能为空。")
        if len(title) > MAX_TITLE:
            raise ServiceError(f"计划名称过长（超过 {MAX_TITLE} 个字）。")
        values["title"] = title
    for key in ("task_numbering", "section_numbering"):
        if key in values and values[key] not in ("plan", "parent"):
            raise ServiceError("编号方式只能是“全表连续”（plan）或“按上级重新编号”（parent）。")
    if "number_styles" in values:
        values["number_styles"] = _checked_styles(str(values["number_styles"] or ""))
    if "keep_source_numbers" in values:
        values["keep_source_numbers"] = bool(values["keep_source_numbers"])
    for key in ("year_from", "year_to"):
        if values.get(key) is not None and not 1900 <= int(values[key]) <= 2999:
            raise ServiceError(f"年份不合理：{values[key]}。")
    return values


def _checked_styles(text: str) -> str:
    """Label styles by level ("group1=（一）;task=1"): each level known, each style with one number in it."""
    styles = parse_styles(text)
    for key, style in styles.items():
        if not (key in ("task", "measure") or (key.startswith("group") and key[5:].isdigit())):
            raise ServiceError(f"未知的编号层级：{key}。")
        if label_style(style) is None:
            raise ServiceError(f"编号样式“{style}”中应有一个序号（如 一、（一） 1. ①）。")
    return styles_text(styles)


def _indicators(session, plan_id: int) -> tuple[Indicator, ...]:
    rows = session.scalars(
        select(IndicatorRow).where(IndicatorRow.plan_id == plan_id).order_by(IndicatorRow.position)
    ).all()
    actuals = session.scalars(
        select(IndicatorActualRow).where(IndicatorActualRow.indicator_id.in_([r.id for r in rows]))
    ).all()
    by_indicator: dict[int, list] = {}
    for actual in actuals:
        by_indicator.setdefault(actual.indicator_id, []).append(actual)
    return tuple(indicator_value(r, by_indicator.get(r.id, [])) for r in rows)


def _copy_nodes(session, source_plan: int, target_plan: int) -> None:
    rows = session.scalars(select(NodeRow).where(NodeRow.plan_id == source_plan).order_by(NodeRow.id)).all()
    new_ids: dict[int, int] = {}
    stamp = now()
    for row in rows:  # ids grow with insertion, so parents come first
        copy = NodeRow(
            plan_id=target_plan,
            parent_id=new_ids.get(row.parent_id) if row.parent_id else None,
            position=row.position,
            kind=row.kind,
            text=row.text,
            source_label=row.source_label,
            deadline_text=row.deadline_text,
            deadline_start=row.deadline_start,
            deadline_end=row.deadline_end,
            remarks=row.remarks,
            created_at=stamp,
            updated_at=stamp,
        )
        session.add(copy)
        session.flush()
        new_ids[row.id] = copy.id
        for a in row.assignments:
            session.add(AssignmentRow(node_id=copy.id, unit_id=a.unit_id, role=a.role, position=a.position))


def _copy_indicators(session, source_plan: int, target_plan: int) -> None:
    for row in session.scalars(select(IndicatorRow).where(IndicatorRow.plan_id == source_plan)).all():
        copy = IndicatorRow(
            plan_id=target_plan,
            position=row.position,
            category=row.category,
            name=row.name,
            measure_unit=row.measure_unit,
            attribute=row.attribute,
            base_value=row.base_value,
            notes=row.notes,
        )
        copy.targets = [IndicatorTargetRow(year=t.year, text=t.text, value=t.value) for t in row.targets]
        copy.responsible = [IndicatorResponsibleRow(unit_id=r.unit_id, position=r.position) for r in row.responsible]
        session.add(copy)


_SNAPSHOT_TABLES = {
    t.__tablename__: t
    for t in (
        PlanRow,
        NodeRow,
        AssignmentRow,
        ProgressRow,
        IndicatorRow,
        IndicatorTargetRow,
        IndicatorResponsibleRow,
        IndicatorActualRow,
    )
}


def _plan_tables(session, plan: PlanRow) -> tuple[tuple[str, tuple[dict, ...]], ...]:
    """The plan's rows table by table, in an order that satisfies every foreign key on insert."""
    nodes = session.scalars(select(NodeRow).where(NodeRow.plan_id == plan.id)).all()
    children: dict[int | None, list[NodeRow]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    ordered, level = [], children.get(None, [])
    while level:  # breadth first: every parent before its children
        ordered.extend(level)
        level = [c for n in level for c in children.get(n.id, [])]
    node_ids = [n.id for n in ordered]
    indicators = session.scalars(select(IndicatorRow).where(IndicatorRow.plan_id == plan.id)).all()
    indicator_ids = [i.id for i in indicators]

    def rows(table, items) -> tuple[dict, ...]:
        return tuple(row_values(item) for item in items)

    def owned(table, column, ids) -> tuple[dict, ...]:
        return rows(table, session.scalars(select(table).where(column.in_(ids))).all()) if ids else ()

    return (
        ("plans", rows(PlanRow, [plan])),
        ("nodes", rows(NodeRow, ordered)),
        ("assignments", owned(AssignmentRow, AssignmentRow.node_id, node_ids)),
        ("progress", owned(ProgressRow, ProgressRow.node_id, node_ids)),
        ("indicators", rows(IndicatorRow, indicators)),
        ("indicator_targets", owned(IndicatorTargetRow, IndicatorTargetRow.indicator_id, indicator_ids)),
        ("indicator_responsibles", owned(IndicatorResponsibleRow, IndicatorResponsibleRow.indicator_id, indicator_ids)),
        ("indicator_actuals", owned(IndicatorActualRow, IndicatorActualRow.indicator_id, indicator_ids)),
    )
