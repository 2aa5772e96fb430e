"""The briefing as plain text the clerk edits before saving, and that text read back into blocks.

One block a paragraph, a blank line between them: the title first, 一、 and （一） headings as they are
written, charts as ［图1：…］ placeholders (the picture stays the program's), the 附件： line last. Whatever
else the clerk types is body text. The edited text is not stored: it goes into the document and is gone.
"""

from __future__ import annotations

import re

from sisiding_desktop.reports.briefing_text import Block

_HEADING1 = re.compile(r"[一二三四五六七八九十]+、")
_HEADING2 = re.compile(r"[（(][一二三四五六七八九十]+[）)]")
_CHART = re.compile(r"［图(\d+)：(.*)］")
_ATTACHMENT = re.compile(r"附件[：:]")


def draft_text(blocks: list[Block]) -> str:
    """The blocks as editable text."""
    lines = []
    chart = 0
    for kind, text in blocks:
        if kind == "chart":
            chart += 1
            lines.append(f"［图{chart}：{text}］")
        else:
            lines.append(text.replace("\n", ""))
    return "\n\n".join(lines)


def blocks_from_text(text: str) -> tuple[list[Block], list[int]]:
    """The edited text as blocks, and for each chart placeholder kept, which chart (1-based) it shows."""
    paragraphs = [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]
    blocks: list[Block] = []
    charts: list[int] = []
    for index, paragraph in enumerate(paragraphs):
        found = _CHART.fullmatch(paragraph)
        if index == 0 and found is None:
            blocks.append(("title", paragraph))
        elif found:
            blocks.append(("chart", found.group(2)))
            charts.append(int(found.group(1)))
        elif _HEADING1.match(paragraph):
            blocks.append(("heading1", paragraph))
        elif _HEADING2.match(paragraph):
            blocks.append(("heading2", paragraph))
        elif _ATTACHMENT.match(paragraph):
            blocks.append(("attachment", paragraph))
        else:
            blocks.append(("body", paragraph))
    return blocks, charts
