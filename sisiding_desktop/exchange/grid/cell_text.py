"""Turn any cell value into the text a person reads in it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from functools import lru_cache

_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")  # OOXML escapes such as _x000D_
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2028\u2029\ufeff]")
_BLANK_TAIL = re.compile(r"[ \t\u00a0\u3000]+\n")
_SPACES = re.compile(r"[\s\u3000]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NOT_WORD = re.compile(r"[\W_]+")


def cell_text(value: object, number_format: str = "General") -> str:
    """The text a person reads in a cell: 1.0 → "1", dates in Chinese, no control characters."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime | date):
        return date_text(value, number_format)
    if isinstance(value, time | timedelta):
        return str(value)
    if isinstance(value, int | float):
        return number_text(value, number_format)
    return clean_text(str(value))


def number_text(value: float, number_format: str = "General") -> str:
    """1.0 → "1", 0.564 → "0.564", 0.95 with a percent format → "95%"."""
    if "%" in number_format:
        return f"{value * 100:.10g}%"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}" if isinstance(value, float) else str(value)


def date_text(value: date, number_format: str = "General") -> str:
    """A date as a Chinese deadline is written: 2024年6月, or 2024年6月30日 when the day matters."""
    fmt = number_format.lower()
    has_day = "d" in fmt or fmt == "general"
    if "y" in fmt and "m" not in fmt and not has_day:
        return f"{value.year}年"
    if not has_day or value.day == 1:
        return f"{value.year}年{value.month}月"
    return f"{value.year}年{value.month}月{value.day}日"


def clean_text(text: str) -> str:
    """Strip control characters and stray spaces; keep line breaks (unit lists use them)."""
    if text.isprintable() and "_x" not in text:
        return text.strip(" ")  # nothing below would change it: no escapes, breaks, controls or odd spaces
    text = _whole_characters(_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    text = _BLANK_TAIL.sub("\n", text)
    return text.strip(" \n\u00a0\u3000")


def _whole_characters(text: str) -> str:
    """Join UTF-16 halves (_xD83D__xDE00_ is one emoji) and drop halves left alone: they cannot be stored."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")


def compact(text: str) -> str:
    """Text without any whitespace, for comparing header words: "牵头\\n单位" → "牵头单位"."""
    return _SPACES.sub("", text)


@lru_cache(maxsize=4096)  # the node a row is compared with stays the same for many rows
def loose(text: str) -> str:
    """Text reduced to its letters and digits, full-width folded to half-width: two writings of the same words
    compare equal ("（二）严格落实以水定地 ,推动" and "（二）严格落实以水定地，⏎推动")."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))


def excerpt(text: str, length: int = 20) -> str:
    """The first ``length`` characters of ``text`` on one line, for naming a cell in a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[:length] + "…"
