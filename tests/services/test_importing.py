"""Importing the 平罗县 table: the plan lands whole, or nothing lands."""

from __future__ import annotations

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from sisiding_desktop.domain.deadlines import parse_deadline
from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.services import ServiceError
from sisiding_desktop.services import importing as importing_module
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store.backup import list_backups
from sisiding_desktop.store.models import ChangeLogRow, NodeRow
from tests.conftest import PINGLUO_XLSX


def test_preview_reads_the_table_and_stores_nothing(services):
    preview = services.importing.preview(PINGLUO_XLSX)
    counts = preview.counts()
    assert counts["tasks"] == 40 and counts["measures"] >= 60
    assert "各乡镇（农场）" in preview.units and "自然资源局" in preview.units
    assert set(preview.new_units) == set(preview.units)  # the database knows no units yet
    assert services.plans.list_plans() == [] and services.units.list_units() == []


def test_import_creates_the_plan_with_numbers_units_and_a_log_entry(services):
    plan, preview = services.importing.import_plan(PINGLUO_XLSX)
    assert plan.title == "平罗县“四水四定”年度重点任务表"
    assert plan.source_file == PINGLUO_XLSX.name
    nodes = list(walk(services.plans.tree(plan.id)))
    tasks = [n for n in nodes if n.kind is NodeKind.TASK]
    assert [t.number for t in tasks] == [str(i) for i in range(1, 41)]
    first_measure = tasks[0].children[0]
    assert [u.name for u in first_measure.lead] == ["自然资源局"]
    assert [u.name for u in first_measure.support] == ["住建局", "发改局", "各乡镇（农场）"]
    task2 = tasks[1]
    assert [m.number for m in task2.children] == ["1.", "2.", "3.", "4."]
    assert task2.children[1].text == "2024年节水型医院建成率达到100%。"
    assert sorted(u.name for u in services.units.list_units()) == sorted(preview.units)


@pytest.mark.sqlite_only
def test_importing_twice_reuses_units_and_backs_up_first(services):
    services.importing.import_plan(PINGLUO_XLSX)
    units_before = len(services.units.list_units())
    second, preview = services.importing.import_plan(PINGLUO_XLSX, title="平罗县2025年重点任务表")
    assert second.title == "平罗县2025年重点任务表"
    assert preview.new_units == ()
    assert len(services.units.list_units()) == units_before
    assert any("before-import" in p.name for p in list_backups(services.db.path))


def test_an_import_that_fails_midway_leaves_nothing(services, monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(importing_module, "_add_indicators", fail)
    with pytest.raises(RuntimeError):
        services.importing.import_plan(PINGLUO_XLSX)
    assert services.plans.list_plans() == []
    assert services.units.list_units() == []
    with services.db.reading() as s:
        assert s.execute(select(NodeRow.id)).first() is None


def test_a_workbook_without_a_task_table_is_refused(services, tmp_path):
    path = tmp_path / "通讯录.xlsx"
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "13800000000"])
    wb.save(path)
    with pytest.raises(ServiceError) as caught:
        services.importing.import_plan(path)
    assert "通讯录.xlsx" in str(caught.value)
    assert services.plans.list_plans() == []


def test_a_missing_file_is_a_clear_error(services, tmp_path):
    with pytest.raises(ServiceError, match="找不到文件"):
        services.importing.preview(tmp_path / "没有这个文件.xlsx")


def _expected_rows(parsed_nodes):
    """(parent's index or None, position) of every node, depth first, as the parsed tree has them."""
    placed = []

    def visit(nodes, parent):
        for position, node in enumerate(nodes):
            placed.append((parent, position))
            visit(node.children, len(placed) - 1)

    visit(parsed_nodes, None)
    return placed


def test_the_stored_tree_units_and_log_are_exactly_the_parsed_plan(services):
    plan, preview = services.importing.import_plan(PINGLUO_XLSX)
    parsed = list(preview.parsed.walk())
    with services.db.reading() as s:
        rows = s.scalars(select(NodeRow).where(NodeRow.plan_id == plan.id).order_by(NodeRow.id)).all()
        # ids follow the tree, depth first: lists ordered by node id are in tree order
        assert [(r.kind, r.text, r.source_label) for r in rows] == [
            (n.kind.value, n.text, n.source_label) for n in parsed
        ]
        index = {row.id: i for i, row in enumerate(rows)}
        placed = [(index[r.parent_id] if r.parent_id else None, r.position) for r in rows]
        assert placed == _expected_rows(preview.parsed.nodes)
        for row, node in zip(rows, parsed, strict=True):
            deadline = parse_deadline(node.deadline_text)
            assert (row.deadline_text, row.deadline_start, row.deadline_end) == (
                deadline.text,
                deadline.start,
                deadline.end,
            )
            assert (row.created_at, row.updated_at) == (plan.created_at, plan.created_at)
            stored = {role: [a.unit.name for a in row.assignments if a.role == role] for role in ("lead", "support")}
            assert stored == {
                "lead": list(preview.unit_names(node.lead_text)),
                "support": list(preview.unit_names(node.support_text)),
            }
            assert [a.position for a in row.assignments if a.role == "lead"] == list(range(len(stored["lead"])))
        log = s.scalars(select(ChangeLogRow)).all()
    assert [(e.action, e.entity, e.entity_id, e.plan_id, e.user) for e in log] == [
        ("import", "plan", plan.id, plan.id, services.importing.user)
    ]
    assert log[0].new == f"{PINGLUO_XLSX.name} → {plan.title}"
    assert sum(1 for n in parsed if n.lead_text) > 60  # the sample exercises the assignments above


def test_the_units_a_plan_uses_are_listed_in_tree_order(services):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    unit = next(u for u in services.units.list_units() if u.name == "水务局")
    tasks = services.units.unit_tasks(unit.id, plan.id)
    order = [n.id for n in walk(services.plans.tree(plan.id))]
    ids = [t.node_id for t in tasks]
    assert len(ids) > 10 and ids == sorted(ids, key=order.index)
