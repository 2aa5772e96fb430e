"""Numbering labels are recognised as written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sisiding_desktop.exchange.plan_table.labels import group_label, is_note, item_label, seq_group_rank, split_item


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
