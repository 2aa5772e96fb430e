"""A plan written as prose (方案) read as a plan tree, for a Word document without a task table.

Chapters (一、 or 第一部分) and sections （一） are groups; numbered items (1. 1、 1． （1）) are
tasks: the item's heading phrase (up to its first 。) is the task text, and the rest of the item,
with the unnumbered paragraphs after it up to the next heading, one measure carrying the units of
the item's annotation (:mod:`prose_units`). A chapter without numbered items may write its tasks
as run-in sections (（一）加强组织领导。成立…); then those sections are its tasks.

A chapter is kept when one of its tasks names its units; when no task anywhere does, when its
title speaks of 任务. The others (总体要求, 保障措施 …) are left out with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.parsed import ImportWarning, ParsedNode, ParsedPlan
from sisiding_desktop.exchange.plan_table.labels import group_label, item_label
from sisiding_desktop.exchange.prose.title import read_head
from sisiding_desktop.exchange.prose.units import Annotation, take_annotations

READ_BY_HEADINGS = "这份 Word 文档没有任务分工表，已按标题层级读取重点任务，请核对"
_TASK_WORD = "任务"
_CHAPTER_RANK = 1  # 第一部分 (0) or 一、 (1) open a chapter
_ITEM_RANKS = (3, 4, 5)  # 1. / （1） / ①
_TEXT = 99  # the rank of a paragraph without a label


@dataclass(frozen=True)
class _Block:
    """One paragraph of a chapter: its label, the label's rank (``_TEXT`` for none) and the text after it."""

    label: str
    rank: int
    text: str
    paragraph: str  # as written, label included


@dataclass
class _Chapter:
    label: str  # "" for the text before the first chapter
    text: str
    rank: int
    blocks: list[_Block] = field(default_factory=list)

    def name(self) -> str:
        """第二章, 第一部分."""
        number = self.label.rstrip("、.．：: ")
        return number if number.startswith("第") else f"第{number}章"


@dataclass
class _ChapterTree:
    """A chapter read as nodes: its tasks, whether any names its units, and what was left out."""

    nodes: list[ParsedNode] = field(default_factory=list)
    tasks: int = 0
    annotated: bool = False
    warnings: list[ImportWarning] = field(default_factory=list)


def read_prose_plan(file_name: str, paragraphs: list[str]) -> ParsedPlan | None:
    """The plan the document's headings and numbered items describe; None when it has no task at all."""
    head = read_head(paragraphs)
    chapters = _chapters(paragraphs[head.end :])
    trees = [_read_chapter(chapter) for chapter in chapters]
    by_units = any(tree.annotated for tree in trees)
    nodes: list[ParsedNode] = []
    notes = [ImportWarning("", 0, READ_BY_HEADINGS)]
    for chapter, tree in zip(chapters, trees, strict=True):
        reason = _left_out(chapter, tree, by_units)
        if reason is None:
            nodes += tree.nodes
            notes += tree.warnings
        elif chapter.label:
            notes.append(ImportWarning("", 0, f"{chapter.name()}“{chapter.text}”{reason}，未导入"))
    if not nodes:
        return None
    return ParsedPlan(
        title=head.title or PurePath(file_name).stem,
        attachment_label=head.attachment_label,
        source_file=file_name,
        nodes=nodes,
        indicators=[],
        warnings=notes,
    )


def _left_out(chapter: _Chapter, tree: _ChapterTree, by_units: bool) -> str | None:
    """Why the chapter is not imported, or None when it is."""
    if by_units and not tree.annotated:
        return "没有带责任单位的任务"
    if not by_units and _TASK_WORD not in chapter.text:
        return "不是任务章节"
    return None if tree.tasks else "中没有编号的任务"


# -- chapters and their paragraphs ------------------------------------------------------------------------------


def _chapters(paragraphs: list[str]) -> list[_Chapter]:
    """The paragraphs cut at the chapter headings (the highest-ranked 第一部分 / 一、 used)."""
    labels = [group_label(text) for text in paragraphs]
    chapter_rank = min((found.rank for found in labels if found and found.rank <= _CHAPTER_RANK), default=None)
    chapters = [_Chapter("", "", -1)]
    for text, found in zip(paragraphs, labels, strict=True):
        if found and found.rank == chapter_rank:
            chapters.append(_Chapter(found.label, found.text, found.rank))
            continue
        item = None if found else item_label(text)
        label = found or (item if item and item.rank in _ITEM_RANKS else None)
        if label is None:
            chapters[-1].blocks.append(_Block("", _TEXT, text, text))
        else:
            chapters[-1].blocks.append(_Block(label.label, label.rank, label.text, text))
    return chapters


def _task_rank(blocks: list[_Block]) -> int | None:
    """The rank of the chapter's tasks: its highest item numbering, else its run-in sections, else None."""
    items = [block.rank for block in blocks if block.rank in _ITEM_RANKS]
    if items:
        return min(items)
    run_in = [block.rank for block in blocks if block.rank < _TEXT and _is_run_in(block.text)]
    return max(run_in, default=None)


def _is_run_in(text: str) -> bool:
    """A heading with its body after it (加强组织领导。成立…) or with an annotation."""
    units = Annotation()
    rest = take_annotations(text, units)
    return units.names_units or bool(rest.partition("。")[2].strip())


# -- one chapter as nodes -----------------------------------------------------------------------------------------


def _read_chapter(chapter: _Chapter) -> _ChapterTree:
    tree = _ChapterTree()
    task_rank = _task_rank(chapter.blocks)
    if task_rank is None:
        return tree  # neither numbered items nor run-in sections: nothing reads as a task
    root = ParsedNode(NodeKind.GROUP, chapter.text, chapter.label)
    stack: list[tuple[int, ParsedNode]] = [(chapter.rank, root)]
    item: list[str] = []  # the open item: its label, then its paragraphs
    for block in chapter.blocks:
        if block.rank > task_rank:  # text, or a sub-item: part of the open item (before any item: left out)
            if item:
                item.append(block.paragraph)
            continue
        if item:
            _add_task(stack[-1][1], item, tree)
            item = []
        if block.rank == task_rank:
            item = [block.label, block.text]
            continue
        while stack[-1][0] >= block.rank:
            stack.pop()
        group = ParsedNode(NodeKind.GROUP, block.text, block.label)
        stack[-1][1].children.append(group)
        stack.append((block.rank, group))
    if item:
        _add_task(stack[-1][1], item, tree)
    _prune(root, tree)
    tree.nodes = [root] if chapter.label else root.children
    return tree


def _add_task(parent: ParsedNode, item: list[str], tree: _ChapterTree) -> None:
    """The task (and its measure) of an item: [label, text after the label, following paragraphs …]."""
    label, *paragraphs = item
    units = Annotation()
    first, *rest = [take_annotations(text, units) for text in paragraphs]
    heading, _, body = first.partition("。")
    heading = heading.strip().rstrip("：:，,")
    body_text = "\n".join(text for text in [body.strip(), *rest] if text)
    if not heading:
        heading, body_text = body_text, ""
    task = ParsedNode(NodeKind.TASK, heading, label)
    holder = task
    if body_text:
        holder = ParsedNode(NodeKind.MEASURE, body_text)
        task.children.append(holder)
    holder.lead_text, holder.support_text, holder.deadline_text = units.lead_text, units.support_text, units.deadline
    parent.children.append(task)
    tree.tasks += 1
    tree.annotated = tree.annotated or units.names_units


def _prune(group: ParsedNode, tree: _ChapterTree) -> bool:
    """Take the groups without any task out from under ``group``; True if ``group`` keeps a task."""
    kept = []
    for child in group.children:
        if child.kind is not NodeKind.GROUP or _prune(child, tree):
            kept.append(child)
        else:
            tree.warnings.append(ImportWarning("", 0, f"“{child.source_label}{child.text}”下没有任务，未导入"))
    group.children = kept
    return bool(kept)
