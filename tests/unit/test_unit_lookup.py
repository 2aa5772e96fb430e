"""Many unit names resolved at once: by name, by alias, and with or without the plan's own level prefix."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.model import NodeKind, Role
from sisiding_desktop.services.unit_lookup import resolve_units


def _plan_naming(services, title: str, names: list[str], region: str = "") -> None:
    plan = services.plans.create_plan(title, region=region)
    task = services.nodes.add_node(plan.id, None, NodeKind.TASK, "推进节水型社会建设")
    services.units.assign_units(task.id, Role.LEAD, names)


def _resolve(db, names: list[str], level: str | None = None) -> dict[str, str | None]:
    with db.reading() as s:
        return {name: row.name if row else None for name, row in resolve_units(s, names, level).items()}


@pytest.fixture
def county_office(services):
    _plan_naming(services, "平罗县四水四定年度重点任务表", ["水务局", "财政局", "市生态环境局平罗分局"])
    _plan_naming(services, "长治市四水四定重点任务分工表", ["市水利局", "农业农村局"])
    services.units.create_unit("县住建局")
    services.units.create_unit("发改局")  # in the list, named by no plan
    unit = services.units.create_unit("县自然资源局")
    services.units.add_alias(unit.id, "县自然资源和规划局")
    return services


def test_without_a_level_names_and_aliases_match_as_written(db, county_office) -> None:
    assert _resolve(db, ["水务局", " 县住建局 ", "县自然资源和规划局", "县水务局", "住建局"]) == {
        "水务局": "水务局",
        " 县住建局 ": "县住建局",
        "县自然资源和规划局": "县自然资源局",
        "县水务局": None,
        "住建局": None,
    }


def test_a_bare_name_finds_the_stored_unit_with_the_plans_level(db, county_office) -> None:
    found = _resolve(db, ["住建局", "自然资源和规划局", "水利局"], level="县")
    assert found == {"住建局": "县住建局", "自然资源和规划局": "县自然资源局", "水利局": None}
    assert _resolve(db, ["水利局"], level="市") == {"水利局": "市水利局"}


def test_a_prefixed_name_finds_a_bare_unit_only_named_by_plans_of_that_level(db, county_office) -> None:
    found = _resolve(db, ["县水务局", "县财政局", "县农业农村局", "县发改局", "市水务局"], level="县")
    assert found == {
        "县水务局": "水务局",  # named by the 平罗县 plan
        "县财政局": "财政局",
        "县农业农村局": None,  # 农业农村局 was named by a 市 plan: it may be the city's
        "县发改局": None,  # named by no plan: its level is not known
        "市水务局": None,  # another level: another unit
    }
    assert _resolve(db, ["市农业农村局", "市水务局"], level="市") == {"市农业农村局": "农业农村局", "市水务局": None}


def test_the_name_as_written_wins_over_its_variant(db, county_office, services) -> None:
    services.units.create_unit("县水务局")
    assert _resolve(db, ["县水务局", "水务局"], level="县") == {"县水务局": "县水务局", "水务局": "水务局"}


def test_a_plans_region_counts_before_its_title(db, services) -> None:
    _plan_naming(services, "四水四定年度重点任务表", ["水务局"], region="平罗县")
    assert _resolve(db, ["县水务局"], level="县") == {"县水务局": "水务局"}


def test_units_named_by_indicators_count_too(db, services) -> None:
    plan = services.plans.create_plan("固阳县水资源节约集约利用三年攻坚行动方案")
    services.indicators.add_indicator(plan.id, "用水总量", responsible=["统计局"])
    city = services.plans.create_plan("长治市四水四定重点任务分工表")
    services.indicators.add_indicator(city.id, "万元GDP用水量", responsible=["统计局", "商务局"])
    services.indicators.add_indicator(plan.id, "再生水利用率", responsible=["商务局"])
    assert _resolve(db, ["县统计局"], level="县") == {"县统计局": None}  # named by a 县 and a 市 plan
    _plan_naming(services, "固阳县推进水资源节约集约利用", ["工信局"])
    assert _resolve(db, ["县工信局", "市商务局"], level="县") == {"县工信局": "工信局", "市商务局": None}
