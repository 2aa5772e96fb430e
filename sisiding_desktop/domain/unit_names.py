"""Unit names (牵头单位/配合单位) as real tables write them, split into single units.

Cells hold ``住建局、发改局、各乡镇（农场）``, ``市城管局\\n市市场监管局``, ``/`` for
none, or names run together without a separator (``市工信局市商务局``).  Glued
names are cut when every piece is a unit the office already knows, or reads as
a name with its own level prefix (市工信局 | 市商务局, with a warning naming the
cut); otherwise the text is kept whole and a warning asks the clerk to check it.
Phrases such as ``各相关部门按职责分工共同推进`` are notes, not units: they come
back in ``UnitSplit.notes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache

NONE_MARKERS = ("/", "／", "无", "—", "-", "——", "")

# Always between names; whitespace only when the pieces on both sides look like units.
_SEPARATORS = "、，,；;\n\r/／"
_SPACE = re.compile(r"[\s\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]+")
_OPEN, _CLOSE = "（", "）"
_TRAILING_BRACKET = re.compile(r"（[^（）]*）$")
_TRAILING_PUNCT = "。．.，,、；;：:！!？?·…"
_LEADING_PUNCT = "。．.，,、；;：:！!？?·…"

# Endings a unit name can have, longest first so 管委会 wins over 会.
UNIT_ENDINGS = (
    "管委会", "办公室", "委员会", "领导小组", "中心", "公司", "政府", "农场", "集团", "分局",
    "局", "委", "办", "院", "镇", "乡", "站", "所", "队", "厅", "部", "会", "社", "行", "处",
    "馆", "科", "股", "室", "场", "厂",
)  # fmt: skip
# Endings strong enough that something unit-like after them means two names were run together.
_GLUE_ENDINGS = ("管委会", "中心", "公司", "政府", "集团", "局", "委", "办", "厅", "院", "农场")
# Words in which those endings do not end a name: 委员会, 办公室, 院校 …
_NOT_AN_END = ("委员", "委会", "办公", "办事", "院校", "院区", "中心城", "局部", "厅局")
# A name after another that belongs to it: 生态环境局平罗分局, 县政府办公室, 县委组织部.
_SUBORDINATE_ENDINGS = (
    "分局", "分中心", "分公司", "分院", "分行", "支行", "分所", "大队", "中队", "支队", "派出所",
    "办公室", "组织部", "宣传部", "统战部", "政法委", "处", "科", "股", "室",
)  # fmt: skip
_MIN_PART = 3  # 工信局, 水务局: shorter pieces (县委, 公室) are never names of their own here
_MAX_NAME = 40  # the longest unit name looked for inside glued text (宁夏水投平罗水务有限公司 is 12)
_MAX_GLUED = 200  # longer text in a unit cell is a sentence, not names run together
# 县水务局、发改委、工信局: the county's (district's, banner's) own level, written once for a list of its bureaus.
# 市 is not carried over: it names the prefecture's bureaus, listed beside the county's own.
_LEVEL_PREFIXES = ("县", "区", "旗")
_ANY_LEVEL = ("县", "区", "旗", "市", "省", "自治区", "州", "盟", "镇", "乡", "各")
_BUREAU_ENDINGS = ("局", "委", "办")
_MAX_BUREAU = 5  # 发改委, 自然资源局, 市场监管局; longer names (…产业园区管理办公室) are names of their own

# The level a name starts with (市工信局, 县水利局, 自治区水利厅), longest first.
LEVEL_PREFIXES = ("自治区", "自治州", "自治县", "自治旗", "省", "市", "州", "盟", "县", "区", "旗")
# Words that start with a level character without naming a level: 市场监管局, 市政管理处, 县长办公室 …
_NOT_A_LEVEL = (
    "市场", "市监", "市政", "市民", "市容", "市长", "县长", "区长", "旗长", "州长", "省长",
    "区域", "区划", "县域", "旗下",
)  # fmt: skip
_A_LEVEL_AFTER_ALL = ("市政府",)  # 市 + 政府, not 市政 + 府
# Endings of a name that carries its own level prefix and may stand beside another such name.
_PREFIXED_ENDINGS = _GLUE_ENDINGS + ("办公室", "委员会", "部", "队", "站", "所")
# What follows the level in a name that belongs to the one before it (市生态环境局县分局).
_SUBORDINATE_STARTS = ("分", "支")

# Phrases that say how units share the work: the cell is a note, not a unit.
_NOTE_PHRASES = (
    "按职责", "按照职责", "职责分工", "任务分工", "按分工", "按照分工", "分工负责", "分工落实", "分工协作",
    "各负其责", "各尽其职", "共同推进", "协同推进", "共同负责", "共同落实", "齐抓共管",
)  # fmt: skip
# 各有关部门配合落实: a collective subject with a verb after it.
_COLLECTIVE_STARTS = ("各", "相关", "有关", "其他", "其余", "市直", "县直", "区直", "旗直")
_DUTY_ENDINGS = ("推进", "负责", "落实", "实施", "完成", "做好", "抓好", "执行", "参与", "配合", "协助", "推动")
# Collective names end like this (各成员单位, 相关部门, 各县（市、区）人民政府): they are units.
_COLLECTIVE_ENDINGS = ("单位", "部门", "机构", "成员", "街道", "园区", "企业", "社区", "村")


@dataclass(frozen=True)
class UnitSplit:
    names: tuple[str, ...]  # cleaned unit names, in order, no duplicates
    warnings: tuple[str, ...]  # Chinese sentences for the clerk
    notes: tuple[str, ...] = ()  # pieces that are notes, not units (各相关部门按职责分工共同推进)


def normalize_unit_name(name: str) -> str:
    """One unit name cleaned: no spaces (incl. full-width/NBSP), （） brackets, no trailing punctuation."""
    text = name.replace("(", _OPEN).replace(")", _CLOSE)
    # Spaces between two Latin letters or digits are kept as one (DMA 项目); all others go (水 务 局).
    text = _SPACE.sub(lambda m: " " if _latin_around(m) else "", text.strip())
    text = text.strip().rstrip(_TRAILING_PUNCT).lstrip(_LEADING_PUNCT).strip()
    return text


def _latin_around(match: re.Match[str]) -> bool:
    text, start, end = match.string, match.start(), match.end()
    return start > 0 and end < len(text) and text[start - 1].isascii() and text[end].isascii()


def split_units(text: str | None, known: Collection[str] = ()) -> UnitSplit:
    """The unit names a 牵头单位/配合单位 cell holds, with warnings for text that needs a look."""
    known_names = _known_names(known)

    def unglue(piece: str) -> tuple[list[str], list[str]]:
        warnings: list[str] = []
        return _unglue(piece, known_names, warnings), warnings

    return _split(text or "", unglue)


class UnitSplitter:
    """:func:`split_units` against one set of known names, for many cells: each distinct text is split once."""

    def __init__(self, known: Collection[str] = ()) -> None:
        self._known = _known_names(known)
        self._done: dict[str, UnitSplit] = {}
        self._pieces: dict[str, tuple[list[str], list[str]]] = {}  # one name as written → (names, warnings)

    def split(self, text: str | None) -> UnitSplit:
        text = text or ""
        found = self._done.get(text)
        if found is None:
            found = self._done[text] = _split(text, self._unglue)
        return found

    def standalone(self, text: str | None) -> tuple[str, ...]:
        """The names of ``text`` written on their own: not cut from glued text, not kept with a warning, not notes.

        These are the names a file can teach about which units exist (县发改委县财政局 teaches nothing)."""
        pieces = [piece for piece in _pieces(text or "") if not is_unit_note(piece)]
        whole = [piece for piece in pieces if self._unglue(piece) == ([piece], [])]
        return tuple(dict.fromkeys(_level_carried(whole)))

    def _unglue(self, piece: str) -> tuple[list[str], list[str]]:
        found = self._pieces.get(piece)
        if found is None:
            warnings: list[str] = []
            found = self._pieces[piece] = (_unglue(piece, self._known, warnings), warnings)
        return found


def _known_names(known: Collection[str]) -> set[str]:
    return {normalize_unit_name(k) for k in known} - {""}


def _split(text: str, unglue: Callable[[str], tuple[list[str], list[str]]]) -> UnitSplit:
    names: list[str] = []
    warnings: list[str] = []
    notes: list[str] = []
    for piece in _pieces(text):
        if is_unit_note(piece):
            notes.append(piece)
            warnings.append(f"单位栏中的“{piece}”是说明文字，不作为单位，请核对")
            continue
        piece_names, piece_warnings = unglue(piece)
        warnings.extend(piece_warnings)
        names.extend(piece_names)
    return UnitSplit(tuple(dict.fromkeys(_level_carried(names))), tuple(warnings), tuple(dict.fromkeys(notes)))


def _level_carried(names: list[str]) -> list[str]:
    """县水务局、发改委 → 县水务局、县发改委: the first name's level prefix goes to the short bureau names after it."""
    if len(names) < 2 or not names[0].startswith(_LEVEL_PREFIXES) or len(names[0]) < _MIN_PART + 1:
        return names
    level = names[0][0]
    return [names[0]] + [
        level + name
        if len(name) <= _MAX_BUREAU and name.endswith(_BUREAU_ENDINGS) and not name.startswith(_ANY_LEVEL)
        else name
        for name in names[1:]
    ]


@lru_cache(maxsize=16384)  # the same cell texts come back in every table, and twice in an import's preview
def _pieces(text: str) -> tuple[str, ...]:
    """Cut at separators outside brackets, then at spaces between unit-like pieces; drop none markers."""
    pieces: list[str] = []
    for chunk in _cut_outside_brackets(text.replace("(", _OPEN).replace(")", _CLOSE)):
        words = [w for w in _SPACE.split(chunk.strip()) if w]
        if len(words) > 1 and all(_looks_like_unit(normalize_unit_name(w)) for w in words):
            pieces.extend(words)
        else:
            pieces.append(chunk)
    cleaned = (normalize_unit_name(p) for p in pieces)
    return tuple(p for p in cleaned if p not in NONE_MARKERS)


def _cut_outside_brackets(text: str) -> list[str]:
    chunks, current, depth = [], [], 0
    for char in text:
        if char == _OPEN:
            depth += 1
        elif char == _CLOSE:
            depth = max(0, depth - 1)
        if char in _SEPARATORS and depth == 0:
            chunks.append("".join(current))
            current = []
        else:
            current.append(char)
    chunks.append("".join(current))
    # A bracket on a line of its own belongs to the name above: 各乡镇\n（农场）.
    merged: list[str] = []
    for chunk in chunks:
        if merged and chunk.strip().startswith(_OPEN):
            merged[-1] += chunk.strip()
        else:
            merged.append(chunk)
    return merged


def _unglue(name: str, known: set[str], warnings: list[str]) -> list[str]:
    """Cut a glued name into known or level-prefixed units, or keep it (with a warning when it looks glued)."""
    if name in known:
        return [name]
    if len(name) > _MAX_GLUED:  # a sentence in a unit cell, not names run together: kept as written
        warnings.append(f"单位栏中的“{name[:20]}…”不像单位名称，请核对")
        return [name]
    parts = _known_parts(name, known)
    if parts is not None and len(parts) > 1:
        return parts
    parts = _known_parts(name, known, by_prefix=True)
    if parts is not None and len(parts) > 1:
        warnings.append(f"单位“{name}”已按单位名称拆分为：{'、'.join(parts)}，请核对")
        warnings.extend(_glued_warning(part) for part in parts if part not in known and _looks_glued(part))
        return parts
    if _looks_glued(name):
        warnings.append(_glued_warning(name))
    return [name]


def _glued_warning(name: str) -> str:
    return f"“{name}”可能是几个单位连写，请核对"


def _known_parts(name: str, known: set[str], by_prefix: bool = False) -> list[str] | None:
    """``name`` as a run of known names, or None; of several ways to cut, the one with the fewest pieces.

    ``by_prefix``: a run of at least two names, each known or with its own level prefix, cut as finely
    as they allow (旗水利局 | 旗财政局 | 旗发改委)."""
    best: dict[int, list[str]] = {0: []}
    for end in range(1, len(name) + 1):
        for start in range(max(0, end - _MAX_NAME), end):  # no name looked for is longer than _MAX_NAME
            if start not in best or (end in best and not _better(len(best[start]) + 1, len(best[end]), by_prefix)):
                continue
            piece = name[start:end]
            if piece in known or (by_prefix and len(piece) < len(name) and _has_own_level(piece)):
                best[end] = best[start] + [piece]
    return best.get(len(name))


def _better(pieces: int, than: int, more: bool) -> bool:
    return pieces > than if more else pieces < than


def level_prefix(name: str) -> str:
    """The level a unit name starts with (市 of 市水利局, 自治区 of 自治区水利厅), or "" (市场监管局, 水务局)."""
    if name.startswith(_NOT_A_LEVEL) and not name.startswith(_A_LEVEL_AFTER_ALL):
        return ""
    return next((prefix for prefix in LEVEL_PREFIXES if name.startswith(prefix)), "")


def _has_own_level(piece: str) -> bool:
    """True for a name such as 市工信局 or 县委组织部 that can stand beside another name of its own level."""
    prefix = level_prefix(piece)
    core = _TRAILING_BRACKET.sub("", piece[len(prefix) :])  # 市水务局（河长办） ends like 市水务局
    return (
        bool(prefix)
        and len(core) >= 2  # 市委 of 市委市政府督查室 is not cut off
        and core.endswith(_PREFIXED_ENDINGS)
        and not core.startswith(_SUBORDINATE_STARTS)
        and _OPEN not in core
        and _CLOSE not in core
    )


def is_unit_note(text: str) -> bool:
    """True for a phrase about how units share the work (各相关部门按职责分工共同推进), not a unit name.

    Collective names (各成员单位, 相关部门, 各乡镇（农场）, 各县（市、区）人民政府) are units."""
    text = normalize_unit_name(text)
    core = _TRAILING_BRACKET.sub("", text)
    if not core or core.endswith(UNIT_ENDINGS + _COLLECTIVE_ENDINGS):
        return False
    if any(phrase in text for phrase in _NOTE_PHRASES):
        return True
    return text.startswith(_COLLECTIVE_STARTS) and text.endswith(_DUTY_ENDINGS)


def _looks_like_unit(name: str) -> bool:
    core = _TRAILING_BRACKET.sub("", name)  # 各乡镇（农场） ends like 各乡镇
    return len(core) >= 2 and core.endswith(UNIT_ENDINGS)


def _looks_glued(name: str) -> bool:
    """True when a unit-like name follows a strong unit ending inside ``name`` (市工信局市商务局)."""
    depth = 0
    for cut in range(1, len(name)):
        char = name[cut - 1]
        depth += (char == _OPEN) - (char == _CLOSE)
        left, right = name[:cut], name[cut:]
        if depth or len(left) < _MIN_PART or len(right) < _MIN_PART:
            continue
        if not left.endswith(_GLUE_ENDINGS) or _word_across(name, cut):
            continue
        if right.startswith(_OPEN) or right.endswith(_SUBORDINATE_ENDINGS):
            continue
        if _looks_like_unit(right):
            return True
    return False


def _word_across(name: str, cut: int) -> bool:
    """True if a word such as 委员 or 办公 runs across position ``cut``."""
    return any(
        name[cut - k : cut - k + len(word)] == word for word in _NOT_AN_END for k in range(1, len(word)) if cut - k >= 0
    )
