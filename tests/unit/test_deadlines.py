"""完成时限 cells and target years in the seeds' measure sentences become dates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sisiding_desktop.domain.deadlines import deadline_from_text, parse_deadline
from sisiding_desktop.domain.model import Deadline, NodeKind

D = date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024年", None, D(2024, 12, 31)),
        ("2024", None, D(2024, 12, 31)),
        ("2024年6月", None, D(2024, 6, 30)),
        ("2024年6月底", None, D(2024, 6, 30)),
        ("2024年6月底前", None, D(2024, 6, 30)),
        ("2024年2月", None, D(2024, 2, 29)),
        ("2023年2月底", None, D(2023, 2, 28)),
        ("2024.6", None, D(2024, 6, 30)),
        ("2024.06", None, D(2024, 6, 30)),
        ("2024/6", None, D(2024, 6, 30)),
        ("2024-06-30", None, D(2024, 6, 30)),
        ("2024年6月15日", None, D(2024, 6, 15)),
        ("2024年6月15号", None, D(2024, 6, 15)),
        ("2024.6.15", None, D(2024, 6, 15)),
        ("2023—2025年", D(2023, 1, 1), D(2025, 12, 31)),
        ("2023-2025年", D(2023, 1, 1), D(2025, 12, 31)),
        ("2023年—2025年", D(2023, 1, 1), D(2025, 12, 31)),
        ("2023年——2025年", D(2023, 1, 1), D(2025, 12, 31)),
        ("2023至2025年", D(2023, 1, 1), D(2025, 12, 31)),
        ("2023～2025年", D(2023, 1, 1), D(2025, 12, 31)),
        ("2024年3月至6月", D(2024, 3, 1), D(2024, 6, 30)),
        ("2024年3月—2025年6月底", D(2024, 3, 1), D(2025, 6, 30)),
        ("到2025年", None, D(2025, 12, 31)),
        ("至2025年底", None, D(2025, 12, 31)),
        ("2025年前", None, D(2025, 12, 31)),
        ("2025年底前", None, D(2025, 12, 31)),
        ("2024年年底", None, D(2024, 12, 31)),
        ("2024年第三季度", None, D(2024, 9, 30)),
        ("2024年三季度末", None, D(2024, 9, 30)),
        ("2024年第1季度", None, D(2024, 3, 31)),
        ("2024年四季度", None, D(2024, 12, 31)),
        ("2024年上半年", None, D(2024, 6, 30)),
        ("2024年年中", None, D(2024, 6, 30)),
        ("２０２４年６月", None, D(2024, 6, 30)),
        ("2024 年 6 月 底", None, D(2024, 6, 30)),
        ("\u30002024年\u3000", None, D(2024, 12, 31)),
        ("二〇二四年六月底", None, D(2024, 6, 30)),
        ("二〇二五年十二月三十一日", None, D(2025, 12, 31)),
        ("2023年启动，2025年完成", None, D(2025, 12, 31)),
    ],
)
def test_parse_deadline(text: str, start: date | None, end: date) -> None:
    deadline = parse_deadline(text)
    assert (deadline.start, deadline.end) == (start, end)
    assert deadline.text == text.strip()
    assert deadline.is_set


@pytest.mark.parametrize(
    "text",
    ["长期坚持", "持续推进", "长期", "常态化开展", "每年12月底前", "", "   ", "2024年2月30日", "2024年13月", "1.28倍"],
)
def test_no_dates(text: str) -> None:
    assert parse_deadline(text) == Deadline(text.strip())


def test_none_counts_as_empty() -> None:
    assert parse_deadline(None) == Deadline("")  # type: ignore[arg-type]


def test_text_is_kept_as_written_but_stripped() -> None:
    assert parse_deadline("  2024年6月底 \n").text == "2024年6月底"


@pytest.mark.parametrize(
    ("sentence", "found", "start", "end"),
    [
        ("2024年节水型医院建成率达到100%", "2024年", None, D(2024, 12, 31)),
        ("到2025年，全县用水总量控制在3亿立方米以内", "2025年", None, D(2025, 12, 31)),
        ("2024年万元工业增加值用水量较2020年下降7.2%。", "2024年", None, D(2024, 12, 31)),
        ("全县万元GDP用水量比2020年降低35%", "", None, None),
        ("2020年现状城镇建设用地的1.28倍", "", None, None),
        ("以2020年为基数，2025年下降10%", "2025年", None, D(2025, 12, 31)),
        ("在2020年基础上提高5个百分点", "", None, None),
        ("与2020年相比下降10%", "", None, None),
        ("落实《行动方案（2023—2025年）》要求", "", None, None),
        ("核查2021年“十四五”用水权管控方案印发以来违规开发新增的农业灌溉面积", "", None, None),
        ("2021年以来累计建成3处", "", None, None),
        ("自2024年起实行", "", None, None),
        ("2023-2025年每年新增再生水配置利用能力", "2023-2025年", D(2023, 1, 1), D(2025, 12, 31)),
        ("2023年，完成A；2024年，完成B；2025年，完成C。", "2025年", None, D(2025, 12, 31)),
        ("2024年6月，对盐类等指标超标的排水企业完成整治", "2024年6月", None, D(2024, 6, 30)),
        ("力争2024年第三季度完成", "2024年第三季度", None, D(2024, 9, 30)),
        ("２０２５年底前全部建成", "2025年", None, D(2025, 12, 31)),
        ("设计标准为2000年一遇", "", None, None),
        ("数值达到2024.6万元", "", None, None),
        ("持续开展灌溉面积遥感监测", "", None, None),
        ("", "", None, None),
    ],
)
def test_deadline_from_text(sentence: str, found: str, start: date | None, end: date | None) -> None:
    assert deadline_from_text(sentence) == Deadline(found, start, end)


def test_a_range_wins_over_a_single_year_ending_the_same_day() -> None:
    deadline = deadline_from_text("2025年计划改造；2023-2025年漏损率分别控制在12%、10%、8%以内")
    assert (deadline.text, deadline.start) == ("2023-2025年", D(2023, 1, 1))


# ---- every measure of the 平罗县 table -----------------------------------------------------------

# A unique piece of each measure that names a target, and the date it means.
PINGLUO_TARGETS = {
    "2024年县级以上公共机构节水型单位建成率达94%": D(2024, 12, 31),
    "2024年节水型医院建成率达到100%": D(2024, 12, 31),
    "2024年启动节水型居民小区建设": D(2024, 12, 31),
    "2024年申报全国县域节水型社会达标县区": D(2024, 12, 31),
    "2024年全县城镇供水管网漏损率控制在10%以内": D(2024, 12, 31),
    "2024年万元工业增加值用水量较2020年下降7.2%": D(2024, 12, 31),
    "2024年农田灌溉水有效利用系数达到0.564": D(2024, 12, 31),
    "2024年养殖用水循环利用和达标排放率达到70%": D(2024, 12, 31),
    "2024年规模以上工业用水重复利用率达到87%": D(2024, 12, 31),
    "100万立方米以上的企业2024年节水型建成率达到70%": D(2024, 12, 31),
    "50万-100万立方米以上的企业2024年节水型建成率达到40%": D(2024, 12, 31),
    "2024年全县水土保持率达到84.9%": D(2024, 12, 31),
    "2024年平罗县非常规水源利用量达到0.075亿立方米": D(2024, 12, 31),
}
# Measures that mention a year which is not a target.
PINGLUO_NO_TARGET = (
    "确保全县城镇开发边界扩展倍数不高于2020年现状城镇建设用地的1.28倍",
    "核查2021年“十四五”用水权管控方案印发以来违规开发新增的农业灌溉面积",
    "落实《宁夏回族自治区节水评价技术导则》",
)


def test_every_pingluo_measure(pingluo_tree) -> None:
    measures = [n.text for n in pingluo_tree if n.kind is NodeKind.MEASURE]
    found = {text: deadline_from_text(text) for text in measures}
    for piece, end in PINGLUO_TARGETS.items():
        (text,) = [t for t in measures if piece in t]
        assert found[text] == Deadline("2024年", None, end), piece
    for piece in PINGLUO_NO_TARGET:
        (text,) = [t for t in measures if piece in t]
        assert found[text] == Deadline(), piece
    dated = [t for t, d in found.items() if d.is_set]
    assert len(dated) == len(PINGLUO_TARGETS)
    for text, deadline in found.items():  # nothing without a year ever gets a date
        assert deadline.is_set == bool(deadline.text)
        if not re.search(r"20\d\d年", text):
            assert not deadline.is_set, text


def test_no_pingluo_task_names_a_target(pingluo_tree) -> None:
    for node in pingluo_tree:
        if node.kind is not NodeKind.MEASURE:
            assert not deadline_from_text(node.text).is_set, node.text


# ---- every task of the 固阳县 plan ----------------------------------------------------------------

R = (D(2023, 1, 1), D(2025, 12, 31))
GUYANG_TARGETS: dict[str, tuple[str, date | None, date | None]] = {
    "1": ("2023—2025年", *R),
    "2": ("2023年", None, D(2023, 12, 31)),
    "3": ("", None, None),
    "4": ("2023年", None, D(2023, 12, 31)),
    "5": ("2025年", None, D(2025, 12, 31)),
    "6": ("2023-2025年", *R),
    "7": ("2023年", None, D(2023, 12, 31)),
    "8": ("2025年", None, D(2025, 12, 31)),  # “4000万立方米/年” is no year
    "9": ("", None, None),
    "10": ("2023年", None, D(2023, 12, 31)),
    "11": ("2023年", None, D(2023, 12, 31)),
    "12": ("2024年6月", None, D(2024, 6, 30)),
    "13": ("2023-2025年", *R),
    "14": ("2023年", None, D(2023, 12, 31)),
    "15": ("2023—2025年", *R),
    "16": ("2024-2025年", D(2024, 1, 1), D(2025, 12, 31)),  # the year inside 《…》 is skipped
    "17": ("2025年", None, D(2025, 12, 31)),
    "18": ("2025年", None, D(2025, 12, 31)),
    "19": ("", None, None),
    "20": ("2023年", None, D(2023, 12, 31)),
    "21": ("2023-2025年", *R),
    "22": ("2025年", None, D(2025, 12, 31)),
    "23": ("2023年", None, D(2023, 12, 31)),
    "24": ("2025年", None, D(2025, 12, 31)),
    "25": ("2025年", None, D(2025, 12, 31)),
    "26": ("2023-2025年", *R),
    "27": ("2023年", None, D(2023, 12, 31)),
    "28": ("", None, None),
    "29": ("2025年", None, D(2025, 12, 31)),
    "30": ("2025年", None, D(2025, 12, 31)),
    "31": ("2023年", None, D(2023, 12, 31)),
    "32": ("2023年—2025年", *R),
    "33": ("", None, None),
    "34": ("", None, None),
}


def test_every_guyang_task(guyang_tasks) -> None:
    assert [t.number for t in guyang_tasks] == list(GUYANG_TARGETS)
    for task in guyang_tasks:
        assert deadline_from_text(task.body) == Deadline(*GUYANG_TARGETS[task.number]), task.number


def test_guyang_yearly_targets(guyang_text: str) -> None:
    lines = {line[:6]: line for line in guyang_text.splitlines() if re.match(r"20\d\d年，", line)}
    assert {key: deadline_from_text(line).end for key, line in lines.items()} == {
        "2023年，": D(2023, 12, 31),
        "2024年，": D(2024, 12, 31),
        "2025年，": D(2025, 12, 31),  # “较2020年降低35%” is a baseline
    }


def test_guyang_preamble_cites_a_plan_not_a_target(guyang_text: str) -> None:
    preamble = next(line for line in guyang_text.splitlines() if line.startswith("[bookmark"))
    assert "2023—2025 年" in preamble
    assert deadline_from_text(preamble) == Deadline()
