"""A table split across pages repeats its headings and task rows: they are joined, never doubled."""

from __future__ import annotations

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.workbooks import merge, put_rows, save, sheet

HEADER = ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"]
CHAPTER = "一、坚持以水定人定城，优化城镇空间格局"
SECTION = "（二）深度实施城乡生活节水"
TASK2 = "发挥用水户节水主体作用，推进节水型单位建设。"
TASK3 = "实施公共建筑用水设施节水改造。"


def _split_table(tmp_path, repeat_task_text: bool = True):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            HEADER,
            [CHAPTER],
            [SECTION],
            [2, TASK2, "1.开展党政机关节水达标建设。", "机关事务服务中心", "水务局"],
            [None, None, "2.2024年节水型医院建成率达到100%。", "机关事务服务中心", "水务局"],
            HEADER,  # page 2 starts: header, chapter, section and the task again
            [CHAPTER],
            [SECTION],
            [2, TASK2 if repeat_task_text else None, "3.启动节水型居民小区建设。", "住建局", "水务局"],
            [None, None, "4.申报全国县域节水型社会达标县。", "水务局", "各成员单位"],
            [3, TASK3, "1.严格落实节水“三同时”制度。", "住建局", "/"],
            [SECTION],  # page 3 repeats only the section; the task continues without its row
            [None, None, "2.持续推进节水认证工作。", "市场监管局", "发改局"],
            ["二、强化以水定产，构建节水型产业体系"],
            ["（三）科学谋划产业发展"],
            [6, "以新型工业化为突破口。", "1.优化空间布局。", "自然资源局", "水务局"],
        ],
    )
    merge(ws, "A2:E2", "A3:E3", "A4:A5", "B4:B5", "A7:E7", "A8:E8", "A9:A10", "B9:B10")
    merge(ws, "A12:E12", "A14:E14", "A15:E15")
    return read_plan_workbook(save(wb, tmp_path, "split.xlsx"))


def _outline(nodes, depth=0):
    for node in nodes:
        yield depth, node.kind, node.source_label
        yield from _outline(node.children, depth + 1)


def test_repeated_headings_and_task_rows_are_joined(tmp_path):
    plan = _split_table(tmp_path)
    assert plan.counts() == {"groups": 4, "tasks": 3, "measures": 7, "indicators": 0}
    assert list(_outline(plan.nodes)) == [
        (0, NodeKind.GROUP, "一、"),
        (1, NodeKind.GROUP, "（二）"),
        (2, NodeKind.TASK, "2"),
        (3, NodeKind.MEASURE, "1."),
        (3, NodeKind.MEASURE, "2."),
        (3, NodeKind.MEASURE, "3."),
        (3, NodeKind.MEASURE, "4."),
        (2, NodeKind.TASK, "3"),
        (3, NodeKind.MEASURE, "1."),
        (3, NodeKind.MEASURE, "2."),
        (0, NodeKind.GROUP, "二、"),
        (1, NodeKind.GROUP, "（三）"),
        (2, NodeKind.TASK, "6"),
        (3, NodeKind.MEASURE, "1."),
    ]
    task3 = plan.nodes[0].children[0].children[1]
    assert task3.children[1].lead_text == "市场监管局"
    assert plan.warnings == []


def test_a_repeated_number_without_its_text_continues_the_task(tmp_path):
    plan = _split_table(tmp_path, repeat_task_text=False)
    task2 = plan.nodes[0].children[0].children[0]
    assert task2.text == TASK2
    assert [m.source_label for m in task2.children] == ["1.", "2.", "3.", "4."]
    assert plan.counts()["tasks"] == 3


def test_a_task_split_across_two_sheets_is_joined(tmp_path):
    wb, first = sheet("第1页")
    second = wb.create_sheet("第2页")
    put_rows(first, [HEADER, [SECTION], [2, TASK2, "1.开展达标建设。", "机关事务服务中心", "水务局"]])
    put_rows(second, [HEADER, [SECTION], [2, TASK2, "2.建设节水型医院。", "卫健局", "水务局"]])
    plan = read_plan_workbook(save(wb, tmp_path, "two_sheets.xlsx"))
    assert plan.counts() == {"groups": 1, "tasks": 1, "measures": 2, "indicators": 0}
    measures = plan.nodes[0].children[0].children
    assert [(m.sheet, m.row) for m in measures] == [("第1页", 3), ("第2页", 3)]
