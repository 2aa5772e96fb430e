"""The title and 附件 label of a plan written as prose: the short lines above its first heading."""

from __future__ import annotations

from dataclasses import dataclass

from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.plan_table.labels import any_label
from sisiding_desktop.exchange.plan_table.sheet_meta import read_meta

TITLE_LINE_CHARS = 60  # a longer paragraph is already the text
_MAX_LINES = 5
_SENTENCE_END = ("。", "；", ";", "！", "？", "：", ":")


@dataclass(frozen=True)
class ProseHead:
    title: str  # the title's lines joined; "" when the document starts with its text
    attachment_label: str  # 附件1, or ""
    end: int  # index of the first paragraph after the title


def read_head(paragraphs: list[str]) -> ProseHead:
    """The title lines: the short paragraphs before the first heading, sentence or long paragraph."""
    label = ""
    lines: list[str] = []
    index = 0
    if paragraphs:
        meta = read_meta(_one_cell(paragraphs[0]), 2)
        if meta.attachment_label:
            label, index = meta.attachment_label, 1
            lines += [meta.title] if meta.title else []
    while index < len(paragraphs) and len(lines) < _MAX_LINES and _title_line(paragraphs[index]):
        lines.append(paragraphs[index].replace("\n", ""))
        index += 1
    return ProseHead("".join(lines), label, index)


def _title_line(text: str) -> bool:
    return len(text) <= TITLE_LINE_CHARS and not text.endswith(_SENTENCE_END) and any_label(text) is None


def _one_cell(text: str) -> SheetGrid:
    return SheetGrid.from_texts("", False, {(1, 1): text}, [], "", 0)
