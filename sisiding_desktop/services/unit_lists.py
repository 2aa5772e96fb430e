"""Which units a plan names, and the file each one's 单位任务清单 is saved under when the lists go out together."""

from __future__ import annotations

import re

from sisiding_desktop.domain.model import Node, Period, UnitRef
from sisiding_desktop.services.tree import walk

_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')  # what Windows refuses in a file name


def units_in_plan(nodes: tuple[Node, ...]) -> list[UnitRef]:
    """Every unit named in the plan in any role, in the order the table first names them."""
    seen: dict[int, UnitRef] = {}
    for node in walk(nodes):
        for unit in (*node.lead, *node.support, *node.local):
            seen.setdefault(unit.id, unit)
    return list(seen.values())


def safe_file_name(name: str, empty: str = "单位") -> str:
    """``name`` as part of a file name that every system the file may travel to accepts."""
    return _NOT_IN_FILE_NAMES.sub("_", name).strip(" .") or empty


def list_file_name(unit_name: str, period: Period | None, fmt: str) -> str:
    """水务局任务清单（2024年第3季度）.xlsx — safe on every system the file may travel to."""
    name = safe_file_name(unit_name)
    when = f"（{period.label}）" if period else ""
    return f"{name}任务清单{when}.{fmt}"
