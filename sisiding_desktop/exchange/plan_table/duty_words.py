"""Words that say a unit leads (牵头) or supports (配合) a task, in 职责 cells, in a unit cell that says both,
and in a 方案's annotations.

``read_duties`` reads a text that names who leads and who supports, in any of the ways offices write it:

- keyed: 牵头单位：A；配合单位：B、C (also 责任单位：, 配合：, and a 完成时限：);
- worded: A牵头，B、C配合 (由A负责 …);
- marked: A（牵头），B、C — a name marked 牵头 in brackets; the names left unmarked support it (or, when only
  supporters are marked, lead).

Brackets inside a name (各乡镇（农场）, 各县（市、区）政府) stay with the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEAD_WORDS = ("牵头", "责任", "主责", "主办", "负责")
SUPPORT_WORDS = ("配合", "参与", "协办", "协助", "协同", "协作", "支持")
DEADLINE_KEYS = ("完成时限", "完成时间", "时间节点", "时限")

_OPEN, _CLOSE = "（(", "）)"
_DUTY = "|".join(LEAD_WORDS + SUPPORT_WORDS)
_KEY = re.compile(rf"({'|'.join(DEADLINE_KEYS)}|(?:{_DUTY})(?:单位|部门)?)[ \u3000]*[：:]")
_MARK = re.compile(rf"^(.+?)[（(][ \u3000]*({_DUTY})(?:单位|部门)?[ \u3000]*[）)]$")
_CLAUSE_CUT = "，,；;\n"
EDGES = " \u3000\n，,；;、。：:"


@dataclass
class Duties:
    """The names (as written, not split into units) a text gives each duty, and a deadline it names."""

    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    deadline: str = ""


def read_duties(text: str, *, unmarked_names: bool = True) -> Duties | None:
    """Who ``text`` says leads and supports; None when it says no duty (a plain list of units).

    ``unmarked_names=False``: every clause must say its duty (a 方案's bracket may hold other words than names).
    """
    text = text.strip(EDGES)
    keys = list(_KEY.finditer(text))
    if keys and keys[0].start() == 0:
        found = Duties()
        for key, following in zip(keys, keys[1:] + [None], strict=True):
            _put(found, key.group(1), text[key.end() : following.start() if following else len(text)].strip(EDGES))
        return found
    return _marked(text, unmarked_names)


def _marked(text: str, unmarked_names: bool) -> Duties | None:
    """Worded and bracket-marked clauses; the unmarked names go with the other duty."""
    found, unmarked = Duties(), []
    for clause in (c.strip(EDGES) for c in top_level_cuts(text, _CLAUSE_CUT)):
        if not clause:
            continue
        worded = _worded(clause)
        if worded is not None:
            _put(found, *worded)
            continue
        for name in (n.strip(EDGES) for n in top_level_cuts(clause, "、")):
            marked = _MARK.match(name)
            if marked:
                _put(found, marked.group(2), marked.group(1).strip(EDGES))
            elif name:
                unmarked.append(name)
    if (not found.lead and not found.support) or (unmarked and not unmarked_names):
        return None
    (found.support if found.lead else found.lead).extend(unmarked)
    return found


def _worded(clause: str) -> tuple[str, str] | None:
    """("牵头", "A") for "由A牵头", ("配合", "B、C") for "B、C配合"; None for any other clause."""
    for word in LEAD_WORDS + SUPPORT_WORDS:
        if clause.endswith(word) and len(clause) > len(word):
            return word, clause[: -len(word)].removeprefix("由").strip(EDGES)
    return None


def _put(into: Duties, key: str, value: str) -> None:
    if not value:
        return
    if key.startswith(DEADLINE_KEYS):
        into.deadline = into.deadline or value
    elif key.startswith(SUPPORT_WORDS):
        into.support.append(value)
    else:
        into.lead.append(value)


def top_level_cuts(text: str, at: str) -> list[str]:
    """``text`` cut at the characters ``at`` outside brackets."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += (char in _OPEN) - (char in _CLOSE and depth > 0)
        if not depth and char in at:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return pieces
