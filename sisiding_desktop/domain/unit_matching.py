"""Which unit names of a plan denote the same unit.

A plan names its own level's bureaus with or without the level (``水利局`` and
``县水利局`` in a county plan are one unit; ``市水利局`` there is the city's).
Names that are probably one unit written another way (``发改局``, ``发展和改革委员会``)
are only proposed, never merged here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from sisiding_desktop.domain.unit_names import level_prefix, normalize_unit_name

# The level a prefix names: an autonomous county is a county.
_LEVEL_OF = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
# After the level these belong to the name itself: 县委组织部, 县政府办公室, 县人民政府 are not 委组织部 …
_STICKY_AFTER_LEVEL = ("委", "政府", "人民", "人大", "政协", "纪委", "直", "级")
# A region at the start of a title: 固阳县, 包头市固阳县, 宁夏回族自治区石嘴山市平罗县.
_REGION = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(自治区|自治州|自治县|自治旗)|[\u4e00-\u9fff]{2,4}?(省|地区|市|州|盟|县|区|旗)"
)
_REGION_LEVEL = {"地区": "市"}
_TITLE_LEAD = re.compile(r"^(?:附件\s*\d*\s*[:：]?)?[^\u4e00-\u9fff]*")

# Endings of names compared for likely duplicates, longest first; 发改局 and 发改委 end alike.
_ENDING_CLASSES = (("委员会", "局"), ("办公室", "办"), ("中心", "中心"), ("局", "局"), ("委", "局"), ("办", "办"))
_CONJUNCTIONS = re.compile("[和与]")
# Well-known short forms the word rule below does not reach, or reaches only through a third name.
ABBREVIATIONS = {
    "发改": ("发展改革",),
    "市监": ("市场监督管理", "市场监管"),
    "住建": ("住房城乡建设",),
    "工信": ("工业信息化",),
    "卫健": ("卫生健康",),
    "文旅": ("文化旅游", "文化广电旅游", "文化体育广电旅游"),
    "商信": ("商务信息化",),
    "城管": ("城市管理", "城市管理综合执法", "城市管理综合行政执法"),
    "人社": ("人力资源社会保障",),
    "医保": ("医疗保障",),
    "林草": ("林业草原",),
}
# A word after which a name is another unit: 税务局 is not 税务稽查局, 交通运输局 not 交通运输综合执法局.
_DISTINCT_TAILS = ("稽查", "执法", "综合", "监察", "行政")


def name_level(name: str) -> str | None:
    """The level a unit name carries (县 for 县水利局 and 自治县水利局), or None (水利局, 市场监管局)."""
    prefix = level_prefix(normalize_unit_name(name))
    return _LEVEL_OF.get(prefix, prefix) or None


def same_bureau_key(name: str, level: str | None) -> str:
    """The name without the plan's own level prefix: in a 县 plan 县水利局 → 水利局, 市水利局 stays 市水利局."""
    name = normalize_unit_name(name)
    core = _without_own_level(name, level)
    return name if core is None else core


def level_variant(name: str, level: str | None) -> str | None:
    """The same bureau written the other way in a plan of ``level``: 县水利局 ↔ 水利局; None if there is none."""
    name = normalize_unit_name(name)
    if not level or not name:
        return None
    core = _without_own_level(name, level)
    if core is not None:
        return core
    if level_prefix(name) or name.startswith(("各", "相关", "有关")) or name.startswith(_STICKY_AFTER_LEVEL):
        return None
    prefixed = level + name
    return prefixed if _without_own_level(prefixed, level) == name else None


def _without_own_level(name: str, level: str | None) -> str | None:
    """``name`` without its level prefix when that is ``level`` and the rest reads as a name alone."""
    prefix = level_prefix(name)
    if not level or not prefix or _LEVEL_OF.get(prefix, prefix) != level:
        return None
    core = name[len(prefix) :]
    if len(core) < 2 or core.startswith(_STICKY_AFTER_LEVEL) or level_prefix(core):
        return None
    return core


def region_level(text: str) -> str | None:
    """The level of the region a title or region text starts with: 固阳县… → 县, 长治市… → 市, 包头市固阳县 → 县."""
    text = text.strip()
    position = _TITLE_LEAD.match(text).end()
    level = None
    while match := _REGION.match(text, position):
        suffix = match.group(1) or match.group(2)
        level = _REGION_LEVEL.get(suffix, _LEVEL_OF.get(suffix, suffix))
        position = match.end()
    return level


def plan_level(names: Iterable[str] = (), region: str = "") -> str | None:
    """The plan's own level: from ``region`` (a region or the title) if it names one, else from the names.

    From the names only when more than half of them (as the table uses them, repeats counted) carry
    one level: 县水务局、县财政局、水务局 → 县; a county table of bare names and one 市… name → None."""
    found = region_level(region) if region else None
    if found:
        return found
    names = [normalize_unit_name(name) for name in names]
    levels = Counter(level for level in map(name_level, names) if level)
    if not levels:
        return None
    level, count = levels.most_common(1)[0]
    return level if count * 2 > len(names) else None


def canonical_names(names: Iterable[str], level: str | None) -> dict[str, str]:
    """Each name (normalised) → the one name it shares with the names differing only by the plan's level prefix.

    The form the table uses most wins; on a tie the longer (prefixed) one, then the first written."""
    names = [name for name in map(normalize_unit_name, names) if name]
    uses = Counter(names)
    order = {name: index for index, name in enumerate(dict.fromkeys(names))}
    groups: dict[str, list[str]] = {}
    for name in order:
        groups.setdefault(same_bureau_key(name, level), []).append(name)
    result = {}
    for group in groups.values():
        best = min(group, key=lambda name: (-uses[name], -len(name), order[name]))
        result.update((name, best) for name in group)
    return result


def likely_duplicates(names: Iterable[str], level: str | None = None) -> list[tuple[str, ...]]:
    """Groups of names that probably denote one unit (发改局, 发改委, 发展和改革局), to propose, never to merge.

    Two names match when they carry the same level (after the plan's own ``level`` is set aside), end alike
    (局/委, 办/办公室, 中心) and one stem shortens the other: 和 left out, or word by word, each word kept,
    cut to its first character or left out, the first word never left out and at most one word dropped at
    the end (住建 of 住房和城乡建设, 工信 of 工业和信息化, 交通 of 交通运输), or a well-known short form.
    Groups come in the order their first name is written, names in written order."""
    unique = list(dict.fromkeys(name for name in map(normalize_unit_name, names) if name))
    parsed = [_parts(same_bureau_key(name, level)) for name in unique]
    parent = list(range(len(unique)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[str, str, str], list[int]] = {}
    for index, parts in enumerate(parsed):
        if parts is not None:
            prefix, ending, stem = parts
            buckets.setdefault((prefix, ending, stem[0]), []).append(index)
    for members in buckets.values():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if _same_stem(parsed[i][2], parsed[j][2]):
                    parent[max(root(i), root(j))] = min(root(i), root(j))
    groups: dict[int, list[str]] = {}
    for index, name in enumerate(unique):
        groups.setdefault(root(index), []).append(name)
    return [tuple(group) for _, group in sorted(groups.items()) if len(group) > 1]


def _parts(name: str) -> tuple[str, str, str] | None:
    """(level prefix, ending class, stem) of a bureau-like name, or None (县委组织部, 生态环境局平罗分局)."""
    prefix = level_prefix(name)
    core = name[len(prefix) :]
    if core.endswith(("分局", "分中心")):
        return None
    for ending, kind in _ENDING_CLASSES:
        stem = core[: -len(ending)]
        if core.endswith(ending) and len(stem) >= 2 and not any(char in stem for char in "局委办"):
            return prefix, kind, stem
    return None


def _same_stem(a: str, b: str) -> bool:
    """Stems alike: one shortens the other, or a well-known short form of one is the other (no chains)."""
    if _shortens(_plain(a), _words(b)) or _shortens(_plain(b), _words(a)):
        return True
    plain_a, plain_b = _forms(a), _forms(b)
    return plain_a[0] in plain_b or plain_b[0] in plain_a


def _forms(stem: str) -> tuple[str, ...]:
    """The stem without 和, then the long forms it is a well-known short form of."""
    plain = _plain(stem)
    return (plain, *ABBREVIATIONS.get(plain, ()))


def _plain(stem: str) -> str:
    return _CONJUNCTIONS.sub("", stem)


def _words(stem: str) -> tuple[str, ...]:
    """Two-character words of each part between 和 (工业和信息化 → 工业, 信息化; 交通运输 → 交通, 运输)."""
    words: list[str] = []
    for part in _CONJUNCTIONS.split(stem):
        chunks = [part[i : i + 2] for i in range(0, len(part), 2)]
        if len(chunks) > 1 and len(chunks[-1]) == 1:
            chunks[-2:] = [chunks[-2] + chunks[-1]]
        words.extend(chunks)
    return tuple(words)


def _shortens(short: str, words: tuple[str, ...], started: bool = False) -> bool:
    """True if ``short`` is ``words`` shortened: each word whole, its first character or left out (not the first),
    ending with at most one word left out that does not make another unit of it."""
    if not short:
        return started and (not words or (len(words) == 1 and words[0] not in _DISTINCT_TAILS))
    if not words:
        return False
    word, rest = words[0], words[1:]
    return (
        (short.startswith(word) and _shortens(short[len(word) :], rest, True))
        or (short[0] == word[0] and _shortens(short[1:], rest, True))
        or (started and _shortens(short, rest, True))
    )
