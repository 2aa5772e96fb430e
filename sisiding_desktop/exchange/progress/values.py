"""Read a status word and a completion percentage the way units write them in progress tables."""

from __future__ import annotations

import re
import unicodedata

from sisiding_desktop.domain.model import Light, Status
from sisiding_desktop.exchange.grid.cell_text import loose

# Whole-cell synonyms, compared after removing spaces and punctuation.
STATUS_SYNONYMS: dict[str, Status] = {
    **{word: Status.DONE for word in ("已完成", "完成", "已办结", "办结", "已完结", "完结", "全部完成", "已落实")},
    **{
        word: Status.IN_PROGRESS
        for word in (
            "推进中",
            "正在推进",
            "进行中",
            "持续推进",
            "正在实施",
            "实施中",
            "有序推进",
            "按序时推进",
            "序时推进",
            "正常推进",
            "稳步推进",
            "按计划推进",
            "已启动",
            "正在进行",
        )
    },  # fmt: skip
    **{word: Status.NOT_STARTED for word in ("未启动", "未开展", "尚未启动", "尚未开展", "未开始", "未实施")},
    **{word: Status.BEHIND for word in ("滞后", "进度滞后", "滞后推进", "推进滞后", "进展滞后", "逾期", "逾期未完成")},
    **{word: Status.SUSPENDED for word in ("暂缓", "暂停", "暂缓实施", "暂缓推进", "缓建", "中止")},
}
LIGHT_WORDS = tuple(light.label for light in Light) + ("绿", "黄", "红", "绿色", "黄色", "红色")
_CLAUSE_END = re.compile(r"[，。；：,.;:！!\n]")
_PERCENT = re.compile(r"^(?:约|累计|完成)?\s*(-?\d+(?:\.\d+)?)\s*(%?)$")
_CHINESE_DIGITS = "零一二三四五六七八九十"
_TENTHS = re.compile(r"^(?:约|完成)?([零一二三四五六七八九十]|10|\d)成$")
_EMPTY_MARKS = frozenset({"", "/", "-", "—", "——", "无", "暂无"})


_YES = frozenset({"是", "√", "✓", "✔", "已完成", "完成", "yes", "y"})
_NO = frozenset({"否", "×", "✗", "✘", "x", "未完成", "没有完成", "no", "n"})


def parse_done_flag(text: str) -> bool | None:
    """A 是否完成 cell: 是 (√, 已完成) → True, 否 (×, 未完成) → False; empty or anything else → None."""
    stripped = unicodedata.normalize("NFKC", text).strip()
    word = _plain(stripped).lower() or stripped  # a tick or a cross is all punctuation
    return True if word in _YES else False if word in _NO else None


def _plain(text: str) -> str:
    return loose(text)


def parse_status(text: str) -> Status | None:
    """The status a cell states: "已完成", "推进中\\n黄灯", "已完成。全县…" → Status; a light alone → None.

    The whole cell is tried first, then its first clause, so a progress text
    that opens with its status word is understood too.
    """
    kept = "\n".join(line for line in text.splitlines() if _plain(line) not in LIGHT_WORDS).strip()
    first_clause = next((part for part in _CLAUSE_END.split(kept) if part.strip()), "")
    for candidate in (kept, first_clause):
        word = _without_light(_plain(candidate))
        if word in STATUS_SYNONYMS:
            return STATUS_SYNONYMS[word]
        try:
            return Status.from_label(candidate)
        except ValueError:
            continue
    return None


def _without_light(word: str) -> str:
    """The status word without a light written after it on the same line (已完成绿灯)."""
    for light in sorted(LIGHT_WORDS, key=len, reverse=True):
        if word.endswith(light) and word[: -len(light)] in STATUS_SYNONYMS:
            return word[: -len(light)]
    return word


def is_light_only(text: str) -> bool:
    """True when a status cell holds nothing but a light word (绿灯/黄灯/红灯)."""
    words = [_plain(line) for line in text.splitlines() if _plain(line)]
    return bool(words) and all(word in LIGHT_WORDS for word in words)


def is_blank_mark(text: str) -> bool:
    """Cells that mean "nothing": empty, "/", "-", "无"."""
    return _plain(text) == "" or text.strip() in _EMPTY_MARKS


class PercentError(ValueError):
    """A completion cell that is not a percentage from 0 to 100."""


def parse_percent(text: str) -> int | None:
    """60, "60%", "60％", "0.6", a 0.6 shown as "60%" or "六成" → 60; blank marks → None.

    A plain number between 0 and 1 with a fractional part is a fraction
    (nobody reports 0.6 %). Raises :class:`PercentError` for other text or
    values outside 0–100.
    """
    if is_blank_mark(text):
        return None
    plain = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    tenths = _TENTHS.match(plain)
    if tenths:  # 六成, 8成: tenths, as people say it
        digit = tenths.group(1)
        return 10 * (int(digit) if digit.isdigit() else _CHINESE_DIGITS.index(digit))
    found = _PERCENT.match(plain)
    if not found:
        raise PercentError(f"完成率“{text}”不是百分数")
    value = float(found.group(1))
    if not found.group(2) and 0 < value < 1:
        value *= 100
    if not 0 <= value <= 100:
        raise PercentError(f"完成率“{text}”不在0到100%之间")
    return int(value + 0.5)
