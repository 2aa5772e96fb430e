"""Undo steps on the task table: text, deadline, units, add, delete, move."""

from __future__ import annotations

from collections.abc import Sequence

from sisiding_desktop.domain.model import Node, NodeKind, Role
from sisiding_desktop.gui.commands.base import ServiceCommand
from sisiding_desktop.gui.session import PROGRESS, TREE, UNITS, Session
from sisiding_desktop.services.nodes import NodeSnapshot


def own_unit_names(node: Node, role: Role) -> tuple[str, ...]:
    """The node's own units for ``role`` (not those it shows from its task)."""
    if node.inherited_units:
        return ()
    return tuple(u.name for u in node.units_in(role))


class NodeEdit(ServiceCommand):
    """A change of one node's own fields, saved against the node's version (``ServiceCommand.expected``)."""

    def __init__(self, session: Session, node: Node, text: str) -> None:
        super().__init__(session, text, node.plan_id)
        self.node_id, self.shown = node.id, node.version

    def save(self, value) -> None:
        self.versioned(("node", self.node_id), self.shown, lambda expected: self.write(value, expected))

    def write(self, value, expected: int) -> Node:
        raise NotImplementedError

    def apply(self) -> None:
        self.save(self.after)

    def revert(self) -> None:
        self.save(self.before)

    def again(self) -> ServiceCommand:
        return type(self)(self.session, self.session.services.nodes.get_node(self.node_id), *self.typed())

    def typed(self) -> tuple:
        return (self.after,)


class EditNodeText(NodeEdit):
    kinds = (TREE,)

    def __init__(self, session: Session, node: Node, text: str) -> None:
        super().__init__(session, node, f"修改内容：{_short(node.text)}")
        self.before, self.after = node.text, text

    def write(self, value, expected: int) -> Node:
        return self.session.services.nodes.update_node(self.node_id, text=value, expected=expected)


class EditDeadline(NodeEdit):
    kinds = (TREE, PROGRESS)

    def __init__(self, session: Session, node: Node, text: str) -> None:
        super().__init__(session, node, f"修改完成时限：{_short(node.text)}")
        self.before, self.after = node.deadline.text, text

    def write(self, value, expected: int) -> Node:
        return self.session.services.nodes.update_node(self.node_id, deadline_text=value, expected=expected)


class AssignUnits(NodeEdit):
    kinds = (TREE, PROGRESS, UNITS)

    def __init__(self, session: Session, node: Node, role: Role, names: Sequence[str]) -> None:
        super().__init__(session, node, f"修改{role.label}：{_short(node.text)}")
        self.role = role
        self.before, self.after = own_unit_names(node, role), tuple(names)

    def write(self, value, expected: int) -> Node:
        return self.session.services.units.assign_units(self.node_id, self.role, value, expected=expected)

    def typed(self) -> tuple:
        return (self.role, self.after)


class AddNode(ServiceCommand):
    """A new node; undo deletes it, redo puts the same node (same id) back."""

    kinds = (TREE, PROGRESS)
    focus_first = True

    def __init__(
        self, session: Session, plan_id: int, parent_id: int | None, kind: NodeKind, index: int, text: str = ""
    ) -> None:
        super().__init__(session, f"新增{kind.label}", plan_id)
        self.parent_id, self.kind, self.index, self.text = parent_id, kind, index, text
        self.snapshot: NodeSnapshot | None = None
        self.source_numbers = _shows_source_numbers(session, plan_id)

    def apply(self) -> None:
        nodes = self.session.services.nodes
        if self.snapshot is None:
            self.node_id = nodes.add_node(self.plan_id, self.parent_id, self.kind, self.text, index=self.index).id
        else:
            nodes.restore_node(self.snapshot)

    def revert(self) -> None:
        self.snapshot = self.session.services.nodes.delete_node(self.node_id, source_numbers=self.source_numbers)


class DeleteNode(ServiceCommand):
    """Delete a node and all below it; undo restores them with their units and progress."""

    kinds = (TREE, PROGRESS)

    def __init__(self, session: Session, node: Node) -> None:
        super().__init__(session, f"删除{node.kind.label}：{_short(node.text)}", node.plan_id)
        self.target, self.parent_id = node.id, node.parent_id or 0
        self.snapshot: NodeSnapshot | None = None
        self.source_numbers = _shows_source_numbers(session, node.plan_id)

    def apply(self) -> None:
        self.snapshot = self.session.services.nodes.delete_node(self.target)
        self.node_id = self.parent_id

    def revert(self) -> None:
        assert self.snapshot is not None
        self.session.services.nodes.restore_node(self.snapshot, source_numbers=self.source_numbers)
        self.node_id = self.target


MOVES = {
    "up": "上移",
    "down": "下移",
    "indent": "降级",
    "outdent": "升级",
    "to": "移动",
}


class MoveNode(ServiceCommand):
    """Up, down, indent, outdent or a drop at (parent, index); undo puts the node back with its old kind."""

    kinds = (TREE, PROGRESS)

    def __init__(self, session: Session, node: Node, how: str, parent_id: int | None = None, index: int = 0) -> None:
        super().__init__(session, f"{MOVES[how]}：{_short(node.text)}", node.plan_id)
        self.node_id, self.how, self.to = node.id, how, (parent_id, index)
        self.before = (node.parent_id, node.position, node.kind)
        self.source_numbers = _shows_source_numbers(session, node.plan_id)

    def apply(self) -> None:
        nodes = self.session.services.nodes
        if self.how == "to":
            nodes.move_node(self.node_id, *self.to)
        else:
            {"up": nodes.move_up, "down": nodes.move_down, "indent": nodes.indent, "outdent": nodes.outdent}[self.how](
                self.node_id
            )

    def revert(self) -> None:
        self.session.services.nodes.place(self.node_id, *self.before, source_numbers=self.source_numbers)


def _shows_source_numbers(session: Session, plan_id: int) -> bool:
    """Whether the plan shows its source's own numbers before a change of its shape (its undo shows them again)."""
    return session.services.plans.get_plan(plan_id).keep_source_numbers


def _short(text: str, length: int = 16) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"
