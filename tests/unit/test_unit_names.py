"""牵头单位/配合单位 cells of the seeds split into single, clean unit names."""

from __future__ import annotations

import pytest

from sisiding_desktop.domain.unit_names import (
    NONE_MARKERS,
    UnitSplit,
    UnitSplitter,
    is_unit_note,
    level_prefix,
    normalize_unit_name,
    split_units,
)

SEPARATORS = "、，,；;\n\r/／\u3000 "

# Every unit the 平罗县 table names, as the cells split into them.
PINGLUO_UNITS = {
    "自然资源局", "住建局", "发改局", "各乡镇（农场）", "机关事务服务中心", "水务局",
    "节水型社会建设领导小组各成员单位", "市场监管局", "工信局", "税务局", "农业农村局",
    "平罗工业园区管委会", "商务局", "工业园区管委会", "石嘴山市生态环境局平罗分局",
    "市生态环境局平罗分局", "宁夏水投平罗水务有限公司", "相关部门", "各乡镇", "平罗县德渊水务有限公司",
    "交通运输局", "财政局",
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("住建局、发改局、各乡镇（农场）", ("住建局", "发改局", "各乡镇（农场）")),
        ("市城管局\n市市场监管局", ("市城管局", "市市场监管局")),
        ("/", ()),
        ("节水型社会建设领导小组各成员单位", ("节水型社会建设领导小组各成员单位",)),
    ],
)
def test_design_examples(text: str, names: tuple[str, ...]) -> None:
    assert split_units(text) == UnitSplit(names, ())


def test_glued_names_with_their_own_level_are_cut_with_a_warning_when_unknown() -> None:
    result = split_units("市工信局市商务局")
    assert result.names == ("市工信局", "市商务局")
    assert result.warnings == ("单位“市工信局市商务局”已按单位名称拆分为：市工信局、市商务局，请核对",)


def test_glued_names_without_a_level_are_kept_and_flagged_when_unknown() -> None:
    result = split_units("工信局商务局")
    assert result.names == ("工信局商务局",)
    assert result.warnings == ("“工信局商务局”可能是几个单位连写，请核对",)


def test_glued_names_are_cut_when_every_piece_is_known() -> None:
    assert split_units("市工信局市商务局", known=["市工信局", "市商务局"]) == UnitSplit(("市工信局", "市商务局"), ())
    three = split_units("市工信局市商务局市发改委、水务局", known={"市工信局", "市商务局", "市发改委"})
    assert three.names == ("市工信局", "市商务局", "市发改委", "水务局")


def test_known_names_are_compared_normalized() -> None:
    result = split_units("市工信局市商务局", known=[" 市工信局 ", "市商务局。"])
    assert result.names == ("市工信局", "市商务局")


def test_only_one_half_known_is_not_enough_without_a_level() -> None:
    result = split_units("工信局商务局", known=["工信局"])
    assert result.names == ("工信局商务局",) and len(result.warnings) == 1


def test_one_half_known_and_the_other_with_its_own_level_is_cut_with_a_warning() -> None:
    result = split_units("市工信局市商务局", known=["市工信局"])
    assert result.names == ("市工信局", "市商务局") and "已按单位名称拆分" in result.warnings[0]
    mixed = split_units("水务局县财政局", known=["水务局"])
    assert mixed.names == ("水务局", "县财政局") and len(mixed.warnings) == 1


def test_a_known_whole_name_is_never_cut() -> None:
    known = ["石嘴山市生态环境局平罗分局", "石嘴山市生态环境局"]
    assert split_units("石嘴山市生态环境局平罗分局", known=known).names == ("石嘴山市生态环境局平罗分局",)


@pytest.mark.parametrize(
    "name",
    [
        "石嘴山市生态环境局平罗分局", "平罗工业园区管委会", "县委组织部", "中共平罗县委组织部",
        "县住房和城乡建设局", "平罗县乡村振兴局", "金山产业园区管理办公室", "县发改委员会",
        "县政府办公室", "节水型社会建设领导小组各成员单位", "宁夏水投平罗水务有限公司", "各乡镇（农场）",
        "县污水处理中心", "自治区水利厅水资源处",
    ],
)  # fmt: skip
def test_single_names_with_inner_endings_raise_no_warning(name: str) -> None:
    assert split_units(name) == UnitSplit((name,), ())


@pytest.mark.parametrize("text", ["住建局发改局", "水务局各乡镇（农场）", "县水利局市场监管局", "市工信局商务局"])
def test_glued_looking_text_is_flagged(text: str) -> None:
    result = split_units(text)
    assert result.names == (text,)
    assert result.warnings == (f"“{text}”可能是几个单位连写，请核对",)


@pytest.mark.parametrize("marker", NONE_MARKERS)
def test_none_markers_give_no_names(marker: str) -> None:
    assert split_units(marker) == UnitSplit((), ())
    assert split_units(f"  {marker}\n") == UnitSplit((), ())


def test_none_markers_among_names_are_dropped() -> None:
    assert split_units("水务局、/、无").names == ("水务局",)


def test_empty_and_none() -> None:
    assert split_units("") == UnitSplit((), ())
    assert split_units(None) == UnitSplit((), ())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("水务局，财政局;税务局；发改局,工信局", ("水务局", "财政局", "税务局", "发改局", "工信局")),
        ("水务局\r\n财政局\n\n", ("水务局", "财政局")),
        ("市城管局\u3000市市场监管局", ("市城管局", "市市场监管局")),
        ("市城管局  市市场监管局", ("市城管局", "市市场监管局")),
        ("水 务 局", ("水务局",)),  # letter-spaced to fit the column
        ("财\u3000政\u3000局、水务局", ("财政局", "水务局")),
        ("各乡镇（农场、林场）、水务局", ("各乡镇（农场、林场）", "水务局")),
        ("各乡镇(农场)", ("各乡镇（农场）",)),
        ("各乡镇\n（农场）", ("各乡镇（农场）",)),
        ("住建局、商务局、住建局", ("住建局", "商务局")),
        ("住建局/水务局", ("住建局", "水务局")),
        ("水务局。", ("水务局",)),
    ],
)
def test_separators(text: str, names: tuple[str, ...]) -> None:
    assert split_units(text).names == names


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  水务局 ", "水务局"),
        ("\u3000水务局\u00a0", "水务局"),
        ("水 务 局", "水务局"),
        ("各乡镇(农场)", "各乡镇（农场）"),
        ("水务局。", "水务局"),
        ("水务局、", "水务局"),
        ("水务局；", "水务局"),
        ("、水务局", "水务局"),
        ("DMA 项目办", "DMA项目办"),
        ("Veolia  Water 公司", "Veolia Water公司"),  # a space between Latin words stays
    ],
)
def test_normalize_unit_name(raw: str, clean: str) -> None:
    assert normalize_unit_name(raw) == clean


def _assert_plausible(result: UnitSplit, cell: str) -> None:
    for name in result.names:
        assert name, cell
        assert not any(sep in name for sep in SEPARATORS), (cell, name)
        assert name not in NONE_MARKERS, cell
        assert normalize_unit_name(name) == name, (cell, name)
    assert len(set(result.names)) == len(result.names)


def test_every_pingluo_unit_cell(pingluo_task_rows) -> None:
    cells = [cell for row in pingluo_task_rows for cell in row[3:5]]
    assert len(cells) == 2 * 66
    seen: set[str] = set()
    for cell in cells:
        result = split_units(cell)
        _assert_plausible(result, cell)
        assert result.warnings == (), cell
        if cell.strip() in NONE_MARKERS:
            assert result.names == ()
        else:
            assert result.names, cell
        seen.update(result.names)
    assert seen == PINGLUO_UNITS


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("发改局、水务局\n平罗工业园区管委会", ("发改局", "水务局", "平罗工业园区管委会")),
        ("自然资源局\n水务局", ("自然资源局", "水务局")),
        (
            "平罗县德渊水务有限公司、宁夏水投平罗水务有限公司、相关部门、各乡镇（农场）",
            ("平罗县德渊水务有限公司", "宁夏水投平罗水务有限公司", "相关部门", "各乡镇（农场）"),
        ),
        ("水务局、农业农村局", ("水务局", "农业农村局")),
    ],
)
def test_pingluo_cells_split_as_read(pingluo_task_rows, cell: str, names: tuple[str, ...]) -> None:
    assert any(cell in row[3:5] for row in pingluo_task_rows)
    assert split_units(cell).names == names


def test_every_guyang_unit_list(guyang_tasks) -> None:
    assert len(guyang_tasks) == 34
    for task in guyang_tasks:
        lead = split_units(task.lead)
        _assert_plausible(lead, task.lead)
        assert lead.names and lead.warnings == (), task.number
        support = split_units(task.support)
        _assert_plausible(support, task.support)
        assert support.warnings == (), task.number
    by_number = {t.number: t for t in guyang_tasks}
    assert split_units(by_number["2"].support).names == ()
    # 县 written once for the list: 住建局 (twice in the cell) and 商务局 are the county's too
    assert split_units(by_number["20"].support).names == ("县发改委", "县住建局", "县商务局")
    assert split_units(by_number["12"].support).names == ("县水务局", "县生态环境局", "县工信局")
    assert split_units(by_number["33"].lead).names == ("县委组织部",)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("县水务局、发改委、工信局", ("县水务局", "县发改委", "县工信局")),
        ("县住建局、水务局，配合", ("县住建局", "县水务局", "配合")),
        ("旗水利局、自然资源局", ("旗水利局", "旗自然资源局")),
        ("县水务局、各乡镇（农场）、国盛供水公司", ("县水务局", "各乡镇（农场）", "国盛供水公司")),
        ("县工信局、金山产业园区管理办公室", ("县工信局", "金山产业园区管理办公室")),
        ("县水务局、市生态环境局、县发改委", ("县水务局", "市生态环境局", "县发改委")),
        ("市生态环境局平罗分局、水务局", ("市生态环境局平罗分局", "水务局")),
        ("水务局、发改局", ("水务局", "发改局")),
        ("县水务局、水务局", ("县水务局",)),
    ],
)
def test_the_countys_level_written_once_goes_to_every_bureau_in_the_list(text: str, names: tuple[str, ...]) -> None:
    assert split_units(text).names == names


def test_a_sentence_in_a_unit_cell_is_kept_whole() -> None:
    known = {f"第{n}局" for n in range(2000)} | {"水务局", "住建局"}
    text = "水务局住建局" * 6000  # 36,000 characters: a table's long text pasted into the unit column
    split = split_units(text, known)  # (the cut search once took minutes on such a cell)
    assert split.names == (text,) and "不像单位名称" in split.warnings[0]
    assert split_units("水务局住建局", known).names == ("水务局", "住建局")  # a glued pair is still cut


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("市工信局市商务局", ("市工信局", "市商务局")),
        ("市生态环境局市公安局", ("市生态环境局", "市公安局")),
        ("市发展改革委市农业农村局", ("市发展改革委", "市农业农村局")),
        ("县水利局县财政局", ("县水利局", "县财政局")),
        ("市城管局市市场监管局", ("市城管局", "市市场监管局")),
        ("市委组织部市委宣传部", ("市委组织部", "市委宣传部")),
        ("县政府办公室县水务局", ("县政府办公室", "县水务局")),
        ("自治区水利厅市水利局", ("自治区水利厅", "市水利局")),
        ("旗水利局旗财政局旗发改委", ("旗水利局", "旗财政局", "旗发改委")),
        ("市水务局(河长办)县水务局", ("市水务局（河长办）", "县水务局")),
    ],
)
def test_glued_names_each_with_its_own_level_are_cut(text: str, names: tuple[str, ...]) -> None:
    result = split_units(text)
    assert result.names == names
    assert result.warnings == (f"单位“{normalize_unit_name(text)}”已按单位名称拆分为：{'、'.join(names)}，请核对",)


def test_a_piece_cut_off_by_level_that_still_looks_glued_is_flagged_too() -> None:
    result = split_units("县水利局县财政局住建局")
    assert result.names == ("县水利局", "县财政局住建局")
    assert result.warnings[1] == "“县财政局住建局”可能是几个单位连写，请核对"


@pytest.mark.parametrize(
    "name",
    [
        "市场监督管理局", "市场监管局", "市政府", "市政管理处", "市委组织部", "市委宣传部", "县委办公室",
        "区政府办公室", "市政工程公司", "县市场监管局", "生态环境局平罗分局", "市生态环境局县分局",
        "市委市政府督查室", "县委县政府督查室", "县人民政府县长办公室", "县城管局", "县发改委员会",
        "区域水资源管理中心", "市民服务中心", "县住房和城乡建设局",
    ],
)  # fmt: skip
def test_names_with_level_characters_inside_stay_whole(name: str) -> None:
    assert split_units(name) == UnitSplit((name,), ())


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("市水利局", "市"), ("县水务局", "县"), ("自治区水利厅", "自治区"), ("自治县水利局", "自治县"),
        ("旗林草局", "旗"), ("市政府", "市"), ("市市场监管局", "市"), ("市委组织部", "市"),
        ("市场监管局", ""), ("市监局", ""), ("市政管理处", ""), ("水务局", ""), ("区域中心", ""), ("县长办公室", ""),
    ],
)  # fmt: skip
def test_level_prefix(name: str, prefix: str) -> None:
    assert level_prefix(name) == prefix


@pytest.mark.parametrize(
    "text",
    [
        "各相关部门按职责分工共同推进", "各有关单位按职责分工负责", "市直各有关部门按职责分工落实",
        "各部门按照任务分工共同推进", "其他部门配合落实", "共同推进",
    ],
)  # fmt: skip
def test_notes_are_not_units(text: str) -> None:
    assert is_unit_note(text)
    result = split_units(text)
    assert result.names == () and result.notes == (text,)
    assert result.warnings == (f"单位栏中的“{text}”是说明文字，不作为单位，请核对",)


@pytest.mark.parametrize(
    "text",
    [
        "各县（市、区）人民政府", "各乡镇", "各成员单位", "各乡镇（农场）", "相关部门", "市直各有关部门",
        "节水型社会建设领导小组各成员单位", "配合", "县水务局", "县项目推进办", "县招商引资推进中心",
    ],
)  # fmt: skip
def test_collective_and_ordinary_names_are_not_notes(text: str) -> None:
    assert not is_unit_note(text)
    assert split_units(text).notes == ()


def test_a_note_beside_units_keeps_the_units() -> None:
    result = split_units("县水务局、各镇、各部门按照任务分工共同推进")
    assert result.names == ("县水务局", "各镇")
    assert result.notes == ("各部门按照任务分工共同推进",)


def test_the_seed_cells_hold_no_notes(pingluo_task_rows, guyang_tasks) -> None:
    cells = [cell for row in pingluo_task_rows for cell in row[3:5]]
    cells += [text for task in guyang_tasks for text in (task.lead, task.support)]
    assert all(split_units(cell).notes == () for cell in cells)


def test_the_names_written_on_their_own() -> None:
    splitter = UnitSplitter({"水务局"})
    assert splitter.standalone("县发改委县财政局") == ()  # cut by level: not known from it
    assert splitter.standalone("住建局发改局、水务局") == ("水务局",)  # kept with a warning: not a name
    assert splitter.standalone("县水务局、发改委、各相关部门按职责分工共同推进") == ("县水务局", "县发改委")
    assert splitter.standalone("/") == splitter.standalone(None) == ()
    assert splitter.split("县发改委县财政局").names == ("县发改委", "县财政局")
