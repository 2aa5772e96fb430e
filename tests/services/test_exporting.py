"""Exporting reports through the service, and the division table's round trip."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from openpyxl import load_workbook

from sisiding_desktop.domain.model import Period, Status
from sisiding_desktop.services import ServiceError
from sisiding_desktop.services.documents import plan_document
from sisiding_desktop.services.tree import walk
from tests.conftest import PINGLUO_XLSX


def _shape(nodes):
    return [(n["kind"], n["label"], n["text"], n["lead"], n["support"], _shape(n["children"])) for n in nodes]


def test_exported_division_table_imports_back_to_the_same_plan(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    out = services.exporting.export(plan.id, "division", "xlsx", tmp_path / "分工表.xlsx")
    again, preview = services.importing.import_plan(out)
    assert preview.warnings == ()
    first = plan_document(services.plans.contents(plan.id))
    second = plan_document(services.plans.contents(again.id))
    assert _shape(second["nodes"]) == _shape(first["nodes"])
    assert second["plan"]["title"] == first["plan"]["title"]


def test_progress_report_carries_the_periods_entries(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    measure = next(n for n in walk(services.plans.tree(plan.id)) if n.kind.value == "measure")
    services.progress.record(
        measure.id,
        Period(2024, 3),
        status=Status.IN_PROGRESS,
        percent=60,
        progress_text="=已完成城镇开发边界划定",
        problems="资金不足",
    )
    out = services.exporting.export(plan.id, "progress", "xlsx", tmp_path / "推进.xlsx", period=Period(2024, 3))
    sheet = load_workbook(out).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "=已完成城镇开发边界划定" in cells and cells["=已完成城镇开发边界划定"].data_type == "s"
    assert "资金不足" in cells
    assert any("2024年第3季度" in str(v) for v in cells)


def test_export_errors_are_clear(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    with pytest.raises(ServiceError, match="--period"):
        services.exporting.export(plan.id, "progress", "xlsx", tmp_path / "a.xlsx")
    with pytest.raises(ServiceError, match="找不到单位"):
        services.exporting.export(plan.id, "unit", "xlsx", tmp_path / "a.xlsx", unit="不存在的局")
    with pytest.raises(ServiceError, match="不存在"):
        services.exporting.export(plan.id, "division", "xlsx", tmp_path / "nowhere" / "a.xlsx")
    with pytest.raises(ServiceError):
        services.exporting.export(plan.id, "division", "xlsx", tmp_path / "a.xlsx", columns=["colour"])


def test_unit_list_has_only_that_units_tasks(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    out = services.exporting.export(plan.id, "unit", "xlsx", tmp_path / "税务局.xlsx", unit="税务局")
    text = "\n".join(str(c.value) for row in load_workbook(out).active.iter_rows() for c in row if c.value)
    assert "税务局" in text
    assert "城镇开发边界" not in text  # a task of 自然资源局 only


def test_indicators_travel_with_the_division_table(services, tmp_path):
    from sisiding_desktop.domain.model import IndicatorAttribute

    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    services.indicators.add_indicator(
        plan.id, "用水总量", category="总体目标", measure_unit="亿立方米", attribute=IndicatorAttribute.BINDING,
        responsible=["水务局"], targets={2024: "6.17", 2025: "6.20"},
    )  # fmt: skip
    services.indicators.add_indicator(
        plan.id, "万元GDP用水量下降率", category="以水定产", measure_unit="%", attribute=IndicatorAttribute.EXPECTED,
        responsible=["发改局", "水务局"], targets={2025: "≥16"},
    )  # fmt: skip
    out = services.exporting.export(plan.id, "division", "xlsx", tmp_path / "分工表.xlsx")
    assert len(load_workbook(out).sheetnames) == 2
    again, _ = services.importing.import_plan(out)
    first = plan_document(services.plans.contents(plan.id))["indicators"]
    second = plan_document(services.plans.contents(again.id))["indicators"]
    assert second == first


def test_progress_and_unit_layouts_show_the_plan_as_its_contents_are(services):
    from sisiding_desktop.reports.progress import build_progress
    from sisiding_desktop.reports.unit_tasks import build_unit_tasks

    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    measure = next(n for n in walk(services.plans.tree(plan.id)) if n.kind.value == "measure")
    services.progress.record(measure.id, Period(2024, 3), status=Status.BEHIND, percent=20, progress_text="已起草")
    period, today = Period(2024, 3), date(2024, 8, 15)
    contents = services.plans.contents(plan.id)
    entries = services.progress.for_period(plan.id, period)
    lights = services.progress.lights(plan.id, period, today)
    office = services.settings.office_name()
    layout = services.exporting.layout(plan.id, "progress", period=period, today=today)
    assert layout == build_progress(contents.plan, contents.nodes, period, entries, lights, office=office)
    unit = measure.lead[0]
    layout = services.exporting.layout(plan.id, "unit", period=period, unit=unit.name, today=today)
    assert layout == build_unit_tasks(
        contents.plan, contents.nodes, unit, period=period, progress=entries, lights=lights, office=office
    )
    assert measure.text in str(layout)


def test_the_garbage_collector_runs_again_after_an_export(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    assert gc.isenabled()
    services.exporting.export(plan.id, "progress", "xlsx", tmp_path / "a.xlsx", period=Period(2024, 3))
    assert gc.isenabled()
    with pytest.raises(ServiceError):
        services.exporting.export(plan.id, "division", "xlsx", tmp_path / "a.xlsx", columns=["colour"])
    assert gc.isenabled()
    gc.disable()
    try:  # a program that turned it off keeps it off
        services.exporting.export(plan.id, "division", "pdf", tmp_path / "a.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_every_unit_of_the_plan_gets_its_own_task_list_file(services, tmp_path):
    from sisiding_desktop.services.unit_lists import list_file_name, units_in_plan

    plan, preview = services.importing.import_plan(PINGLUO_XLSX)
    folder = tmp_path / "各单位"
    folder.mkdir()
    steps = []
    written = services.exporting.export_unit_lists(
        plan.id, folder, period=Period(2024, 3), progress=lambda fraction, text: steps.append(text)
    )
    units = units_in_plan(services.plans.tree(plan.id))
    assert len(written) == len(units) == preview.counts()["units"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
    water = folder / "水务局任务清单（2024年第3季度）.xlsx"
    assert water in written
    texts = [str(c.value) for row in load_workbook(water).active.iter_rows() for c in row if c.value]
    assert any("水务局" in t for t in texts[:3])  # the list says whose it is
    assert "进展情况" in texts  # with the columns the unit fills in for the quarter
    lead = [n for n in walk(services.plans.tree(plan.id)) if any(u.name == "水务局" for u in n.lead + n.support)]
    assert sum(1 for t in texts if any(t == n.text for n in lead)) >= len(lead) // 2
    assert steps[0].startswith("正在导出“") and steps[-1].endswith(f"（{len(units)}/{len(units)}）")
    assert list_file_name("市/县 水务局:", None, "pdf") == "市_县 水务局_任务清单.pdf"


def test_unit_lists_need_a_folder_and_a_plan_with_units(services, tmp_path):
    plan = services.plans.create_plan("空计划")
    with pytest.raises(ServiceError, match="没有填写任何牵头或配合单位"):
        services.exporting.export_unit_lists(plan.id, tmp_path)
    with pytest.raises(ServiceError, match="不存在"):
        services.exporting.export_unit_lists(plan.id, tmp_path / "没有这个文件夹")
