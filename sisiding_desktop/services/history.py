"""The change log read back: what happened to one measure (or task), who did it and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from sisiding_desktop.domain.model import Period, Role, Status
from sisiding_desktop.services.base import Service
from sisiding_desktop.store.models import ChangeLogRow

ACTIONS = {"add": "新增", "delete": "删除", "restore": "撤销删除", "move": "移动", "assign": "修改单位"}
NODE_FIELDS = {"text": "内容", "deadline": "完成时限", "position": "次序", "place": "位置"}
PROGRESS_FIELDS = {
    "status": "状态",
    "percent": "完成百分比",
    "progress_text": "进展情况",
    "problems": "存在问题",
    "next_steps": "下步计划",
    "remarks": "备注",
    "reported_by": "填报人",
    "clear": "清空进展",
}


@dataclass(frozen=True)
class ChangeEntry:
    at: datetime
    user: str
    what: str  # 2024年第3季度 完成百分比, 修改内容, 牵头单位, …
    old: str
    new: str


class HistoryService(Service):
    def node_history(self, node_id: int) -> list[ChangeEntry]:
        """Every logged change of the node (text, deadline, units, place, progress), newest first."""
        query = (
            select(ChangeLogRow)
            .where(ChangeLogRow.entity == "node", ChangeLogRow.entity_id == node_id)
            .order_by(ChangeLogRow.at.desc(), ChangeLogRow.id.desc())
        )
        with self.db.reading() as s:
            return [_entry(row) for row in s.scalars(query)]


def _entry(row: ChangeLogRow) -> ChangeEntry:
    what, old, new = _describe(row)
    return ChangeEntry(row.at, row.user or "", what, old, new)


def _describe(row: ChangeLogRow) -> tuple[str, str, str]:
    if row.action == "progress":
        period_code, _, name = row.field.partition(".")
        try:
            period = Period.parse(period_code).label
        except ValueError:
            period = period_code
        return f"{period} {PROGRESS_FIELDS.get(name, name)}", _value(name, row.old), _value(name, row.new)
    if row.action == "assign":
        role = Role(row.field).label if row.field in {r.value for r in Role} else row.field
        return f"修改{role}", row.old, row.new
    if row.action == "update":
        return f"修改{NODE_FIELDS.get(row.field, row.field)}", row.old, row.new
    if row.action == "move":
        return "移动位置", "", ""
    return ACTIONS.get(row.action, row.action), row.old, row.new


def _value(name: str, text: str) -> str:
    if name == "status" and text:
        try:
            return Status(text).label
        except ValueError:
            return text
    if name == "percent" and text:
        return f"{text}%"
    return text
