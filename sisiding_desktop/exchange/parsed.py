"""What the importer hands back: a plan tree and indicators as read, with warnings.

Nothing here is stored yet; the caller splits unit strings, parses deadlines
and commits the plan in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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


SKIP = "skip"  # a column or row the clerk chose not to import
# What a column of a task table can hold, as the preview offers it.
COLUMN_ROLES = {
    "seq": "序号",
    "group": "分组",
    "task": "重点任务",
    "measure": "具体措施",
    "lead": "牵头单位",
    "support": "配合单位",
    "local": "责任单位",
    "deadline": "完成时限",
    "remarks": "备注",
    "duty": "职责",
    "unit": "单位（按职责）",
    SKIP: "不导入",
}
ROW_KINDS = {"group": "分组", "task": "重点任务", "measure": "具体措施", SKIP: "不导入"}


@dataclass(frozen=True)
class KnownHeader:
    """Column meanings the clerk chose for a header, kept for the next file whose header reads the same."""

    signature: str
    roles: tuple[tuple[int, str], ...]  # (column, role)


@dataclass(frozen=True)
class ReadChoices:
    """The clerk's corrections from the preview; everything not named here is read as the program sees it."""

    columns: Mapping[tuple[str, int], str] = field(default_factory=dict)  # (sheet, column) → role
    header_rows: Mapping[str, int] = field(default_factory=dict)  # sheet → the header's (last) row
    row_kinds: Mapping[tuple[str, int], str] = field(default_factory=dict)  # (sheet, row) → ROW_KINDS key
    known_headers: tuple[KnownHeader, ...] = ()
    unit_merges: Mapping[str, str] = field(default_factory=dict)  # unit name → the name it is one unit with

    def columns_of(self, sheet: str) -> dict[int, str]:
        return {col: role for (name, col), role in self.columns.items() if name == sheet}

    def rows_of(self, sheet: str) -> dict[int, str]:
        return {row: kind for (name, row), kind in self.row_kinds.items() if name == sheet}


@dataclass(frozen=True)
class TableColumn:
    column: int
    header: str  # as found in the header row(s), compacted
    role: str | None  # a COLUMN_ROLES key, or None when the program does not know the column


@dataclass(frozen=True)
class TableLayout:
    """How one task table was read: where its header is and what each column was taken for."""

    sheet: str
    kind: str  # 工作表 or 表格
    header_row: int  # the header's last row
    columns: tuple[TableColumn, ...]
    signature: str  # the header's words, to know the same template again

    def roles(self) -> dict[int, str | None]:
        return {column.column: column.role for column in self.columns}


@dataclass
class ParsedPlan:
    """A whole workbook as read: title, tree, indicators and warnings."""

    title: str
    attachment_label: str
    source_file: str
    nodes: list[ParsedNode]
    indicators: list[ParsedIndicator]
    warnings: list[ImportWarning]
    tables: list[TableLayout] = field(default_factory=list)  # each task table's header and column meanings

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
