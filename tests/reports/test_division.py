"""The 任务分工表 layout: the 平罗县 plan as the office prints it."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.reports.division import DIVISION_DEFAULT, build_division
from sisiding_desktop.reports.layout import ReportLayout, Row
from tests.reports.sample_plan import PLAN, UNITS, M, Spec, T, build_tree, find


def texts(row: Row) -> list[str]:
    return [c.text for c in row.cells]


def task_rows(layout: ReportLayout, number: str) -> list[Row]:
    first = next(i for i, r in enumerate(layout.rows) if r.kind == "task" and r.cells[0].text == number)
    block = layout.rows[first].block_id
    return [r for r in layout.rows[first:] if r.block_id == block and r.kind in ("task", "measure")]


@pytest.fixture
def layout() -> ReportLayout:
    return build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT, office="平罗县水务局")


def test_heading_and_columns(layout):
    assert layout.title == "平罗县“四水四定”年度重点任务表"
    assert layout.attachment_label == "附件"
    assert [c.header for c in layout.columns] == ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"]
    assert texts(layout.header_rows[0]) == ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"]
    assert layout.header_rows[0].cells[0].style.font_role == "heading"
    assert layout.metadata.author == "平罗县水务局"
    assert layout.page.orientation == "landscape" and layout.page.paper == "A4"


def test_one_row_per_group_and_per_measure(layout):
    kinds = [r.kind for r in layout.rows]
    assert kinds.count("group1") == 2  # 一、 二、
    assert kinds.count("group2") == 3  # （一） （二） （三）
    # measures: 1 + 4 + 2 + 1 + 3, plus task 5 which has none and is its own row
    assert kinds.count("task") + kinds.count("measure") == 12
    assert len(layout.rows) == 17


def test_group_rows_span_the_full_width(layout):
    groups = [r for r in layout.rows if r.kind.startswith("group")]
    for row in groups:
        owner, *rest = row.cells
        assert owner.col_span == len(layout.columns) and owner.row_span == 1
        assert all(c.spanned for c in rest)
    assert groups[0].cells[0].text == "一、坚持以水定人定城，优化城镇空间格局"
    assert groups[1].cells[0].text == "（一）加强城镇开发边界管控"
    assert groups[0].cells[0].style.font_role == "heading"
    assert groups[1].cells[0].style.font_role == "kai"


def test_task_number_and_text_span_its_measures(layout):
    rows = task_rows(layout, "2")
    assert len(rows) == 4
    seq, task = rows[0].cells[0], rows[0].cells[1]
    assert (seq.row_span, task.row_span) == (4, 4)
    assert task.text.startswith("发挥用水户节水主体作用")
    assert all(r.cells[0].spanned and r.cells[1].spanned for r in rows[1:])
    assert [r.cells[2].text[:2] for r in rows] == ["1.", "2.", "3.", "4."]
    assert [r.kind for r in rows] == ["task", "measure", "measure", "measure"]
    # each measure keeps its own units, not merged
    assert [r.cells[3].text for r in rows] == ["机关事务服务中心", "机关事务服务中心", "住建局", "水务局"]
    assert rows[3].cells[4].text == "节水型社会建设领导小组各成员单位"


def test_a_single_measure_is_not_numbered(layout):
    (row,) = task_rows(layout, "1")
    assert row.cells[2].text.startswith("落实《关于优化国土空间")
    assert row.cells[4].text == "住建局、发改局、各乡镇（农场）"


def test_measures_without_own_units_show_the_tasks_units_once(layout):
    rows = task_rows(layout, "3")
    lead, support = rows[0].cells[3], rows[0].cells[4]
    assert (lead.text, lead.row_span) == ("住建局", 2)
    assert (support.text, support.row_span) == ("市场监管局、水务局", 2)
    assert rows[1].cells[3].spanned and rows[1].cells[4].spanned


def test_a_task_without_measures_is_one_row(layout):
    (row,) = task_rows(layout, "5")
    assert texts(row) == ["5", "加强农村生活用水设施改造。", "", "水务局、农业农村局", "各乡镇（农场）"]
    assert row.node_id == row.block_id


def test_no_units_print_as_slash(layout):
    rows = task_rows(layout, "6")
    assert rows[1].cells[4].text == "/"


def test_rows_know_their_nodes(layout):
    tree = build_tree()
    measure = find(tree, "2024年节水型医院")
    row = next(r for r in layout.rows if r.node_id == measure.id)
    assert row.block_id == measure.parent_id


def test_columns_are_selectable():
    layout = build_division(PLAN, build_tree(), columns=["seq", "measure", "lead", "deadline"])
    assert [c.key for c in layout.columns] == ["seq", "measure", "lead", "deadline"]
    rows = task_rows(layout, "3")
    assert rows[0].cells[3].text == "2024年" and rows[0].cells[3].row_span == 2  # the task's own deadline
    hospital = next(r for r in layout.rows if r.cells[1].text.startswith("2.2024年节水型医院"))
    assert hospital.cells[3].text == "2024年"


def test_unknown_column_is_refused():
    with pytest.raises(ValueError, match="未知的列"):
        build_division(PLAN, build_tree(), columns=["seq", "progress"])


def test_a_plan_without_measures_has_no_measure_column():
    tree = build_tree(
        [T("1", "强化刚性约束。", lead="水务局", support="发改局"), T("2", "严格水资源论证。", lead="发改局")]
    )
    layout = build_division(PLAN, tree)
    assert [c.key for c in layout.columns] == ["seq", "task", "lead", "support"]
    assert [texts(r) for r in layout.rows] == [
        ["1", "强化刚性约束。", "水务局", "发改局"],
        ["2", "严格水资源论证。", "发改局", "/"],
    ]


def test_deeper_groups_get_their_own_kind():
    tree = build_tree([Spec(NodeKind.GROUP, "甲", "一、", children=[
        Spec(NodeKind.GROUP, "乙", "（一）", children=[Spec(NodeKind.GROUP, "丙", "1.", children=[
            T("1", "任务", lead="水务局")])])])])  # fmt: skip
    layout = build_division(PLAN, tree)
    assert [r.kind for r in layout.rows] == ["group1", "group2", "group", "task"]
    assert layout.rows[2].cells[0].style.bold
    assert layout.rows[3].cells[2].text == UNITS["水务局"].name  # no measures: no 具体落实措施 column


def test_a_plan_whose_nodes_carry_their_own_deadlines_prints_them_by_default():
    """The source had a 完成时限 column (or the clerk set deadlines): the 任务分工表 shows it, after the units."""
    layout = build_division(PLAN, build_tree())
    headers = [c.header for c in layout.columns]
    assert headers == ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位", "完成时限"]
    tasks = task_rows(layout, "2")
    assert texts(tasks[3])[-1] == "2024年6月"
    without = build_tree([T("1", "强化刚性约束。", lead="水务局")])
    assert "deadline" not in [c.key for c in build_division(PLAN, without).columns]


def test_a_note_the_same_on_every_measure_of_a_task_is_written_once_over_them():
    tree = build_tree(
        [T("1", "严控地下水开采", M("", "关闭自备井20眼。", "水务局"), M("", "建立地下水监测网。", "水务局"))]
    )
    tree = _with_remarks(tree, "2025年开采量控制在0.5亿立方米以内")
    layout = build_division(PLAN, tree, columns=["seq", "task", "measure", "lead", "remarks"])
    first, second = layout.rows
    assert first.cells[4].text == "2025年开采量控制在0.5亿立方米以内" and first.cells[4].row_span == 2
    assert second.cells[4].spanned


def _with_remarks(nodes, text):
    from dataclasses import replace

    return tuple(
        replace(n, remarks=text if n.kind is NodeKind.MEASURE else n.remarks, children=_with_remarks(n.children, text))
        for n in nodes
    )
