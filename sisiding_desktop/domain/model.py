"""Domain values: enums and frozen dataclasses handed between the layers.

Services return these, never ORM objects, so the GUI and the command line
work on plain Python values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


class NodeKind(str, Enum):
    GROUP = "group"  # 一、…  （一）…  any depth
    TASK = "task"  # 重点任务
    MEASURE = "measure"  # 具体落实措施

    @property
    def label(self) -> str:
        return {"group": "分组", "task": "重点任务", "measure": "具体措施"}[self.value]


class Role(str, Enum):
    LEAD = "lead"  # 牵头/责任
    SUPPORT = "support"  # 配合/参与
    LOCAL = "local"  # 责任单位/属地责任 beside 牵头 and 配合: the local governments responsible

    @property
    def label(self) -> str:
        return {"lead": "牵头单位", "support": "配合单位", "local": "责任单位"}[self.value]


class Status(str, Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BEHIND = "behind"
    SUSPENDED = "suspended"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @classmethod
    def from_label(cls, text: str) -> Status:
        """Accept the Chinese label (未启动…) or the enum value."""
        text = text.strip()
        for status, label in _STATUS_LABELS.items():
            if text in (label, status.value):
                return status
        raise ValueError(f"未知的状态：{text}")


_STATUS_LABELS = {
    Status.NOT_STARTED: "未启动",
    Status.IN_PROGRESS: "推进中",
    Status.DONE: "已完成",
    Status.BEHIND: "滞后",
    Status.SUSPENDED: "暂缓",
}


class Light(str, Enum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}[self.value]


class IndicatorAttribute(str, Enum):
    BINDING = "binding"  # 约束性
    EXPECTED = "expected"  # 预期性

    @property
    def label(self) -> str:
        return {"binding": "约束性", "expected": "预期性"}[self.value]


_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*(?:[Qq]\s*([1-4]))?\s*$")
_PERIOD_ZH_RE = re.compile(r"^\s*(\d{4})\s*年\s*(?:第?\s*([1-4一二三四])\s*季度)?\s*$")
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a quarter of a year, or the whole year (quarter 0)."""

    year: int
    quarter: int = 0

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2999:
            raise ValueError(f"年份不合理：{self.year}")
        if not 0 <= self.quarter <= 4:
            raise ValueError(f"季度应为1到4：{self.quarter}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2024Q3``, ``2024``, ``2024年第3季度``, ``2024年第三季度``, ``2024年``."""
        match = _PERIOD_RE.match(text) or _PERIOD_ZH_RE.match(text)
        if not match:
            raise ValueError(f"无法识别的期间“{text}”，应写成 2024Q3 或 2024年第3季度")
        quarter = match.group(2)
        q = 0 if quarter is None else int(_ZH_DIGITS.get(quarter, quarter))
        return cls(int(match.group(1)), q)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.quarter}" if self.quarter else str(self.year)

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.quarter}季度" if self.quarter else f"{self.year}年度"

    @property
    def start(self) -> date:
        return date(self.year, 1, 1) if not self.quarter else date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        if not self.quarter:
            return date(self.year, 12, 31)
        month = 3 * self.quarter
        return date(self.year, month, 31 if month in (3, 12) else 30)

    def previous(self) -> Period:
        if not self.quarter:
            return Period(self.year - 1)
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else Period(self.year - 1, 4)

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Deadline:
    """A completion time (完成时限) as written, with the dates it means.

    ``start`` is set for ranges (2023—2025年); ``end`` is the due date.
    Both are None for open-ended wording (长期坚持) or when nothing was found.
    """

    text: str = ""
    start: date | None = None
    end: date | None = None

    @property
    def is_set(self) -> bool:
        return self.end is not None


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str


@dataclass(frozen=True)
class Unit:
    id: int
    name: str
    short_name: str = ""
    kind: str = ""
    aliases: tuple[str, ...] = ()
    version: int = 0  # the row's version as read (optimistic locking); 0: not read from the database


@dataclass(frozen=True)
class Plan:
    id: int
    title: str
    region: str = ""
    issuer: str = ""
    doc_number: str = ""
    year_from: int | None = None
    year_to: int | None = None
    attachment_label: str = ""
    source_file: str = ""
    notes: str = ""
    task_numbering: str = "plan"  # "plan": 1…40 across the plan; "parent": restart per group
    section_numbering: str = "plan"  # the same for groups below the top level
    keep_source_numbers: bool = False  # show each node's label as the source wrote it (until restructured)
    number_styles: str = ""  # label style chosen per level ("group1=（一）;task=1."); empty: as detected
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 0


@dataclass(frozen=True)
class Node:
    """One row of the task tree, with its derived number and its units."""

    id: int
    plan_id: int
    parent_id: int | None
    kind: NodeKind
    position: int
    text: str
    number: str = ""  # shown number: the source's label, or derived from position (一、 （一） 1 1.)
    source_label: str = ""  # as written in the source
    deadline: Deadline = field(default_factory=Deadline)
    lead: tuple[UnitRef, ...] = ()
    support: tuple[UnitRef, ...] = ()
    local: tuple[UnitRef, ...] = ()  # 责任单位: the local governments responsible
    remarks: str = ""  # 备注 as the source wrote it
    inherited_units: bool = False  # units shown are the parent task's
    depth: int = 0
    children: tuple[Node, ...] = ()
    version: int = 0  # covers the node's own fields and its units

    def units_in(self, role: Role) -> tuple[UnitRef, ...]:
        """The units shown in ``role`` (its own, or its task's when it has none)."""
        return self.lead if role is Role.LEAD else self.support if role is Role.SUPPORT else self.local


@dataclass(frozen=True)
class IndicatorTarget:
    year: int
    text: str
    value: float | None = None


@dataclass(frozen=True)
class IndicatorActual:
    period: Period
    text: str
    value: float | None = None
    note: str = ""


@dataclass(frozen=True)
class Indicator:
    id: int
    plan_id: int
    position: int
    category: str
    name: str
    measure_unit: str = ""
    attribute: IndicatorAttribute | None = None
    base_value: str = ""
    targets: tuple[IndicatorTarget, ...] = ()
    responsible: tuple[UnitRef, ...] = ()
    actuals: tuple[IndicatorActual, ...] = ()
    notes: str = ""
    version: int = 0  # covers the indicator's fields, targets, actuals and responsible units


@dataclass(frozen=True)
class Progress:
    node_id: int
    period: Period
    status: Status = Status.NOT_STARTED
    percent: int = 0
    progress_text: str = ""  # 进展情况
    problems: str = ""  # 存在问题
    next_steps: str = ""  # 下步计划
    remarks: str = ""  # 备注
    reported_by: str = ""
    reported_at: datetime | None = None
    version: int = 0


@dataclass(frozen=True)
class ChangeEntry:
    id: int
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: int | None
    field: str
    old: str
    new: str
    plan_id: int | None = None


@dataclass(frozen=True)
class ReportingBody:
    """A body that reports to a plan: a 县/区 or a 市直单位, with the other names its tables use."""

    id: int
    plan_id: int
    name: str
    kind: str = ""  # 县, 区, 市直单位 … as the office calls it
    aliases: tuple[str, ...] = ()
    position: int = 0
    version: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class BodyReturn:
    """What a body's return for a period was: its file, when it was read and by whom, what matched and what not."""

    body_id: int
    period: Period
    file_name: str
    read_at: datetime
    read_by: str = ""
    matched: int = 0
    unmatched: tuple[str, ...] = ()
