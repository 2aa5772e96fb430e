"""Numbering labels as Chinese official documents write them: 一、 （一） 1. （1） ①.

A label's *rank* orders the levels: 第一部分 < 一、 < （一） < 1. < （1） < ①.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH = "一二三四五六七八九十百零〇"
_SPACE = r"[ \u3000\u00a0]*"

# (rank, pattern) — the pattern matches the label only; its text follows.
_GROUP_STYLES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"第[{_ZH}\d]+(?:部分|章|篇)[、.．：:]?")),
    (1, re.compile(rf"[{_ZH}]+{_SPACE}[、.．]")),
    (2, re.compile(rf"[（(]{_SPACE}[{_ZH}]+{_SPACE}[）)][、.．]?")),
)
_ITEM_STYLES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (3, re.compile(r"\d{1,3}(?:、|[.．](?!\d)|[.．](?=\d{4}\s*(?:年|[-—–~～至])))")),
    (4, re.compile(rf"[（(]{_SPACE}\d{{1,3}}{_SPACE}[）)]|\d{{1,3}}[）)]")),
    (5, re.compile(r"[①-⑳]")),
)
_SEQ_GROUP = re.compile(rf"(?:[{_ZH}]+[、.．]?|[（(][{_ZH}]+[）)])")
_NEXT_ITEM = re.compile(r"\n\s*(?:\d{1,3}[、.．]|[（(]\d{1,3}[）)]|[①-⑳])")
_NOTE = re.compile(r"(?:注|备注|说明)[\d一二三]*[：:、]|(?:填报|填表|制表|审核|联系)\S{0,3}?[：:]")


@dataclass(frozen=True)
class Label:
    label: str  # as written, e.g. "（一）"
    rank: int
    text: str  # what follows the label, stripped


def group_label(text: str) -> Label | None:
    """The 第一部分 / 一、 / （一） label that opens ``text``, if any."""
    return _match(text, _GROUP_STYLES)


def item_label(text: str) -> Label | None:
    """The 1. / 1、 / （1） / ① label that opens ``text``, if any.

    "2.2024年…" has the label "2."; "1.5万亩" has none.
    """
    return _match(text, _ITEM_STYLES)


def any_label(text: str) -> Label | None:
    """A group label or an item label."""
    return group_label(text) or item_label(text)


def split_item(text: str) -> tuple[str, str]:
    """(label, text) of a measure or task text; no split when the cell lists several items."""
    found = item_label(text)
    if found is None or not found.text or _NEXT_ITEM.search(found.text):
        return "", text
    return found.label, found.text


def split_label(text: str) -> tuple[str, str]:
    """Like :func:`split_item`, but a task text may also open with 一、 or （一）."""
    found = group_label(text)
    if found is not None and found.text and not _NEXT_ITEM.search(found.text):
        return found.label, found.text
    return split_item(text)


def seq_group_rank(seq: str) -> int | None:
    """The rank when a 序号 cell holds a group number (一 / 一、 / （一）), else None."""
    if _SEQ_GROUP.fullmatch(seq.strip()):
        return 2 if seq.strip()[0] in "（(" else 1
    found = group_label(seq)
    return found.rank if found and not found.text else None


def is_note(text: str) -> bool:
    """Notes under a table: 注：… 说明：… 填报单位：…"""
    return bool(_NOTE.match(text.strip()))


def _match(text: str, styles: tuple[tuple[int, re.Pattern[str]], ...]) -> Label | None:
    stripped = text.lstrip(" \u3000\u00a0")
    for rank, pattern in styles:
        found = pattern.match(stripped)
        if found:
            rest = stripped[found.end() :].lstrip(" \u3000\u00a0")
            return Label(found.group(0).strip(), rank, rest)
    return None
