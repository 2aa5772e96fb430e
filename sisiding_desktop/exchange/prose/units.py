"""The unit annotation a prose plan writes into a task: （责任单位：A、B，配合单位：C） and its variants.

Keyed: （责任单位：A、B，配合单位：C）, （牵头单位：A；配合单位：B）, （责任单位：A）,
（配合：B）, with an optional 完成时限. Worded: （A牵头，B、C配合）. Brackets inside a name
(各乡镇（农场）) stay with the name; other brackets are left in the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sisiding_desktop.exchange.plan_table.duty_words import read_duties

_OPEN, _CLOSE = "（(", "）)"


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
    duties = read_duties(content, unmarked_names=False)
    if duties is None:
        return False
    into.lead += duties.lead
    into.support += duties.support
    into.deadline = into.deadline or duties.deadline
    return True
