"""The prefecture sends its own table; the county fills in the quarter's progress and sends back the same layout."""

# ruff: noqa: E501 - the real texts of the table are long lines

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.domain.model import Status
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.fill_back.template import FillReport, FillValues, fill_template
from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from sisiding_desktop.exchange.plan_table.table_leaves import leaves
from sisiding_desktop.exchange.progress.reader import read_progress_workbook
from sisiding_desktop.exchange.progress.row_matching import MatchTarget
from sisiding_desktop.file_writing import xlsx_save
from tests.conftest import PINGLUO_XLSX
from tests.exchange.workbooks import rewrite_member

# Texts of the 平罗县 table (tests/data/seeds/平罗县四水四定年度重点任务表.txt).
CHAPTER1 = "一、坚持以水定人定城，优化城镇空间格局"
SECTION1 = "（一）加强城镇开发边界管控"
SECTION2 = "（二）深度实施城乡生活节水"
CHAPTER2 = "二、强化以水定产，构建节水型产业体系"
SECTION3 = "（三）科学谋划产业发展"
TASK1 = "强化城镇开发边界管控，科学设定县城功能定位，合理规划人口发展规模、县城空间结构,严格控制人均城镇用地面积，合理确定城镇发展规模"
M1 = "落实《关于优化国土空间开发保护格局的实施意见》，做好城镇开发边界管控工作。推动城镇开发边界划定成果落地实施，确保全县城镇开发边界扩展倍数不高于2020年现状城镇建设用地的1.28倍。"
TASK2 = "发挥用水户节水主体作用，用水单位和个人应采用节水型生产生活方式。推进党政机关、学校、医院、居民小区等单位对标节水型社会达标建设。"
M2 = [
    "开展党政机关节水达标建设。2024年县级以上公共机构节水型单位建成率达94%。",
    "2024年节水型医院建成率达到100%。",
    "2024年启动节水型居民小区建设，节水型居民小聚创建率达到20%",
    "制定印发《平罗县县域节水型社会达标建设实施方案》，2024年申报全国县域节水型社会达标县区。",
]
TASK3 = "实施公共建筑用水设施节水改造，淘汰不符合水效标准的用水器具。"
M3 = [
    "严格落实节水“三同时”制度，新建、改建、扩建公共建筑必须采用节水器具。建设单位应当依法组织节水设施竣工验收，未经验收或者验收不合格的节水设施，不得投入使用。",
    "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。",
    "公共机构和场所应使用符合国家标准的节水产品。实施节水改造和技术设备推广项目。",
]
TASK4 = "实施老旧供水管网更新改造，开展供水管网分区计量管理。"
M4 = "推进老旧供水管网更新改造，建立供水、用水管网设施漏损控制体系，2024年全县城镇供水管网漏损率控制在10%以内。"
TASK5 = "加强农村生活用水设施改造。"
TASK6 = "以新型工业化、现代农业、社会民生事业三大领域为突破口，开展工业主导产业提质增效科技支撑行动、现代农业提档升级科技支撑行动，着力打造黄河流域现代高效农业发展示范基地。"
M6 = [
    "严格落实“四水四定”原则和水资源节约集约利用重大政策，优化空间布局，提出管控措施，加强平罗县国土空间规划监管。",
    "2024年万元工业增加值用水量较2020年下降7.2%。",
]
CITY_ONLY = "建立节水工作月调度机制，每月25日前报送进展。"  # a measure the county's plan does not have

BLACK = Font(name="黑体", size=12)
BODY = Font(name="仿宋_GB2312", size=12)
KAI = Font(name="楷体", size=12)
THIN = Side(style="thin")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GREY = PatternFill("solid", fgColor="D9D9D9")
YELLOWISH = PatternFill("solid", fgColor="FFF2CC")
PROGRESS_HEADER = ["工作进展", "完成进度（%）", "状态/亮灯", "困难问题", "下步计划", "备注"]

# (序号, task, [(measure, lead, support, deadline)]); group rows are plain strings.
TABLE: list = [
    CHAPTER1,
    SECTION1,
    ("1", TASK1, [(M1, "自然资源局", "住建局、发改局、各乡镇（农场）", "2024年")]),
    SECTION2,
    ("2", TASK2, [
        ("1." + M2[0], "机关事务服务中心", "水务局", "2024年"),
        ("2." + M2[1], "机关事务服务中心", "水务局", "2024年"),
        ("3." + M2[2], "住建局", "水务局", "2024年"),
        ("4." + M2[3], "水务局", "节水型社会建设领导小组各成员单位", "2024年6月"),
        ("5." + CITY_ONLY, "水务局", "/", "每月"),
    ]),
    ("3", TASK3, [("1." + M3[0], "住建局", "/", "2024年"), ("2." + M3[1], "市场监管局", "发改局、住建局、水务局", "2024年"), ("3." + M3[2], "住建局", "工信局", "2024年")]),
    ("5", TASK5, [("", "水务局、农业农村局", "各乡镇（农场）", "长期坚持")]),
    CHAPTER2,
    SECTION3,
    ("6", TASK6, [("1." + M6[0], "自然资源局", "水务局、各乡镇（农场）", "2024年"), ("2." + M6[1], "工信局", "发改局、水务局", "2024年")]),
]  # fmt: skip


def styled(cell, value, font: Font, *, fill: PatternFill | None = None, horizontal: str = "left") -> None:
    cell.value = value
    cell.font = font
    cell.border = GRID
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
    if fill:
        cell.fill = fill


def prefecture_template(folder: Path, *, progress_columns: bool = False, name: str = "石嘴山市任务分工表.xlsx") -> Path:
    """The prefecture's layout: 附件, merged title, two-row header, merged group rows and tasks, a note, a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
    width = 6 + (len(PROGRESS_HEADER) if progress_columns else 0)
    ws["A1"] = "附件2"
    ws["A1"].font = Font(name="黑体", size=16)
    styled(ws["A2"], "平罗县“四水四定”年度重点任务表", Font(name="方正小标宋简体", size=22), horizontal="center")
    ws["A2"].border = Border()
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    heads = ["序号", "重点任务", "具体落实措施", "责任单位", None, "完成时限"] + (
        PROGRESS_HEADER if progress_columns else []
    )
    for col in range(1, width + 1):
        styled(ws.cell(3, col), heads[col - 1], BLACK, fill=GREY, horizontal="center")
        styled(ws.cell(4, col), None, BLACK, fill=GREY, horizontal="center")
        if col not in (4, 5):
            ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    ws.merge_cells("D3:E3")
    styled(ws["D4"], "牵头单位", BLACK, fill=GREY, horizontal="center")
    styled(ws["E4"], "配合单位", BLACK, fill=GREY, horizontal="center")
    row = 5
    for item in TABLE:
        if isinstance(item, str):
            font = BLACK if item.startswith(("一", "二")) else KAI
            for col in range(1, width + 1):
                styled(ws.cell(row, col), item if col == 1 else None, font)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            row += 1
            continue
        number, task, measures = item
        for offset, (measure, lead, support, deadline) in enumerate(measures):
            values = [
                number if offset == 0 else None,
                task if offset == 0 else None,
                measure or None,
                lead,
                support,
                deadline,
            ]
            for col in range(1, width + 1):
                value = values[col - 1] if col <= 6 else None
                styled(ws.cell(row + offset, col), value, BODY, horizontal="center" if col in (1, 4, 5, 6) else "left")
            if progress_columns:
                ws.cell(row + offset, width).value = "市里备注"
        if len(measures) > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row + len(measures) - 1, end_column=1)
            ws.merge_cells(start_row=row, start_column=2, end_row=row + len(measures) - 1, end_column=2)
        row += len(measures)
    ws.cell(row, 1, "注：请各县区于每季度末月25日前报送，完成时限以正式文件为准。")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    widths = {"A": 6, "B": 30, "C": 50, "D": 14, "E": 18, "F": 11}
    for letter, chars in widths.items():
        ws.column_dimensions[letter].width = chars
    ws.row_dimensions[11].height = 30  # a height set by hand, too low for a long progress text
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:4"
    ws.print_area = f"A1:{ws.cell(1, width).column_letter}{row}"
    ws.freeze_panes = "A5"
    ws.oddFooter.center.text = "— &P —"
    other = wb.create_sheet("填报说明")
    other["A1"] = "填报说明"
    other["A1"].font = Font(name="黑体", size=14, bold=True)
    other.merge_cells("A1:C1")
    other["A2"] = "=1+1"
    other.column_dimensions["A"].width = 40
    path = folder / name
    wb.save(path)
    return path


def row_of(ws: Worksheet, text: str) -> int:
    """The worksheet row whose measure (column C) or task (column B) starts with ``text``."""
    for row in range(1, ws.max_row + 1):
        for col in (3, 2):
            value = ws.cell(row, col).value
            if isinstance(value, str) and re.sub(r"^\d+\.", "", value).startswith(text[:20]):
                return row
    raise AssertionError(f"no row for {text[:20]}")


def plan_targets() -> list[MatchTarget]:
    """The county's plan: the same measures (with the typo 小聚 fixed), task 4 added, no city-only measure."""
    specs = [("1", TASK1, M1)]
    specs += [("2", TASK2, text.replace("小聚", "小区")) for text in M2]
    specs += [("3", TASK3, text) for text in M3] + [("4", TASK4, M4), ("5", TASK5, None)]
    specs += [("6", TASK6, text) for text in M6]
    return [
        MatchTarget(100 + order, order, "" if measure is None else f"{order}.", number, task, measure or task)
        for order, (number, task, measure) in enumerate(specs)
    ]


def target(text: str) -> MatchTarget:
    return next(t for t in plan_targets() if t.text.startswith(text[:20]))


def quarter_values() -> dict[int, FillValues]:
    return {
        target(M1).node_id: FillValues("已完成", 100, "城镇开发边界划定成果已落地。", "", "", "绿灯"),
        target(M2[1]).node_id: FillValues(
            "推进中", 60, "3家医院已通过节水型单位验收。", "部分医院改造资金不足。", "争取专项资金。", "黄灯"
        ),
        target(M2[2]).node_id: FillValues(
            "滞后", 20, "=SUM(A1:A3) 已确定试点小区。" * 8, "+新增问题", "-10月底前完成", "红灯"
        ),
        target(M3[2]).node_id: FillValues("未启动", None, "@水务局牵头", "\t表格问题", "\r下步", ""),
        target(M4).node_id: FillValues(
            "推进中", 50, "漏损率降至10.5%。", "", "", "黄灯"
        ),  # the template has no row for it
        target(TASK5).node_id: FillValues("推进中", 80, "农村自来水普及率达98%。", "", "", ""),
        target(M6[1]).node_id: FillValues("已完成", 100, "较2020年下降7.5%。", "", "", "绿灯"),
    }


def fill(
    tmp_path: Path, template: Path, values: dict[int, FillValues] | None = None
) -> tuple[FillReport, Worksheet, Workbook]:
    out = tmp_path / "回填结果.xlsx"
    report = fill_template(template, out, plan_targets(), quarter_values() if values is None else values)
    wb = openpyxl.load_workbook(out)
    return report, wb["任务分工"], wb


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


# -- a template without progress columns: five columns are added ----------------------------------


def test_columns_are_added_to_the_right_and_values_land_on_the_right_rows(tmp_path):
    template = prefecture_template(tmp_path)
    report, ws, _ = fill(tmp_path, template)
    assert report.sheet == "任务分工"
    assert report.added_columns == ["进展情况", "完成率", "状态", "存在问题", "下步计划"]
    assert [ws.cell(3, col).value for col in range(7, 12)] == report.added_columns
    hospital = row_of(ws, M2[1])
    assert [ws.cell(hospital, col).value for col in range(7, 12)] == [
        "3家医院已通过节水型单位验收。", 0.6, "推进中", "部分医院改造资金不足。", "争取专项资金。",
    ]  # fmt: skip
    assert ws.cell(hospital, 8).number_format == "0%"
    assert ws.cell(row_of(ws, TASK5), 7).value == "农村自来水普及率达98%。"  # a task without measures
    assert ws.cell(row_of(ws, M6[1]), 9).value == "已完成"
    assert ws.cell(row_of(ws, M2[0]), 7).value is None  # no progress recorded for it
    assert report.filled_rows == 6


def test_the_added_columns_look_like_their_neighbours(tmp_path):
    _, ws, _ = fill(tmp_path, prefecture_template(tmp_path))
    for col in range(7, 12):
        header = ws.cell(3, col)
        assert (header.font.name, header.font.sz, header.fill.fgColor.rgb) == ("黑体", 12, GREY.fgColor.rgb)
        assert header.border.left.style == header.border.bottom.style == "thin"
        assert f"{header.column_letter}3:{header.column_letter}4" in merged(ws)  # merged down the two-row header
        for row in (row_of(ws, M1), row_of(ws, M2[3]), row_of(ws, M6[0])):
            body = ws.cell(row, col)
            assert (body.font.name, body.font.sz) == ("仿宋_GB2312", 12)
            assert body.border.top.style == body.border.right.style == "thin"
            assert body.alignment.wrap_text and body.alignment.vertical == "center"
    assert ws.cell(row_of(ws, M1), 7).alignment.horizontal == "left"
    assert ws.cell(row_of(ws, M1), 8).alignment.horizontal == "center"
    # sized to what they hold: 进展情况 and 存在问题 at their preferred widths (their texts are longer),
    # 完成率 and 状态 as wide as "完成率"/"推进中" in 12pt, 下步计划 as wide as "争取专项资金。" on one line
    assert [ws.column_dimensions[c].width for c in "GHIJK"] == [36, 8.5, 8.5, 22, 18]
    assert 7 * 16 + 5 <= ws.column_dimensions["K"].width * 7 < 9 * 16 + 5


def test_layout_of_the_template_is_kept(tmp_path):
    template = prefecture_template(tmp_path)
    before = openpyxl.load_workbook(template)["任务分工"]
    _, ws, wb = fill(tmp_path, template)
    full_width = {r for r in merged(before) if re.fullmatch(r"A(\d+):F\1", r)}
    assert full_width >= {"A2:F2", "A5:F5", "A6:F6", "A8:F8"}  # title, group rows, note
    # group rows and the note span the new columns; the title stays over the prefecture's own columns, which
    # print on pages of their own (the table is too wide for one page width at a readable scale)
    widened = {r.replace(":F", ":K") for r in full_width - {"A2:F2"}} | {"A2:F2"}
    assert merged(ws) == (merged(before) - full_width) | widened | {f"{c}3:{c}4" for c in "GHIJK"}
    assert ws["A2"].font.name == "方正小标宋简体" and ws["A2"].font.sz == 22
    assert ws["A1"].value == "附件2" and ws["A1"].font.name == "黑体"
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth) == ("landscape", 1)
    assert ws.print_title_rows == "$3:$4"
    assert ws.print_area == f"'任务分工'!$A$1:$K${before.max_row}"
    assert ws.freeze_panes == "A5"
    assert ws.oddFooter.center.text == "— &P —"
    assert [ws.column_dimensions[c].width for c in "ABCDEF"] == [6, 30, 50, 14, 18, 11]
    for row in range(1, before.max_row + 1):
        for col in range(1, 7):
            assert ws.cell(row, col).value == before.cell(row, col).value
    other = wb["填报说明"]
    assert other["A1"].value == "填报说明" and other["A1"].font.bold
    assert other["A2"].value == "=1+1"  # the template's own formulas stay formulas
    assert "A1:C1" in merged(other) and other.column_dimensions["A"].width == 40


def test_rows_grow_to_fit_long_progress_texts(tmp_path):
    _, ws, _ = fill(tmp_path, prefecture_template(tmp_path))
    slow = row_of(ws, M2[2])
    assert slow == 11 and ws.row_dimensions[slow].height > 100  # was set to 30 by hand
    assert ws.row_dimensions[row_of(ws, M2[0])].height is None  # untouched rows keep their height


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    template = prefecture_template(tmp_path)
    report, ws, _ = fill(tmp_path, template)
    slow, risky = row_of(ws, M2[2]), row_of(ws, M3[2])
    expected = {
        (slow, 7): "=SUM(A1:A3) 已确定试点小区。" * 8,
        (slow, 10): "+新增问题",
        (slow, 11): "-10月底前完成",
        (risky, 7): "@水务局牵头",
        (risky, 10): "\t表格问题",
        (risky, 11): "\n下步",  # a lone CR is stored as a line break
    }
    for (row, col), text in expected.items():
        cell = ws.cell(row, col)
        assert (cell.data_type, cell.value) == ("s", text)
        assert cell.quotePrefix
    with zipfile.ZipFile(tmp_path / "回填结果.xlsx") as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_the_template_file_is_never_changed(tmp_path):
    template = prefecture_template(tmp_path)
    digest, mtime = sha256(template), template.stat().st_mtime_ns
    fill(tmp_path, template)
    assert (sha256(template), template.stat().st_mtime_ns) == (digest, mtime)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["回填结果.xlsx", template.name]  # no temporary files left


def test_rows_and_measures_that_do_not_match_are_reported(tmp_path):
    report, ws, _ = fill(tmp_path, prefecture_template(tmp_path))
    assert [u.row_index for u in report.unmatched] == [row_of(ws, CITY_ONLY)]
    assert "建立节水工作月调度机制" in report.unmatched[0].reason
    assert report.unplaced == [target(M4).node_id]
    assert ws.cell(row_of(ws, M2[2]), 7).value.startswith("=SUM")  # "小聚" in the template still matched "小区"


def test_the_filled_file_reads_back_as_progress(tmp_path):
    fill(tmp_path, prefecture_template(tmp_path))
    rows, _ = read_progress_workbook(tmp_path / "回填结果.xlsx")
    by_text = {r.measure_text or r.task_text: r for r in rows}
    hospital = by_text[M2[1]]
    assert (hospital.status, hospital.percent, hospital.problems) == (Status.IN_PROGRESS, 60, "部分医院改造资金不足。")
    assert by_text[TASK5].progress_text == "农村自来水普及率达98%。"


# -- a template with its own progress columns ---------------------------------------------------------


def test_existing_progress_columns_are_filled_and_nothing_is_added(tmp_path):
    template = prefecture_template(tmp_path, progress_columns=True)
    report, ws, _ = fill(tmp_path, template)
    assert report.added_columns == []
    assert ws.max_column == 12
    hospital = row_of(ws, M2[1])
    assert [ws.cell(hospital, col).value for col in range(7, 13)] == [
        "3家医院已通过节水型单位验收。",
        60,
        "推进中\n黄灯",
        "部分医院改造资金不足。",
        "争取专项资金。",
        "市里备注",
    ]  # fmt: skip  (完成进度（%）takes whole numbers; 状态/亮灯 takes both; 备注 is left alone)
    assert ws.cell(row_of(ws, M1), 9).value == "已完成\n绿灯"
    assert "A2:L2" in merged(ws) and "A5:L5" in merged(ws)
    assert report.notes == []


def test_a_template_missing_some_progress_columns_says_what_was_left_out(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
    rows = [
        ["序号", "重点任务", "具体落实措施", "牵头单位", "完成情况"],
        ["2", TASK2, "2." + M2[1], "机关事务服务中心", None],
    ]
    for row in rows:
        ws.append(row)
    template = tmp_path / "简表.xlsx"
    wb.save(template)
    report, ws, _ = fill(tmp_path, template)
    assert report.added_columns == []
    assert ws["E2"].value == "3家医院已通过节水型单位验收。"
    assert report.notes == [
        "模板中没有“完成率”列，这部分内容未写入。",
        "模板中没有“状态”列，这部分内容未写入。",
        "模板中没有“存在问题”列，这部分内容未写入。",
        "模板中没有“下步计划”列，这部分内容未写入。",
    ]


def test_a_progress_cell_merged_over_several_measures_gets_the_joined_values(tmp_path):
    template = prefecture_template(tmp_path, progress_columns=True)
    wb = openpyxl.load_workbook(template)
    ws = wb["任务分工"]
    first, last = row_of(ws, M2[0]), row_of(ws, M2[3])
    ws.merge_cells(start_row=first, start_column=7, end_row=last, end_column=7)
    ws.merge_cells(start_row=first, start_column=8, end_row=last, end_column=8)
    wb.save(template)
    values = quarter_values()
    values[target(M2[0]).node_id] = FillValues("已完成", 100, "党政机关节水型单位建成率达96%。", "", "")
    _, ws, _ = fill(tmp_path, template, values)
    assert (
        ws.cell(first, 7).value
        == "党政机关节水型单位建成率达96%。\n3家医院已通过节水型单位验收。\n" + "=SUM(A1:A3) 已确定试点小区。" * 8
    )
    assert ws.cell(first, 8).value == 60  # (100 + 60 + 20) / 3
    assert ws.cell(first + 1, 9).value == "推进中\n黄灯"  # the status column is not merged: one value per row


def test_the_real_sample_table_as_a_template(tmp_path):
    plan = read_plan_workbook(PINGLUO_XLSX)
    targets = [
        MatchTarget(n, n, leaf.source_label, task.source_label, task.text, leaf.text)
        for n, (task, leaf) in enumerate(leaves(plan.nodes), start=1)
    ]
    values = {t.node_id: FillValues("推进中", 50, f"第{t.node_id}条措施的进展。", "", "") for t in targets}
    out = tmp_path / "平罗县回填.xlsx"
    report = fill_template(PINGLUO_XLSX, out, targets, values)
    assert report.unmatched == [] and report.unplaced == []
    assert report.filled_rows == len(targets)
    rows, _ = read_progress_workbook(out)
    assert [r.progress_text for r in rows] == [f"第{n}条措施的进展。" for n in range(1, len(targets) + 1)]
    assert all(r.percent == 50 and r.status is Status.IN_PROGRESS for r in rows)


def test_column_ranges_of_the_template_do_not_overlap_the_new_columns(tmp_path):
    template = prefecture_template(tmp_path)
    wb = openpyxl.load_workbook(template)
    dim = wb["任务分工"].column_dimensions["G"]
    dim.min, dim.max, dim.width = 7, 16384, 9  # WPS writes one <col> for all the columns to the right
    wb.save(template)
    fill(tmp_path, template)
    with zipfile.ZipFile(tmp_path / "回填结果.xlsx") as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    spans = sorted((int(a), int(b)) for a, b in re.findall(r'<col [^>]*min="(\d+)" max="(\d+)"', xml))
    assert all(prev[1] < nxt[0] for prev, nxt in zip(spans, spans[1:], strict=False))
    assert (12, 16384) in spans


# -- refusals --------------------------------------------------------------------------------------


def _error(template: Path, out: Path, values: dict[int, FillValues] | None = None) -> str:
    with pytest.raises(ExchangeError) as caught:
        fill_template(template, out, plan_targets(), quarter_values() if values is None else values)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_macro_workbook_is_refused(tmp_path):
    xlsm = prefecture_template(tmp_path, name="模板.xlsm")
    assert "启用宏" in _error(xlsm, tmp_path / "out.xlsx")
    renamed = prefecture_template(tmp_path, name="模板.xlsx")
    with zipfile.ZipFile(renamed, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 64)
    assert "启用宏" in _error(renamed, tmp_path / "out.xlsx")


def test_bad_templates(tmp_path):
    garbage = tmp_path / "模板.xlsx"
    garbage.write_bytes(b"not a workbook" * 50)
    assert "模板.xlsx" in _error(garbage, tmp_path / "out.xlsx")
    wb = Workbook()
    wb.active["A1"] = "各县区：请按附件格式报送。"
    wb.save(tmp_path / "通知.xlsx")
    assert "未找到任务表的表头" in _error(tmp_path / "通知.xlsx", tmp_path / "out.xlsx")


def test_a_template_for_another_plan_is_refused(tmp_path):
    wb = Workbook()
    for row in [
        ["序号", "重点任务", "具体落实措施", "牵头单位"],
        [1, "推进地下水超采治理。", "关停自备井20眼。", "水务局"],
    ]:
        wb.active.append(row)
    wb.save(tmp_path / "别的方案.xlsx")
    assert "没有任何一行能与本方案的措施对应" in _error(tmp_path / "别的方案.xlsx", tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()


def test_the_output_must_be_a_new_xlsx(tmp_path):
    template = prefecture_template(tmp_path)
    assert "不能覆盖模板文件" in _error(template, template)
    assert ".xlsx" in _error(template, tmp_path / "结果.xls")
    assert "不存在" in _error(template, tmp_path / "nowhere" / "结果.xlsx")


def test_a_failed_save_leaves_the_previous_output_and_no_temporary_file(tmp_path, monkeypatch):
    template = prefecture_template(tmp_path)
    out = tmp_path / "回填结果.xlsx"
    out.write_bytes(b"previous")

    def broken_save(self):
        self._archive.writestr("xl/half.xml", "half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx_save.ExcelWriter, "save", broken_save)
    message = _error(template, out)
    assert "无法保存“回填结果.xlsx”" in message
    assert out.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([template.name, out.name])


def test_a_broken_member_in_the_template_is_a_clear_error(tmp_path):
    template = prefecture_template(tmp_path)
    rewrite_member(template, "xl/worksheets/sheet1.xml", lambda data: data[: len(data) // 2])
    message = _error(template, tmp_path / "out.xlsx")
    assert "石嘴山市任务分工表.xlsx" in message and "损坏" in message


def test_rich_text_comments_validation_and_names_survive(tmp_path):
    template = prefecture_template(tmp_path)
    wb = openpyxl.load_workbook(template)
    ws = wb["任务分工"]
    ws["A1"] = CellRichText([TextBlock(InlineFont(rFont="黑体", sz=16, b=True), "附件"), "2"])
    ws["C3"].comment = Comment("请勿修改表头", "市水务局")
    rule = DataValidation(type="list", formula1='"2024年,2025年"')
    ws.add_data_validation(rule)
    rule.add("F5:F22")
    ws.conditional_formatting.add("F5:F22", CellIsRule(operator="equal", formula=['"每月"'], fill=YELLOWISH))
    wb.defined_names["任务区"] = DefinedName("任务区", attr_text="'任务分工'!$A$5:$F$22")
    wb.save(template)
    fill(tmp_path, template)
    out = openpyxl.load_workbook(tmp_path / "回填结果.xlsx", rich_text=True)
    ws = out["任务分工"]
    assert isinstance(ws["A1"].value, CellRichText) and str(ws["A1"].value) == "附件2"
    assert ws["C3"].comment.text == "请勿修改表头"
    assert [str(v.sqref) for v in ws.data_validations.dataValidation] == ["F5:F22"]
    assert [str(cf.sqref) for cf in ws.conditional_formatting] == ["F5:F22"]
    assert out.defined_names["任务区"].attr_text == "'任务分工'!$A$5:$F$22"


def test_status_and_light_in_separate_columns(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
    for row in [
        ["序号", "重点任务", "具体落实措施", "进展情况", "状态（含亮灯）", "亮灯"],
        ["2", TASK2, "2." + M2[1], None, None, None],
        [None, None, "3." + M2[2], None, None, None],
    ]:
        ws.append(row)
    wb.save(tmp_path / "分列.xlsx")
    _, ws, _ = fill(tmp_path, tmp_path / "分列.xlsx")
    assert [ws.cell(2, col).value for col in (5, 6)] == ["推进中", "黄灯"]
    assert [ws.cell(3, col).value for col in (5, 6)] == ["滞后", "红灯"]


def test_a_done_flag_column_says_yes_or_no_and_reads_back(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工"
    for row in [
        ["序号", "重点任务", "具体落实措施", "完成情况", "是否完成"],
        ["1", TASK1, M1, None, None],
        ["2", TASK2, "2." + M2[1], None, None],
        [None, None, "3." + M2[2], None, None],
    ]:
        ws.append(row)
    wb.save(tmp_path / "是否完成.xlsx")
    values = quarter_values()
    values = {key: replace(v, done_flag="是" if v.status_label == "已完成" else "否") for key, v in values.items()}
    _, ws, _ = fill(tmp_path, tmp_path / "是否完成.xlsx", values)
    assert [ws.cell(row, 5).value for row in (2, 3, 4)] == ["是", "否", "否"]
    rows, _ = read_progress_workbook(tmp_path / "回填结果.xlsx")
    assert rows[0].status is Status.DONE and rows[1].status is None
