"""Cell values become the text a person reads."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sisiding_desktop.exchange.grid.cell_text import cell_text, clean_text, compact


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (None, "General", ""),
        (1.0, "General", "1"),
        (2024, "General", "2024"),
        (0.564, "General", "0.564"),
        (0.1 + 0.2, "General", "0.3"),
        (0.95, "0%", "95%"),
        (0.125, "0.0%", "12.5%"),
        (datetime(2024, 6, 1), "yyyy-mm-dd h:mm:ss", "2024年6月"),
        (datetime(2024, 6, 30), "yyyy-mm-dd", "2024年6月30日"),
        (date(2024, 12, 31), 'yyyy"年"m"月"', "2024年12月"),
        (date(2025, 12, 31), 'yyyy"年"', "2025年"),
        (True, "General", "是"),
        ("  牵头\r\n单位\t ", "General", "牵头\n单位"),
        ("水务局_x000D_\n发改局", "General", "水务局\n发改局"),
        ("\ufeff\u3000县水务局\u200b\x07", "General", "县水务局"),
    ],
)
def test_cell_text(value, number_format, expected):
    assert cell_text(value, number_format) == expected


@given(st.text())
def test_clean_text_leaves_no_control_characters_and_is_stable(text):
    cleaned = clean_text(text)
    assert not any(ord(ch) < 32 and ch != "\n" for ch in cleaned)
    assert clean_text(cleaned) == cleaned
    assert cleaned == cleaned.strip(" \n")


def test_compact_removes_every_space():
    assert compact("牵头\n单位") == "牵头单位"
    assert compact(" 完成\u3000时限 ") == "完成时限"
