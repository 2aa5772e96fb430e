"""The 单位任务清单: what the 水务局 leads and where it supports, to send to it."""

from __future__ import annotations

from sisiding_desktop.domain.model import UnitRef
from sisiding_desktop.reports.unit_tasks import build_unit_tasks
from tests.reports.sample_plan import PLAN, Q3, UNITS, build_tree, sample_progress


def sections(layout):
    out: dict[str, list[list[str]]] = {}
    current = ""
    for row in layout.rows:
        if row.kind == "group1":
            current = row.cells[0].text
            out[current] = []
        else:
            out[current].append([c.text for c in row.cells])
    return out


def test_lead_and_support_sections():
    layout = build_unit_tasks(PLAN, build_tree(), UNITS["水务局"])
    assert layout.title == "水务局任务清单"
    assert layout.subtitle == "（平罗县“四水四定”年度重点任务表）"
    assert [c.key for c in layout.columns] == ["seq", "task", "measure", "lead", "support", "deadline"]
    got = sections(layout)
    assert list(got) == ["一、牵头任务", "二、配合任务"]
    lead = got["一、牵头任务"]
    assert [r[2][:2] for r in lead] == ["4.", ""]  # measure 4 of task 2, task 5 without measures
    assert [r[0] for r in lead] == ["2", "5"]
    support = got["二、配合任务"]
    # task 2 measures 1-3, task 3's two measures (inherited), task 6 measures 1 and 3: plan numbers kept
    assert [r[2][:2] for r in support] == ["1.", "2.", "3.", "1.", "2.", "1.", "3."]
    assert [r[0] for r in support if r[0]] == ["2", "3", "6"]


def test_task_cells_span_only_the_units_measures():
    layout = build_unit_tasks(PLAN, build_tree(), UNITS["水务局"])
    task6 = next(r for r in layout.rows if r.kind == "task" and r.cells[0].text == "6")
    assert task6.cells[1].row_span == 2


def test_a_unit_with_nothing_to_lead():
    layout = build_unit_tasks(PLAN, build_tree(), UNITS["市场监管局"])
    got = sections(layout)
    assert got["一、牵头任务"] == [["无", "", "", "", "", ""]]
    assert len(got["二、配合任务"]) == 2


def test_with_a_period_the_unit_can_report_progress():
    tree = build_tree()
    progress, lights = sample_progress(tree)
    layout = build_unit_tasks(PLAN, tree, UNITS["水务局"], period=Q3, progress=progress, lights=lights)
    keys = [c.key for c in layout.columns]
    assert keys[-4:] == ["progress", "percent", "problems", "next_steps"]
    assert "2024年第3季度" in layout.subtitle
    lead_row = layout.rows[1]
    assert lead_row.cells[keys.index("progress")].text == "实施方案已起草，正在征求意见。"


def test_unknown_unit_has_empty_sections():
    layout = build_unit_tasks(PLAN, build_tree(), UnitRef(999, "不存在局"))
    assert [r.cells[0].text for r in layout.rows] == ["一、牵头任务", "无", "二、配合任务", "无"]
