"""The title and the 附件 label written above a table's header."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid

# "附件", "附件2：", or the label and the title in one cell ("附件1\n某县…任务分工表").
_ATTACHMENT = re.compile(r"^(附\s*件\s*[0-9０-９一二三四五六七八九十]*)(?:\s*[:：]\s*|\s+|$)(.*)$", re.S)
_TITLE_WORDS = ("任务分工表", "重点任务表", "任务清单", "分工表", "分工方案", "任务表")
_TITLE_WORDS += ("清单", "台账", "一览表", "表")
_NOT_TITLE = re.compile(r"^(?:填报|填表|制表|单位[:：]|日期|时间[:：]|联系人|说明)")


@dataclass(frozen=True)
class SheetMeta:
    title: str = ""
    attachment_label: str = ""


def read_meta(grid: SheetGrid, header_row: int) -> SheetMeta:
    """Title and 附件 label from the rows above ``header_row``."""
    label = ""
    candidates: list[str] = []
    for row in grid.rows():
        if row >= header_row:
            break
        for text in grid.fresh_texts(row).values():
            found = _ATTACHMENT.match(text)
            if found and not label:
                label = re.sub(r"\s+", "", found.group(1))
                text = found.group(2) or ""
            text = re.sub(r"\s*\n\s*", "", text).strip()
            if text and not _NOT_TITLE.match(text):
                candidates.append(text)
    return SheetMeta(_pick_title(candidates), label)


def _pick_title(candidates: list[str]) -> str:
    for word in _TITLE_WORDS:
        titled = [text for text in candidates if word in text]
        if titled:
            return max(titled, key=len)
    return max(candidates, key=len, default="")
