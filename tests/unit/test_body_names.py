"""Which reporting body a file names, and the name of a body not listed yet that a file or sheet name gives."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.body_names import name_in_file_name, named_bodies, new_body_name
from sisiding_desktop.domain.model import ReportingBody

BODIES = (
    ReportingBody(1, 1, "石嘴山市大武口区", aliases=("大武口区",)),
    ReportingBody(2, 1, "惠农区"),
    ReportingBody(3, 1, "平罗县"),
)
CITY_TITLE = "石嘴山市“四水四定”重点任务分工方案"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("填报单位：惠农区水务局", ["惠农区"]),
        ("大武口区", ["石嘴山市大武口区"]),
        ("平 罗 县", ["平罗县"]),
        ("区", []),
        ("银川市兴庆区", []),
    ],
)
def test_a_text_names_the_body_whose_name_stands_in_it(text, expected):
    assert [b.name for b in named_bodies(text, BODIES)] == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("平罗县2024年第三季度推进情况表", "平罗县"),
        ("大武口区2024年三季度报送", "大武口区"),
        ("惠农区水务局 2024Q3 填报（终稿）", "惠农区水务局"),
        ("石嘴山高新技术产业开发区管委会报送", "石嘴山高新技术产业开发区管委会"),
        ("石嘴山市2024年三季度汇总", ""),  # the 市 itself, whose plan this is
        ("附件1", ""),
        ("Sheet1", ""),
        ("b", ""),
        ("关于报送2024年第三季度四水四定重点任务推进情况的函", ""),
        ("惠农区“四水四定”重点任务推进情况表", "惠农区"),  # a title
        ("石嘴山市“四水四定”重点任务分工方案", ""),  # the plan's own title
        ("石嘴山市惠农区水务局2024年报送", "石嘴山市惠农区水务局"),
        ("全市2024年推进情况", ""),
        ("各县区", ""),
        ("附件2：惠农区报送表", "惠农区"),
        ("全县节水工作", ""),
    ],
)
def test_a_file_name_or_title_may_name_a_body_not_listed_yet(stem, expected):
    assert new_body_name(name_in_file_name(stem), CITY_TITLE) == expected
