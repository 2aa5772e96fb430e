"""The 指标完成情况表: targets per year under one 目标值 header, the period's actual values."""

from __future__ import annotations

from sisiding_desktop.domain.model import Period
from sisiding_desktop.reports.indicators import build_indicators
from tests.reports.sample_plan import PLAN, Q3, sample_indicators


def test_two_header_rows_with_target_years():
    layout = build_indicators(PLAN, sample_indicators(), period=Q3)
    assert layout.title == "平罗县“四水四定”主要指标完成情况表"
    assert layout.subtitle == "（2024年第3季度）"
    top, bottom = layout.header_rows
    keys = [c.key for c in layout.columns]
    assert keys == [
        "seq", "category", "name", "unit", "attribute",
        "target:2023", "target:2024", "target:2025", "actual", "responsible",
    ]  # fmt: skip
    targets = keys.index("target:2023")
    assert (top.cells[targets].text, top.cells[targets].col_span) == ("目标值", 3)
    assert [c.text for c in bottom.cells[targets : targets + 3]] == ["2023年", "2024年", "2025年"]
    assert top.cells[0].row_span == 2 and bottom.cells[0].spanned
    assert top.cells[keys.index("actual")].text == "2024年第3季度完成值"


def test_rows_values_and_merged_category():
    layout = build_indicators(PLAN, sample_indicators(), period=Q3)
    rows = [[c.text for c in r.cells] for r in layout.rows]
    assert rows[0] == ["1", "总体目标", "万元GDP用水量较2020年降低", "%", "约束性", "20", "28", "35", "26.5",
                       "水务局、发改局"]  # fmt: skip
    assert layout.rows[0].cells[1].row_span == 2 and layout.rows[1].cells[1].spanned
    assert rows[1][5:8] == ["", "0.564", "≥0.77"]  # no 2023 target
    assert rows[2][8] == "10.2"  # Q3, not Q2
    assert rows[3][8] == ""
    assert all(r.kind == "indicator" for r in layout.rows)


def test_without_a_period_there_is_no_actual_column():
    layout = build_indicators(PLAN, sample_indicators())
    assert "actual" not in [c.key for c in layout.columns]
    assert layout.subtitle == ""


def test_chosen_columns_and_years():
    layout = build_indicators(
        PLAN, sample_indicators(), period=Period(2024, 2), years=[2025], columns=["name", "targets", "actual"]
    )
    assert [c.header for c in layout.columns] == ["指标名称", "2025年", "2024年第2季度完成值"]
    assert [r.cells[2].text for r in layout.rows] == ["", "", "11", ""]


def test_without_targets_one_header_row():
    layout = build_indicators(PLAN, sample_indicators(), columns=["seq", "name", "unit"])
    assert len(layout.header_rows) == 1
