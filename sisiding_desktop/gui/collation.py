"""Chinese lists in the order a clerk expects: by pinyin (as Excel and WPS sort), not by code point."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QCollator, QLocale

T = TypeVar("T")

CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def chinese_sorted(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """``items`` by pinyin of ``key(item)``; numbers inside names compare by value (第2组 before 第10组)."""
    collator = QCollator(CHINESE)
    collator.setNumericMode(True)
    return sorted(items, key=lambda item: collator.sortKey(key(item)))
