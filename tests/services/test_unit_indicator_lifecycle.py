"""Adding and deleting units and indicators through the services, and putting deleted ones back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sisiding_desktop.domain.model import IndicatorAttribute, NodeKind, Period, Role
from sisiding_desktop.services import ServiceError
from sisiding_desktop.store.models import ChangeLogRow, IndicatorActualRow, IndicatorTargetRow

Q3 = Period(2024, 3)


@pytest.fixture
def plan(services):
    plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表", year_from=2024, year_to=2025)
    task = services.nodes.add_node(plan.id, None, NodeKind.TASK, "推进党政机关、学校、医院等单位节水达标建设")
    measure = services.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "2024年节水型医院建成率达到100%。")
    services.units.assign_units(task.id, Role.LEAD, ["水务局"])
    services.units.assign_units(measure.id, Role.LEAD, ["卫健局"])
    services.units.assign_units(measure.id, Role.SUPPORT, ["水务局"])
    return plan


def _three_indicators(services, plan_id):
    total = services.indicators.add_indicator(
        plan_id, "用水总量", category="总体目标", measure_unit="亿立方米", attribute=IndicatorAttribute.BINDING,
        base_value="6.0", responsible=["水务局", "发改局"], targets={2024: "6.17", 2025: "≤6.2"},
    )  # fmt: skip
    efficiency = services.indicators.add_indicator(
        plan_id, "万元GDP用水量下降", measure_unit="%", attribute=IndicatorAttribute.BINDING,
        responsible=["水务局"], targets={2024: "5"},
    )  # fmt: skip
    irrigation = services.indicators.add_indicator(plan_id, "高效节水灌溉面积", measure_unit="万亩")
    services.indicators.set_actual(efficiency.id, Q3, "4.2", "统计局初步数")
    services.indicators.set_actual(efficiency.id, Period(2024), "4.8")
    return total, services.indicators.get_indicator(efficiency.id), irrigation


# --- indicators ---------------------------------------------------------------


def test_delete_indicator_takes_its_targets_and_actuals_and_restore_brings_all_back(services, plan):
    total, efficiency, irrigation = _three_indicators(services, plan.id)
    snapshot = services.indicators.delete_indicator(efficiency.id)
    assert snapshot.name == "万元GDP用水量下降"
    left = services.indicators.list_indicators(plan.id)
    assert [(i.name, i.position) for i in left] == [("用水总量", 0), ("高效节水灌溉面积", 1)]
    with services.db.reading() as s:
        assert s.scalars(select(IndicatorTargetRow).where(IndicatorTargetRow.indicator_id == efficiency.id)).all() == []
        assert s.scalars(select(IndicatorActualRow).where(IndicatorActualRow.indicator_id == efficiency.id)).all() == []

    restored = services.indicators.restore_indicator(snapshot)
    assert restored == efficiency  # same id, position, targets, responsible units, actuals and notes
    assert [i.name for i in services.indicators.list_indicators(plan.id)] == [
        "用水总量",
        "万元GDP用水量下降",
        "高效节水灌溉面积",
    ]
    assert [i.position for i in services.indicators.list_indicators(plan.id)] == [0, 1, 2]
    assert {(a.period, a.text, a.note) for a in restored.actuals} == {
        (Q3, "4.2", "统计局初步数"),
        (Period(2024), "4.8", ""),
    }
    with services.db.reading() as s:
        actions = [r.action for r in s.scalars(select(ChangeLogRow).where(ChangeLogRow.entity == "indicator"))]
    assert actions[-2:] == ["delete", "restore"]


def test_an_added_indicator_goes_last_and_a_new_one_after_a_deletion_does_too(services, plan):
    total, efficiency, irrigation = _three_indicators(services, plan.id)
    services.indicators.delete_indicator(total.id)
    new = services.indicators.add_indicator(plan.id, "再生水利用率", measure_unit="%")
    assert [(i.name, i.position) for i in services.indicators.list_indicators(plan.id)] == [
        ("万元GDP用水量下降", 0),
        ("高效节水灌溉面积", 1),
        ("再生水利用率", 2),
    ]
    assert new.position == 2


def test_restoring_an_indicator_twice_or_into_a_deleted_plan_is_refused(services, plan):
    _, efficiency, _ = _three_indicators(services, plan.id)
    snapshot = services.indicators.delete_indicator(efficiency.id)
    services.indicators.restore_indicator(snapshot)
    with pytest.raises(ServiceError, match="已经存在"):
        services.indicators.restore_indicator(snapshot)
    services.indicators.delete_indicator(efficiency.id)
    services.plans.delete_plan(plan.id)
    with pytest.raises(ServiceError, match="计划"):
        services.indicators.restore_indicator(snapshot)


def test_indicator_fields_are_checked(services, plan):
    with pytest.raises(ServiceError, match="指标名称不能为空"):
        services.indicators.add_indicator(plan.id, "  ")
    with pytest.raises(ServiceError, match="单位过长"):
        services.indicators.add_indicator(plan.id, "用水总量", measure_unit="亿" * 51)
    item = services.indicators.add_indicator(plan.id, "用水总量")
    with pytest.raises(ServiceError, match="指标名称不能为空"):
        services.indicators.update_indicator(item.id, name="")
    assert services.indicators.list_indicators(plan.id)[0].name == "用水总量"


# --- units --------------------------------------------------------------------


def test_create_unit_refuses_a_taken_name_or_alias_with_a_clear_message(services, plan):
    water = services.units.find_unit("水务局")
    services.units.rename_unit(water.id, "县水务局")  # 水务局 stays an alias
    with pytest.raises(ServiceError, match="单位“县水务局”已经存在"):
        services.units.create_unit("县水务局")
    with pytest.raises(ServiceError, match="“水务局”已经是单位“县水务局”的别名"):
        services.units.create_unit(" 水务局 ")
    with pytest.raises(ServiceError, match="不能为空"):
        services.units.check_new_name("   ")
    assert services.units.check_new_name(" 农业农村局 ") == "农业农村局"
    unit = services.units.create_unit("农业农村局", short_name="农业局", kind="局")
    assert (unit.name, unit.short_name, unit.kind) == ("农业农村局", "农业局", "局")


def test_usage_counts_nodes_of_every_plan_and_indicators(services, plan):
    other = services.plans.create_plan("2025年计划")
    task = services.nodes.add_node(other.id, None, NodeKind.TASK, "推进农业节水")
    services.units.assign_units(task.id, Role.SUPPORT, ["水务局"])
    services.indicators.add_indicator(plan.id, "用水总量", responsible=["水务局"])
    water = services.units.find_unit("水务局")
    usage = services.units.unit_usage(water.id)
    assert (usage.nodes, usage.lead, usage.support, usage.indicators) == (3, 1, 2, 1)
    assert usage.describe() == "3 项任务/措施（牵头 1 项、配合 2 项）、1 项指标"
    unused = services.units.create_unit("农业农村局")
    assert services.units.unit_usage(unused.id).total == 0


def test_deleting_a_used_unit_is_refused_saying_how_much_uses_it_and_to_merge(services, plan):
    water = services.units.find_unit("水务局")
    with pytest.raises(ServiceError) as refused:
        services.units.delete_unit(water.id)
    message = str(refused.value)
    assert "2 项任务/措施" in message and "合并" in message and "水务局" in message
    with pytest.raises(ServiceError, match="合并"):
        services.units.check_deletable(water.id)
    assert services.units.find_unit("水务局") is not None

    only_indicator = services.units.create_unit("统计局")
    services.indicators.add_indicator(plan.id, "用水总量", responsible=["统计局"])
    with pytest.raises(ServiceError, match="1 项指标"):
        services.units.delete_unit(only_indicator.id)


def test_delete_an_unused_unit_and_restore_it_with_its_id_and_aliases(services, plan):
    unit = services.units.create_unit("农业农村局", short_name="农业局", kind="局")
    services.units.add_alias(unit.id, "县农业农村局")
    unit = services.units.get_unit(unit.id)
    snapshot = services.units.delete_unit(unit.id)
    assert services.units.find_unit("农业农村局") is None
    assert services.units.find_unit("县农业农村局") is None
    assert services.units.restore_unit(snapshot) == unit
    assert services.units.find_unit("县农业农村局") == unit


def test_restoring_a_unit_whose_name_was_taken_meanwhile_is_refused(services, plan):
    unit = services.units.create_unit("农业农村局")
    snapshot = services.units.delete_unit(unit.id)
    services.units.create_unit("农业农村局")
    with pytest.raises(ServiceError, match="无法恢复"):
        services.units.restore_unit(snapshot)


def test_an_indicator_whose_unit_is_gone_is_not_restored_half(services, plan):
    item = services.indicators.add_indicator(plan.id, "用水总量", responsible=["统计局"])
    snapshot = services.indicators.delete_indicator(item.id)
    statistics = services.units.find_unit("统计局")
    services.units.delete_unit(statistics.id)
    with pytest.raises(ServiceError, match="统计局"):
        services.indicators.restore_indicator(snapshot)
    assert services.indicators.list_indicators(plan.id) == []
