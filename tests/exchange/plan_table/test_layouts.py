"""Other offices' layouts: header lower down, other words, 职责 rows, deadlines, merged units."""

from __future__ import annotations

from datetime import datetime

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.workbooks import merge, put_rows, save, sheet


def _kinds(plan):
    return [(n.kind, n.source_label, n.text) for n in plan.walk()]


def test_header_below_a_preamble_with_other_words(tmp_path):
    wb, ws = sheet("任务")
    put_rows(
        ws,
        [
            ["附件2："],
            ["某市节约用水\n重点任务清单"],
            ["填报单位：某市水务局"],
            [],
            ["序 号", "主要\n任务", "工作措施", "责任\n单位", "协办单位", "时间\n节点", "备注"],
            ["一、强化节水管理"],
            [1, "严格用水定额管理", "1、修订行业用水定额", "水务局", "发改委", "2024年底", "无"],
            [None, None, "2、开展超定额用水核查", "水务局", None, datetime(2024, 6, 1)],
        ],
    )
    merge(ws, "A2:G2", "A6:G6", "A7:A8", "B7:B8")
    ws["F8"].number_format = 'yyyy"年"m"月"'
    plan = read_plan_workbook(save(wb, tmp_path, "清单.xlsx"))
    assert plan.title == "某市节约用水重点任务清单"
    assert plan.attachment_label == "附件2"
    assert _kinds(plan) == [
        (NodeKind.GROUP, "一、", "强化节水管理"),
        (NodeKind.TASK, "1", "严格用水定额管理"),
        (NodeKind.MEASURE, "1、", "修订行业用水定额"),
        (NodeKind.MEASURE, "2、", "开展超定额用水核查"),
    ]
    first, second = plan.nodes[0].children[0].children
    assert (first.lead_text, first.support_text, first.deadline_text) == ("水务局", "发改委", "2024年底")
    assert (second.lead_text, second.support_text, second.deadline_text) == ("水务局", "", "2024年6月")
    assert plan.warnings == []


def test_lead_unit_merged_over_three_measures_leads_all_three(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体任务", "牵头单位", "配合单位", "完成时限"],
            [1, "推进农业节水", "推广高效节水灌溉", "农业农村局", "水务局", 2024],
            [None, None, "调整种植结构", None, "自然资源局", None],
            [None, None, "压减高耗水作物", None, None, None],
            [2, "推进工业节水", "开展水平衡测试", "工信局", "/", "2025年"],
        ],
    )
    merge(ws, "A2:A4", "B2:B4", "D2:D4", "E3:E4", "F2:F4")
    plan = read_plan_workbook(save(wb, tmp_path, "merged.xlsx"))
    task1, task2 = plan.nodes
    assert [m.lead_text for m in task1.children] == ["农业农村局"] * 3
    assert [m.support_text for m in task1.children] == ["水务局", "自然资源局", "自然资源局"]
    assert [m.deadline_text for m in task1.children] == ["2024"] * 3
    assert task1.lead_text == "" and len(task2.children) == 1


def test_duty_column_with_lead_and_support_on_separate_rows(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "职责", "单位"],
            [1, "实施城镇节水", "降低管网漏损率", "牵头", "住建局"],
            [None, None, None, "参与", "水务局、发改局"],
            [None, None, "推进节水型小区建设", "牵头", "住建局"],
            [None, None, "推进节水型小区建设", "配合", "各乡镇"],
            [2, "实施农业节水", "推广滴灌", "牵头单位", "农业农村局"],
        ],
    )
    merge(ws, "A2:A5", "B2:B5", "C2:C3")
    plan = read_plan_workbook(save(wb, tmp_path, "duty.xlsx"))
    task1, task2 = plan.nodes
    assert [(m.text, m.lead_text, m.support_text) for m in task1.children] == [
        ("降低管网漏损率", "住建局", "水务局、发改局"),
        ("推进节水型小区建设", "住建局", "各乡镇"),
    ]
    assert (task2.children[0].lead_text, task2.children[0].support_text) == ("农业农村局", "")
    assert plan.warnings == []


def test_group_column_on_the_left_with_merges(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["重点任务", "序号", "具体任务", "责任单位", "配合单位", "完成时限"],
            ["（一）严格取用水管理", 1, "强化刚性约束", "发改委", "生态环境局", "2023年"],
            [None, 2, "严格水资源论证", "水务局", None, "2023年"],
            [None, 3, "加强计划用水", "水务局", "税务局", "长期"],
            ["（二）加强再生水利用", 4, "合理配置再生水资源", "住建局", "工信局", "2023—2025年"],
            [None, 5, "配套再生水管网建设", "住建局", "财政局", "2024年"],
        ],
    )
    merge(ws, "A2:A4", "A5:A6")
    plan = read_plan_workbook(save(wb, tmp_path, "groups.xlsx"))
    assert [(g.source_label, g.text, len(g.children)) for g in plan.nodes] == [
        ("（一）", "严格取用水管理", 3),
        ("（二）", "加强再生水利用", 2),
    ]
    task = plan.nodes[1].children[0]
    assert (task.kind, task.source_label, task.text) == (NodeKind.TASK, "4", "合理配置再生水资源")
    assert (task.lead_text, task.support_text, task.deadline_text) == ("住建局", "工信局", "2023—2025年")
    assert plan.counts() == {"groups": 2, "tasks": 5, "measures": 0, "indicators": 0}


def test_two_header_rows_with_units_split_below(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["节水行动任务分工表"],
            ["序号", "重点工作", "具体措施", "责任单位", None],
            [None, None, None, "牵头单位", "配合单位"],
            [1, "加强宣传", "开展节水宣传周活动", "水务局", "教育局"],
        ],
    )
    merge(ws, "A1:E1", "A2:A3", "B2:B3", "C2:C3", "D2:E2")
    plan = read_plan_workbook(save(wb, tmp_path, "two_rows.xlsx"))
    assert plan.title == "节水行动任务分工表"
    (task,) = plan.nodes
    assert (task.children[0].lead_text, task.children[0].support_text) == ("水务局", "教育局")


def test_column_number_row_and_notes_are_not_tasks(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "牵头单位", "配合单位"],
            [1, 2, 3, 4],
            [1, "编制节水规划", "水务局", "发改局"],
            ["注：各单位每季度末报送进展情况。"],
        ],
    )
    merge(ws, "A4:D4")
    plan = read_plan_workbook(save(wb, tmp_path, "notes.xlsx"))
    (task,) = plan.nodes
    assert (task.kind, task.source_label, task.text, task.lead_text) == (NodeKind.TASK, "1", "编制节水规划", "水务局")
    assert [(w.row, w.message[:9]) for w in plan.warnings] == [(4, "表格下方的说明文字")]


def test_a_measure_above_every_task_is_kept_and_named(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位"],
            [None, None, "没有任务的措施", "水务局"],
            [1, "推进节水", "推广节水器具", "住建局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "orphan.xlsx"))
    assert plan.counts()["tasks"] == 2 and plan.counts()["measures"] == 2
    assert [(node.text, [m.text for m in node.children]) for node in plan.nodes] == [
        ("", ["没有任务的措施"]),
        ("推进节水", ["推广节水器具"]),
    ]
    (warning,) = plan.warnings
    assert warning.row == 2 and "上方没有重点任务" in warning.message
    assert str(warning).startswith("工作表“Sheet1”第2行：")


def test_rows_numbered_per_measure_under_a_merged_task(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位"],
            [1, "推进节水型社会建设", "创建节水型机关", "机关事务服务中心"],
            [2, None, "创建节水型学校", "教育局"],
            [3, "推进再生水利用", "建设再生水管网", "住建局"],
        ],
    )
    merge(ws, "B2:B3")
    plan = read_plan_workbook(save(wb, tmp_path, "per_measure.xlsx"))
    assert [(t.text, [m.source_label for m in t.children]) for t in plan.nodes] == [
        ("推进节水型社会建设", ["1", "2"]),
        ("推进再生水利用", ["3"]),
    ]


def test_numbers_and_dates_in_cells_become_text(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "牵头单位", "完成时限"],
            [1.0, "压减地下水开采量", "水务局_x0007_\u200b", datetime(2024, 6, 30)],
            [2.0, 2024, "水务局", datetime(2025, 1, 1)],
        ],
    )
    ws["D3"].number_format = "yyyy-mm-dd"
    plan = read_plan_workbook(save(wb, tmp_path, "values.xlsx"))
    first, second = plan.nodes
    assert (first.source_label, first.lead_text, first.deadline_text) == ("1", "水务局", "2024年6月30日")
    assert (second.source_label, second.text, second.deadline_text) == ("2", "2024", "2025年1月")


def test_task_text_merged_across_the_measure_column_is_not_a_measure(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位", "配合单位"],
            [1, "编制县域节水规划", None, "水务局", "发改局"],
            [2, "推进节水器具普及", "更换老旧用水器具", "住建局", "/"],
        ],
    )
    merge(ws, "B2:C2")
    plan = read_plan_workbook(save(wb, tmp_path, "across.xlsx"))
    first, second = plan.nodes
    assert (first.text, first.children, first.lead_text, first.support_text) == (
        "编制县域节水规划",
        [],
        "水务局",
        "发改局",
    )
    assert [m.text for m in second.children] == ["更换老旧用水器具"]


def test_group_numbers_in_the_seq_column(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位"],
            ["一", "节水控水行动"],
            ["（一）", "农业节水"],
            [1, "推广高效节水灌溉", "建设高效节水灌溉工程", "农业农村局"],
            ["二", "再生水利用"],
            [2, "建设再生水管网", "完成管网连接", "住建局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "seq_groups.xlsx"))
    assert [(n.kind, n.source_label, n.text) for n in plan.walk() if n.kind is NodeKind.GROUP] == [
        (NodeKind.GROUP, "一", "节水控水行动"),
        (NodeKind.GROUP, "（一）", "农业节水"),
        (NodeKind.GROUP, "二", "再生水利用"),
    ]
    assert plan.nodes[0].children[0].children[0].text == "推广高效节水灌溉"
    assert plan.counts() == {"groups": 3, "tasks": 2, "measures": 2, "indicators": 0}


def test_tasks_without_numbers_merged_over_their_measures(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["重点任务", "具体措施", "牵头单位", "配合单位"],
            ["推进农业节水", "1.推广滴灌", "农业农村局", "水务局"],
            [None, "2.调整种植结构", "农业农村局", "自然资源局"],
            ["推进工业节水", "开展水平衡测试", "工信局", "/"],
        ],
    )
    merge(ws, "A2:A3")
    plan = read_plan_workbook(save(wb, tmp_path, "no_seq.xlsx"))
    assert [(t.source_label, t.text, [m.source_label for m in t.children]) for t in plan.nodes] == [
        ("", "推进农业节水", ["1.", "2."]),
        ("", "推进工业节水", [""]),
    ]


def test_attachment_label_and_title_in_one_cell(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws, [["附件1\n某县“四水四定”重点任务分工表"], [], ["序号", "重点任务", "牵头单位"], [1, "推进节水", "水务局"]]
    )
    plan = read_plan_workbook(save(wb, tmp_path, "one_cell.xlsx"))
    assert (plan.attachment_label, plan.title) == ("附件1", "某县“四水四定”重点任务分工表")


def test_headings_written_in_the_seq_or_task_column_with_units_beside(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位"],
            ["一、节水控水行动", None, None, "水务局"],
            [None, "（一）农业节水", None, None],
            [1, "推广高效节水灌溉", "建设高效节水灌溉工程", "农业农村局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "headings.xlsx"))
    chapter = plan.nodes[0]
    assert (chapter.source_label, chapter.text, chapter.lead_text) == ("一、", "节水控水行动", "水务局")
    section = chapter.children[0]
    assert (section.kind, section.source_label, section.text) == (NodeKind.GROUP, "（一）", "农业节水")
    assert section.children[0].children[0].lead_text == "农业农村局"
    assert plan.warnings == []


def test_one_text_column_numbered_tasks_with_measure_rows_below(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "牵头单位", "配合单位"],
            [1, "强化用水总量控制", "水务局", None],
            [None, "1.明确分行业用水控制指标", "水务局", "发改局"],
            [None, "2.开展用水权确权", "水务局", "各乡镇"],
            [2, "推进再生水利用", "住建局", "工信局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "one_column.xlsx"))
    first, second = plan.nodes
    assert (first.source_label, first.lead_text) == ("1", "水务局")
    assert [(m.source_label, m.text, m.support_text) for m in first.children] == [
        ("1.", "明确分行业用水控制指标", "发改局"),
        ("2.", "开展用水权确权", "各乡镇"),
    ]
    assert (second.source_label, second.children) == ("2", [])


def test_an_unnumbered_task_merged_over_two_columns_is_still_a_task(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位", "配合单位"],
            ["二、保障措施"],
            [None, "加强宣传教育"],
            ["保障措施（续）"],
        ],
    )
    merge(ws, "A2:E2", "B3:C3", "A4:E4")
    plan = read_plan_workbook(save(wb, tmp_path, "unnumbered.xlsx"))
    group, unlabelled = plan.nodes
    assert [(n.kind, n.text) for n in group.children] == [(NodeKind.TASK, "加强宣传教育")]
    assert (unlabelled.kind, unlabelled.source_label, unlabelled.text) == (NodeKind.GROUP, "", "保障措施（续）")
    assert [w.row for w in plan.warnings] == [4]


def test_hidden_rows_are_left_out_and_named_in_a_warning(tmp_path):
    wb, ws = sheet("任务")
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位"],
            ["一、节水"],
            [1, "严格用水定额管理", "修订行业用水定额", "水务局"],
            [2, "其他县的任务", "不属于本县的措施", "某县水利局"],
            [3, "推进节水型单位建设", "开展节水型机关建设", "机关事务服务中心"],
            [4, "另一个其他县的任务", "也不属于本县", "某县住建局"],
        ],
    )
    for row in (4, 6, 9):  # two filtered-out tasks and an empty hidden row
        ws.row_dimensions[row].hidden = True
    plan = read_plan_workbook(save(wb, tmp_path, "筛选后.xlsx"))
    assert [n.text for n in plan.walk() if n.kind == NodeKind.TASK] == ["严格用水定额管理", "推进节水型单位建设"]
    hidden = [str(w) for w in plan.warnings if "隐藏" in str(w)]
    assert hidden == ["工作表“任务”：有 2 行被隐藏（第 4、6 行），这些行未导入；"
                      "如需导入，请在 Excel 中取消隐藏（或清除筛选）后重新导入"]  # fmt: skip


def test_an_unnamed_column_merged_down_over_tasks_groups_them(tmp_path):
    wb, ws = sheet("任务")
    put_rows(
        ws,
        [
            ["领域", "序号", "重点任务", "具体措施", "牵头单位"],
            ["城镇节水", 1, "推进节水型单位建设", "开展节水型机关建设", "机关事务服务中心"],
            [None, 2, "降低供水管网漏损", "改造老旧管网", "住建局"],
            [None, 3, "推广节水器具", "淘汰不符合水效标准的器具", "市场监管局"],
            ["农业节水", 4, "发展高效节水灌溉", "建设高标准农田", "农业农村局"],
            [None, 5, "调整种植结构", "压减高耗水作物", "农业农村局"],
        ],
    )
    merge(ws, "A2:A4", "A5:A6")
    plan = read_plan_workbook(save(wb, tmp_path, "分领域.xlsx"))
    groups = [(n.text, [t.text for t in n.children]) for n in plan.nodes]
    assert groups == [
        ("城镇节水", ["推进节水型单位建设", "降低供水管网漏损", "推广节水器具"]),
        ("农业节水", ["发展高效节水灌溉", "调整种植结构"]),
    ]


def test_an_unnamed_column_of_single_cells_is_not_taken_for_groups(tmp_path):
    wb, ws = sheet("任务")
    put_rows(
        ws,
        [
            ["类型", "序号", "重点任务", "具体措施", "牵头单位"],
            ["约束性", 1, "推进节水型单位建设", "开展节水型机关建设", "机关事务服务中心"],
            ["预期性", 2, "降低供水管网漏损", "改造老旧管网", "住建局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "类型.xlsx"))
    assert [n.kind for n in plan.nodes] == [NodeKind.TASK, NodeKind.TASK]


def _stacked(ws, first: list[list], second: list[list]) -> None:
    put_rows(ws, [["附件1"], ["某县节水行动任务分工表"], *first, [], ["注：指标完成情况每季度报送。"], [], *second])


TASK_ROWS = [
    ["序号", "重点任务", "具体措施", "牵头单位", "配合单位"],
    ["一、严格用水管理"],
    [1, "强化用水定额管理", "修订行业用水定额", "水务局", "发改局"],
    [2, "推进节水型单位建设", "开展节水型机关建设", "机关事务服务中心", "水务局"],
]
INDICATOR_ROWS = [
    ["主要指标表"],
    ["序号", "指标名称", "单位", "指标属性", "2025年目标", "责任单位"],
    [1, "用水总量", "亿立方米", "约束性", "6.17", "水务局"],
    [2, "万元GDP用水量下降率", "%", "约束性", "16", "发改局"],
]


def test_an_indicator_table_stacked_below_the_task_table_is_read_too(tmp_path):
    wb, ws = sheet("任务")
    _stacked(ws, TASK_ROWS, INDICATOR_ROWS)
    plan = read_plan_workbook(save(wb, tmp_path, "同一工作表.xlsx"))
    assert [n.text for n in plan.walk() if n.kind is NodeKind.TASK] == ["强化用水定额管理", "推进节水型单位建设"]
    assert [n.text for n in plan.walk() if n.kind is NodeKind.MEASURE] == ["修订行业用水定额", "开展节水型机关建设"]
    assert [(i.name, i.targets) for i in plan.indicators] == [
        ("用水总量", {2025: "6.17"}),
        ("万元GDP用水量下降率", {2025: "16"}),
    ]
    assert plan.title == "某县节水行动任务分工表"
    assert not [w for w in plan.warnings if "无法归入" in str(w)]


def test_a_task_table_stacked_below_the_indicator_table_is_read_too(tmp_path):
    wb, ws = sheet("任务")
    _stacked(ws, INDICATOR_ROWS, TASK_ROWS)
    plan = read_plan_workbook(save(wb, tmp_path, "指标在上.xlsx"))
    assert [n.text for n in plan.walk() if n.kind is NodeKind.TASK] == ["强化用水定额管理", "推进节水型单位建设"]
    assert [i.name for i in plan.indicators] == ["用水总量", "万元GDP用水量下降率"]


def test_a_header_below_a_long_notice_is_found(tmp_path):
    wb, ws = sheet("任务")
    notice = [["关于印发节水行动任务分工的通知"]] + [
        [f"第{n}条：各单位要高度重视，认真组织实施。"] for n in range(1, 45)
    ]
    put_rows(ws, [*notice, [], *TASK_ROWS])
    plan = read_plan_workbook(save(wb, tmp_path, "带通知.xlsx"))
    assert [n.text for n in plan.walk() if n.kind is NodeKind.TASK] == ["强化用水定额管理", "推进节水型单位建设"]
