"""Unit names of a plan that denote one unit: the plan's own level, and likely duplicates to propose."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.unit_matching import (
    canonical_names,
    level_variant,
    likely_duplicates,
    name_level,
    plan_level,
    region_level,
    same_bureau_key,
)


@pytest.mark.parametrize(
    ("name", "level", "key"),
    [
        ("县水利局", "县", "水利局"), ("水利局", "县", "水利局"), ("县财政局", "县", "财政局"),
        ("县商信局", "县", "商信局"), ("市水利局", "市", "水利局"), ("市市场监管局", "市", "市场监管局"),
        ("市市监局", "市", "市监局"), ("自治县水利局", "县", "水利局"),
        # another level's prefix, or none to take off
        ("市水利局", "县", "市水利局"), ("县水利局", "市", "县水利局"), ("市场监管局", "市", "市场监管局"),
        ("市监局", "市", "市监局"), ("市政管理处", "市", "市政管理处"), ("水利局", None, "水利局"),
        # the level belongs to the name
        ("县委组织部", "县", "县委组织部"), ("县政府办公室", "县", "县政府办公室"), ("县人民政府", "县", "县人民政府"),
        ("县直各部门", "县", "县直各部门"), ("市委", "市", "市委"),
    ],
)  # fmt: skip
def test_same_bureau_key(name: str, level: str | None, key: str) -> None:
    assert same_bureau_key(name, level) == key


@pytest.mark.parametrize(
    ("name", "level", "variant"),
    [
        ("水利局", "县", "县水利局"), ("县水利局", "县", "水利局"), ("市场监管局", "市", "市市场监管局"),
        ("市水利局", "县", None), ("水利局", None, None), ("县委组织部", "县", None), ("政府", "县", None),
        ("各乡镇", "县", None), ("相关部门", "县", None),
    ],
)  # fmt: skip
def test_level_variant(name: str, level: str | None, variant: str | None) -> None:
    assert level_variant(name, level) == variant


@pytest.mark.parametrize(
    ("name", "level"),
    [("县水利局", "县"), ("自治县水利局", "县"), ("市水利局", "市"), ("自治区水利厅", "自治区"), ("水利局", None),
     ("市场监管局", None), ("盟水利局", "盟")],
)  # fmt: skip
def test_name_level(name: str, level: str | None) -> None:
    assert name_level(name) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("固阳县", "县"), ("长治市", "市"), ("平罗县四水四定年度重点任务表", "县"),
        ("固阳县水资源节约集约利用三年攻坚行动方案", "县"), ("包头市固阳县推进水资源节约集约利用", "县"),
        ("宁夏回族自治区石嘴山市平罗县", "县"), ("长治市四水四定重点任务分工表", "市"), ("包头市东河区", "区"),
        ("达拉特旗水利局", "旗"), ("附件：固阳县推进水资源节约集约利用三年攻坚行动方案任务分工", "县"),
        ("长治市水资源保护区建设方案", "市"), ("内蒙古自治区", "自治区"),
        ("四水四定实施方案", None), ("水资源节约集约利用行动方案", None), ("城市节水方案", None), ("", None),
    ],
)  # fmt: skip
def test_region_level(text: str, level: str | None) -> None:
    assert region_level(text) == level


def test_plan_level_from_the_names() -> None:
    assert plan_level(["县水务局", "县财政局", "水务局", "县发改委"]) == "县"
    assert plan_level(["市住建局", "市水利局", "市发展改革委", "各县（市、区）人民政府"]) == "市"
    # a county table of bare names and one city bureau: no level
    assert plan_level(["水务局", "财政局", "住建局", "市生态环境局平罗分局"]) is None
    assert plan_level(["县水务局", "市水利局"]) is None
    assert plan_level([]) is None


def test_plan_level_from_the_region_first() -> None:
    assert plan_level(["水务局", "市生态环境局平罗分局"], region="平罗县四水四定年度重点任务表") == "县"
    assert plan_level(["县水务局", "县财政局"], region="长治市") == "市"
    assert plan_level(["县水务局", "县财政局"], region="四水四定实施方案") == "县"


def test_canonical_names_prefer_the_form_used_most() -> None:
    names = ["水利局", "水利局", "县水利局", "县财政局", "财政局", "市水利局", "商信局", "县商信局", "县商信局"]
    assert canonical_names(names, "县") == {
        "水利局": "水利局", "县水利局": "水利局",
        "县财政局": "县财政局", "财政局": "县财政局",  # a tie: the longer, prefixed form
        "市水利局": "市水利局",  # the city's bureau is another unit
        "商信局": "县商信局", "县商信局": "县商信局",
    }  # fmt: skip
    assert canonical_names(["水利局", "市水利局"], "市") == {"水利局": "市水利局", "市水利局": "市水利局"}
    assert canonical_names(["水利局", "县水利局"], None) == {"水利局": "水利局", "县水利局": "县水利局"}


@pytest.mark.parametrize(
    "group",
    [
        ("发改局", "发改委", "发展改革委", "发展和改革局", "发展和改革委员会"),
        ("市监局", "市场监管局", "市场监督管理局"),
        ("县市监局", "县市场监督管理局"),
        ("住建局", "住房城乡建设局", "住房和城乡建设局"),
        ("工信局", "工业和信息化局"),
        ("卫健委", "卫生健康委员会", "卫生健康局"),
        ("文旅局", "文化和旅游局", "文化广电和旅游局"),
        ("人社局", "人力资源和社会保障局"),
        ("医保局", "医疗保障局"),
        ("林草局", "林业和草原局"),
        ("交通局", "交通运输局"),
        ("应急局", "应急管理局"),
        ("城管局", "城市管理综合执法局"),
        ("商信局", "商务和信息化局"),
        ("自然资源局", "自然资源和规划局"),
        ("县发改局", "县发展和改革局"),
        ("扶贫办", "扶贫开发办公室"),
    ],
)
def test_likely_duplicates(group: tuple[str, ...]) -> None:
    assert likely_duplicates([*group, "财政局", "税务局"]) == [group]


@pytest.mark.parametrize(
    "pair",
    [
        ("生态环境局", "环保局"), ("水利局", "水务局"), ("水利局", "农业农村和水利局"), ("税务局", "税务稽查局"),
        ("交通运输局", "交通运输综合执法局"), ("公安局", "公安交通管理局"), ("市水利局", "县水利局"),
        ("发改局", "市发改局"), ("市监局", "市市场监管局"), ("商务局", "商信局"), ("工信局", "工业园区管委会"),
        ("生态环境局", "生态环境局平罗分局"), ("水务局", "水务服务中心"), ("住建局", "住房保障局"),
        ("县委", "县委办公室"), ("工信局", "工业局"), ("市监局", "市政局"), ("财政局", "财政所"),
    ],
)  # fmt: skip
def test_names_that_are_not_proposed(pair: tuple[str, str]) -> None:
    assert likely_duplicates(pair) == []


def test_likely_duplicates_with_the_plans_level_and_in_written_order() -> None:
    names = ["县住建局", "水务局", "发改委", "住房和城乡建设局", "县发展和改革局", "市发改委", "县水务局", "水务局"]
    assert likely_duplicates(names, "县") == [
        ("县住建局", "住房和城乡建设局"),
        ("水务局", "县水务局"),
        ("发改委", "县发展和改革局"),
    ]
    # without the level, 县住建局 and 住房和城乡建设局 carry different levels
    assert likely_duplicates(names) == []


def test_names_alike_through_a_third_are_one_group() -> None:
    assert likely_duplicates(["商务局", "商信局", "商务和信息化局"]) == [("商务局", "商信局", "商务和信息化局")]
    assert likely_duplicates(["农业农村局", "农业农村和水利局", "水利局"]) == [("农业农村局", "农业农村和水利局")]
