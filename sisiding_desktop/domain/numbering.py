"""Derived display numbers (一、 （一） 1. （1） / 1 2 3 / 1. 2.) of a plan tree.

Numbers are never stored: they follow from each node's kind and position,
so inserting, deleting or moving a node renumbers everything after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sisiding_desktop.domain.model import NodeKind

NUMBERING_MODES = ("plan", "parent")  # "plan": count across the whole plan; "parent": restart per parent

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


@dataclass(frozen=True)
class NumberingInput:
    """One node of a plan tree, as much as numbering needs."""

    id: int
    parent_id: int | None
    kind: NodeKind
    position: int


def chinese_numeral(n: int) -> str:
    """The number in Chinese numerals as 公文 write it: 1→一, 10→十, 21→二十一, 105→一百零五."""
    if n < 0:
        raise ValueError(f"不能为负数：{n}")
    if n == 0:
        return "零"
    text = _full_numeral(n)
    return text[1:] if text.startswith("一十") else text  # 十一, 十万 (not 一十一)


def _full_numeral(n: int) -> str:
    if n >= 10**8:
        return _with_big_unit(n, 10**8, "亿")
    if n >= 10**4:
        return _with_big_unit(n, 10**4, "万")
    return _below_ten_thousand(n)


def _with_big_unit(n: int, size: int, name: str) -> str:
    high, low = divmod(n, size)
    text = _full_numeral(high) + name
    if low:
        text += ("零" if low < size // 10 else "") + _full_numeral(low)
    return text


def _below_ten_thousand(n: int) -> str:
    """1…9999 in full form: 一百一十, 一千零五."""
    parts: list[str] = []
    zero_pending = False
    for size, name in _SMALL_UNITS:
        digit, n = divmod(n, size)
        if digit:
            parts.append(("零" if zero_pending else "") + _DIGITS[digit] + name)
            zero_pending = False
        elif parts:
            zero_pending = True
    if n:
        parts.append(("零" if zero_pending else "") + _DIGITS[n])
    return "".join(parts)


def group_label(level: int, n: int) -> str:
    """The label of the n-th group at ``level`` (1: 一、, 2: （一）, 3: 1., deeper: （1））."""
    if level <= 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def derive_numbers(
    nodes: Iterable[NumberingInput],
    task_numbering: str = "plan",
    section_numbering: str = "plan",
) -> dict[int, str]:
    """Every node's display number, by id.

    Siblings are ordered by (position, id); gaps in positions do not matter.
    Top-level groups restart under nothing; sections (second-level groups) and
    tasks count across the whole plan in ``"plan"`` mode or restart under each
    parent in ``"parent"`` mode; deeper groups always restart.  Measures are
    numbered 1. 2. … only when their task has more than one; a lone measure
    gets "".  A node whose parent is missing counts as top level.
    """
    _check_mode("task_numbering", task_numbering)
    _check_mode("section_numbering", section_numbering)
    items = list(nodes)
    known = {item.id for item in items}
    children: dict[int | None, list[NumberingInput]] = defaultdict(list)
    for item in items:
        parent = item.parent_id if item.parent_id in known and item.parent_id != item.id else None
        children[parent].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda item: (item.position, item.id))

    numbers = {item.id: "" for item in items}  # nodes caught in a parent cycle keep ""
    plan_tasks = 0
    plan_sections = 0
    for place in _walk(children):
        item = place.node
        if item.kind == NodeKind.GROUP:
            if place.level == 2 and section_numbering == "plan":
                plan_sections += 1
                numbers[item.id] = group_label(2, plan_sections)
            else:
                numbers[item.id] = group_label(place.level, place.rank)
        elif item.kind == NodeKind.TASK:
            plan_tasks += 1
            numbers[item.id] = str(plan_tasks if task_numbering == "plan" else place.rank)
        else:
            numbers[item.id] = f"{place.rank}." if place.of > 1 else ""
    return numbers


@dataclass(frozen=True)
class _Place:
    node: NumberingInput
    level: int  # groups: 1 for 一、, 2 for （一）…; other kinds: their parent group's level
    rank: int  # 1-based among siblings of the same kind
    of: int  # how many siblings of that kind


def _walk(children: dict[int | None, list[NumberingInput]]) -> Iterator[_Place]:
    """Nodes in printed order (parents before children); an explicit stack keeps deep trees safe."""
    stack: list[_Place] = []
    seen: set[int] = set()

    def push_children(parent_id: int | None, parent_level: int) -> None:
        kids = children.get(parent_id, [])
        totals: dict[NodeKind, int] = defaultdict(int)
        for child in kids:
            totals[child.kind] += 1
        ranks: dict[NodeKind, int] = defaultdict(int)
        batch = []
        for child in kids:
            ranks[child.kind] += 1
            level = parent_level + 1 if child.kind == NodeKind.GROUP else parent_level
            batch.append(_Place(child, level, ranks[child.kind], totals[child.kind]))
        stack.extend(reversed(batch))

    push_children(None, 0)
    while stack:
        place = stack.pop()
        if place.node.id in seen:
            continue
        seen.add(place.node.id)
        yield place
        push_children(place.node.id, place.level)


def _check_mode(name: str, value: str) -> None:
    if value not in NUMBERING_MODES:
        raise ValueError(f"{name} 应为 plan 或 parent，而不是“{value}”")
