"""Display numbers of a plan tree: the source's own labels, or derived (一、 （一） 1. （1） / 1 2 3 / 1. 2.).

An imported plan shows each node's label as the source wrote it until its
structure changes. Derived numbers are never stored: they follow from each
node's kind and position, so inserting, deleting or moving a node renumbers
everything after it, in the label style of each level (the style the source
used there, or one the clerk chose; 一、 （一） 1. （1） by default).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
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
    source_label: str = ""
    text: str | None = None  # None when the caller does not say (every task then counts)


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
    return format_label(_DEFAULT_GROUP_STYLES.get(level, "（1）"), n)


_DEFAULT_GROUP_STYLES = {1: "一、", 2: "（一）", 3: "1."}
_DEFAULT_STYLES = {"task": "1", "measure": "1."}
_NUMBER_RUN = re.compile(r"[一二三四五六七八九十百零〇]+|\d+|[①-⑳]")
_OWN_NUMBER = re.compile(r"\s*(?:\d{1,3}(?:[、．]|\.(?!\d))|[（(]\d{1,3}[）)]|[①-⑳])")
_CIRCLED_MAX = 20


def label_style(label: str) -> str | None:
    """The style of a label, its number replaced by 一, 1 or ①: "（三）" → "（一）", "18" → "1", "8、" → "1、".

    None when the label holds no number, or more than one (1.2).
    """
    runs = _NUMBER_RUN.findall(label)
    if len(runs) != 1:
        return None
    run = runs[0]
    return label.replace(run, _placeholder(run), 1).strip()


def _placeholder(run: str) -> str:
    """The first number written the way ``run`` is: ① for circled, 1 for digits, 一 for Chinese numerals."""
    if "①" <= run <= "⑳":
        return "①"
    return "1" if run.isascii() else "一"


def format_label(style: str, n: int) -> str:
    """The n-th label in ``style``: ("（一）", 3) → "（三）", ("1、", 3) → "3、", ("①", 3) → "③"."""
    if "①" in style:
        return style.replace("①", chr(0x2460 + n - 1) if 1 <= n <= _CIRCLED_MAX else f"({n})", 1)
    if "一" in style:
        return style.replace("一", chinese_numeral(n), 1)
    return style.replace("1", str(n), 1)


def parse_styles(text: str) -> dict[str, str]:
    """Chosen styles as stored ("group1=（一）;task=1") → {"group1": "（一）", "task": "1"}."""
    styles = {}
    for part in text.split(";"):
        key, _, style = part.partition("=")
        if key.strip() and style.strip():
            styles[key.strip()] = style.strip()
    return styles


def styles_text(styles: Mapping[str, str]) -> str:
    """Styles as stored; levels without a chosen style (empty) are left out."""
    return ";".join(f"{key}={style}" for key, style in styles.items() if style)


def detect_styles(nodes: Iterable[NumberingInput]) -> dict[str, str]:
    """The label style each level of the source used most ("group1", "group2", …, "task", "measure")."""
    items = list(nodes)
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for place in _walk(_children(items)):
        style = label_style(place.node.source_label)
        if style:
            seen[_level_key(place)][style] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in seen.items()}


def has_own_number(text: str) -> bool:
    """A measure text that opens with its own item number (8.持续推进… / （2）… / ③…): it gets no derived one."""
    return bool(_OWN_NUMBER.match(text))


def derive_numbers(
    nodes: Iterable[NumberingInput],
    task_numbering: str = "plan",
    section_numbering: str = "plan",
    styles: Mapping[str, str] | None = None,
    keep_source: bool = False,
) -> dict[int, str]:
    """Every node's display number, by id.

    With ``keep_source`` every node shows its source label as written. Otherwise
    siblings are ordered by (position, id); gaps in positions do not matter.
    Top-level groups restart under nothing; sections (second-level groups) and
    tasks count across the whole plan in ``"plan"`` mode or restart under each
    parent in ``"parent"`` mode; deeper groups always restart.  Measures are
    numbered 1. 2. … only when their task has more than one, and never when
    their text carries its own number; a lone measure gets "". A task without
    text (holding a group's own measures) gets no number and is not counted.  Each level is
    labelled in ``styles`` (keys "group1", "group2", …, "task", "measure"),
    falling back to the style its source labels show, then to the defaults.
    A node whose parent is missing counts as top level.
    """
    _check_mode("task_numbering", task_numbering)
    _check_mode("section_numbering", section_numbering)
    items = list(nodes)
    if keep_source:
        return {item.id: item.source_label for item in items}
    children = _children(items)
    chosen = {**_DEFAULT_STYLES, **detect_styles(items), **(styles or {})}
    numbers = {item.id: "" for item in items}  # nodes caught in a parent cycle keep ""
    plan_tasks = 0
    plan_sections = 0
    for place in _walk(children):
        item = place.node
        style = chosen.get(_level_key(place))
        if item.kind == NodeKind.GROUP:
            rank = place.rank
            if place.level == 2 and section_numbering == "plan":
                plan_sections += 1
                rank = plan_sections
            numbers[item.id] = format_label(style, rank) if style else group_label(place.level, rank)
        elif item.kind == NodeKind.TASK:
            if item.text is not None and not item.text.strip():
                continue  # the unnamed task holding a group's own measures (保障措施) is not counted
            plan_tasks += 1
            numbers[item.id] = format_label(chosen["task"], plan_tasks if task_numbering == "plan" else place.rank)
        elif place.of > 1 and not has_own_number(item.text or ""):
            numbers[item.id] = format_label(chosen["measure"], place.rank)
    return numbers


def _children(items: list[NumberingInput]) -> dict[int | None, list[NumberingInput]]:
    """Each parent's children in order; a node whose parent is missing (or itself) counts as top level."""
    known = {item.id for item in items}
    children: dict[int | None, list[NumberingInput]] = defaultdict(list)
    for item in items:
        parent = item.parent_id if item.parent_id in known and item.parent_id != item.id else None
        children[parent].append(item)
    for siblings in children.values():
        siblings.sort(key=lambda item: (item.position, item.id))
    return children


def _level_key(place: _Place) -> str:
    kind = place.node.kind
    return f"group{place.level}" if kind == NodeKind.GROUP else kind.value


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
