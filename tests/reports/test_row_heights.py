"""Row heights fit the wrapped Chinese text, so nothing is cut off in Excel."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace

from sisiding_desktop.reports.layout import Cell, Column, Row, placeholder
from sisiding_desktop.reports.row_heights import (
    _TOKEN,
    MAX_ROW_PT,
    RowFitter,
    fit_row_heights,
    line_capacity,
    line_count,
    line_height_pt,
    text_height_pt,
    text_width,
)

MEASURE = "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。"


def test_cjk_characters_are_two_half_widths():
    assert text_width("水务局") == 6
    assert text_width("2024年") == 6
    assert text_width("（农场）") == 8


def test_lines_grow_with_text_and_shrink_with_width():
    assert line_count("水务局", 14, 12) == 1
    assert line_count(MEASURE, 50, 12) == 2
    assert line_count(MEASURE * 4, 50, 12) > line_count(MEASURE * 4, 80, 12)
    assert line_count(MEASURE, 50, 12) < line_count(MEASURE, 50, 16)


def test_explicit_line_breaks_count():
    assert line_count("1.开展节水。\n2.推广器具。\n3.实施改造。", 50, 12) == 3
    assert line_count("", 10, 12) == 1


def test_a_line_never_starts_with_closing_punctuation():
    # nine CJK characters fill a line exactly; the 。 takes the last one with it
    width = 9 * 16 / 7 / 0.93 + 1
    assert line_count("一二三四五六七八九", width, 12) == 1
    assert line_count("一二三四五六七八九。", width, 12) == 2


def test_long_latin_words_are_not_split_unless_longer_than_a_line():
    assert line_count("http://example.invalid/一个很长的地址", 10, 12) >= 3


def test_row_height_is_the_tallest_cell():
    columns = (Column("a", "甲", 10), Column("b", "乙", 50))
    rows = (Row("task", (Cell("短"), Cell(MEASURE * 3))),)
    (height,) = fit_row_heights(rows, columns)
    assert height >= text_height_pt(MEASURE * 3, 50, 12)
    assert height >= 3 * line_height_pt(12)


def test_a_spanning_cell_that_needs_more_room_enlarges_its_rows():
    columns = (Column("task", "重点任务", 10), Column("m", "措施", 50))
    owner = Cell(MEASURE * 2, row_span=2)
    rows = (Row("task", (owner, Cell("一"))), Row("measure", (placeholder(owner), Cell("二"))))
    heights = fit_row_heights(rows, columns)
    assert sum(heights) >= text_height_pt(MEASURE * 2, 10, 12)
    assert heights[0] == heights[1]


def test_no_row_is_taller_than_excel_allows():
    columns = (Column("m", "措施", 10),)
    (height,) = fit_row_heights((Row("task", (Cell(MEASURE * 30),)),), columns)
    assert height == MAX_ROW_PT


def _width_by_character(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _lines_token_by_token(text: str, width_chars: float, size_pt: float) -> int:
    """The wrapping rule spelt out plainly: tokens in order, each measured character by character."""
    capacity = line_capacity(width_chars, size_pt)
    total = 0
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        lines, used = 1, 0.0
        for token in _TOKEN.findall(paragraph):
            width = _width_by_character(token)
            if used + width <= capacity or used == 0:
                used += width
                while used > capacity:
                    lines += 1
                    used -= capacity
            elif not token.isspace():
                lines, used = lines + 1, width
        total += lines
    return total


def test_widths_and_line_counts_follow_the_rule_character_by_character():
    rng = random.Random(7)
    pieces = [*"水务局推进节水，。、；：）》”%abcXYZ0123456789 .-/_+\u3000\t\n"]
    pieces += ["http://", "2024年", "（农场）", "\U00020000"]
    no_spaces = [p for p in pieces if not p.isspace()]
    for n in range(6000):
        text = "".join(rng.choice(pieces if n % 2 else no_spaces) for _ in range(rng.randint(0, 90)))
        assert text_width(text) == _width_by_character(text)
        for width in (4, 9.5, 14, 34, 50, 9 * 16 / 7 / 0.93 + 1):
            assert line_count(text, width, 10.5) == _lines_token_by_token(text, width, 10.5), (text, width)


def test_a_fitter_refits_changed_rows_as_a_fresh_fit_does():
    columns = (Column("task", "重点任务", 10), Column("m", "措施", 30), Column("u", "单位", 8))
    owner = Cell(MEASURE * 3, row_span=3)
    rows = (
        Row("task", (owner, Cell(MEASURE), Cell("水务局"))),
        Row("measure", (placeholder(owner), Cell("二"), Cell("住建局、发改局"))),
        Row("measure", (placeholder(owner), Cell(MEASURE * 2), Cell("/"))),
    )
    fitter = RowFitter(columns)
    assert fitter.fit(rows) == fit_row_heights(rows, columns)
    cut = (
        replace(rows[0], cells=(replace(owner, row_span=1), *rows[0].cells[1:])),
        rows[1],
        replace(rows[2], cells=(Cell(MEASURE * 3 + "（续）", continued=True), *rows[2].cells[1:])),
    )
    assert fitter.fit(cut) == fit_row_heights(cut, columns)
    assert fitter.fit(rows) == fit_row_heights(rows, columns)
