"""A prefecture's own table through the import: three unit roles and 备注 stored, its own numbers kept until the
clerk changes the tree's shape, then numbers in the styles the table used."""

from __future__ import annotations

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.parsed import ReadChoices
from sisiding_desktop.services.tree import walk
from tests.exchange.city_table import LOCAL, write_city_table, write_scored_table


def _numbers(services, plan_id):
    return [(node.kind, node.number) for node in walk(services.plans.tree(plan_id))]


def test_units_of_all_three_roles_and_remarks_are_stored(services, tmp_path):
    plan, preview = services.importing.import_plan(write_city_table(tmp_path))
    measures = [node for node in walk(services.plans.tree(plan.id)) if node.kind is NodeKind.MEASURE]
    first = measures[0]
    assert ([u.name for u in first.lead], [u.name for u in first.support]) == (["市住建局"], ["市水利局"])
    assert [u.name for u in first.local] == [LOCAL]
    assert first.remarks == "2025年完成"
    assert all([u.name for u in node.local] == [LOCAL] for node in measures)
    assert LOCAL in preview.units


def test_the_source_numbers_are_shown_as_written(services, tmp_path):
    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    assert plan.keep_source_numbers
    numbers = _numbers(services, plan.id)
    groups = [number for kind, number in numbers if kind is NodeKind.GROUP]
    tasks = [number for kind, number in numbers if kind is NodeKind.TASK]
    assert groups == ["（一）", "（二）", "（三）"]
    assert tasks == ["1", "2", "3", "4", "5", ""]  # the closing part's measures sit under a task without number
    measure_texts = [node.text for node in walk(services.plans.tree(plan.id)) if node.kind is NodeKind.MEASURE]
    assert "2.实施供水管网漏损治理。\n3.推进二次供水设施改造。" in measure_texts


def test_inserting_a_task_renumbers_in_the_sources_styles(services, tmp_path):
    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    first_group = services.plans.tree(plan.id)[0]
    services.nodes.add_node(plan.id, first_group.id, NodeKind.TASK, "新增的重点任务", index=0)
    assert not services.plans.get_plan(plan.id).keep_source_numbers
    numbers = _numbers(services, plan.id)
    groups = [number for kind, number in numbers if kind is NodeKind.GROUP]
    tasks = [number for kind, number in numbers if kind is NodeKind.TASK]
    assert groups == ["（一）", "（二）", "（三）"]  # still the 市's （一） style, not 一、
    assert tasks == ["1", "2", "3", "4", "5", "6", ""]


def test_column_meanings_chosen_at_an_import_are_used_for_the_next_quarters_file(services, tmp_path):
    first = write_scored_table(tmp_path, "一季度.xlsx")
    assert services.importing.preview(first).warnings  # 考核分值 is named as left out
    choices = ReadChoices(columns={("Sheet1", 5): "remarks"})
    plan, preview = services.importing.import_plan(first, choices=choices)
    assert preview.warnings == ()
    assert [n.remarks for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE] == ["5分", "", "3分"]
    again = services.importing.preview(write_scored_table(tmp_path, "二季度.xlsx"))
    assert again.warnings == ()
    assert again.parsed.tables[0].roles()[5] == "remarks"


def _county_table(folder):
    from tests.exchange.workbooks import put_rows, save, sheet

    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["固阳县节水行动任务分工表"],
            ["序号", "重点任务", "具体措施", "牵头单位", "配合单位"],
            [1, "推进灌区改造", "1.完成灌区续建配套。", "县水利局", "县发改局、县财政局"],
            [2, "推广节水灌溉", "1.新增高效节水灌溉面积。", "水利局", "发展改革委、财政局"],
            [3, "加强统筹", "1.建立工作机制。", "县统计局县审计局", "各相关部门按职责分工共同推进"],
        ],
    )
    return save(wb, folder, "固阳县任务分工表.xlsx")


def test_one_bureau_with_or_without_the_countys_prefix_is_one_unit(services, tmp_path):
    preview = services.importing.preview(_county_table(tmp_path))
    assert "水利局" not in preview.units and "县水利局" in preview.units
    assert "财政局" not in preview.units and "县财政局" in preview.units
    messages = [str(w) for w in preview.warnings]
    assert any("县统计局县审计局" in m and "拆分" in m for m in messages), messages  # split, and said so
    assert "各相关部门按职责分工共同推进" not in preview.units
    assert any(set(group) == {"县发改局", "发展改革委"} for group in preview.likely_duplicates), (
        preview.likely_duplicates
    )


def test_likely_duplicates_merged_in_the_preview_become_one_unit_with_an_alias(services, tmp_path):
    path = _county_table(tmp_path)
    choices = ReadChoices(unit_merges={"发展改革委": "县发改局"})
    plan, preview = services.importing.import_plan(path, choices=choices)
    assert "发展改革委" not in preview.units
    supports = [[u.name for u in n.support] for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE]
    assert supports[1] == ["县发改局", "县财政局"]
    assert services.units.find_unit("发展改革委").name == "县发改局"
    last = [n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE][-1]
    assert last.remarks == "各相关部门按职责分工共同推进" and last.support == ()
    assert [u.name for u in last.lead] == ["县统计局", "县审计局"]


def test_the_division_export_prints_the_citys_own_numbers_and_all_three_roles(services, tmp_path):
    from openpyxl import load_workbook

    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    out = services.exporting.export(plan.id, "division", "xlsx", tmp_path / "分工表.xlsx")
    rows = [[c for c in row] for row in load_workbook(out).active.iter_rows(values_only=True)]
    header = next(row for row in rows if row[0] == "序号")
    assert list(header) == ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位", "责任单位", "备注"]
    texts = [str(cell) for row in rows for cell in row if cell]
    assert "（一）坚持以水定城，优化城市布局" in texts and "（三）保障措施" in texts
    assert [row[0] for row in rows if row[0] in {"1", "2", "3", "4", "5", 1, 2, 3, 4, 5}] == ["1", "2", "3", "4", "5"]
    assert "2.实施供水管网漏损治理。\n3.推进二次供水设施改造。" in texts  # the 市's own numbers, nothing in front
    assert "1.创建国家节水型城市。" in texts and "各县（市、区）人民政府" in texts and "2025年完成" in texts


def test_the_division_export_of_a_city_plan_imports_back_the_same(services, tmp_path):
    from sisiding_desktop.services.documents import plan_document

    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    out = services.exporting.export(plan.id, "division", "xlsx", tmp_path / "分工表.xlsx")
    again, preview = services.importing.import_plan(out)

    def shape(nodes):
        return [
            (n["kind"], n["label"], n["text"], n["lead"], n["support"], n["local"], n["remarks"], shape(n["children"]))
            for n in nodes
        ]

    first = plan_document(services.plans.contents(plan.id))
    second = plan_document(services.plans.contents(again.id))
    assert shape(second["nodes"]) == shape(first["nodes"])
    assert preview.warnings == ()


def test_chosen_number_styles_are_checked(services, tmp_path):
    import pytest

    from sisiding_desktop.services import ServiceError

    plan, _ = services.importing.import_plan(write_city_table(tmp_path))
    with pytest.raises(ServiceError, match="应有一个序号"):
        services.plans.update_plan(plan.id, number_styles="group1=★")
    with pytest.raises(ServiceError, match="未知的编号层级"):
        services.plans.update_plan(plan.id, number_styles="chapter=一、")
    services.plans.update_plan(plan.id, number_styles="task=1、;measure=（1）", keep_source_numbers=False)
    numbers = [(n.kind, n.number) for n in walk(services.plans.tree(plan.id))]
    assert [number for kind, number in numbers if kind is NodeKind.TASK][:2] == ["1、", "2、"]
