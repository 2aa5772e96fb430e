"""Line breaks a narrow column put inside a sentence, joined as a person reads them.

A cell typed (or converted from a PDF) into a narrow column may carry the
column's wrapping as hard line breaks: ``优化农田灌⏎溉规模和布⏎局``. Such a
break is *soft*: the line before it runs (nearly) the full width of the cell's
longest line, ends on a character or a comma and the next line goes on with a
character. A break stays when the line before it ends on any other mark
(。；：）…) or is clearly shorter than the others, or when the next line opens a
new item (``1.`` ``（2）`` ``①`` ``一、``): ``1.…⏎2.…`` keeps its items apart.
"""

from __future__ import annotations

from sisiding_desktop.exchange.plan_table.labels import any_label
from sisiding_desktop.reports.row_heights import char_width

_MID_SENTENCE = "，,、"  # a wrapped line may end on these; any other mark (。；：）…) ends the line on purpose
_SLACK = 2  # display columns a wrapped line may fall short of the longest (a wide character did not fit)


def join_soft_breaks(text: str) -> str:
    """``text`` with its soft line breaks removed; hard ones kept."""
    if "\n" not in text:
        return text
    lines = [line.strip(" \u3000") for line in text.split("\n")]
    widest = max(_width(line) for line in lines)
    joined = [lines[0]]
    for line in lines[1:]:
        before = joined[-1]
        if _is_soft(before, line, widest):
            joined[-1] = before + line
        else:
            joined.append(line)
    return "\n".join(joined)


def _is_soft(before: str, after: str, widest: int) -> bool:
    if not before or not after or not (before[-1].isalnum() or before[-1] in _MID_SENTENCE):
        return False
    if not after[0].isalnum() or any_label(after) is not None:
        return False
    return _width(before) >= widest - _SLACK


def _width(text: str) -> int:
    """Display width: a Chinese character counts two, a Latin letter or digit one."""
    return sum(char_width(ch) for ch in text)
