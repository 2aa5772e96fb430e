"""Plans with three levels above the tasks, as a 固阳县-style 三年攻坚行动 table would be laid out."""

from __future__ import annotations

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.workbooks import merge, put_rows, save, sheet

RIGID = "县发改委、工信局、水务局"
RIGID_SUPPORT = "县生态环境局、农牧局、林草局、金山产业园区管理办公室"


def _outline(nodes, depth=0):
    for node in nodes:
        yield depth, node.kind, node.source_label, node.text
        yield from _outline(node.children, depth + 1)


def test_chapters_sections_and_numbered_headings_spanning_the_table(tmp_path):
    wb, ws = sheet("任务分工")
    put_rows(
        ws,
        [
            ["附件1"],
            ["固阳县推进水资源节约集约利用三年攻坚行动任务分工表"],
            ["序号", "重点任务", "具体任务", "责任单位", "配合单位", "完成时限"],
            ["二、重点任务"],
            ["（一）严格取用水管理"],
            ["1.强化刚性约束"],
            ["（1）", "健全用水总量和强度控制指标体系", "明确全县“十四五”用水总量", RIGID, RIGID_SUPPORT, "2023年"],
            [None, None, "完成用水权确权和明晰，实现用水权市场交易", RIGID, RIGID_SUPPORT, "2023—2025年"],
            ["（2）", "严格控制新增耗水量大的项目", "新增取用水项目达到同行业先进用水水平", RIGID, None, "长期坚持"],
            ["2.严格水资源论证"],
            ["（1）", "制定水资源论证政策", "编制《固阳县节约用水管理办法》", "县水务局", "县发改委", "2023年"],
            ["（二）加强再生水利用"],
            ["6.合理配置再生水资源"],
            [
                "（1）",
                "制定再生水配置利用规划",
                "2023-2025年每年新增能力30万m3、25万m3、25万m3",
                "县住建局、水务局",
                "固盛供水公司",
                "2025年",
            ],
        ],
    )
    merge(ws, "A2:F2", "A4:F4", "A5:F5", "A6:F6", "A7:A8", "B7:B8", "D7:D8", "E7:E8", "A10:F10")
    merge(ws, "A12:F12", "A13:F13")
    plan = read_plan_workbook(save(wb, tmp_path, "固阳县.xlsx"))
    assert (plan.title, plan.attachment_label) == ("固阳县推进水资源节约集约利用三年攻坚行动任务分工表", "附件1")
    outline = [(d, k, label) for d, k, label, _ in _outline(plan.nodes)]
    assert outline == [
        (0, NodeKind.GROUP, "二、"),
        (1, NodeKind.GROUP, "（一）"),
        (2, NodeKind.GROUP, "1."),
        (3, NodeKind.TASK, "（1）"),
        (4, NodeKind.MEASURE, ""),
        (4, NodeKind.MEASURE, ""),
        (3, NodeKind.TASK, "（2）"),
        (4, NodeKind.MEASURE, ""),
        (2, NodeKind.GROUP, "2."),
        (3, NodeKind.TASK, "（1）"),
        (4, NodeKind.MEASURE, ""),
        (1, NodeKind.GROUP, "（二）"),
        (2, NodeKind.GROUP, "6."),
        (3, NodeKind.TASK, "（1）"),
        (4, NodeKind.MEASURE, ""),
    ]
    first_task = plan.nodes[0].children[0].children[0].children[0]
    assert [(m.lead_text, m.support_text, m.deadline_text) for m in first_task.children] == [
        (RIGID, RIGID_SUPPORT, "2023年"),
        (RIGID, RIGID_SUPPORT, "2023—2025年"),
    ]
    assert plan.nodes[0].children[0].children[0].text == "强化刚性约束"
    assert plan.warnings == []


def test_target_task_split_over_three_columns(tmp_path):
    """目标任务 merged over three columns: two levels of groups, then the task; 序号 counts the works."""
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["目标任务", None, None, "序号", "具体工作", "责任单位", "配合单位", "完成时限"],
            ["二、重点任务", "（一）严格取用水管理", "1.强化刚性约束", 1, "健全用水总量和强度控制指标体系", RIGID],
            [None, None, None, 2, "完成用水权确权和明晰", "县水务局", None, "2025年"],
            [None, None, "2.严格水资源论证", 3, "编制节约用水管理办法", "县水务局", "县发改委"],
            [None, "（二）加强再生水利用", "6.合理配置再生水资源", 4, "制定再生水配置利用规划", "县住建局"],
            [None, None, None, 5, "鼓励新建项目使用再生水", "县住建局", "县工信局", "2025年"],
            [None, None, "7.配套再生水管网建设", 6, "完成污水处理厂管道连接", "县住建局", "固盛供水公司"],
        ],
    )  # fmt: skip
    merge(ws, "A1:C1", "A2:A7", "B2:B4", "C2:C3", "B5:B7", "C5:C6")
    plan = read_plan_workbook(save(wb, tmp_path, "three_columns.xlsx"))
    assert [(d, k, label, text) for d, k, label, text in _outline(plan.nodes)] == [
        (0, NodeKind.GROUP, "二、", "重点任务"),
        (1, NodeKind.GROUP, "（一）", "严格取用水管理"),
        (2, NodeKind.TASK, "1.", "强化刚性约束"),
        (3, NodeKind.MEASURE, "1", "健全用水总量和强度控制指标体系"),
        (3, NodeKind.MEASURE, "2", "完成用水权确权和明晰"),
        (2, NodeKind.TASK, "2.", "严格水资源论证"),
        (3, NodeKind.MEASURE, "3", "编制节约用水管理办法"),
        (1, NodeKind.GROUP, "（二）", "加强再生水利用"),
        (2, NodeKind.TASK, "6.", "合理配置再生水资源"),
        (3, NodeKind.MEASURE, "4", "制定再生水配置利用规划"),
        (3, NodeKind.MEASURE, "5", "鼓励新建项目使用再生水"),
        (2, NodeKind.TASK, "7.", "配套再生水管网建设"),
        (3, NodeKind.MEASURE, "6", "完成污水处理厂管道连接"),
    ]
    work = plan.nodes[0].children[1].children[0].children[1]
    assert (work.lead_text, work.support_text, work.deadline_text) == ("县住建局", "县工信局", "2025年")
    assert plan.warnings == []
