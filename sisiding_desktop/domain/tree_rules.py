"""Which kind of node may sit under which: the shape every plan tree keeps."""

from __future__ import annotations

from sisiding_desktop.domain.model import NodeKind

_ALLOWED_CHILDREN: dict[NodeKind | None, frozenset[NodeKind]] = {
    None: frozenset({NodeKind.GROUP, NodeKind.TASK}),
    NodeKind.GROUP: frozenset({NodeKind.GROUP, NodeKind.TASK}),
    NodeKind.TASK: frozenset({NodeKind.MEASURE}),
    NodeKind.MEASURE: frozenset(),
}


def can_contain(parent: NodeKind | None, child: NodeKind) -> bool:
    """True if a ``child`` node may sit under ``parent`` (None: the plan's top level)."""
    return child in _ALLOWED_CHILDREN[parent]


def kind_after_move(kind: NodeKind, new_parent: NodeKind | None) -> NodeKind | None:
    """The kind a node takes when indented/outdented under ``new_parent``, or None if impossible.

    Indenting a task under the task above makes it one of its measures;
    outdenting a measure out of its task makes it a task of its own.
    """
    if can_contain(new_parent, kind):
        return kind
    if kind is NodeKind.TASK and new_parent is NodeKind.TASK:
        return NodeKind.MEASURE
    if kind is NodeKind.MEASURE and new_parent in (None, NodeKind.GROUP):
        return NodeKind.TASK
    return None
