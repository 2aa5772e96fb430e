"""Cell values become the text a person reads; numbering labels are recognised as written."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sisiding_desktop.exchange.cell_text import cell_text, clean_text, compact
from sisiding_desktop.exchange.labels import group_label, is_note, item_label, seq_group_rank, split_item


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


@pytest.mark.parametrize(
    ("text", "label", "rank", "rest"),
    [
        ("一、坚持以水定人定城", "一、", 1, "坚持以水定人定城"),
        ("十二、完善制度", "十二、", 1, "完善制度"),
        ("（十八）提升计划用水管理水平", "（十八）", 2, "提升计划用水管理水平"),
        ("(三) 科学谋划", "(三)", 2, "科学谋划"),
        ("第一部分 总体要求", "第一部分", 0, "总体要求"),
    ],
)
def test_group_labels(text, label, rank, rest):
    found = group_label(text)
    assert found is not None and (found.label, found.rank, found.text) == (label, rank, rest)


@pytest.mark.parametrize("text", ["一是量水而行", "十四五期间", "坚持节水优先", "1.开展节水"])
def test_texts_that_are_not_group_headings(text):
    assert group_label(text) is None


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("1.开展党政机关节水达标建设。", "1.", "开展党政机关节水达标建设。"),
        ("2.2024年节水型医院建成率达到100%。", "2.", "2024年节水型医院建成率达到100%。"),
        ("3、2023-2025年每年新增", "3、", "2023-2025年每年新增"),
        ("（2）推广滴灌", "（2）", "推广滴灌"),
        ("②压减高耗水作物", "②", "压减高耗水作物"),
        ("1.5万亩高标准农田", "", "1.5万亩高标准农田"),
        ("0.564的灌溉水利用系数", "", "0.564的灌溉水利用系数"),
        ("1.持续优化种植结构。\n2.推广水稻控灌技术。", "", "1.持续优化种植结构。\n2.推广水稻控灌技术。"),
        ("推广节水器具", "", "推广节水器具"),
    ],
)
def test_split_item(text, label, rest):
    assert split_item(text) == (label, rest)


@given(st.integers(1, 999), st.text(min_size=1).filter(lambda t: t.strip() and not t[0].isdigit()))
def test_an_item_label_is_found_before_any_text(number, rest):
    found = item_label(f"{number}、{rest}")
    assert found is not None and found.label == f"{number}、"


def test_seq_cells_holding_group_numbers():
    assert seq_group_rank("一") == 1
    assert seq_group_rank("二、") == 1
    assert seq_group_rank("（三）") == 2
    assert seq_group_rank("1") is None
    assert seq_group_rank("（1）") is None


def test_notes_under_a_table():
    assert is_note("注：各单位每季度末报送。")
    assert is_note("填报单位：县水务局")
    assert not is_note("注重节水宣传")
