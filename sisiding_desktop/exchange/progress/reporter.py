"""Who sent a returned table: the 填报单位 it names, and its title, as a person reads them above the header.

A county fills the 市's table and writes its name in a cell such as "填报单位：惠农区水务局" (or "填报单位" with
the name in the next cell, "报送单位（盖章）：…"), or puts it in the title ("惠农区“四水四定”重点任务推进情况表").
Only the rows above the table's header are read (and a few rows under the table, where 填报人 lines often sit);
what the table itself says is never taken for its sender.
"""

from __future__ import annotations

import re

from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid

_LABEL = re.compile(r"^\s*(?:填报|报送|上报|填表)(?:单位|部门|县区|县（区）|地区)(?:（[^）]*）|\([^)]*\))?\s*[:：]?\s*")
_END_WORDS = re.compile(r"\s*(?:填报人|联系人|负责人|审核人|填报日期|联系电话|日期|电话)\s*[:：].*$")
BELOW_TABLE = 6  # rows under the last row read for a 填报单位 line


def reporter(grid: SheetGrid, header_first_row: int) -> str:
    """The name in a 填报单位 cell above the header (or just under the table), or ``""``."""
    rows = list(range(1, header_first_row)) + list(range(grid.max_row - BELOW_TABLE + 1, grid.max_row + 1))
    for row in rows:
        if row < 1:
            continue
        texts = sorted(grid.fresh_texts(row).items())
        for at, (_col, text) in enumerate(texts):
            found = _LABEL.match(text)
            if not found:
                continue
            name = _END_WORDS.sub("", text[found.end() :]).strip()
            if not name and at + 1 < len(texts):  # the name in the next cell of the row
                name = _END_WORDS.sub("", texts[at + 1][1]).strip()
            if name:
                return name
    return ""


def title(grid: SheetGrid, header_first_row: int) -> str:
    """The longest text above the header that is not an 附件 label or a 填报单位 line: the table's title."""
    best = ""
    for row in range(1, header_first_row):
        for text in grid.fresh_texts(row).values():
            text = text.strip()
            if _LABEL.match(text) or _END_WORDS.match(text) or re.fullmatch(r"附\s*件\s*\d*[:：]?", text):
                continue
            if len(text) > len(best):
                best = text
    return best
