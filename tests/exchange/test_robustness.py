"""Whatever a table holds, the importer returns a well-formed tree or one ExchangeError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.domain.tree_rules import can_contain
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.plan_reader import read_plan_workbook

from .workbooks import PINGLUO

HEADERS = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "职责", "单位", "完成时限", "备注", "目标任务"]
VALUES = [
    None, None, None, 1, 2, 2.0, "一", "（一）", "一、节水", "（二）控水", "1.开展节水", "2.推广", "（1）压减",
    "水务局", "住建局、发改局", "/", "牵头", "参与", "2024年", "注：说明", "推广节水器具", "序号", "重点任务",
]  # fmt: skip

cells = st.sampled_from(VALUES)
rows = st.lists(st.lists(cells, min_size=1, max_size=6), min_size=0, max_size=12)
header = st.lists(st.sampled_from(HEADERS), min_size=0, max_size=6, unique=True)
merges = st.lists(st.tuples(st.integers(1, 12), st.integers(1, 6), st.integers(0, 3), st.integers(0, 2)), max_size=6)


def _build(path, header_row, body, merge_specs) -> None:
    wb = Workbook()
    ws = wb.active
    for col, text in enumerate(header_row, start=1):
        ws.cell(row=1, column=col, value=text)
    for r, values in enumerate(body, start=2):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    taken: set[tuple[int, int]] = set()
    for top, left, down, across in merge_specs:
        area = {(r, c) for r in range(top, top + down + 1) for c in range(left, left + across + 1)}
        if (down or across) and not area & taken:
            taken |= area
            ws.merge_cells(start_row=top, start_column=left, end_row=top + down, end_column=left + across)
    wb.save(path)


def _check(nodes, parent_kind=None, sheet: str = "Sheet") -> None:
    previous = None
    for node in nodes:
        assert can_contain(parent_kind, node.kind), (parent_kind, node.kind)
        if previous is not None and previous.kind is node.kind and node.kind is not NodeKind.MEASURE:
            assert (previous.source_label, previous.text) != (node.source_label, node.text)
        assert node.row >= 2 and node.sheet == sheet
        _check(node.children, node.kind, sheet)
        previous = node


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header, rows, merges)
def test_any_table_gives_a_well_formed_tree_or_a_clear_error(tmp_path, header_row, body, merge_specs):
    path = tmp_path / "fuzz.xlsx"
    _build(path, header_row, body, merge_specs)
    try:
        plan = read_plan_workbook(path)
    except ExchangeError as exc:
        assert "fuzz.xlsx" in str(exc)
        return
    _check(plan.nodes)
    counts = plan.counts()
    assert counts["groups"] + counts["tasks"] == sum(1 for n in plan.walk() if n.kind is not NodeKind.MEASURE)
    assert all(w.message for w in plan.warnings)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=4))
def test_a_corrupted_file_gives_a_clear_error_or_a_plan(tmp_path, flips):
    if not PINGLUO.exists():
        return
    data = bytearray(PINGLUO.read_bytes())
    for where, byte in flips:
        data[int(where * len(data))] = byte
    path = tmp_path / "corrupted.xlsx"
    path.write_bytes(bytes(data))
    try:
        plan = read_plan_workbook(path)
    except ExchangeError as exc:
        assert "corrupted.xlsx" in str(exc)
    else:
        _check(plan.nodes, sheet="年度重点任务表")
