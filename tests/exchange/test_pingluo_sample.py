"""The real 平罗县 table imports with exactly the structure of its source."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.parsed import ParsedPlan
from sisiding_desktop.exchange.plan_reader import read_plan_workbook

from .workbooks import PINGLUO

CHAPTER_SECTIONS = {"一、": 2, "二、": 4, "三、": 4, "四、": 3, "五、": 3, "六、": 2}


@pytest.fixture(scope="module")
def plan() -> ParsedPlan:
    if not PINGLUO.exists():
        pytest.skip(f"sample missing: {PINGLUO}")
    return read_plan_workbook(PINGLUO)


def _tasks(plan: ParsedPlan):
    return [node for node in plan.walk() if node.kind is NodeKind.TASK]


def test_title_label_and_counts(plan):
    assert plan.title == "平罗县“四水四定”年度重点任务表"
    assert plan.attachment_label == "附件"
    assert plan.source_file == PINGLUO.name
    assert plan.counts() == {"groups": 24, "tasks": 40, "measures": 66, "indicators": 0}
    assert plan.warnings == []


def test_six_chapters_with_eighteen_sections(plan):
    assert [n.source_label for n in plan.nodes] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert all(n.kind is NodeKind.GROUP for n in plan.nodes)
    assert {n.source_label: len(n.children) for n in plan.nodes} == CHAPTER_SECTIONS
    assert plan.nodes[0].text == "坚持以水定人定城，优化城镇空间格局"
    sections = [s for chapter in plan.nodes for s in chapter.children]
    assert all(s.kind is NodeKind.GROUP for s in sections)
    assert sections[0].source_label == "（一）" and sections[0].text == "加强城镇开发边界管控"
    assert sections[-1].source_label == "（十八）" and sections[-1].text == "提升计划用水管理水平"


def test_forty_tasks_numbered_once_each(plan):
    tasks = _tasks(plan)
    assert [t.source_label for t in tasks] == [str(n) for n in range(1, 41)]
    assert len({t.text for t in tasks}) == 40
    assert all(t.children for t in tasks)  # every task has at least one measure


def test_task_merged_over_four_rows_has_four_measures(plan):
    task = _tasks(plan)[1]
    assert task.text.startswith("发挥用水户节水主体作用") and task.row == 8
    assert [m.row for m in task.children] == [8, 9, 10, 11]
    assert [m.source_label for m in task.children] == ["1.", "2.", "3.", "4."]
    assert task.children[0].text.startswith("开展党政机关节水达标建设。")
    assert task.children[1].text == "2024年节水型医院建成率达到100%。"
    assert [m.lead_text for m in task.children] == ["机关事务服务中心", "机关事务服务中心", "住建局", "水务局"]
    assert task.children[3].support_text == "节水型社会建设领导小组各成员单位"


def test_measure_counts_per_task(plan):
    counts = [len(t.children) for t in _tasks(plan)]
    assert counts[:6] == [1, 4, 3, 2, 1, 4]
    assert counts[16] == 3 and counts[22] == 4 and counts[24] == 3  # tasks 17, 23, 25
    assert sum(counts) == 66


def test_units_kept_as_written(plan):
    measures = [n for n in plan.walk() if n.kind is NodeKind.MEASURE]
    assert all(m.lead_text for m in measures)
    assert all(m.support_text for m in measures)
    first = measures[0]
    assert (first.lead_text, first.support_text) == ("自然资源局", "住建局、发改局、各乡镇（农场）")
    task3 = _tasks(plan)[2]
    assert task3.children[0].support_text == "/"  # none, as the source writes it
    task33 = _tasks(plan)[32]
    assert task33.children[0].lead_text == "自然资源局\n水务局"


def test_cells_listing_several_items_keep_their_numbers(plan):
    task9 = _tasks(plan)[8]
    (measure,) = task9.children
    assert measure.source_label == ""
    assert measure.text.startswith("1.持续优化农业种植结构") and "\n2.推广水稻控灌技术" in measure.text
    task24 = _tasks(plan)[23]
    assert [m.source_label for m in task24.children] == ["", "3."]  # the source's own numbering


def test_nodes_know_their_sheet_and_row(plan):
    assert plan.nodes[0].row == 4 and plan.nodes[0].sheet == "年度重点任务表"
    assert _tasks(plan)[-1].row == 92
