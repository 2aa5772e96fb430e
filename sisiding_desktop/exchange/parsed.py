"""What the importer hands back: a plan tree and indicators as read, with warnings.

Nothing here is stored yet; the caller splits unit strings, parses deadlines
and commits the plan in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sisiding_desktop.domain.model import NodeKind


@dataclass
class ParsedNode:
    """One group, task or measure, with its label and unit strings as written."""

    kind: NodeKind
    text: str  # without its label: "1.开展…" → "开展…"
    source_label: str = ""  # "一、", "（一）", "1", "1." as written
    lead_text: str = ""  # unit strings as found, lines joined with "\n"; not split
    support_text: str = ""
    local_text: str = ""  # 责任单位/属地: the local governments responsible, a third role beside 牵头 and 配合
    deadline_text: str = ""
    remarks: str = ""  # 备注 as written
    row: int = 0  # 1-based source row where the node starts
    sheet: str = ""
    children: list[ParsedNode] = field(default_factory=list)

    def walk(self) -> Iterator[ParsedNode]:
        """This node and all nodes below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ParsedIndicator:
    """One row of a 主要指标表."""

    category: str
    name: str
    measure_unit: str
    attribute_text: str
    base_value: str
    targets: dict[int, str]  # year → text as written ("6.17", "≥95%")
    responsible_text: str
    row: int
    sheet: str


@dataclass
class ImportWarning:
    """Something the importer could not place or had to guess; never fatal."""

    sheet: str
    row: int  # 0 when it concerns the whole sheet
    message: str  # Chinese, without the location
    kind: str = "工作表"  # what ``sheet`` names: a workbook's 工作表 or a Word document's 表格

    def __str__(self) -> str:
        where = f"{self.kind}“{self.sheet}”" if self.sheet else ""
        if self.row:
            where += f"第{self.row}行"
        return f"{where}：{self.message}" if where else self.message


@dataclass
class ParsedPlan:
    """A whole workbook as read: title, tree, indicators and warnings."""

    title: str
    attachment_label: str
    source_file: str
    nodes: list[ParsedNode]
    indicators: list[ParsedIndicator]
    warnings: list[ImportWarning]

    def walk(self) -> Iterator[ParsedNode]:
        """Every node of the tree, depth first."""
        for node in self.nodes:
            yield from node.walk()

    def counts(self) -> dict[str, int]:
        """How many groups, tasks, measures and indicators were read."""
        result = {"groups": 0, "tasks": 0, "measures": 0, "indicators": len(self.indicators)}
        plural = {NodeKind.GROUP: "groups", NodeKind.TASK: "tasks", NodeKind.MEASURE: "measures"}
        for node in self.walk():
            result[plural[node.kind]] += 1
        return result
