"""How node labels, unit lists and report titles are written in the tables."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sisiding_desktop.domain.model import Node, UnitRef
from sisiding_desktop.reports.styles import NONE_TEXT

_ZH_NUMERAL = re.compile(r"^[一二三四五六七八九十百零〇]+$")
_DIGITS = re.compile(r"^\d+$")
# Suffixes of a plan title that name the table itself, removed to name other reports after it.
_TITLE_SUFFIXES = (
    "年度重点任务表",
    "重点任务分工表",
    "任务分工表",
    "重点任务表",
    "任务表",
    "实施方案",
    "工作方案",
    "行动方案",
    "方案",
)


def node_label(node: Node) -> str:
    """The number printed before a node (derived, else as written in the source)."""
    return (node.number or node.source_label).strip()


def labelled(label: str, text: str) -> str:
    """``label`` + ``text`` as printed: 一、… （一）… 1.…; the text is left alone if it already starts so."""
    label = label.strip()
    if not label or text.startswith(label):
        return text
    if _ZH_NUMERAL.match(label):
        label += "、"
    elif _DIGITS.match(label):
        label += "."
    return label + text


def seq_text(node: Node) -> str:
    """The 序号 of a task: its number without trailing punctuation."""
    return node_label(node).rstrip("、.．。")


def units_text(units: Iterable[UnitRef]) -> str:
    """Unit names joined with 、, or ``/`` for none."""
    return "、".join(u.name for u in units) or NONE_TEXT


def report_base_name(plan_title: str) -> str:
    """The plan title without the word for its table (平罗县“四水四定”年度重点任务表 → 平罗县“四水四定”)."""
    title = plan_title.strip()
    for suffix in _TITLE_SUFFIXES:
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)]
    return title


def sheet_name(text: str) -> str:
    """A valid Excel sheet name (≤31 characters, none of []:*?/\\)."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "", text).strip("'").strip()
    return cleaned[:31] or "Sheet1"
