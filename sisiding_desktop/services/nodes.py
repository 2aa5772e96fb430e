"""Editing a plan's tree: add, edit, move, indent, outdent, delete (and restore)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.deadlines import parse_deadline
from sisiding_desktop.domain.model import Node, NodeKind
from sisiding_desktop.domain.tree_rules import can_contain, kind_after_move
from sisiding_desktop.services.base import Service, get_row, now
from sisiding_desktop.services.conflicts import Edited, bump, check_version, saving
from sisiding_desktop.services.convert import plan_value
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.tree import load_tree, walk
from sisiding_desktop.store.bulk import put_back
from sisiding_desktop.store.models import AssignmentRow, NodeRow, PlanRow, ProgressRow

MAX_TEXT = 20_000
KIND_NAMES = {
    None: "计划顶层",
    NodeKind.GROUP: "分组",
    NodeKind.TASK: "重点任务",
    NodeKind.MEASURE: "具体措施",
}


@dataclass(frozen=True)
class NodeSnapshot:
    """Everything a deleted subtree held, so an undo can put it back as it was."""

    plan_id: int
    nodes: tuple[dict, ...]  # parents first
    assignments: tuple[dict, ...]
    progress: tuple[dict, ...]


class NodeService(Service):
    def get_node(self, node_id: int) -> Node:
        with self.db.reading() as s:
            row = get_row(s, NodeRow, node_id, "条目")
            return _find(load_tree(s, plan_value(row.plan)), node_id)

    def add_node(
        self,
        plan_id: int,
        parent_id: int | None,
        kind: NodeKind,
        text: str = "",
        index: int | None = None,
        deadline_text: str = "",
        source_label: str = "",
    ) -> Node:
        """A new node under ``parent_id`` at ``index`` among its siblings (default: last)."""
        kind = NodeKind(kind)
        text = _checked_text(text)
        with self.db.transaction() as s:
            get_row(s, PlanRow, plan_id, "计划")
            parent = _parent_row(s, plan_id, parent_id)
            _check_place(parent, kind)
            siblings = _siblings(s, plan_id, parent_id)
            index = len(siblings) if index is None else max(0, min(index, len(siblings)))
            deadline = parse_deadline(deadline_text)
            stamp = now()
            row = NodeRow(
                plan_id=plan_id,
                parent_id=parent_id,
                position=index,
                kind=kind.value,
                text=text,
                source_label=source_label,
                deadline_text=deadline.text,
                deadline_start=deadline.start,
                deadline_end=deadline.end,
                created_at=stamp,
                updated_at=stamp,
            )
            s.add(row)
            siblings.insert(index, row)
            _renumber(siblings)
            _source_numbers(s, plan_id, False)
            s.flush()
            self.log(s, "add", "node", row.id, new=text, plan_id=plan_id)
            node_id = row.id
        return self.get_node(node_id)

    def update_node(
        self,
        node_id: int,
        *,
        text: str | None = None,
        deadline_text: str | None = None,
        expected: int | None = None,
    ) -> Node:
        """Change the node's text and/or deadline; ``expected`` is its version the desk showed (None: no check)."""
        edited = node_edited(node_id)
        with saving(self.db, edited) as s:
            row = get_row(s, NodeRow, node_id, "条目")
            check_version(s, row.version, expected, edited)
            if text is not None:
                text = _checked_text(text)
                if text != row.text:
                    self.log(
                        s,
                        "update",
                        "node",
                        node_id,
                        field="text",
                        old=row.text,
                        new=text,
                        plan_id=row.plan_id,
                    )
                    row.text = text
            if deadline_text is not None:
                deadline = parse_deadline(deadline_text)
                if deadline.text != row.deadline_text:
                    self.log(
                        s,
                        "update",
                        "node",
                        node_id,
                        field="deadline",
                        old=row.deadline_text,
                        new=deadline.text,
                        plan_id=row.plan_id,
                    )
                    row.deadline_text = deadline.text
                    row.deadline_start = deadline.start
                    row.deadline_end = deadline.end
            if s.is_modified(row):
                bump(row)
            row.updated_at = now()
        return self.get_node(node_id)

    def move_node(self, node_id: int, parent_id: int | None, index: int) -> Node:
        """Put the node at ``index`` under ``parent_id`` (same plan); its kind must fit there."""
        with self.db.transaction() as s:
            row = get_row(s, NodeRow, node_id, "条目")
            parent = _parent_row(s, row.plan_id, parent_id)
            _check_not_inside(s, row, parent)
            _check_place(parent, NodeKind(row.kind))
            self._place(s, row, parent_id, index, NodeKind(row.kind))
        return self.get_node(node_id)

    def place(
        self, node_id: int, parent_id: int | None, index: int, kind: NodeKind, *, source_numbers: bool = False
    ) -> Node:
        """Put the node back at a place it had before, with the kind it had there (undo of a move);
        ``source_numbers``: whether the plan shows its source's own numbers again (as it did before the move)."""
        kind = NodeKind(kind)
        with self.db.transaction() as s:
            row = get_row(s, NodeRow, node_id, "条目")
            parent = _parent_row(s, row.plan_id, parent_id)
            _check_not_inside(s, row, parent)
            _check_place(parent, kind)
            if kind != NodeKind(row.kind) and _has_children(s, row):
                raise ServiceError(f"{KIND_NAMES[NodeKind(row.kind)]}下面还有条目，不能改为{KIND_NAMES[kind]}。")
            self._place(s, row, parent_id, index, kind)
            _source_numbers(s, row.plan_id, source_numbers)
        return self.get_node(node_id)

    def move_up(self, node_id: int) -> Node:
        return self._shift(node_id, -1)

    def move_down(self, node_id: int) -> Node:
        return self._shift(node_id, +1)

    def indent(self, node_id: int) -> Node:
        """Make the node the last child of the sibling above it."""
        with self.db.transaction() as s:
            row = get_row(s, NodeRow, node_id, "条目")
            siblings = _siblings(s, row.plan_id, row.parent_id)
            at = siblings.index(row)
            if at == 0:
                raise ServiceError("上面没有同级条目，无法降级。")
            new_parent = siblings[at - 1]
            kind = kind_after_move(NodeKind(row.kind), NodeKind(new_parent.kind))
            if kind is None or (kind != NodeKind(row.kind) and _has_children(s, row)):
                raise ServiceError(
                    f"{KIND_NAMES[NodeKind(row.kind)]}不能放到{KIND_NAMES[NodeKind(new_parent.kind)]}下面。"
                )
            self._place(s, row, new_parent.id, len(_siblings(s, row.plan_id, new_parent.id)), kind)
        return self.get_node(node_id)

    def outdent(self, node_id: int) -> Node:
        """Move the node out of its parent, just after it."""
        with self.db.transaction() as s:
            row = get_row(s, NodeRow, node_id, "条目")
            if row.parent_id is None:
                raise ServiceError("已经是最高一级，无法升级。")
            parent = s.get(NodeRow, row.parent_id)
            grandparent = s.get(NodeRow, parent.parent_id) if parent.parent_id else None
            kind = kind_after_move(NodeKind(row.kind), NodeKind(grandparent.kind) if grandparent else None)
            if kind is None or (kind != NodeKind(row.kind) and _has_children(s, row)):
                raise ServiceError(f"{KIND_NAMES[NodeKind(row.kind)]}不能再升级。")
            index = _siblings(s, row.plan_id, parent.parent_id).index(parent) + 1
            self._place(s, row, parent.parent_id, index, kind)
        return self.get_node(node_id)

    def delete_node(self, node_id: int, *, source_numbers: bool = False) -> NodeSnapshot:
        """Delete the node and everything under it; the snapshot can restore it. ``source_numbers``: whether the
        plan goes on showing its source's own numbers (the undo of an insert into a plan that did)."""
        with self.db.transaction() as s:
            row = get_row(s, NodeRow, node_id, "条目")
            snapshot = _snapshot(s, row)
            self.log(s, "delete", "node", node_id, old=row.text, plan_id=row.plan_id)
            siblings = [r for r in _siblings(s, row.plan_id, row.parent_id) if r.id != row.id]
            s.delete(row)
            s.flush()
            _renumber(siblings)
            _source_numbers(s, snapshot.plan_id, source_numbers)
            return snapshot

    def restore_node(self, snapshot: NodeSnapshot, *, source_numbers: bool = False) -> Node:
        """Put back a deleted subtree with its ids, units and progress; ``source_numbers`` as in ``place``."""
        first = snapshot.nodes[0]
        with self.db.transaction() as s:
            siblings = _siblings(s, snapshot.plan_id, first["parent_id"])
            put_back(s, NodeRow, snapshot.nodes)
            restored = s.get(NodeRow, first["id"])
            siblings.insert(min(first["position"], len(siblings)), restored)
            _renumber(siblings)
            put_back(s, AssignmentRow, snapshot.assignments)
            put_back(s, ProgressRow, snapshot.progress)
            _source_numbers(s, snapshot.plan_id, source_numbers)
            self.log(s, "restore", "node", first["id"], new=first["text"], plan_id=snapshot.plan_id)
        return self.get_node(first["id"])

    def _shift(self, node_id: int, step: int) -> Node:
        with self.db.transaction() as s:
            row = get_row(s, NodeRow, node_id, "条目")
            siblings = _siblings(s, row.plan_id, row.parent_id)
            at = siblings.index(row)
            if not 0 <= at + step < len(siblings):
                raise ServiceError("已经在最上面。" if step < 0 else "已经在最下面。")
            siblings[at], siblings[at + step] = siblings[at + step], siblings[at]
            _renumber(siblings)
            _source_numbers(s, row.plan_id, False)
            self.log(s, "move", "node", node_id, field="position", old=at, new=at + step, plan_id=row.plan_id)
        return self.get_node(node_id)

    def _place(self, s: Session, row: NodeRow, parent_id: int | None, index: int, kind: NodeKind) -> None:
        old_place = (row.parent_id, row.position, row.kind)
        old_siblings = [r for r in _siblings(s, row.plan_id, row.parent_id) if r.id != row.id]
        _renumber(old_siblings)
        new_siblings = [r for r in _siblings(s, row.plan_id, parent_id) if r.id != row.id]
        index = max(0, min(index, len(new_siblings)))
        row.parent_id = parent_id
        row.kind = kind.value
        new_siblings.insert(index, row)
        _renumber(new_siblings)
        _source_numbers(s, row.plan_id, False)
        row.updated_at = now()
        self.log(
            s,
            "move",
            "node",
            row.id,
            field="place",
            old=old_place,
            new=(parent_id, index, kind.value),
            plan_id=row.plan_id,
        )


def node_edited(node_id: int) -> Edited:
    """How a conflict on a node (its text, deadline or units) is named and found in the change log."""
    return Edited("node", node_id, "这一条")


def _find(nodes: tuple[Node, ...], node_id: int) -> Node:
    for node in walk(nodes):
        if node.id == node_id:
            return node
    raise ServiceError(f"找不到编号为 {node_id} 的条目。")


def _checked_text(text: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ServiceError(f"内容过长（超过 {MAX_TEXT} 个字）。")
    return text


def _parent_row(s: Session, plan_id: int, parent_id: int | None) -> NodeRow | None:
    if parent_id is None:
        return None
    parent = get_row(s, NodeRow, parent_id, "条目")
    if parent.plan_id != plan_id:
        raise ServiceError("不能把条目移到另一个计划里。")
    return parent


def _check_place(parent: NodeRow | None, kind: NodeKind) -> None:
    parent_kind = NodeKind(parent.kind) if parent else None
    if not can_contain(parent_kind, kind):
        raise ServiceError(f"{KIND_NAMES[kind]}不能放在{KIND_NAMES[parent_kind]}下面。")


def _check_not_inside(s: Session, row: NodeRow, parent: NodeRow | None) -> None:
    while parent is not None:
        if parent.id == row.id:
            raise ServiceError("不能把条目移到它自己的下级里。")
        parent = s.get(NodeRow, parent.parent_id) if parent.parent_id else None


def _siblings(s: Session, plan_id: int, parent_id: int | None) -> list[NodeRow]:
    parent_clause = NodeRow.parent_id.is_(None) if parent_id is None else NodeRow.parent_id == parent_id
    return list(
        s.scalars(
            select(NodeRow).where(NodeRow.plan_id == plan_id, parent_clause).order_by(NodeRow.position, NodeRow.id)
        )
    )


def _renumber(siblings: list[NodeRow]) -> None:
    for position, row in enumerate(siblings):
        if row.position != position:
            row.position = position


def _source_numbers(s: Session, plan_id: int, keep: bool) -> None:
    """Whether the plan shows its source's own numbers: not once the tree changed shape (numbers follow
    positions from then on, in the label style each level of the source used), again when the change is undone."""
    plan = s.get(PlanRow, plan_id)
    if plan is not None and plan.keep_source_numbers != keep:
        plan.keep_source_numbers = keep


def _has_children(s: Session, row: NodeRow) -> bool:
    return s.scalar(select(NodeRow.id).where(NodeRow.parent_id == row.id).limit(1)) is not None


_NODE_COLUMNS = tuple(c.key for c in NodeRow.__table__.columns)
_ASSIGNMENT_COLUMNS = tuple(c.key for c in AssignmentRow.__table__.columns)
_PROGRESS_COLUMNS = tuple(c.key for c in ProgressRow.__table__.columns)


def _snapshot(s: Session, root: NodeRow) -> NodeSnapshot:
    rows, frontier = [root], [root.id]
    while frontier:
        found = list(s.scalars(select(NodeRow).where(NodeRow.parent_id.in_(frontier)).order_by(NodeRow.id)))
        rows.extend(found)
        frontier = [r.id for r in found]
    ids = [r.id for r in rows]
    assignments = s.scalars(select(AssignmentRow).where(AssignmentRow.node_id.in_(ids))).all()
    progress = s.scalars(select(ProgressRow).where(ProgressRow.node_id.in_(ids))).all()
    return NodeSnapshot(
        plan_id=root.plan_id,
        nodes=tuple(_values(r, _NODE_COLUMNS) for r in rows),
        assignments=tuple(_values(a, _ASSIGNMENT_COLUMNS) for a in assignments),
        progress=tuple(_values(p, _PROGRESS_COLUMNS) for p in progress),
    )


def _values(row, columns: tuple[str, ...]) -> dict:
    return {name: getattr(row, name) for name in columns}
