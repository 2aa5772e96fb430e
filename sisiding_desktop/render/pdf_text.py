"""Wrap cell text into lines the way Chinese typesetting does.

A line may break between any two CJK characters, but never before closing
punctuation （，。、）》…） nor after opening punctuation （（《“…）, and never
inside a run of Latin letters or digits unless the run is longer than a line.
Lines are returned as slices of the text, so that the slices joined give the
text back: a cell can be cut between lines and each part wraps the same again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

OPENING = "（《「『【“‘([{〔"
CLOSING = "，。、；：？！）》」』】”’·…—%％,.;:!?)]}〕"
_TOKEN = re.compile(
    rf"[{re.escape(OPENING)}]*(?:[A-Za-z0-9_.%/+\-]+|[ \u3000]|.)[{re.escape(CLOSING)}]*",
    re.S,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff]")

Measure = Callable[[str], float]


def clean(text: str) -> str:
    """One kind of line break, tabs as spaces, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def shown(line: str) -> str:
    """The part of a line slice that is drawn (without the break's space or newline)."""
    return line.rstrip(" \u3000\n")


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """``text`` (already ``clean``) as line slices no wider than ``width``; at least one line."""
    lines: list[str] = []
    paragraphs = text.split("\n")
    for n, paragraph in enumerate(paragraphs):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
        if n < len(paragraphs) - 1:
            lines[-1] += "\n"
    return lines


def _wrap_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    if measure(paragraph) <= width:
        return [paragraph]
    lines: list[str] = []
    line, used = "", 0.0
    for token in _TOKEN.findall(paragraph):
        w = measure(token)
        if token in (" ", "\u3000"):
            if line and used + w > width:  # a break here: the space ends the line unseen
                lines.append(line + token)
                line, used = "", 0.0
            elif line or not lines:
                line, used = line + token, used + w
            else:
                lines[-1] += token  # a space after a break stays with the line before
            continue
        if used + w > width and line:
            lines.append(line)
            line, used = "", 0.0
        if w > width:  # longer than a whole line: break inside it
            for ch in token:
                cw = measure(ch)
                if used + cw > width and line:
                    lines.append(line)
                    line, used = "", 0.0
                line, used = line + ch, used + cw
            continue
        line, used = line + token, used + w
    if line or not lines:
        lines.append(line)
    return lines
