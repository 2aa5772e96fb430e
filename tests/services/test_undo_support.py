"""Service calls the window's undo steps rely on: put a node back, delete and restore a plan, unmerge units."""

from __future__ import annotations

from datetime import date

import pytest

from sisiding_desktop.domain.model import (
    IndicatorActual,
    IndicatorAttribute,
    IndicatorTarget,
    Light,
    NodeKind,
    Period,
    Role,
    Status,
)
from sisiding_desktop.services import ServiceError
from sisiding_desktop.services.indicators import misses_target
from sisiding_desktop.services.tree import walk

Q3 = Period(2024, 3)


@pytest.fixture
def plan(services):
    plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表", year_from=2024, year_to=2024)
    nodes = services.nodes
    chapter = nodes.add_node(plan.id, None, NodeKind.GROUP, "坚持以水定人定城")
    task = nodes.add_node(plan.id, chapter.id, NodeKind.TASK, "发挥用水户节水主体作用", deadline_text="2024年")
    nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "开展党政机关节水达标建设。")
    nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "2024年节水型医院建成率达到100%。")
    services.units.assign_units(task.id, Role.LEAD, ["机关事务服务中心"])
    return plan


def _texts(services, plan_id):
    return [(n.kind.value, n.number, n.text) for n in walk(services.plans.tree(plan_id))]


def test_place_undoes_an_outdent_with_the_old_kind(services, plan):
    before = _texts(services, plan.id)
    measure = services.plans.tree(plan.id)[0].children[0].children[1]
    services.nodes.outdent(measure.id)
    assert services.nodes.get_node(measure.id).kind is NodeKind.TASK
    services.nodes.place(measure.id, measure.parent_id, measure.position, measure.kind)
    assert _texts(services, plan.id) == before


def test_place_refuses_a_kind_change_for_a_node_with_children(services, plan):
    first = services.plans.tree(plan.id)[0].children[0]
    second = services.nodes.add_node(plan.id, first.parent_id, NodeKind.TASK, "实施公共建筑节水改造")
    services.nodes.add_node(plan.id, second.id, NodeKind.MEASURE, "严格落实节水“三同时”制度。")
    with pytest.raises(ServiceError, match="下面还有条目"):
        services.nodes.place(second.id, first.id, 0, NodeKind.MEASURE)


def test_a_deleted_plan_comes_back_whole(services, plan):
    measure = services.plans.tree(plan.id)[0].children[0].children[0]
    services.progress.record(measure.id, Q3, status=Status.IN_PROGRESS, percent=40, progress_text="已完成摸底")
    services.indicators.add_indicator(plan.id, "用水总量", attribute=IndicatorAttribute.BINDING, targets={2024: "6.17"})
    before = (_texts(services, plan.id), services.progress.for_period(plan.id, Q3))
    snapshot = services.plans.delete_plan_keeping(plan.id)
    assert services.plans.list_plans() == []
    restored = services.plans.restore_plan(snapshot)
    assert restored.id == plan.id and restored.title == plan.title
    assert (_texts(services, plan.id), services.progress.for_period(plan.id, Q3)) == before
    assert services.indicators.list_indicators(plan.id)[0].targets[0].text == "6.17"
    with pytest.raises(ServiceError, match="已经存在"):
        services.plans.restore_plan(snapshot)


def test_unmerge_gives_the_dropped_unit_its_tasks_back(services, plan):
    task = services.plans.tree(plan.id)[0].children[0]
    services.units.assign_units(task.id, Role.SUPPORT, ["县水利局", "住建局"])
    keep = services.units.find_unit("机关事务服务中心")
    drop = services.units.find_unit("县水利局")
    merged, snapshot = services.units.merge_units_keeping(keep.id, drop.id)
    assert "县水利局" in merged.aliases
    back = services.units.unmerge_units(snapshot)
    assert back.id == drop.id and back.name == "县水利局"
    assert "县水利局" not in services.units.get_unit(keep.id).aliases
    node = services.nodes.get_node(task.id)
    assert [u.name for u in node.support] == ["县水利局", "住建局"]


def test_clear_removes_an_entry_and_summary_counts_the_period(services, plan):
    measures = services.plans.tree(plan.id)[0].children[0].children
    services.progress.record(measures[0].id, Q3, status=Status.DONE)
    services.progress.record(measures[1].id, Q3, status=Status.IN_PROGRESS, percent=10)
    summary = services.progress.summary(plan.id, Q3, date(2024, 12, 1))
    assert summary.as_of == date(2024, 9, 30)
    assert (summary.total, summary.filled) == (2, 2)
    assert summary.by_status == {Status.DONE: 1, Status.IN_PROGRESS: 1}
    assert summary.by_light[Light.GREEN] == 1
    assert summary.units[0].unit == "机关事务服务中心" and summary.units[0].done == 1
    assert summary.chapters[0].mean_percent == pytest.approx(55)
    services.progress.clear(measures[1].id, Q3)
    assert set(services.progress.for_period(plan.id, Q3)) == {measures[0].id}


def test_a_binding_indicator_missing_its_target_is_marked(services, plan):
    indicator = services.indicators.add_indicator(
        plan.id, "用水总量", attribute=IndicatorAttribute.BINDING, targets={2024: "6.17"}
    )
    over = services.indicators.set_actual(indicator.id, Period(2024, 4), "6.3")
    assert misses_target(over, Period(2024, 4))
    rate = services.indicators.add_indicator(
        plan.id, "城市公共供水管网漏损率", attribute=IndicatorAttribute.BINDING, targets={2024: "≤9%"}
    )
    assert not misses_target(services.indicators.set_actual(rate.id, Period(2024, 4), "8.5%"), Period(2024, 4))
    assert misses_target(
        rate.__class__(
            **{**rate.__dict__, "name": "节水灌溉面积", "targets": (IndicatorTarget(2024, "50", 50.0),),
               "actuals": (IndicatorActual(Period(2024, 4), "40", 40.0),)}
        ),
        Period(2024, 4),
    )  # fmt: skip
