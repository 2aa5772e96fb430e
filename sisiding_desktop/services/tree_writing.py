"""Write an imported plan tree and its unit assignments in a few bulk statements.

Nodes get their ids in tree order (depth first, a parent before its
children), as when they are added one by one, so lists ordered by node id
stay in tree order. Runs inside the caller's transaction: an import still
lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from sisiding_desktop.domain.deadlines import parse_deadline
from sisiding_desktop.domain.model import Deadline, Role
from sisiding_desktop.exchange.parsed import ParsedNode
from sisiding_desktop.store.bulk import insert_returning_ids, insert_rows, update_column
from sisiding_desktop.store.models import AssignmentRow, NodeRow

_NODES = NodeRow.__table__
_ASSIGNMENTS = AssignmentRow.__table__


def write_tree(
    s: Session,
    plan_id: int,
    roots: list[ParsedNode],
    unit_names: Callable[[str], tuple[str, ...]],
    unit_ids: Mapping[str, int],
    stamp: datetime,
) -> int:
    """Store ``roots`` and everything below them under ``plan_id``; the number of nodes written.

    ``unit_names`` turns a unit cell's text into the stored unit names,
    ``unit_ids`` gives each such name's unit id.
    """
    ordered: list[tuple[ParsedNode, int | None, int]] = []  # (node, index of its parent in ordered, position)
    _flatten(roots, None, ordered)
    deadlines: dict[str, Deadline] = {}  # each distinct 完成时限 text parsed once
    rows = [_node_row(plan_id, node, position, stamp, deadlines) for node, _, position in ordered]
    ids = insert_returning_ids(s, _NODES, rows)
    update_column(
        s, _NODES, "parent_id", {ids[i]: ids[parent] for i, (_, parent, _) in enumerate(ordered) if parent is not None}
    )
    assignments = []
    for node_id, (node, _, _) in zip(ids, ordered, strict=True):
        for role, text in node_unit_texts(node):
            for index, name in enumerate(unit_names(text)):
                assignments.append(
                    {"node_id": node_id, "unit_id": unit_ids[name], "role": role.value, "position": index}
                )
    insert_rows(s, _ASSIGNMENTS, assignments)
    return len(ids)


def node_unit_texts(node: ParsedNode) -> tuple[tuple[Role, str], ...]:
    """The node's unit cells by role, in the order its assignments are written (牵头, 配合, 责任单位)."""
    return ((Role.LEAD, node.lead_text), (Role.SUPPORT, node.support_text), (Role.LOCAL, node.local_text))


def _flatten(nodes: list[ParsedNode], parent: int | None, out: list[tuple[ParsedNode, int | None, int]]) -> None:
    for position, node in enumerate(nodes):
        out.append((node, parent, position))
        _flatten(node.children, len(out) - 1, out)


def _node_row(plan_id: int, node: ParsedNode, position: int, stamp: datetime, deadlines: dict[str, Deadline]) -> dict:
    deadline = deadlines.get(node.deadline_text)
    if deadline is None:
        deadline = deadlines[node.deadline_text] = parse_deadline(node.deadline_text)
    return {
        "plan_id": plan_id,
        "parent_id": None,  # set once every node has its id
        "position": position,
        "kind": node.kind.value,
        "text": node.text,
        "source_label": node.source_label[:50],
        "deadline_text": deadline.text[:200],
        "deadline_start": deadline.start,
        "deadline_end": deadline.end,
        "remarks": node.remarks,
        "created_at": stamp,
        "updated_at": stamp,
    }
