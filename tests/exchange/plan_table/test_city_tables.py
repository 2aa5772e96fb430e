"""A prefecture's (市) own layout: 类别 groups merged down, tasks numbered through the table, 细化措施 cells
holding the 市's numbered items, three unit roles, a 备注 column, a page break repeating header and group, and a
closing 保障措施 part without tasks. Everything must come in, and what cannot is named."""

from __future__ import annotations

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.domain.unit_names import split_units
from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.city_table import GROUP2, GROUP2_CLEAN, LOCAL, write_city_table
from tests.exchange.workbooks import merge, put_rows, save, sheet


def _city_table(tmp_path):
    return read_plan_workbook(write_city_table(tmp_path))


def _outline(nodes, depth=0):
    for node in nodes:
        yield depth, node.kind, node.source_label, node.text
        yield from _outline(node.children, depth + 1)


def test_every_row_of_a_city_table_finds_its_place(tmp_path):
    plan = _city_table(tmp_path)
    outline = list(_outline(plan.nodes))
    assert outline == [
        (0, NodeKind.GROUP, "（一）", "坚持以水定城，优化城市布局"),
        (1, NodeKind.TASK, "1", "推进节水型城市建设"),
        (2, NodeKind.MEASURE, "1.", "创建国家节水型城市。"),
        (1, NodeKind.TASK, "2", "加强供水管网改造"),
        (2, NodeKind.MEASURE, "", "2.实施供水管网漏损治理。\n3.推进二次供水设施改造。"),
        (1, NodeKind.TASK, "3", "优化农田灌溉规模和布局"),
        (2, NodeKind.MEASURE, "4.", "严格控制高耗水作物种植。"),
        (2, NodeKind.MEASURE, "5.", "推广高效节水灌溉。"),
        (0, NodeKind.GROUP, "（二）", "严格落实以水定地 ,推动水土资源协调发展"),
        (1, NodeKind.TASK, "4", "强化用水定额管理"),
        (2, NodeKind.MEASURE, "6.", "修订用水定额。"),
        (1, NodeKind.TASK, "5", "推进工业节水"),
        (2, NodeKind.MEASURE, "", "7.开展节水型企业建设。\n8.推动园区循环用水。"),
        (0, NodeKind.GROUP, "（三）", "保障措施"),
        (1, NodeKind.TASK, "", ""),  # the closing part has no task: its measures sit under an empty one
        (2, NodeKind.MEASURE, "1.", "加强组织领导。"),
        (2, NodeKind.MEASURE, "2.", "强化监督考核。"),
    ]


def test_three_unit_roles_and_remarks_are_kept(tmp_path):
    plan = _city_table(tmp_path)
    measures = [node for node in plan.walk() if node.kind is NodeKind.MEASURE]
    first = measures[0]
    assert (first.lead_text, first.support_text, first.local_text) == ("市住建局", "市水利局", LOCAL)
    assert first.remarks == "2025年完成"
    assert measures[1].support_text == "市发展改革委市财政局"  # split into units later, by the unit rules
    assert all(node.local_text == LOCAL for node in measures)
    assert plan.warnings == []


def test_a_group_repeated_at_a_page_break_is_one_group_even_when_written_otherwise(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "类别", "重点任务", "具体措施", "牵头单位"],
            [1, GROUP2_CLEAN, "强化用水定额管理", "1.修订用水定额。", "市水利局"],
            ["序号", "类别", "重点任务", "具体措施", "牵头单位"],
            [None, GROUP2, "强化用水定额\n管理", "2.开展定额评估。", "市水利局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "repeat.xlsx"))
    assert [(d, k, label) for d, k, label, _ in _outline(plan.nodes)] == [
        (0, NodeKind.GROUP, "（二）"),
        (1, NodeKind.TASK, "1"),
        (2, NodeKind.MEASURE, "1."),
        (2, NodeKind.MEASURE, "2."),
    ]


def test_a_number_cell_beside_a_text_cell_makes_one_group(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "类别", None, "重点任务", "具体措施", "牵头单位"],
            [1, "1", "农业节水增效", "推进灌区改造", "1.完成灌区续建配套。", "县水利局"],
            [2, None, None, "推广节水灌溉", "1.新增高效节水灌溉面积。", "县农业农村局"],
            [3, "2", "工业节水减排", "推进节水型企业", "1.开展水平衡测试。", "县工信局"],
        ],
    )
    merge(ws, "B1:C1", "B2:B3", "C2:C3")
    plan = read_plan_workbook(save(wb, tmp_path, "groups.xlsx"))
    groups = [(node.source_label, node.text) for node in plan.nodes]
    assert groups == [("1", "农业节水增效"), ("2", "工业节水减排")]
    assert [len(node.children) for node in plan.nodes] == [2, 1]


def test_an_unknown_column_and_cells_left_out_are_named(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位", "考核分值"],
            [1, "推进灌区改造", "1.完成灌区续建配套。", "县水利局", "5分"],
            [2, "推广节水灌溉", "1.新增高效节水灌溉面积。", "县农业农村局", None],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "unknown.xlsx"))
    messages = [str(warning) for warning in plan.warnings]
    assert any("第5列" in m and "考核分值" in m and "未导入" in m for m in messages), messages
    assert any("第2行" in m and "5分" in m for m in messages), messages


def test_lines_broken_by_a_narrow_column_are_joined_but_items_stay_apart(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位"],
            [1, "优化农田灌\n溉规模和布\n局", "1.推广喷灌、\n滴灌。\n2.建设高标准\n农田。", "县农业农村局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "narrow.xlsx"))
    task = plan.nodes[0]
    assert task.text == "优化农田灌溉规模和布局"
    assert task.children[0].text == "1.推广喷灌、滴灌。\n2.建设高标准农田。"


def test_a_two_row_header_with_a_local_column_and_headings_numbered_in_the_seq_column(tmp_path):
    wb, ws = sheet("附件1")
    put_rows(
        ws,
        [
            ["XX县水资源节约集约利用重点任务清单"],
            ["序号", "重点领域", "目标任务", "具体举措", "责任单位", None, "属地责任", "时间节点", "备注"],
            [None, None, None, None, "牵头单位", "协同单位", None, None, None],
            ["一", "农业节水"],
            [1, "农业节水", "推进灌区现代化改造", "（1）实施灌区续建配套；\n（2）推进末级渠系改造。", "县水利局",
             "县财政局", "各镇人民政府", "2025年底", None],
            [2, "农业节水", "推广高效节水灌溉", "新增高效节水灌溉面积2万亩。", "县农业农村局", "县水利局",
             "各镇人民政府", "2024—2025年", "省考指标"],
            ["二", "工业节水"],
            [3, "工业节水", "推进工业节水改造", "开展水效领跑者引领行动。", "县工信局", "县水利局", None, "持续推进"],
        ],
    )  # fmt: skip
    merge(ws, "A1:I1", "E2:F2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "G2:G3", "H2:H3", "I2:I3", "B4:I4", "B7:I7")
    plan = read_plan_workbook(save(wb, tmp_path, "two_rows.xlsx"))
    assert [(d, k, label, text) for d, k, label, text in _outline(plan.nodes) if k is not NodeKind.MEASURE] == [
        (0, NodeKind.GROUP, "一", "农业节水"),
        (1, NodeKind.TASK, "1", "推进灌区现代化改造"),
        (1, NodeKind.TASK, "2", "推广高效节水灌溉"),
        (0, NodeKind.GROUP, "二", "工业节水"),
        (1, NodeKind.TASK, "3", "推进工业节水改造"),
    ]
    second = plan.nodes[0].children[1].children[0]
    assert (second.lead_text, second.support_text, second.local_text) == ("县农业农村局", "县水利局", "各镇人民政府")
    assert (second.deadline_text, second.remarks) == ("2024—2025年", "省考指标")
    assert plan.warnings == []


def test_a_task_cells_own_label_is_kept_when_it_differs_from_the_seq_column(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["编号", "重点工作", "推进措施", "主责单位"],
            [1, "1、严格用水总量控制", "分解下达用水指标。", "市水务局"],
            [2, "（1）强化取水许可管理", "开展取水口核查登记。", "市水务局"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "labels.xlsx"))
    assert [(n.source_label, n.text) for n in plan.nodes] == [
        ("1", "严格用水总量控制"),  # the same number as 编号: said once
        ("2", "（1）强化取水许可管理"),
    ]


def test_a_list_with_leaders_a_category_column_and_a_page_split_repeat_keeps_every_cell(tmp_path):
    """编号 holds the tasks' （1）, 任务类别 the 一、 groups (merged down, repeated at the page break with a line
    break), 具体举措 its own 1. 2. counting through the table; the leaders' column is named as left out."""
    header = ["编号", "任务类别", "重点工作", "具体举措", "责任领导", "牵头部门", "配合部门", "时间节点", "备注"]
    wb, ws = sheet("附件2")
    put_rows(
        ws,
        [
            ["附件2"],
            ["吴忠市水资源节约集约利用重点工作任务清单"],
            header,
            ["（1）", "一、刚性约束", "严格用水总量控制", "1.将用水总量指标分解到各县（市、区）。", "张副市长",
             "市水务局", "市发改委\n市统计局", "2024年3月底", None],
            [None, None, None, "2.建立用水总量监测体系。", "张副市长", "市水务局", "市统计局", "2024年底",
             "按季度调度"],
            ["（2）", None, "强化取水许可管理", "3.开展取水口核查登记\n“回头看”。", "张副市长", "市水务局",
             "各县（市、区）政府", "持续推进", None],
            [word[0] + "\n" + word[1:] for word in header],  # the header again at the top of page 2
            [None, "一、刚性\n约束", "强化取水许可管理", "4.规范取水许可审批。", "张副市长", "市水务局", "市行政审批局",
             "2024年", None],
            ["（3）", "二、节水增效", "推进农业节水", "5.实施灌区节水改造。", "李副市长", "市农业农村局",
             "市水务局、市财政局", "2025年", "考核指标"],
        ],
    )  # fmt: skip
    merge(ws, "A2:I2", "B4:B6", "A4:A5", "C4:C5")
    plan = read_plan_workbook(save(wb, tmp_path, "吴忠市任务清单.xlsx"))
    assert [(depth, kind, label, text) for depth, kind, label, text in _outline(plan.nodes)] == [
        (0, NodeKind.GROUP, "一、", "刚性约束"),
        (1, NodeKind.TASK, "（1）", "严格用水总量控制"),
        (2, NodeKind.MEASURE, "1.", "将用水总量指标分解到各县（市、区）。"),
        (2, NodeKind.MEASURE, "2.", "建立用水总量监测体系。"),
        (1, NodeKind.TASK, "（2）", "强化取水许可管理"),
        (2, NodeKind.MEASURE, "3.", "开展取水口核查登记\n“回头看”。"),
        (2, NodeKind.MEASURE, "4.", "规范取水许可审批。"),
        (0, NodeKind.GROUP, "二、", "节水增效"),
        (1, NodeKind.TASK, "（3）", "推进农业节水"),
        (2, NodeKind.MEASURE, "5.", "实施灌区节水改造。"),
    ]
    measures = [n for n in plan.walk() if n.kind is NodeKind.MEASURE]
    assert measures[0].support_text.split("\n") == ["市发改委", "市统计局"]
    assert [m.deadline_text for m in measures] == ["2024年3月底", "2024年底", "持续推进", "2024年", "2025年"]
    assert [m.remarks for m in measures] == ["", "按季度调度", "", "", "考核指标"]
    (warning,) = plan.warnings
    assert "“责任领导”是导入任务时不读取的栏目（分管、牵头领导不作为单位导入）" in str(warning)
    assert "5 个单元格未导入" in str(warning) and "张副市长" in str(warning)


def test_one_unit_column_that_says_who_leads_and_rows_numbered_below_their_task(tmp_path):
    """责任单位 alone, its cells saying the duty (A（牵头），B、C / A牵头，B配合 / 牵头单位：A；配合单位：B); 1.1 and
    1.2 under 1 are 1's measures, 2 with its own units a task of its own."""
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["银川市“四水四定”实施方案重点任务分工"],
            ["序号", "任务内容", "责任单位", "完成时限"],
            ["一", "以水定城"],
            ["1", "严格城市规模管控"],
            ["1.1", "科学确定城市发展规模。", "市自然资源局（牵头），市发改委、市水务局", "2024年底"],
            ["1.2", "推进海绵城市建设。", "市住建局牵头，各县（市、区）政府配合", "2025年"],
            ["2", "加强供水管网建设", "市水务局", "2024年"],
            ["二", "以水定产"],
            ["3", "推进工业节水改造"],
            ["3-1", "实施企业节水技术改造。", "牵头单位：市工信局；配合单位：市水务局", "长期坚持"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "银川市分工.xlsx"))
    assert [(depth, kind, label, text) for depth, kind, label, text in _outline(plan.nodes)] == [
        (0, NodeKind.GROUP, "一", "以水定城"),
        (1, NodeKind.TASK, "1", "严格城市规模管控"),
        (2, NodeKind.MEASURE, "1.1", "科学确定城市发展规模。"),
        (2, NodeKind.MEASURE, "1.2", "推进海绵城市建设。"),
        (1, NodeKind.TASK, "2", "加强供水管网建设"),
        (0, NodeKind.GROUP, "二", "以水定产"),
        (1, NodeKind.TASK, "3", "推进工业节水改造"),
        (2, NodeKind.MEASURE, "3-1", "实施企业节水技术改造。"),
    ]

    def names(text: str) -> list[str]:
        return list(split_units(text).names)

    units = [(names(n.lead_text), names(n.support_text)) for n in plan.walk() if n.lead_text]
    assert units == [
        (["市自然资源局"], ["市发改委", "市水务局"]),
        (["市住建局"], ["各县（市、区）政府"]),
        (["市水务局"], []),
        (["市工信局"], ["市水务局"]),
    ]
    assert not plan.warnings


def test_a_target_column_beside_the_task_column_is_read_as_the_tasks_note_not_as_the_task(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "目标任务", "工作举措", "牵头单位", "责任单位", "完成时限"],
            ["1", "严控地下水开采", "2025年地下水开采量控制在0.5亿立方米以内", "关闭自备井20眼", "市水务局",
             "各县（区）人民政府", "2025年"],
            [None, None, None, "建立地下水监测网", "市水务局", "各县（区）人民政府", "2024年"],
            ["2", "城市节水", "公共供水管网漏损率降至9%", "改造老旧管网50公里", "市住建局", "原州区人民政府", "2025年"],
        ],
    )  # fmt: skip
    merge(ws, "A2:A3", "B2:B3", "C2:C3")
    plan = read_plan_workbook(save(wb, tmp_path, "固原市清单.xlsx"))
    assert [(depth, kind, label, text) for depth, kind, label, text in _outline(plan.nodes)] == [
        (0, NodeKind.TASK, "1", "严控地下水开采"),
        (1, NodeKind.MEASURE, "", "关闭自备井20眼"),
        (1, NodeKind.MEASURE, "", "建立地下水监测网"),
        (0, NodeKind.TASK, "2", "城市节水"),
        (1, NodeKind.MEASURE, "", "改造老旧管网50公里"),
    ]
    measures = [n for n in plan.walk() if n.kind is NodeKind.MEASURE]
    assert [m.remarks for m in measures] == ["2025年地下水开采量控制在0.5亿立方米以内"] * 2 + [
        "公共供水管网漏损率降至9%"
    ]
    assert plan.tables[0].roles()[3] == "remarks" and not plan.warnings


def test_rows_numbered_in_a_deeper_style_under_a_task_are_its_measures(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "任务内容", "牵头单位", "配合单位", "完成时限"],
            ["一", "以水定城"],
            ["1", "严格城市规模管控"],
            ["（1）", "科学确定城市规模。", "市自然资源局", "市发改委", "2024年"],
            ["（2）", "推进海绵城市建设。", "市住建局", "市水务局", "2025年"],
            ["2", "加强供水管网建设", "市水务局", None, "2024年"],
            ["3", "推进工业节水"],
            ["①", "实施企业节水改造。", "市工信局", "市水务局", "2025年"],
        ],
    )
    plan = read_plan_workbook(save(wb, tmp_path, "青铜峡市清单.xlsx"))
    assert [(depth, kind, label, text) for depth, kind, label, text in _outline(plan.nodes)] == [
        (0, NodeKind.GROUP, "一", "以水定城"),
        (1, NodeKind.TASK, "1", "严格城市规模管控"),
        (2, NodeKind.MEASURE, "（1）", "科学确定城市规模。"),
        (2, NodeKind.MEASURE, "（2）", "推进海绵城市建设。"),
        (1, NodeKind.TASK, "2", "加强供水管网建设"),
        (1, NodeKind.TASK, "3", "推进工业节水"),
        (2, NodeKind.MEASURE, "①", "实施企业节水改造。"),
    ]


def test_a_project_table_continued_at_a_page_break_with_its_number_marked_continued(tmp_path):
    """重点项目 | 实施内容 read as task and measure; the page-2 header with line breaks and 1.（续） in 序号 continue
    task 1.; 考核分值 is named as left out; a lead cell marking its 牵头 gives lead and support."""
    header = ["序 号", "重点项目", "实施内容", "主责单位", "协同单位", "完成节点", "考核分值"]
    wb, ws = sheet("附件1")
    put_rows(
        ws,
        [
            ["灵武市“四水四定”重点项目推进表"],
            header,
            ["（一）", "水资源刚性约束"],
            ["1.", "用水总量管控", "①下达2024年用水总量指标；", "市水务局", "市发改局", "2024年3月", "5分"],
            [None, None, "②开展取水许可专项整治。", "市水务局", "市自然资源局", "2024年6月", "3分"],
            ["序号", "重点\n项目", "实施\n内容", "主责\n单位", "协同\n单位", "完成\n节点", "考核\n分值"],
            ["1.（续）", "用水总量\n管控", "③建立用水统计直报制度。", "市统计局", "市水务局", "2024年12月", "2分"],
            ["（二）", "农业节水"],
            ["2.", "灌区改造", "①实施灌区续建配套。", "市农业农村局（牵头）、市水务局", None, "2025年", "5分"],
        ],
    )  # fmt: skip
    merge(ws, "A4:A5", "B4:B5", "B3:G3", "B8:G8")
    plan = read_plan_workbook(save(wb, tmp_path, "灵武市推进表.xlsx"))
    assert [(depth, kind, label, text) for depth, kind, label, text in _outline(plan.nodes)] == [
        (0, NodeKind.GROUP, "（一）", "水资源刚性约束"),
        (1, NodeKind.TASK, "1.", "用水总量管控"),
        (2, NodeKind.MEASURE, "①", "下达2024年用水总量指标；"),
        (2, NodeKind.MEASURE, "②", "开展取水许可专项整治。"),
        (2, NodeKind.MEASURE, "③", "建立用水统计直报制度。"),
        (0, NodeKind.GROUP, "（二）", "农业节水"),
        (1, NodeKind.TASK, "2.", "灌区改造"),
        (2, NodeKind.MEASURE, "①", "实施灌区续建配套。"),
    ]
    last = list(plan.walk())[-1]
    assert (last.lead_text, last.support_text) == ("市农业农村局", "市水务局")
    (warning,) = plan.warnings
    assert "“考核分值”未能识别" in str(warning) and "4 个单元格未导入" in str(warning)
