"""The unit annotation a prose plan writes into a task: （责任单位：A、B，配合单位：C） and its variants.

Keyed: （责任单位：A、B，配合单位：C）, （牵头单位：A；配合单位：B）, （责任单位：A）,
（配合：B）, with an optional 完成时限. Worded: （A牵头，B、C配合）. Brackets inside a name
(各乡镇（农场）) stay with the name; other brackets are left in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sisiding_desktop.exchange.plan_table.duty_words import LEAD_WORDS, SUPPORT_WORDS

_OPEN, _CLOSE = "（(", "）)"
_DEADLINE = ("完成时限", "完成时间", "时间节点", "时限")
_KEY = re.compile(rf"({'|'.join(_DEADLINE)}|(?:{'|'.join(LEAD_WORDS + SUPPORT_WORDS)})(?:单位|部门)?)[ \u3000]*[：:]")
_CLAUSE_CUT = re.compile(r"[，,；;]")
_EDGES = " \u3000\n，,；;、。：:"


@dataclass
class Annotation:
    """The units (as written, not split) and deadline a text's annotations name."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str = ""

    @property
    def lead_text(self) -> str:
        return "、".join(self.lead)

    @property
    def support_text(self) -> str:
        return "、".join(self.support)

    @property
    def names_units(self) -> bool:
        return bool(self.lead or self.support)


def take_annotations(text: str, found: Annotation) -> str:
    """``text`` without its unit annotations; what they name is added to ``found``."""
    kept: list[str] = []
    start = 0
    for left, right in _brackets(text):
        if _read(text[left + 1 : right - 1], found):
            kept.append(text[start:left])
            start = right
    kept.append(text[start:])
    return "".join(kept).strip(" \u3000")


def _brackets(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every outermost bracketed span, brackets included."""
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPEN:
            if not depth:
                start = index
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
            if not depth:
                yield start, index + 1


def _read(content: str, into: Annotation) -> bool:
    """Add what ``content`` (a bracket's inside) names to ``into``; False when it is no annotation."""
    content = content.strip(_EDGES)
    keys = list(_KEY.finditer(content))
    if keys and keys[0].start() == 0:
        for key, following in zip(keys, keys[1:] + [None], strict=True):
            value = content[key.end() : following.start() if following else len(content)].strip(_EDGES)
            _put(into, key.group(1), value)
        return True
    clauses = [clause.strip(_EDGES) for clause in _top_level_cuts(content)]
    worded = [_worded(clause) for clause in clauses if clause]
    pairs = [pair for pair in worded if pair is not None]
    if not pairs or len(pairs) != len(worded):
        return False
    for word, names in pairs:
        _put(into, word, names)
    return True


def _worded(clause: str) -> tuple[str, str] | None:
    """("牵头", "A") for "由A牵头", ("配合", "B、C") for "B、C配合"; None for any other clause."""
    for word in LEAD_WORDS + SUPPORT_WORDS:
        if clause.endswith(word) and len(clause) > len(word):
            return word, clause[: -len(word)].removeprefix("由").strip(_EDGES)
    return None


def _put(into: Annotation, key: str, value: str) -> None:
    if not value:
        return
    if key.startswith(_DEADLINE):
        into.deadline = into.deadline or value
    elif key.startswith(SUPPORT_WORDS):
        into.support.append(value)
    else:
        into.lead.append(value)


def _top_level_cuts(text: str) -> list[str]:
    """``text`` cut at ，； outside brackets."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += (char in _OPEN) - (char in _CLOSE and depth > 0)
        if not depth and _CLAUSE_CUT.fullmatch(char):
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces
