"""A 主要指标表 sheet next to the task table becomes the plan's indicators."""

from __future__ import annotations

from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.workbooks import merge, put_rows, save, sheet


def _workbook_with_indicators():
    wb, tasks = sheet("任务分工")
    put_rows(tasks, [["序号", "重点任务", "牵头单位", "配合单位"], [1, "严格用水总量控制", "水务局", "发改局"]])
    ws = wb.create_sheet("主要指标")
    put_rows(
        ws,
        [
            ["附表", None, "“四水四定”主要指标表"],
            [
                "序号",
                "指标类型",
                "指标名称",
                "单位",
                "指标\n属性",
                "2020年\n基期值",
                "2024年",
                "2025年目标",
                "责任单位",
            ],
            [1, "总体目标", "用水总量", "亿立方米", "约束性", 6.5, 6.17, 6.17, "水务局"],
            [2, None, "万元GDP用水量较2020年下降", "%", "约束性", "—", 16, 20, "水务局\n发改局"],
            [3, "以水定城", "城镇公共供水管网漏损率", "%", "约束性", 0.11, "≤10%", 0.09, "住建局"],
            [4, None, "节水型居民小区建成率", "%", "预期性", None, 0.2, "≥95%", "住建局"],
        ],
    )
    merge(ws, "B3:B4", "B5:B6")
    for cell in ("F5", "H5", "G6"):
        ws[cell].number_format = "0%"
    return wb


def test_indicator_sheet_is_read_row_by_row(tmp_path):
    plan = read_plan_workbook(save(_workbook_with_indicators(), tmp_path, "指标.xlsx"))
    assert plan.counts() == {"groups": 0, "tasks": 1, "measures": 0, "indicators": 4}
    first, second, third, fourth = plan.indicators
    assert (first.category, first.name, first.measure_unit, first.attribute_text) == (
        "总体目标",
        "用水总量",
        "亿立方米",
        "约束性",
    )
    assert (first.base_value, first.targets, first.responsible_text) == ("6.5", {2024: "6.17", 2025: "6.17"}, "水务局")
    assert (second.category, second.base_value, second.targets) == ("总体目标", "—", {2024: "16", 2025: "20"})
    assert second.responsible_text == "水务局\n发改局"
    assert (third.category, third.base_value, third.targets) == ("以水定城", "11%", {2024: "≤10%", 2025: "9%"})
    assert (fourth.category, fourth.base_value, fourth.targets) == ("以水定城", "", {2024: "20%", 2025: "≥95%"})
    assert (fourth.row, fourth.sheet) == (6, "主要指标")
    assert plan.title == "指标"  # no title above the task table: the file name without suffix


def test_target_years_under_a_merged_heading_and_category_rows(tmp_path):
    wb, tasks = sheet("任务")
    put_rows(tasks, [["序号", "重点任务", "牵头单位"], [1, "推进节水", "水务局"]])
    ws = wb.create_sheet("指标")
    put_rows(
        ws,
        [
            ["序号", "指标名称", "计量单位", "属性", "现状值", "目标值", None, "牵头部门"],
            [None, None, None, None, None, "2024年", 2025, None],  # a year typed as a number
            ["一、总体目标"],
            [1, "农田灌溉水有效利用系数", None, "约束性", 0.55, 0.564, 0.57, "水务局"],
            ["二、以水定产"],
            [2, "万元工业增加值用水量下降", "%", "约束性", None, 7.2, 10, "工信局"],
        ],
    )
    merge(ws, "F1:G1", "A3:H3", "A5:H5")
    plan = read_plan_workbook(save(wb, tmp_path, "指标2.xlsx"))
    assert [(i.category, i.name, i.targets, i.responsible_text) for i in plan.indicators] == [
        ("总体目标", "农田灌溉水有效利用系数", {2024: "0.564", 2025: "0.57"}, "水务局"),
        ("以水定产", "万元工业增加值用水量下降", {2024: "7.2", 2025: "10"}, "工信局"),
    ]
    assert plan.indicators[0].base_value == "0.55"


def test_hidden_and_unrecognised_sheets_give_warnings_only(tmp_path):
    wb = _workbook_with_indicators()
    wb["主要指标"].sheet_state = "hidden"
    notes = wb.create_sheet("说明")
    put_rows(notes, [["本表由县水务局汇总。"]])
    wb.create_sheet("空白")
    plan = read_plan_workbook(save(wb, tmp_path, "hidden.xlsx"))
    assert plan.indicators == []
    assert [(w.sheet, w.row) for w in plan.warnings] == [("主要指标", 0), ("说明", 0)]
    assert "隐藏" in plan.warnings[0].message and "未找到表头" in plan.warnings[1].message
