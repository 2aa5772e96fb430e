"""The page of the 季度推进情况报告 as 公文 print it (GB/T 9704-2012), shared by its Word and PDF writers.

A4 portrait; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, which leave the standard 156 × 225 mm
text block.  Body text 仿宋_GB2312 三号 (16 pt) on a fixed line pitch of 28.9 pt: 22 lines a page, and with
characters drawn 0.25 pt closer than their width, 28 characters a line, as the standard sets out.  Headings
一、 in 黑体 三号 and （一） in 楷体_GB2312 三号, indented two characters as the body is; the title in
方正小标宋简体 二号, centred, one blank line above the body.  Page numbers ``— 1 —`` in 宋体 四号, centred,
7 mm below the text block.

Looks name font roles (``machine.fonts``: title, heading, body, kai); each writer turns a role into a font.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]  # 156
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]  # 225
LINE_PT = 28.9  # fixed line pitch of the body: 22 lines in 225 mm
CHAR_SPACING_PT = -0.25  # 28 characters of 16 pt in 156 mm (442.2 pt)
BODY_PT = 16.0  # 三号
TITLE_PT = 22.0  # 二号
FOOTER_PT = 14.0  # 四号
PAGE_NUMBER = "— {} —"
PAGE_NUMBER_BELOW_MM = 7.0  # from the text block's bottom edge to the top of the page number
CHART_WIDTH_MM = 150.0  # pictures: 15 cm, inside the 156 mm text block
CHART_HEIGHT_MM = TEXT_HEIGHT_MM - 20.0  # at most: room left for the caption
FOOTER_FONT = "宋体"  # page numbers: 半角宋体阿拉伯数字


@dataclass(frozen=True)
class BlockLook:
    """How one kind of block is set: font role and size, fixed line pitch, indent, spacing, Word style."""

    style: str  # the Word style's name (a built-in one where Word has it, so restyling works as usual)
    role: str  # title | heading | body | kai
    size_pt: float
    line_pt: float
    indent_chars: float = 2.0  # first line
    continuation_chars: float = 0.0  # the lines after the first (0: at the margin)
    centred: bool = False
    before_pt: float = 0.0
    after_pt: float = 0.0
    keep_with_next: bool = False
    page_break_before: bool = False
    outline_level: int | None = None  # Word's navigation pane: 0 for 一、, 1 for （一）


LOOKS: dict[str, BlockLook] = {
    "body": BlockLook("Normal", "body", BODY_PT, LINE_PT),
    "title": BlockLook("Title", "title", TITLE_PT, 36.0, 0.0, centred=True, after_pt=LINE_PT, keep_with_next=True),
    "heading1": BlockLook("Heading 1", "heading", BODY_PT, LINE_PT, keep_with_next=True, outline_level=0),
    "heading2": BlockLook("Heading 2", "kai", BODY_PT, LINE_PT, keep_with_next=True, outline_level=1),
    "chart": BlockLook("Caption", "body", FOOTER_PT, 22.0, 0.0, centred=True, after_pt=6.0),
    # 附件：… two characters in, a second line under the name's first character (after 附件：)
    "attachment": BlockLook("附件说明", "body", BODY_PT, LINE_PT, continuation_chars=5.0, before_pt=LINE_PT),
    "attachment_label": BlockLook("附件标签", "heading", BODY_PT, LINE_PT, 0.0, page_break_before=True),
}
PICTURE_STYLE = "简报图片"  # the paragraph holding a chart: centred, its line as tall as the picture


def picture_size_mm(width_px: float, height_px: float) -> tuple[float, float]:
    """A chart's size on the page: 15 cm wide, or less when that would make it taller than the page holds."""
    width = CHART_WIDTH_MM
    height = width * height_px / width_px
    if height > CHART_HEIGHT_MM:
        width, height = width * CHART_HEIGHT_MM / height, CHART_HEIGHT_MM
    return width, height


TITLE_CHARS = 20  # characters of 二号 in the 156 mm line
_OPENING = "（《“‘〔【([{"
_CLOSING = "，。、；：？！）》”’〕】…—%％,.;:!?)]}"
_GOOD_AFTER = "”’）》〕】，、"
_BREAK_PENALTY = 2.0  # characters a line may be longer to break at a good place


def em_width(text: str) -> float:
    """Width in characters: a Chinese character or full-width sign 1, an ASCII letter or digit ½."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def title_lines(text: str, chars: float = TITLE_CHARS) -> list[str]:
    """A title too long for one line, cut into lines of even length, preferring cuts after ” ） or before a number.

    公文 titles are set in lines of a meaning each, longest not on top where it can be helped; without
    knowing the meaning, even lines cut where the words themselves pause come close to it.
    """
    text = text.strip()
    if "\n" in text or em_width(text) <= chars:
        return [text]
    count = int(-(-em_width(text) // chars))
    best = _best_cuts(text, count, chars) if count <= 3 else None  # longer: left to the writer's wrapping
    return best or [text]


def _best_cuts(text: str, count: int, chars: float) -> list[str] | None:
    """``text`` in ``count`` lines no longer than ``chars``: the longest line (plus a penalty per bad cut) least."""
    cuts = [i for i in range(1, len(text)) if _may_cut(text, i)]
    best: tuple[float, list[str]] | None = None

    def search(start: int, left: int, lines: list[str], cost: float) -> None:
        nonlocal best
        if left == 1:
            last = text[start:]
            if em_width(last) <= chars:
                total = max(cost, em_width(last), *(em_width(line) for line in lines))
                if best is None or total < best[0]:
                    best = (total, [*lines, last])
            return
        for i in cuts:
            if i <= start or em_width(text[start:i]) > chars:
                continue
            penalty = 0.0 if _good_cut(text, i) else _BREAK_PENALTY
            search(i, left - 1, [*lines, text[start:i]], max(cost, em_width(text[start:i]) + penalty))

    search(0, count, [], 0.0)
    return best[1] if best else None


def _may_cut(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    if after in _CLOSING or before in _OPENING:
        return False
    return not (before.isascii() and after.isascii() and before.isalnum() and after.isalnum())


def _good_cut(text: str, i: int) -> bool:
    before, after = text[i - 1], text[i]
    return before in _GOOD_AFTER or (after.isdigit() and not before.isascii())
