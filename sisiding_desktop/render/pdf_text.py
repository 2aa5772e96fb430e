"""Wrap cell text into lines the way Chinese typesetting does.

A line may break between any two CJK characters, but never before closing
punctuation （，。、）》…） nor after opening punctuation （（《“…）, and never
inside a run of Latin letters or digits unless the run is longer than a line.  Short columns' cells
keep their words whole as well (unit names between 、, ``reports.column_widths.words``): a line breaks
inside one only when it is longer than a line.
Lines are returned as slices of the text, so that the slices joined give the
text back: a cell can be cut between lines and each part wraps the same again.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from sisiding_desktop.reports.column_widths import WORD

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


def wrap(text: str, width: float, measure: Measure, keep_words: bool = False) -> list[str]:
    """``text`` (already ``clean``) as line slices no wider than ``width``; at least one line.

    ``keep_words``: break between words only, inside a word only when it is wider than a line.
    """
    lines: list[str] = []
    paragraphs = text.split("\n")
    for n, paragraph in enumerate(paragraphs):
        lines.extend(_wrap_paragraph(paragraph, width, measure, keep_words))
        if n < len(paragraphs) - 1:
            lines[-1] += "\n"
    return lines


def _wrap_paragraph(paragraph: str, width: float, measure: Measure, keep_words: bool) -> list[str]:
    if measure(paragraph) <= width:
        return [paragraph]
    if not keep_words:
        return _fill(_TOKEN.findall(paragraph), width, measure)
    plain = _fill(_word_tokens(paragraph, width, measure, even=False), width, measure)
    even = _fill(_word_tokens(paragraph, width, measure, even=True), width, measure)
    return even if len(even) <= len(plain) else plain


def _word_tokens(paragraph: str, width: float, measure: Measure, even: bool) -> list[str]:
    """The paragraph's words as tokens; a word wider than a line as its characters' tokens, or ``even``
    pieces of it: a long name split in the middle (机关事务 / 服务中心, not 机关事务服 / 务中心).
    """
    tokens: list[str] = []
    for word in WORD.findall(paragraph):
        w = measure(word)
        if word.isspace() or w <= width:
            tokens.append(word)
            continue
        pieces = _TOKEN.findall(word)
        tokens.extend((_even(pieces, w, width, measure) or pieces) if even else pieces)
    return tokens


def _even(tokens: list[str], total: float, width: float, measure: Measure) -> list[str] | None:
    """``tokens`` on as few lines as ``width`` allows, the lines as even as they can be (None: not found)."""
    lines = math.ceil(total / width)
    low, high, found = total / lines, width, None
    for _ in range(12):  # the narrowest line that still needs no more lines
        middle = (low + high) / 2
        pieces = _fill(tokens, middle, measure)
        if len(pieces) <= lines and max(map(measure, pieces)) <= middle:
            found, high = pieces, middle
        else:
            low = middle
    return found


def _fill(tokens: list[str], width: float, measure: Measure) -> list[str]:
    """Tokens on lines, as many on each as fit."""
    lines: list[str] = []
    line, used = "", 0.0
    for token in tokens:
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
