"""The rows of a task table that carry progress: each measure, or a task that has none."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.parsed import ParsedNode

_CONTINUED = re.compile(r"\s*[（(]\s*续\s*[）)]\s*$")  # a task repeated on a new page: "…（续）"


def leaves(nodes: Iterable[ParsedNode]) -> Iterator[tuple[ParsedNode, ParsedNode]]:
    """(task, measure) for every measure and (task, task) for a task without measures, in table order."""
    for node in nodes:
        if node.kind is NodeKind.TASK:
            measures = [child for child in node.children if child.kind is NodeKind.MEASURE]
            if measures:
                yield from ((node, measure) for measure in measures)
            else:
                yield node, node
        elif node.kind is NodeKind.GROUP:
            yield from leaves(node.children)


def without_continued_mark(text: str) -> str:
    """A task text without the "（续）" an export adds where the task continues on a new page."""
    return _CONTINUED.sub("", text)
