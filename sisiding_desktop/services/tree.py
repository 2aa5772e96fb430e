"""Load a plan's node tree as domain values, with derived numbers and units."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.model import Deadline, Node, NodeKind, Plan, Role, UnitRef
from sisiding_desktop.domain.numbering import NumberingInput, derive_numbers
from sisiding_desktop.store.models import AssignmentRow, NodeRow, UnitRow


def load_tree(session: Session, plan: Plan) -> tuple[Node, ...]:
    """The plan's top-level nodes, each with its children, numbered as printed."""
    rows = session.scalars(
        select(NodeRow).where(NodeRow.plan_id == plan.id).order_by(NodeRow.position, NodeRow.id)
    ).all()
    units = _units_by_node(session, plan.id)
    numbers = derive_numbers(
        (NumberingInput(r.id, r.parent_id, NodeKind(r.kind), r.position) for r in rows),
        task_numbering=plan.task_numbering,
        section_numbering=plan.section_numbering,
    )
    children: dict[int | None, list[NodeRow]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)

    def build(row: NodeRow, depth: int, inherited: dict[Role, tuple[UnitRef, ...]]) -> Node:
        own = units.get(row.id, {})
        uses_parent = not own and row.kind == NodeKind.MEASURE.value and any(inherited.values())
        effective = inherited if uses_parent else own
        kids = tuple(build(child, depth + 1, effective) for child in children.get(row.id, ()))
        return Node(
            id=row.id,
            plan_id=row.plan_id,
            parent_id=row.parent_id,
            kind=NodeKind(row.kind),
            position=row.position,
            text=row.text,
            number=numbers.get(row.id, ""),
            source_label=row.source_label,
            deadline=Deadline(row.deadline_text, row.deadline_start, row.deadline_end),
            lead=effective.get(Role.LEAD, ()),
            support=effective.get(Role.SUPPORT, ()),
            inherited_units=uses_parent,
            depth=depth,
            children=kids,
        )

    return tuple(build(row, 0, {}) for row in children.get(None, ()))


def walk(nodes: tuple[Node, ...]):
    """Every node of a tree, parents before children, in printed order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def _units_by_node(session: Session, plan_id: int) -> dict[int, dict[Role, tuple[UnitRef, ...]]]:
    query = (
        select(AssignmentRow.node_id, AssignmentRow.role, UnitRow.id, UnitRow.name)
        .join(UnitRow, UnitRow.id == AssignmentRow.unit_id)
        .join(NodeRow, NodeRow.id == AssignmentRow.node_id)
        .where(NodeRow.plan_id == plan_id)
        .order_by(AssignmentRow.node_id, AssignmentRow.role, AssignmentRow.position)
    )
    grouped: dict[int, dict[Role, list[UnitRef]]] = defaultdict(lambda: defaultdict(list))
    for node_id, role, unit_id, name in session.execute(query):
        grouped[node_id][Role(role)].append(UnitRef(unit_id, name))
    return {node_id: {role: tuple(refs) for role, refs in by_role.items()} for node_id, by_role in grouped.items()}
