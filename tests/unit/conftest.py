"""The real seed texts, read into rows and trees the domain tests can check against."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from sisiding_desktop.domain.model import NodeKind

SEED_DIR = Path(__file__).resolve().parents[1] / "data" / "seeds"
PINGLUO = "平罗县四水四定年度重点任务表.txt"
GUYANG = "固阳县水资源节约集约利用三年攻坚行动方案.txt"

_CHAPTER = re.compile(r"^([一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^（([一二三四五六七八九十]+)）")
_MEASURE_LABEL = re.compile(r"^(\d{1,2})[.．]")
_GUYANG_TASK = re.compile(
    r"^(?P<n>\d+)\.(?P<title>[^。]+)。\s*(?P<body>.*)"
    r"（责任单位：(?P<lead>.*?)(?:[，、,]\s*配合(?:单位)?：(?P<support>.*?))?）\s*$"
)


@dataclass(frozen=True)
class SeedNode:
    """One node of a seed plan, with the label the source wrote."""

    id: int
    parent_id: int | None
    kind: NodeKind
    position: int
    label: str
    text: str
    lead: str = ""
    support: str = ""


@dataclass(frozen=True)
class GuyangTask:
    number: str
    title: str
    body: str
    lead: str
    support: str


def parse_table_dump(text: str) -> list[list[str]]:
    """Rows of cells: a tab opens a cell, a line without one continues it, a blank line ends the row."""
    rows: list[list[str]] = []
    row: list[str] = []
    for line in text.splitlines():
        if not line.strip() and not line.startswith("\t"):
            if row:
                rows.append(row)
            row = []
        elif line.startswith("\t"):
            row.append(line[1:].replace("[bookmark: _GoBack]", ""))
        elif row:
            row[-1] += "\n" + line
        # lines before the first cell (附件) are not part of the table
    if row:
        rows.append(row)
    return rows


def split_measure_cell(cell: str) -> list[tuple[str, str]]:
    """(label, text) of each measure in a cell such as “1.…\\n2.…”; the first may have no label."""
    measures: list[tuple[str, str]] = []
    for line in cell.split("\n"):
        match = _MEASURE_LABEL.match(line)
        if match or not measures:
            label = match.group(0)[:-1] + "." if match else ""
            measures.append((label, line[match.end() :] if match else line))
        else:
            label, text = measures[-1]
            measures[-1] = (label, text + "\n" + line)
    return measures


def pingluo_tree_from_rows(rows: list[list[str]]) -> list[SeedNode]:
    """The 平罗县 table as a tree: 一、 chapters, （一） sections, tasks, one node per measure."""
    nodes: list[SeedNode] = []
    chapter: int | None = None
    section: int | None = None
    task: SeedNode | None = None
    next_id = iter(range(1, 10_000))
    counts: dict[int | None, int] = {}

    def add(parent: int | None, kind: NodeKind, label: str, text: str, lead="", support="") -> SeedNode:
        counts[parent] = counts.get(parent, 0) + 1
        # positions with gaps, as a database keeps them after deletions
        node = SeedNode(next(next_id), parent, kind, counts[parent] * 10 + 3, label, text, lead, support)
        nodes.append(node)
        return node

    for row in rows:
        if len(row) == 1:
            if chapter_match := _CHAPTER.match(row[0]):
                chapter = add(None, NodeKind.GROUP, chapter_match.group(0), row[0][chapter_match.end() :]).id
                section = None
            elif section_match := _SECTION.match(row[0]):
                section = add(chapter, NodeKind.GROUP, section_match.group(0), row[0][section_match.end() :]).id
            continue  # the title row
        number, task_text, measure_cell, lead, support = row
        if number == "序号":
            continue
        if number:
            task = add(section or chapter, NodeKind.TASK, number, task_text, lead, support)
        assert task is not None
        for label, text in split_measure_cell(measure_cell):
            add(task.id, NodeKind.MEASURE, label, text, lead, support)
    return nodes


def guyang_tasks_from_text(text: str) -> list[GuyangTask]:
    """The numbered tasks of the 固阳县 plan, each with its 责任单位 and 配合单位 text."""
    tasks = []
    for line in text.splitlines():
        match = _GUYANG_TASK.match(line.strip())
        if match:
            tasks.append(GuyangTask(match["n"], match["title"], match["body"], match["lead"], match["support"] or ""))
    return tasks


def guyang_tree_from_text(text: str) -> list[SeedNode]:
    """Chapters, sections and tasks of the 固阳县 plan as a tree (its tasks carry no separate measures)."""
    nodes: list[SeedNode] = []
    chapter: int | None = None
    section: int | None = None
    for position, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if match := _CHAPTER.match(line):
            chapter, section = position, None
            nodes.append(SeedNode(position, None, NodeKind.GROUP, position, match.group(0), line))
        elif match := _SECTION.match(line):
            section = position
            nodes.append(SeedNode(position, chapter, NodeKind.GROUP, position, match.group(0), line))
        elif match := _GUYANG_TASK.match(line):
            nodes.append(SeedNode(position, section, NodeKind.TASK, position, match["n"], match["title"]))
    return nodes


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    assert SEED_DIR.is_dir(), f"seed texts not found at {SEED_DIR}"
    return SEED_DIR


@pytest.fixture(scope="session")
def pingluo_rows(seed_dir: Path) -> list[list[str]]:
    return parse_table_dump((seed_dir / PINGLUO).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pingluo_tree(pingluo_rows: list[list[str]]) -> list[SeedNode]:
    return pingluo_tree_from_rows(pingluo_rows)


@pytest.fixture(scope="session")
def pingluo_task_rows(pingluo_rows: list[list[str]]) -> list[list[str]]:
    """Rows with the five cells 序号 重点任务 具体落实措施 牵头单位 配合单位 (header excluded)."""
    return [row for row in pingluo_rows if len(row) == 5 and row[0] != "序号"]


@pytest.fixture(scope="session")
def guyang_text(seed_dir: Path) -> str:
    return (seed_dir / GUYANG).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def guyang_tasks(guyang_text: str) -> list[GuyangTask]:
    return guyang_tasks_from_text(guyang_text)


@pytest.fixture(scope="session")
def guyang_tree(guyang_text: str) -> list[SeedNode]:
    return guyang_tree_from_text(guyang_text)
