"""Load a plan's node tree as domain values, with derived numbers and units.

The tree is read as plain column tuples (no ORM objects): a plan of several
thousand rows must open in a fraction of a second. ``read_tree`` also keeps
the last trees read and hands them out again while the database is unchanged.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.model import Deadline, Node, NodeKind, Plan, Role, UnitRef
from sisiding_desktop.domain.numbering import NumberingInput, derive_numbers, parse_styles
from sisiding_desktop.services.collector import collector_paused
from sisiding_desktop.store.engine import change_stamp
from sisiding_desktop.store.models import AssignmentRow, NodeRow, UnitRow
from sisiding_desktop.store.server import tree_stamp

KINDS = {kind.value: kind for kind in NodeKind}
ROLES = {role.value: role for role in Role}
_NO_DEADLINE = Deadline()
_NO_UNITS: dict[Role, tuple[UnitRef, ...]] = {}
_NODES = NodeRow.__table__.c
_ASSIGNMENTS = AssignmentRow.__table__.c
_UNITS = UnitRow.__table__.c
_KEEP_TREES = 4  # trees kept: the last plans read, per database connection


def load_tree(session: Session, plan: Plan) -> tuple[Node, ...]:
    """The plan's top-level nodes, each with its children, numbered as printed.

    Reads what the caller's session sees, pending changes included.
    """
    with collector_paused():
        return _load_tree(session, plan)


def _load_tree(session: Session, plan: Plan) -> tuple[Node, ...]:
    session.flush()  # plain column selects do not flush by themselves
    rows = session.execute(
        select(
            _NODES.id,
            _NODES.parent_id,
            _NODES.kind,
            _NODES.position,
            _NODES.text,
            _NODES.source_label,
            _NODES.deadline_text,
            _NODES.deadline_start,
            _NODES.deadline_end,
            _NODES.remarks,
            _NODES.version,
        )
        .where(_NODES.plan_id == plan.id)
        .order_by(_NODES.position, _NODES.id)
    ).all()
    units = _units_by_node(session, plan.id)
    numbers = derive_numbers(
        (NumberingInput(r[0], r[1], KINDS[r[2]], r[3], r[5], r[4]) for r in rows),
        task_numbering=plan.task_numbering,
        section_numbering=plan.section_numbering,
        styles=parse_styles(plan.number_styles),
        keep_source=plan.keep_source_numbers,
    )
    children: dict[int | None, list] = {}
    for row in rows:
        siblings = children.get(row[1])
        if siblings is None:
            children[row[1]] = [row]
        else:
            siblings.append(row)
    plan_id = plan.id
    measure = NodeKind.MEASURE
    lead_role, support_role, local_role = Role.LEAD, Role.SUPPORT, Role.LOCAL

    def build(row, depth: int, inherited: dict[Role, tuple[UnitRef, ...]]) -> Node:
        node_id, parent_id, kind_value, position, node_text, label, d_text, d_start, d_end, remarks, version = row
        kind = KINDS[kind_value]
        own = units.get(node_id, _NO_UNITS)
        uses_parent = not own and kind is measure and bool(inherited)  # a measure shows its task's units
        effective = inherited if uses_parent else own
        below = children.get(node_id)
        kids = tuple(build(child, depth + 1, effective) for child in below) if below else ()
        if d_text or d_start is not None or d_end is not None:
            deadline = Deadline(d_text, d_start, d_end)
        else:
            deadline = _NO_DEADLINE
        return Node(
            id=node_id,
            plan_id=plan_id,
            parent_id=parent_id,
            kind=kind,
            position=position,
            text=node_text,
            number=numbers.get(node_id, ""),
            source_label=label,
            deadline=deadline,
            lead=effective.get(lead_role, ()),
            support=effective.get(support_role, ()),
            local=effective.get(local_role, ()),
            remarks=remarks,
            inherited_units=uses_parent,
            depth=depth,
            children=kids,
            version=version,
        )

    return tuple(build(row, 0, _NO_UNITS) for row in children.get(None, ()))


# (connection or engine id, plan id, numbering modes) → (that connection or engine, its stamp, tree); the owner
# is kept with its entry so that its id cannot be reused by another one meanwhile.
_trees: dict[tuple, tuple[object, tuple, tuple[Node, ...]]] = {}


def read_tree(session: Session, plan: Plan) -> tuple[Node, ...]:
    """``load_tree`` for a read-only session: the same tree again while nothing was written since.

    Only for sessions that write nothing (``Database.reading``). A file counts
    as unchanged while its connection is the same one, has made no change and
    has seen no commit by another connection (``store.engine.change_stamp``);
    a server database while the plan's rows give the same stamp
    (``store.server.tree_stamp``). The stamp is read before the tree, so a
    commit racing the read only makes the next call read again.
    """
    connection = session.connection()
    found = change_stamp(connection)
    if found is None:  # a server database
        owner, stamp = session.get_bind(), tree_stamp(connection, plan.id)
    else:
        owner, stamp = found
    key = (id(owner), plan.id, plan.task_numbering, plan.section_numbering)
    key += (plan.number_styles, plan.keep_source_numbers)
    kept = _trees.get(key)
    if kept is not None and kept[0] is owner and kept[1] == stamp:
        return kept[2]
    nodes = load_tree(session, plan)
    _trees.pop(key, None)
    while len(_trees) >= _KEEP_TREES:
        _trees.pop(next(iter(_trees)))
    _trees[key] = (owner, stamp, nodes)
    return nodes


def walk(nodes: tuple[Node, ...]):
    """Every node of a tree, parents before children, in printed order."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def _units_by_node(session: Session, plan_id: int) -> dict[int, dict[Role, tuple[UnitRef, ...]]]:
    """Each node's own units by role, in their order; nodes without units are absent."""
    query = (
        select(_ASSIGNMENTS.node_id, _ASSIGNMENTS.role, _UNITS.id, _UNITS.name)
        .join_from(AssignmentRow.__table__, UnitRow.__table__, _UNITS.id == _ASSIGNMENTS.unit_id)
        .join(NodeRow.__table__, _NODES.id == _ASSIGNMENTS.node_id)
        .where(_NODES.plan_id == plan_id)
        .order_by(_ASSIGNMENTS.node_id, _ASSIGNMENTS.role, _ASSIGNMENTS.position)
    )
    refs: dict[int, UnitRef] = {}  # one value per unit, shared by every node it is assigned to
    grouped: dict[int, dict[Role, list[UnitRef]]] = {}
    for node_id, role, unit_id, name in session.execute(query).all():
        ref = refs.get(unit_id)
        if ref is None:
            ref = refs[unit_id] = UnitRef(unit_id, name)
        by_role = grouped.get(node_id)
        if by_role is None:
            by_role = grouped[node_id] = {}
        items = by_role.get(ROLES[role])
        if items is None:
            by_role[ROLES[role]] = [ref]
        else:
            items.append(ref)
    return {node_id: {role: tuple(items) for role, items in by_role.items()} for node_id, by_role in grouped.items()}
