"""Completion times (完成时限) read from the words real plans use.

``parse_deadline`` reads a 完成时限 cell (2024年6月底, 2023—2025年, 长期坚持);
``deadline_from_text`` finds the target year inside a measure's sentence
(“到2025年，全县…”) while skipping baseline years (较2020年, 2020年现状,
《…2021年…》, 2021年…以来).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sisiding_desktop.domain.model import Deadline

_ZH_DIGITS = {"〇": "0", "零": "0", "○": "0", "一": "1", "二": "2", "三": "3", "四": "4"}
_ZH_DIGITS.update({"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"})
_ZH_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}

# Words right before a year that make it a baseline: 较2020年, 比2020年.
_BASELINE_BEFORE = ("较", "比", "相比", "相较", "相较于", "较之", "对比", "同比", "比照")
# Words right after a year (after any 底/末) that make it a baseline or a start, not a target.
_BASELINE_AFTER = (
    "现状", "基础", "水平", "为基", "为准", "基准", "基期", "以来", "相比", "同期", "价格",
    "不变价", "一遇", "起", "开始", "以后", "之后", "后", "版", "数据",
)  # fmt: skip
_CLAUSE_END = re.compile(r"[,，。;；!！?？:：\n]")
_BOOK_TITLE = re.compile(r"《[^》]*》|〈[^〉]*〉")
_ZH_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=年)")
_ZH_MONTH = re.compile(r"(?<=年)(十[一二]?|[一二三四五六七八九])(?=月)")
_ZH_DAY = re.compile(
    r"(?<=月)(三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])(?=[日号])"
)
_SEP = r"(?:—|–|―|-|~|至|到)+"


def _point(p: str, loose: bool) -> str:
    """One date: 2024年, 2024年6月, 2024年6月15日, 2024年第三季度, 2024年上半年 (2024.6 if loose)."""
    alternatives = [
        rf"年?第?(?P<{p}q>[1-4一二三四])季度",
        rf"年(?P<{p}h>上半年|下半年|年中|年初)",
        rf"年(?:(?P<{p}m>\d{{1,2}})月份?(?:(?P<{p}d>\d{{1,2}})[日号])?)?",
    ]
    if loose:
        alternatives += [rf"[./-](?P<{p}m2>\d{{1,2}})(?:[./-](?P<{p}d2>\d{{1,2}}))?(?![\d.])", r"(?![\d.])"]
    return rf"(?<![\d.])(?P<{p}y>(?:19|20)\d{{2}})(?:{'|'.join(alternatives)})"


def _range(loose: bool) -> str:
    first = r"(?<![\d.])(?P<ay>(?:19|20)\d{2})(?:年(?:(?P<am>\d{1,2})月份?(?:(?P<ad>\d{1,2})[日号])?)?)?"
    second = _point("b", loose) + r"|(?P<bm_only>\d{1,2})月(?:份)?(?:(?P<bd_only>\d{1,2})[日号])?"
    return rf"(?P<range>{first}{_SEP}(?:{second}))"


_LOOSE = re.compile(rf"{_range(True)}|{_point('p', True)}")
_STRICT = re.compile(rf"{_range(False)}|{_point('p', False)}")


@dataclass(frozen=True)
class _Found:
    text: str
    start: date | None
    end: date
    at: int


def parse_deadline(text: str | None) -> Deadline:
    """A 完成时限 cell as dates: 2024年6月 → end 2024-06-30; 2023—2025年 → a range; 长期坚持 → no dates.

    When a cell names several dates the latest one is the due date.
    """
    stripped = (text or "").strip()
    found = _scan(stripped, loose=True)
    if not found:
        return Deadline(stripped)
    starts = [f.start for f in found if f.start is not None]
    return Deadline(stripped, min(starts) if starts else None, max(f.end for f in found))


def deadline_from_text(text: str | None) -> Deadline:
    """The target date named in a measure's sentence, e.g. “2024年节水型医院建成率达到100%” → 2024-12-31.

    Baseline years (较2020年, 2020年现状, 以2020年为基数, 2020年基础上), years in
    《书名号》 and years followed by 以来 are skipped.  The latest target wins
    (a range over a single year when both end the same day).  ``text`` of the
    result is the words found (“2023-2025年”), or "" when there is none.
    """
    found = _scan((text or "").strip(), loose=False)
    if not found:
        return Deadline()
    best = max(found, key=lambda f: (f.end, f.start is not None, -f.at))
    return Deadline(best.text, best.start, best.end)


def _normalize(text: str) -> str:
    """Half-width digits and punctuation, no spaces, Chinese-numeral dates as digits."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = _ZH_YEAR.sub(lambda m: "".join(_ZH_DIGITS[c] for c in m.group()), text)
    text = _ZH_MONTH.sub(lambda m: str(_zh_small_number(m.group())), text)
    return _ZH_DAY.sub(lambda m: str(_zh_small_number(m.group())), text)


def _zh_small_number(text: str) -> int:
    """一…三十一 as an int."""
    if "十" not in text:
        return int(_ZH_DIGITS[text])
    tens, _, ones = text.partition("十")
    return int(_ZH_DIGITS[tens] if tens else 1) * 10 + (int(_ZH_DIGITS[ones]) if ones else 0)


def _scan(text: str, *, loose: bool) -> list[_Found]:
    norm = _normalize(text)
    titles = [m.span() for m in _BOOK_TITLE.finditer(norm)]
    found = []
    for match in (_LOOSE if loose else _STRICT).finditer(norm):
        if any(a <= match.start() < b for a, b in titles) or _is_baseline(norm, match):
            continue
        dates = _dates(match)
        if dates is not None:
            start, end = dates
            found.append(_Found(match.group(), start, end, match.start()))
    return found


def _is_baseline(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()].rstrip("(（")
    if before.endswith(_BASELINE_BEFORE):
        return True
    after = re.sub(r"^(?:年底|年末|底|末)", "", text[match.end() :])
    if after.startswith(_BASELINE_AFTER):
        return True
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    return "以来" in clause


def _dates(match: re.Match[str]) -> tuple[date | None, date] | None:
    """(start, end) of a match; start only for ranges.  None when a month or day is impossible."""
    g = match.groupdict()
    if g["range"] is None:
        span = _span(g, "p")
        return None if span is None else (None, span[1])
    first = _span(g, "a")
    # 2024年3月至6月: the second end borrows the first one's year
    second = _span(g, "b") if g["bm_only"] is None else _day_span(int(g["ay"]), g["bm_only"], g["bd_only"])
    if first is None or second is None:
        return None
    start, end = min(first[0], second[0]), max(first[1], second[1])
    return start, end


def _span(g: dict[str, str | None], p: str) -> tuple[date, date] | None:
    """First and last day a single date stands for."""
    year = int(g[f"{p}y"] or 0)
    quarter, half = g.get(f"{p}q"), g.get(f"{p}h")
    if quarter:
        q = _ZH_QUARTERS.get(quarter) or int(quarter)
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if half:
        months = {"上半年": (1, 6), "下半年": (7, 12), "年中": (6, 6), "年初": (1, 3)}[half]
        return date(year, months[0], 1), _month_end(year, months[1])
    month = g.get(f"{p}m") or g.get(f"{p}m2")
    day = g.get(f"{p}d") or g.get(f"{p}d2")
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    return _day_span(year, month, day)


def _day_span(year: int, month_text: str, day_text: str | None) -> tuple[date, date] | None:
    month = int(month_text)
    if not 1 <= month <= 12:
        return None
    if day_text is None:
        return date(year, month, 1), _month_end(year, month)
    day = int(day_text)
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day), date(year, month, day)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
