"""The 季度推进情况报告's content and words, from the hand-built 平罗县 plan (domain values only)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sisiding_desktop.domain.model import IndicatorActual, Light, Period, Progress, Status
from sisiding_desktop.reports.briefing import build_briefing, reported_items
from sisiding_desktop.reports.briefing_page import em_width, title_lines
from sisiding_desktop.reports.briefing_text import (
    CHAPTER_CHART,
    UNIT_CHART,
    briefing_blocks,
    chart_kinds,
    load_templates,
    one_line,
    parse_templates,
    percent_text,
    sentence,
    short_text,
    with_unit,
)
from tests.reports.sample_plan import PLAN, Q3, build_tree, find, sample_indicators, sample_progress

Q2 = Period(2024, 2)


@pytest.fixture
def tree():
    return build_tree()


@pytest.fixture
def briefing(tree):
    progress, lights = sample_progress(tree)
    return build_briefing(PLAN, tree, Q3, progress, lights, indicators=sample_indicators())


def texts(blocks, kind):
    return [text for k, text in blocks if k == kind]


def test_title_and_period_come_from_the_plan(briefing):
    assert briefing.title == "平罗县“四水四定”2024年第3季度推进情况报告"
    assert briefing.plan_name == "平罗县“四水四定”"
    assert briefing.period_label == "2024年第3季度"
    assert briefing.previous == Q2


def test_items_are_measures_and_tasks_without_measures_split_once(briefing, tree):
    items = list(reported_items(tree))
    lone_task = find(tree, "加强农村生活用水设施改造")
    assert (lone_task, lone_task) in items  # a task without measures is its own item
    assert briefing.items == len(items)
    assert briefing.tasks == 6
    # one done (green), one red, one yellow, one reported without a light; the Q2 entry does not count
    assert (briefing.done, briefing.red, briefing.yellow, briefing.on_time) == (1, 1, 1, 0)
    assert briefing.unlit == briefing.items - 3
    assert briefing.done + briefing.on_time + briefing.yellow + briefing.red + briefing.unlit == briefing.items
    assert briefing.reported == 4
    assert briefing.by_status == {
        Status.DONE: 1,
        Status.BEHIND: 1,
        Status.IN_PROGRESS: 2,
        None: briefing.items - 4,
    }
    assert briefing.by_light[Light.RED] == 1 and briefing.by_light[None] == briefing.items - 3


def test_late_measures_red_first_with_what_was_reported(briefing):
    red, yellow = briefing.late
    assert (red.light, red.number, red.lead, red.status, red.percent) == (Light.RED, "2.4", "水务局", Status.BEHIND, 40)
    assert red.text.startswith("制定印发《平罗县县域节水型社会达标建设实施方案》")
    assert (red.progress_text, red.problems, red.next_steps) == (
        "实施方案已起草，正在征求意见。",
        "部门意见尚未反馈。",
        "10月底前印发。",
    )
    assert (yellow.light, yellow.number, yellow.lead) == (Light.YELLOW, "2.3", "住建局")


def test_measure_numbers(tree, briefing):
    by_text = {
        line.text[:6]: line.number
        for line in (build_briefing(PLAN, tree, Q3, {}, {n.id: Light.RED for _, n in reported_items(tree)}).late)
    }
    assert by_text["落实《关于优"] == "1"  # a task's lone measure: the task's 序号
    assert by_text["开展党政机关"] == "2.1"
    assert by_text["加强农村生活"] == "5"  # a task without measures
    assert by_text["严格落实“四"] == "6.1"


def test_chapters_count_their_items_and_mean_percent(briefing, tree):
    first, second = briefing.chapters
    assert first.title == "一、坚持以水定人定城，优化城镇空间格局"
    assert (first.number, first.text) == ("一、", "坚持以水定人定城，优化城镇空间格局")
    chapter_items = list(reported_items(tree[:1]))
    assert first.total == len(chapter_items) and first.done == 1
    assert first.mean_percent == pytest.approx((100 + 40 + 30 + 50) / len(chapter_items))
    assert second.title.startswith("二、") and second.done == 0 and second.mean_percent == 0


def test_units_with_most_red_and_yellow_lights(briefing):
    assert [(u.unit, u.red, u.yellow) for u in briefing.units] == [("水务局", 1, 0), ("住建局", 0, 1)]
    water = briefing.units[0]
    assert water.total >= 1 and water.green == 0


def test_a_unit_counts_for_the_measures_it_leads_only(tree):
    lights = {n.id: Light.RED for _, n in reported_items(tree)}
    units = {u.unit: u for u in build_briefing(PLAN, tree, Q3, {}, lights, top_units=50).units}
    # 工信局 leads 6.2 (with 平罗工业园区管委会) and 6.3; 节水型社会建设领导小组各成员单位 only supports 2.4
    assert units["工信局"].red == 2
    assert units["平罗工业园区管委会"].red == 1
    assert "节水型社会建设领导小组各成员单位" not in units  # a supporting unit only
    assert len(build_briefing(PLAN, tree, Q3, {}, lights, top_units=2).units) == 2


def test_indicators_target_of_the_year_and_latest_actual_up_to_the_period(tree):
    indicators = list(sample_indicators())
    later = indicators[2]
    indicators[2] = type(later)(
        **{**later.__dict__, "actuals": (*later.actuals, IndicatorActual(Period(2024, 4), "9"))}
    )
    b = build_briefing(PLAN, tree, Q3, {}, {}, indicators=indicators)
    lines = {line.name: line for line in b.indicators}
    gdp = lines["万元GDP用水量较2020年降低"]
    assert (gdp.year, gdp.target, gdp.actual, gdp.actual_period) == (2024, "28", "26.5", Q3)
    assert (lines["农田灌溉水有效利用系数"].target, lines["农田灌溉水有效利用系数"].actual) == ("0.564", "")
    leak = lines["城镇公共供水管网漏损率"]
    assert (leak.actual, leak.actual_period) == ("10.2", Q3)  # not Q2's 11, not Q4's 9


def test_change_against_the_previous_period(tree):
    progress, lights = sample_progress(tree)
    done = find(tree, "开展党政机关")
    late = find(tree, "制定印发")
    slow = find(tree, "2024年启动")
    previous = {
        done.id: Progress(done.id, Q2, Status.IN_PROGRESS, 80),
        late.id: Progress(late.id, Q2, Status.BEHIND, 10),
        slow.id: Progress(slow.id, Q2, Status.IN_PROGRESS, 20),
    }
    b = build_briefing(
        PLAN, tree, Q3, progress, lights, previous_progress=previous,
        previous_lights={done.id: Light.GREEN, late.id: Light.YELLOW, slow.id: Light.GREEN},
    )  # fmt: skip
    assert b.had_previous
    assert [line.node_id for line in b.newly_done] == [done.id]
    assert [line.node_id for line in b.newly_late] == [slow.id]  # 制定印发 was late already
    # without the previous lights: newly reported 滞后 only (制定印发 was 滞后 before too)
    b = build_briefing(PLAN, tree, Q3, progress, lights, previous_progress=previous)
    assert b.newly_late == ()
    # the first period reported
    b = build_briefing(PLAN, tree, Q3, progress, lights)
    assert not b.had_previous and len(b.newly_done) == 1


def test_blocks_have_the_three_sections_in_order(briefing):
    blocks = briefing_blocks(briefing, attachment="平罗县“四水四定”重点任务推进情况表")
    assert blocks[0] == ("title", "平罗县“四水四定”2024年第3季度推进情况报告")
    assert texts(blocks, "heading1") == ["一、总体进展", "二、存在的主要问题", "三、下步工作安排"]
    assert texts(blocks, "heading2") == [
        "（一）逾期未完成事项",
        "（二）进度滞后事项",
        "（一）加快推进滞后事项",
        "（二）统筹抓好面上工作",
    ]
    assert blocks[-1] == ("attachment", "附件：平罗县“四水四定”重点任务推进情况表")
    assert "attachment" not in dict(briefing_blocks(briefing))
    assert {kind for kind, _ in blocks} <= {"title", "heading1", "heading2", "body", "chart", "attachment"}
    assert all(text.strip() for _, text in blocks)


def test_summary_states_the_counts(briefing):
    body = texts(briefing_blocks(briefing), "body")
    summary = body[0]
    assert summary.startswith("截至2024年9月底，平罗县“四水四定”共有重点任务6项、")
    assert f"具体措施{briefing.items}条，已完成1条，占{percent_text(100 / briefing.items)}；" in summary
    assert "按序时推进0条" in summary and "进度滞后（黄灯）1条" in summary and "逾期未完成（红灯）1条" in summary
    assert f"另有{briefing.unlit}条措施暂缓实施或未明确完成时限" in summary
    unreported = briefing.items - 4
    assert (
        body[1]
        == f"本期共报送4条措施的进展情况，其中已完成1条、推进中2条、滞后1条。尚有{unreported}条措施本期未报送进展。"
    )
    chapters = body[2]
    assert chapters.startswith("分领域看，“坚持以水定人定城，优化城镇空间格局”方面")
    assert "上期" not in body[3] and body[3] == "2024年第2季度未报送进展，本期暂不作比较。"
    assert body[4] == (
        "主要指标方面，万元GDP用水量较2020年降低2024年目标为28%，截至2024年第3季度为26.5%；"
        "农田灌溉水有效利用系数2024年目标为0.564，尚未填报完成值；"
        "城镇公共供水管网漏损率2024年目标为10%，截至2024年第3季度为10.2%；"
        "新增再生水利用能力2024年目标为25万立方米，尚未填报完成值。"
    )


def test_late_items_carry_number_text_unit_and_reported_texts(briefing):
    blocks = briefing_blocks(briefing)
    problems = blocks[[k for k, _ in blocks].index("heading2") + 1][1]
    assert problems.startswith(
        "1.制定印发《平罗县县域节水型社会达标建设实施方案》，2024年申报全国县域节水型社会达标县区（序号2.4，"
    )
    assert (
        "牵头单位：水务局）完成进度40%。进展情况：实施方案已起草，正在征求意见。存在问题：部门意见尚未反馈。"
        in problems
    )
    units = next(text for kind, text in blocks if kind == "body" and text.startswith("对照序时进度"))
    assert "主要涉及水务局（红灯1条）、住建局（黄灯1条）等单位" in units
    steps = [text for kind, text in blocks if kind == "body" and "：10月底前印发。" in text]
    assert steps == [
        "1.制定印发《平罗县县域节水型社会达标建设实施方案》，2024年申报全国县域节水型社会达标县区（水务局）：10月底前印发。"
    ]
    assert any(text.endswith("（住建局）：尽快研究提出加快推进的具体措施。") for kind, text in blocks)


def test_charts_follow_the_data(briefing, tree):
    assert chart_kinds(briefing) == (CHAPTER_CHART, UNIT_CHART)
    captions = texts(briefing_blocks(briefing), "chart")
    assert captions == ["图1　各领域措施完成情况", "图2　红灯、黄灯较多的牵头单位"]
    calm = build_briefing(PLAN, tree, Q3, {}, {})
    assert chart_kinds(calm) == (CHAPTER_CHART,)
    blocks = briefing_blocks(calm)
    problems = blocks[[t for _, t in blocks].index("二、存在的主要问题") + 1]
    assert problems == ("body", "本期各项措施均已完成或按序时进度推进，未发现逾期、滞后事项。")
    assert texts(blocks, "heading2") == ["（一）统筹抓好面上工作"]


def test_database_text_is_never_a_template(tree):
    late = find(tree, "制定印发")
    progress = {late.id: Progress(late.id, Q3, Status.BEHIND, 10, "{done}{0}{", "{plan_title!r}", "}{}")}
    blocks = briefing_blocks(build_briefing(PLAN, tree, Q3, progress, {late.id: Light.RED}))
    item = next(text for _, text in blocks if "进展情况：" in text)
    assert "进展情况：{done}{0}{。存在问题：{plan_title!r}。" in item
    assert any(text.endswith("：}{}。") for _, text in blocks)


def test_every_placeholder_of_the_bundled_templates_is_filled(briefing):
    for _, text in briefing_blocks(briefing, attachment="附表"):
        assert "{" not in text and "}" not in text, text


def test_parse_templates_comments_paragraphs_and_joined_lines():
    pieces = parse_templates("\ufeff# 说明\n[a]\n第一行\n  接着写\n\n第二段\n# 注释\n[b]\n\n只有一段\n\n")
    assert pieces == {"a": ("第一行接着写", "第二段"), "b": ("只有一段",)}


def test_an_office_copy_overrides_pieces_and_a_slip_falls_back(tmp_path: Path, briefing, caplog):
    (tmp_path / "overview.txt").write_text(
        "[summary]\n本期{measures}条措施中已完成{done}条{未知}。\n\n[heading]\n一、{done 总体情况\n",
        encoding="utf-8-sig",
    )
    (tmp_path / "problems.txt").write_bytes(b"\xff\xfe not utf-8 \x80")
    with caplog.at_level(logging.WARNING):
        blocks = briefing_blocks(briefing, templates=load_templates(tmp_path))
    assert texts(blocks, "body")[0].startswith(f"本期{briefing.items}条措施中已完成1条{{未知}}。另有")
    assert texts(blocks, "heading1") == ["一、总体进展", "二、存在的主要问题", "三、下步工作安排"]
    assert "does not format" in caplog.text and "cannot be read" in caplog.text


def test_text_helpers():
    assert one_line("1.完善用水户名录\n2.建立台账。\n\n") == "1.完善用水户名录；2.建立台账。"
    assert sentence("资金不足，", "未填报。") == "资金不足。"
    assert sentence("  ", "未填报。") == "未填报。"
    assert sentence("已印发“方案。”", "") == "已印发“方案。”"
    assert short_text("1.持续优化农业种植结构，科学管控。推广低耗水作物。") == "持续优化农业种植结构，科学管控"
    assert short_text("（2）加快。") == "加快"
    assert len(short_text("很" * 100)) == 60
    assert (with_unit("94", "%"), with_unit("94%", "%"), with_unit("≥0.77", ""), with_unit("", "%")) == (
        "94%",
        "94%",
        "≥0.77",
        "",
    )
    assert (percent_text(25.0), percent_text(12.345), percent_text(0)) == ("25%", "12.3%", "0%")


def test_a_long_title_divides_where_its_words_pause():
    assert title_lines("平罗县“四水四定”2024年第3季度推进情况报告") == ["平罗县“四水四定”", "2024年第3季度推进情况报告"]
    assert title_lines("某县2024年第3季度推进情况报告") == ["某县2024年第3季度推进情况报告"]
    three = title_lines("石嘴山市平罗县关于实施“四水四定”方案重点任务落实情况的2024年第3季度推进情况报告")
    assert len(three) == 3 and all(em_width(line) <= 20 for line in three)
    assert not any(line.startswith(("，", "”", "）")) or line.endswith(("“", "（")) for line in three)
    assert title_lines("已分好\n两行") == ["已分好\n两行"]
