"""The 季度推进情况表: the plan with Q3 progress and its red/yellow/green lights."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.model import Light
from sisiding_desktop.reports.layout import ReportLayout, Row
from sisiding_desktop.reports.progress import build_progress
from sisiding_desktop.reports.styles import LIGHT_FILLS
from tests.reports.sample_plan import PLAN, Q3, build_tree, find, sample_progress


@pytest.fixture
def tree():
    return build_tree()


@pytest.fixture
def layout(tree) -> ReportLayout:
    progress, lights = sample_progress(tree)
    return build_progress(PLAN, tree, Q3, progress, lights, office="平罗县水务局")


def row_of(layout: ReportLayout, tree, text_start: str) -> Row:
    node = find(tree, text_start)
    return next(r for r in layout.rows if r.node_id == node.id)


def cell(layout: ReportLayout, row: Row, key: str):
    return row.cells[[c.key for c in layout.columns].index(key)]


def test_heading_names_the_period(layout):
    assert layout.title == "平罗县“四水四定”重点任务推进情况表"
    assert layout.subtitle == "（2024年第3季度）"
    assert layout.notes and "红灯" in layout.notes[0]
    assert [c.header for c in layout.columns] == [
        "序号", "重点任务", "具体落实措施", "牵头单位", "配合单位", "完成时限",
        "进展情况", "完成率", "状态/亮灯", "存在问题", "下步计划",
    ]  # fmt: skip


def test_progress_fills_its_measure_row(layout, tree):
    row = row_of(layout, tree, "制定印发")
    assert cell(layout, row, "progress").text == "实施方案已起草，正在征求意见。"
    assert cell(layout, row, "problems").text == "部门意见尚未反馈。"
    assert cell(layout, row, "next_steps").text == "10月底前印发。"
    assert cell(layout, row, "deadline").text == "2024年6月"
    percent = cell(layout, row, "percent")
    assert (percent.text, percent.number, percent.number_format) == ("40%", 0.4, "0%")


def test_status_cells_carry_the_light_colour(layout, tree):
    for start, light, text in [
        ("开展党政机关", Light.GREEN, "已完成\n绿灯"),
        ("2024年启动", Light.YELLOW, "推进中\n黄灯"),
        ("制定印发", Light.RED, "滞后\n红灯"),
    ]:
        status = cell(layout, row_of(layout, tree, start), "status")
        assert status.text == text
        assert status.style.fill == LIGHT_FILLS[light]
    unlit = cell(layout, row_of(layout, tree, "严格落实节水"), "status")
    assert (unlit.text, unlit.style.fill) == ("推进中", None)
    # only the status cell is coloured
    assert cell(layout, row_of(layout, tree, "制定印发"), "progress").style.fill is None


def test_progress_of_another_period_is_not_shown(layout, tree):
    row = row_of(layout, tree, "2024年节水型医院")
    assert cell(layout, row, "progress").text == ""
    assert cell(layout, row, "percent").number is None


def test_task_cells_still_span_the_measures(layout):
    first = next(r for r in layout.rows if r.kind == "task" and r.cells[0].text == "2")
    assert first.cells[0].row_span == first.cells[1].row_span == 4


def test_light_column_on_its_own(tree):
    progress, lights = sample_progress(tree)
    layout = build_progress(PLAN, tree, Q3, progress, lights, columns=["seq", "measure", "light"])
    red = next(r for r in layout.rows if r.node_id == find(tree, "制定印发").id)
    assert (red.cells[2].text, red.cells[2].style.fill) == ("红灯", LIGHT_FILLS[Light.RED])


def test_wide_report_uses_the_small_font_and_narrow_columns(layout):
    body = next(r for r in layout.rows if r.kind == "task")
    assert body.cells[2].style.size_pt == 10.5
    assert layout.total_width_chars < 180
