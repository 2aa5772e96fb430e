"""The clerk's corrections from the preview: a column's meaning, the header row, a row's kind — and the column
meanings remembered for the next file whose header reads the same."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.parsed import SKIP, KnownHeader, ReadChoices
from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.city_table import write_scored_table
from tests.exchange.workbooks import put_rows, save, sheet


def test_a_column_the_program_does_not_know_can_be_brought_in(tmp_path):
    path = write_scored_table(tmp_path)
    plan = read_plan_workbook(path, choices=ReadChoices(columns={("Sheet1", 5): "remarks"}))
    first = plan.nodes[0].children[0]
    assert first.remarks == "5分"
    assert plan.warnings == []
    (table,) = plan.tables
    assert table.roles() == {1: "seq", 2: "task", 3: "measure", 4: "lead", 5: "remarks"}


def test_a_column_left_out_by_choice_is_not_named_again(tmp_path):
    path = write_scored_table(tmp_path)
    before = read_plan_workbook(path)
    assert before.tables[0].roles()[5] is None and len(before.warnings) == 1
    plan = read_plan_workbook(path, choices=ReadChoices(columns={("Sheet1", 5): SKIP}))
    assert plan.warnings == [] and plan.tables[0].roles()[5] == SKIP


def test_a_column_read_as_measures_can_be_made_the_task_column(tmp_path):
    path = write_scored_table(tmp_path)
    plan = read_plan_workbook(path, choices=ReadChoices(columns={("Sheet1", 2): SKIP, ("Sheet1", 3): "task"}))
    # one text column left: the unnumbered row under task 1 is its measure, as before
    assert [(n.source_label, n.text, [m.text for m in n.children]) for n in plan.nodes] == [
        ("1", "完成灌区续建配套。", ["开展灌区标准化管理。"]),
        ("2", "1.新增高效节水灌溉面积。", []),  # the cell's own 1. differs from 序号 2: kept as written
    ]


def test_the_header_row_can_be_named_when_no_word_of_it_is_known(tmp_path):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["工作安排"],
            ["No.", "行动", "做法", "负责"],
            [1, "推进灌区改造", "完成灌区续建配套。", "县水利局"],
            [2, "推广节水灌溉", "新增高效节水灌溉面积。", "县农业农村局"],
        ],
    )
    path = save(wb, tmp_path, "unknown_header.xlsx")
    with pytest.raises(ExchangeError, match="未找到任务分工表的表头"):
        read_plan_workbook(path)
    roles = {("Sheet1", 1): "seq", ("Sheet1", 2): "task", ("Sheet1", 3): "measure", ("Sheet1", 4): "lead"}
    plan = read_plan_workbook(path, choices=ReadChoices(columns=roles, header_rows={"Sheet1": 2}))
    assert [(n.source_label, n.text, n.children[0].text, n.children[0].lead_text) for n in plan.nodes] == [
        ("1", "推进灌区改造", "完成灌区续建配套。", "县水利局"),
        ("2", "推广节水灌溉", "新增高效节水灌溉面积。", "县农业农村局"),
    ]


def test_a_rows_kind_can_be_changed_or_the_row_left_out(tmp_path):
    path = write_scored_table(tmp_path)
    rows = {("Sheet1", 3): "task", ("Sheet1", 4): SKIP}
    plan = read_plan_workbook(path, choices=ReadChoices(row_kinds=rows, columns={("Sheet1", 5): SKIP}))
    assert [(n.kind, n.source_label, n.text) for n in plan.nodes] == [
        (NodeKind.TASK, "1", "推进灌区改造"),
        (NodeKind.TASK, "2.", "开展灌区标准化管理。"),
    ]
    plan = read_plan_workbook(path, choices=ReadChoices(row_kinds={("Sheet1", 2): "group"}))
    assert plan.nodes[0].kind is NodeKind.GROUP and plan.nodes[0].text == "推进灌区改造"


def test_column_meanings_chosen_once_apply_to_the_next_file_with_the_same_header(tmp_path):
    first = read_plan_workbook(write_scored_table(tmp_path), choices=ReadChoices(columns={("Sheet1", 5): "remarks"}))
    (table,) = first.tables
    remembered = KnownHeader(table.signature, ((5, "remarks"),))
    next_quarter = write_scored_table(tmp_path, "next.xlsx")
    plan = read_plan_workbook(next_quarter, choices=ReadChoices(known_headers=(remembered,)))
    assert plan.nodes[0].children[0].remarks == "5分" and plan.warnings == []
