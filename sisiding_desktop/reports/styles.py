"""The official look: font roles, point sizes, cell styles, light colours.

Styles are immutable; each function returns one shared object per set of
arguments, so a table's thousands of cells share a handful of styles.

Layouts name font *roles* only; each renderer turns a role into a font
through ``sisiding_desktop.machine.fonts`` (``xlsx_font_name``, ``face_for``).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from sisiding_desktop.domain.model import Light
from sisiding_desktop.reports.layout import Align, CellStyle

# 字号 in points: 二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5.
TITLE_PT = 22.0
LABEL_PT = 16.0
SUBTITLE_PT = 16.0
HEADER_PT = 12.0
BODY_PT = 12.0
SMALL_BODY_PT = 10.5  # wide reports (季度推进情况表)
NOTE_PT = 12.0

# Cell fills for 亮灯, readable with black text and distinct in grey print.
LIGHT_FILLS: dict[Light, str] = {
    Light.RED: "FF7C80",
    Light.YELLOW: "FFE699",
    Light.GREEN: "A9D08E",
}
HEADER_FILL = "D9D9D9"
NONE_TEXT = "/"  # an empty unit cell, as official tables write it


@lru_cache(maxsize=256)
def header_style(size_pt: float = HEADER_PT) -> CellStyle:
    return CellStyle("heading", size_pt, bold=True, align="center", fill=HEADER_FILL, keep_words=True)


@lru_cache(maxsize=256)
def body_style(align: Align = "left", size_pt: float = BODY_PT, keep_words: bool = False) -> CellStyle:
    """A body cell; ``keep_words`` for short columns, whose words (unit names) are not broken across lines."""
    return CellStyle("body", size_pt, align=align, keep_words=keep_words)


@lru_cache(maxsize=256)
def group_style(depth: int, size_pt: float = BODY_PT) -> CellStyle:
    """一、 rows in 黑体, （一） rows in 楷体, deeper groups in bold 仿宋."""
    if depth == 0:
        return CellStyle("heading", size_pt)
    if depth == 1:
        return CellStyle("kai", size_pt, bold=True)
    return CellStyle("body", size_pt, bold=True)


@lru_cache(maxsize=256)
def light_style(base: CellStyle, light: Light | None) -> CellStyle:
    """``base`` with the light's fill colour (unchanged for no light)."""
    return base if light is None else replace(base, fill=LIGHT_FILLS[light])
