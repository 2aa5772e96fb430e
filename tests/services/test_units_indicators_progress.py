"""Units, indicators and quarterly progress through the services."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from sisiding_desktop.domain.lights import LightSettings
from sisiding_desktop.domain.model import IndicatorAttribute, Light, NodeKind, Period, Role, Status
from sisiding_desktop.services import ServiceError
from sisiding_desktop.store.models import ChangeLogRow

Q3 = Period(2024, 3)


@pytest.fixture
def plan(services):
    plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表", year_from=2024, year_to=2024)
    task = services.nodes.add_node(plan.id, None, NodeKind.TASK, "推进党政机关、学校、医院等单位节水达标建设")
    m1 = services.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "2024年县级以上公共机构节水型单位建成率达94%。")
    m2 = services.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "2024年节水型医院建成率达到100%。")
    m3 = services.nodes.add_node(
        plan.id,
        task.id,
        NodeKind.MEASURE,
        "制定印发县域节水型社会达标建设实施方案。",
        deadline_text="2024年6月",
    )
    services.units.assign_units(task.id, Role.LEAD, ["水务局"])
    services.units.assign_units(m1.id, Role.LEAD, ["机关事务服务中心"])
    services.units.assign_units(m1.id, Role.SUPPORT, ["水务局"])
    return plan, task, (m1, m2, m3)


def test_measures_without_own_units_show_their_tasks_units(services, plan):
    _, task, (m1, m2, _) = plan
    m1 = services.nodes.get_node(m1.id)
    m2 = services.nodes.get_node(m2.id)
    assert [u.name for u in m1.lead] == ["机关事务服务中心"] and not m1.inherited_units
    assert [u.name for u in m2.lead] == ["水务局"] and m2.inherited_units


def test_assigning_names_reuses_aliases_and_keeps_order(services, plan):
    _, _, (m1, _, _) = plan
    water = services.units.find_unit("水务局")
    services.units.rename_unit(water.id, "县水务局")
    node = services.units.assign_units(m1.id, Role.SUPPORT, ["住建局", "水务局", " 发改局 ", "住建局"])
    assert [u.name for u in node.support] == ["住建局", "县水务局", "发改局"]
    assert services.units.find_unit("水务局").name == "县水务局"


def test_merging_two_units_moves_every_assignment(services, plan):
    _, task, (m1, _, _) = plan
    services.units.assign_units(task.id, Role.SUPPORT, ["县水利局"])
    keep = services.units.find_unit("水务局")
    drop = services.units.find_unit("县水利局")
    merged = services.units.merge_units(keep.id, drop.id)
    assert "县水利局" in merged.aliases
    assert services.units.find_unit("县水利局").id == keep.id
    task_node = services.nodes.get_node(task.id)
    assert [u.name for u in task_node.support] == ["水务局"]
    roles = {(t.node_id, t.role) for t in services.units.unit_tasks(keep.id)}
    assert (task.id, Role.LEAD) in roles and (task.id, Role.SUPPORT) in roles and (m1.id, Role.SUPPORT) in roles
    with pytest.raises(ServiceError):
        services.units.merge_units(keep.id, keep.id)


def test_renaming_onto_another_unit_is_refused(services, plan):
    water = services.units.find_unit("水务局")
    with pytest.raises(ServiceError, match="合并单位"):
        services.units.rename_unit(water.id, "机关事务服务中心")


def test_indicator_targets_and_actuals(services, plan):
    plan_value, _, _ = plan
    indicator = services.indicators.add_indicator(
        plan_value.id,
        "用水总量",
        category="总体目标",
        measure_unit="亿立方米",
        attribute=IndicatorAttribute.BINDING,
        responsible=["水务局"],
        targets={2024: "6.17", 2025: "≤6.20"},
    )
    assert [(t.year, t.text, t.value) for t in indicator.targets] == [
        (2024, "6.17", 6.17),
        (2025, "≤6.20", 6.2),
    ]
    services.indicators.set_target(indicator.id, 2025, "6.10")
    updated = services.indicators.set_actual(indicator.id, Q3, "4.82", note="截至9月底")
    assert updated.targets[1].text == "6.10"
    assert [(a.period, a.text, a.value, a.note) for a in updated.actuals] == [(Q3, "4.82", 4.82, "截至9月底")]
    assert [u.name for u in updated.responsible] == ["水务局"]
    listed = services.indicators.list_indicators(plan_value.id)
    assert listed == [updated]


def test_record_progress_keeps_every_period_and_logs_each_field(services, plan):
    _, _, (m1, _, _) = plan
    services.progress.record(m1.id, Period(2024, 2), status=Status.IN_PROGRESS, percent=30, progress_text="已摸底")
    services.progress.record(m1.id, Q3, status=Status.IN_PROGRESS, percent=60, problems="资金不足")
    services.progress.record(m1.id, Q3, next_steps="争取专项资金")
    history = services.progress.history(m1.id)
    assert [(p.period, p.percent) for p in history] == [(Period(2024, 2), 30), (Q3, 60)]
    assert history[1].problems == "资金不足" and history[1].next_steps == "争取专项资金"
    with services.db.reading() as s:
        fields = [e.field for e in s.scalars(select(ChangeLogRow).where(ChangeLogRow.action == "progress"))]
    assert "2024Q3.percent" in fields and "2024Q3.next_steps" in fields
    with pytest.raises(ServiceError, match="0 到 100"):
        services.progress.record(m1.id, Q3, percent=120)
    assert services.progress.for_period(plan[0].id, Q3)[m1.id].percent == 60


def test_done_means_one_hundred_percent(services, plan):
    _, _, (m1, _, _) = plan
    assert services.progress.record(m1.id, Q3, status=Status.DONE).percent == 100


def test_copy_last_period_fills_only_empty_entries(services, plan):
    plan_value, _, (m1, m2, _) = plan
    services.progress.record(m1.id, Period(2024, 2), status=Status.IN_PROGRESS, percent=30, progress_text="已摸底")
    services.progress.record(m2.id, Period(2024, 2), status=Status.IN_PROGRESS, percent=50)
    services.progress.record(m2.id, Q3, percent=80)
    assert services.progress.copy_last_period(plan_value.id, Q3) == 1
    q3 = services.progress.for_period(plan_value.id, Q3)
    assert q3[m1.id].progress_text == "已摸底" and q3[m1.id].percent == 30
    assert q3[m2.id].percent == 80
    with pytest.raises(ServiceError, match="没有任何进展"):
        services.progress.copy_last_period(plan_value.id, Period(2023, 1))


def test_list_late_uses_deadlines_progress_and_settings(services, plan):
    plan_value, _, (m1, m2, m3) = plan
    services.progress.record(m2.id, Q3, status=Status.DONE)
    services.progress.record(m1.id, Q3, status=Status.IN_PROGRESS, percent=70)
    late = services.progress.list_late(plan_value.id, Q3, today=date(2024, 9, 30))
    by_id = {item.node.id: item.light for item in late}
    assert by_id[m3.id] is Light.RED  # due 2024-06-30, not done
    assert m2.id not in by_id  # done
    assert by_id.get(m1.id) is None  # 70% against 75% elapsed is within the margin
    services.settings.set_light_settings(LightSettings(behind_margin=2, due_soon_days=30))
    late = services.progress.list_late(plan_value.id, Q3, today=date(2024, 9, 30))
    assert {item.node.id: item.light for item in late}[m1.id] is Light.YELLOW
    assert late[0].light is Light.RED  # red first


@pytest.mark.sqlite_only
def test_daily_backup_once_a_day_and_only_with_data(services):
    assert services.backups.daily_backup(date.today()) is None  # nothing to keep yet
    services.plans.create_plan("平罗县“四水四定”年度重点任务表")
    first = services.backups.daily_backup(date.today())
    assert first is not None and first.exists()
    assert services.backups.daily_backup(date.today()) is None


def test_period_view_reads_entries_and_lights_as_the_rows_say(services, plan):
    from sisiding_desktop.domain.lights import compute_light
    from sisiding_desktop.services.convert import progress_value
    from sisiding_desktop.services.progress import effective_deadline
    from sisiding_desktop.services.tree import walk
    from sisiding_desktop.store.models import ProgressRow

    plan_value, task, (m1, m2, m3) = plan
    services.progress.record(m1.id, Q3, status=Status.IN_PROGRESS, percent=70, progress_text="推进中", remarks="备")
    services.progress.record(m2.id, Q3, status=Status.DONE, problems="无", next_steps="巩固", reported_by="张三")
    services.progress.record(m3.id, Period(2024, 2), status=Status.BEHIND, percent=10)  # another period
    today = date(2024, 9, 30)
    view = services.progress.period_view(plan_value.id, Q3, today)
    with services.db.reading() as s:
        rows = s.scalars(select(ProgressRow).where(ProgressRow.period.has(year=2024, quarter=3))).all()
        assert view.entries == {r.node_id: progress_value(r) for r in rows}
    assert set(view.entries) == {m1.id, m2.id} and view.entries[m2.id].reported_at is not None
    assert view.nodes == services.plans.tree(plan_value.id)
    plan_now = services.plans.get_plan(plan_value.id)
    expected = {
        n.id: compute_light(
            effective_deadline(n, plan_now),
            view.entries[n.id].status if n.id in view.entries else None,
            view.entries[n.id].percent if n.id in view.entries else None,
            today,
            services.settings.light_settings(),
            plan_start=date(2024, 1, 1),
        )
        for n in walk(view.nodes)
        if n.kind is not NodeKind.GROUP
    }
    # worked out on use, the lights still behave as a dict of every task and measure
    assert view.lights.get(m3.id) is Light.RED and view.lights[m2.id] is Light.GREEN
    assert dict(view.lights) == expected and view.lights == expected and len(view.lights) == 4
    assert task.id in view.lights and 999_999 not in view.lights and view.lights.get(999_999) is None
    with pytest.raises(KeyError):
        view.lights[999_999]
    assert services.progress.lights(plan_value.id, Q3, today) == expected
