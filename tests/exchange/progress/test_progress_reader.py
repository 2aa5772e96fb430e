"""Units send the progress table back filled in: each measure's row is read with its status, percent and texts."""

# ruff: noqa: E501 - the real texts of the table are long lines

from __future__ import annotations

from pathlib import Path

import pytest

from sisiding_desktop.domain.model import Status
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.progress.reader import ProgressRowRead, read_progress_workbook
from sisiding_desktop.render.xlsx_writer import write_layout_xlsx
from sisiding_desktop.reports.progress import build_progress
from tests.conftest import PINGLUO_XLSX
from tests.exchange.workbooks import merge, put_rows, save, sheet
from tests.reports.sample_plan import FORMULA_TEXT, PLAN, Q3, build_tree, find, sample_progress

# Texts of the 平罗县 table (tests/data/seeds/平罗县四水四定年度重点任务表.txt).
CHAPTER1 = "一、坚持以水定人定城，优化城镇空间格局"
SECTION2 = "（二）深度实施城乡生活节水"
TASK2 = "发挥用水户节水主体作用，用水单位和个人应采用节水型生产生活方式。推进党政机关、学校、医院、居民小区等单位对标节水型社会达标建设。"
TASK3 = "实施公共建筑用水设施节水改造，淘汰不符合水效标准的用水器具。"
TASK5 = "加强农村生活用水设施改造。"
M2 = [
    "1.开展党政机关节水达标建设。2024年县级以上公共机构节水型单位建成率达94%。",
    "2.2024年节水型医院建成率达到100%。",
    "3.2024年启动节水型居民小区建设，节水型居民小聚创建率达到20%",
    "4.制定印发《平罗县县域节水型社会达标建设实施方案》，2024年申报全国县域节水型社会达标县区。",
]
M3 = [
    "1.严格落实节水“三同时”制度，新建、改建、扩建公共建筑必须采用节水器具。",
    "2.持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。",
    "3.公共机构和场所应使用符合国家标准的节水产品。实施节水改造和技术设备推广项目。",
]
HEADER_TOP = [
    "序号",
    "主要任务",
    "具体任务",
    "责任单位",
    None,
    "时间节点",
    "工作进展",
    "完成进度",
    "完成状态",
    "困难问题",
    "下一步工作打算",
    "备注",
]
HEADER_SUB = [None, None, None, "牵头单位", "配合单位"]


def filled_in_workbook(folder: Path, name: str = "推进情况（水务局填报）.xlsx") -> Path:
    """A progress table as a unit returns it: two-row header, merged tasks, a page break with the header repeated."""
    wb, ws = sheet("2024年三季度")
    put_rows(
        ws,
        [
            ["附件2"],
            ["平罗县“四水四定”年度重点任务2024年第三季度推进情况表"],
            HEADER_TOP,
            HEADER_SUB,
            [CHAPTER1],
            [SECTION2],
            [
                2,
                TASK2,
                M2[0],
                "机关事务服务中心",
                "水务局",
                "2024年",
                "已建成节水型单位36家。",
                60,
                "已办结",
                None,
                None,
                None,
            ],
            [
                None,
                None,
                M2[1],
                "机关事务服务中心",
                "水务局",
                "2024年",
                "=已有3家医院通过验收",
                "60%",
                "正在推进",
                "部分医院改造资金不足。",
                "争取专项资金。",
                None,
            ],
            [
                None,
                None,
                M2[2],
                "住建局",
                "水务局",
                "2024年",
                "已确定试点小区。",
                0.6,
                "推进中\n黄灯",
                None,
                None,
                "住建局报送",
            ],
            [
                None,
                None,
                M2[3],
                "水务局",
                "节水型社会建设领导小组各成员单位",
                "2024年6月",
                "方案已起草。",
                "120%",
                "进度滞后",
                "意见未反馈。",
                "10月底前印发。",
                None,
            ],
            # page 2: the header again (both rows) and the section label repeated
            HEADER_TOP,
            HEADER_SUB,
            [SECTION2],
            [3, TASK3, M3[0], "住建局", "/", "2024年", None, "/", "绿灯", None, None, None],
            [
                None,
                None,
                M3[1],
                "市场监管局",
                "发改局、住建局、水务局",
                "2024年",
                "开展检查2次。",
                "约50%",
                "持续推进",
                None,
                None,
                None,
            ],
            [None, None, M3[2], "住建局", "工信局", "2024年", None, "0", "未开展", None, None, None],
            [
                5,
                TASK5,
                None,
                "水务局、农业农村局",
                "各乡镇（农场）",
                "长期坚持",
                "农村自来水普及率达98%。",
                100,
                "完成",
                None,
                None,
                None,
            ],
            ["注：完成进度按百分比填写。"],
        ],
    )
    merge(
        ws, "A2:L2", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4", "H3:H4", "I3:I4", "J3:J4", "K3:K4", "L3:L4"
    )
    merge(ws, "A5:L5", "A6:L6", "A7:A10", "B7:B10", "A11:A12", "B11:B12", "C11:C12", "D11:E11", "F11:F12", "G11:G12")
    merge(ws, "H11:H12", "I11:I12", "J11:J12", "K11:K12", "L11:L12", "A13:L13", "A14:A16", "B14:B16", "A18:L18")
    ws["H9"].number_format = "0%"
    ws["G8"].data_type = "s"  # typed as text in WPS; openpyxl would make it a formula
    other = wb.create_sheet("填报说明")
    other["A1"] = "请于每季度末前报送。"
    return save(wb, folder, name)


def rows_by_measure(rows: list[ProgressRowRead]) -> dict[str, ProgressRowRead]:
    return {row.measure_text[:8] or row.task_text[:8]: row for row in rows}


def test_a_unit_filled_table_is_read_row_by_row(tmp_path):
    rows, warnings = read_progress_workbook(filled_in_workbook(tmp_path))
    assert [(r.sheet, r.row) for r in rows] == [("2024年三季度", n) for n in (7, 8, 9, 10, 14, 15, 16, 17)]
    first = rows[0]
    assert (first.number_text, first.task_text) == ("2", TASK2)
    assert first.measure_text == M2[0][2:]  # the label "1." is stripped
    assert (first.lead_text, first.deadline_text) == ("机关事务服务中心", "2024年")
    assert (first.status_text, first.status, first.percent) == ("已办结", Status.DONE, 60)
    assert first.progress_text == "已建成节水型单位36家。"
    second = rows[1]
    assert second.progress_text == "=已有3家医院通过验收"  # a formula-looking text stays text
    assert (second.problems, second.next_steps) == ("部分医院改造资金不足。", "争取专项资金。")
    third = rows[2]
    assert (third.task_text, third.number_text, third.remarks) == (TASK2, "2", "住建局报送")
    task5 = rows[-1]
    assert (task5.number_text, task5.task_text, task5.measure_text) == ("5", TASK5, "")
    assert (task5.status, task5.percent) == (Status.DONE, 100)
    messages = [str(w) for w in warnings]
    assert any("第10行" in m and "120%" in m for m in messages)
    assert not any("注：" in m for m in messages)  # the note under the table is expected, not a problem


def test_percent_written_as_number_text_or_formatted_fraction(tmp_path):
    rows, _ = read_progress_workbook(filled_in_workbook(tmp_path))
    assert [r.percent for r in rows] == [60, 60, 60, None, None, 50, 0, 100]


def test_status_synonyms_and_lights(tmp_path):
    rows, warnings = read_progress_workbook(filled_in_workbook(tmp_path))
    assert [r.status for r in rows] == [
        Status.DONE, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.BEHIND,
        None, Status.IN_PROGRESS, Status.NOT_STARTED, Status.DONE,
    ]  # fmt: skip
    assert rows[4].status_text == "绿灯"  # a light is not a status, and not worth a warning
    assert not any("绿灯" in str(w) for w in warnings)


def test_an_unknown_status_is_a_warning(tmp_path):
    wb, ws = sheet()
    put_rows(ws, [["序号", "重点任务", "状态", "完成率"], [5, TASK5, "看情况", "大部分"]])
    rows, warnings = read_progress_workbook(save(wb, tmp_path, "x.xlsx"))
    assert (rows[0].status_text, rows[0].status, rows[0].percent) == ("看情况", None, None)
    assert [str(w) for w in warnings] == [
        "工作表“Sheet1”第2行：状态“看情况”无法识别，已忽略",
        "工作表“Sheet1”第2行：完成率“大部分”不是百分数，已忽略",
    ]


def test_page_break_repeats_are_skipped_and_nothing_is_doubled(tmp_path):
    rows, _ = read_progress_workbook(filled_in_workbook(tmp_path))
    measures = [r.measure_text for r in rows]
    assert len(measures) == len(set(measures)) == 8
    assert all(r.task_text not in ("主要任务", SECTION2) for r in rows)


def test_other_sheets_and_notes_are_warnings_not_rows(tmp_path):
    _, warnings = read_progress_workbook(filled_in_workbook(tmp_path))
    assert any(w.sheet == "填报说明" and w.row == 0 for w in warnings)


def completion_table(folder: Path) -> Path:
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体落实措施", "牵头单位", "完成情况", "存在的问题", "下步计划"],
            [2, TASK2, M2[0], "机关事务服务中心", "已完成", None, None],
            [None, None, M2[1], "机关事务服务中心", "已完成。全县3家医院均已建成节水型医院。", None, None],
            [None, None, M2[2], "住建局", "已确定首批试点小区3个。", "资金不足", "年底前完成"],
        ],
    )
    merge(ws, "A2:A4", "B2:B4")
    return save(wb, folder, "完成情况.xlsx")


def test_a_completion_column_holds_a_status_word_or_a_progress_text(tmp_path):
    rows, warnings = read_progress_workbook(completion_table(tmp_path))
    assert [(r.status, r.status_text, r.progress_text) for r in rows] == [
        (Status.DONE, "已完成", ""),
        (Status.DONE, "", "已完成。全县3家医院均已建成节水型医院。"),
        (None, "", "已确定首批试点小区3个。"),
    ]
    assert (rows[2].problems, rows[2].next_steps) == ("资金不足", "年底前完成")
    assert warnings == []


def test_a_done_flag_column_gives_the_status_and_a_column_not_read_is_named(tmp_path):
    wb, ws = sheet("惠农区")
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体落实措施", "牵头单位", "完成情况", "是否完成", "责任人"],
            [2, TASK2, M2[0], "机关事务服务中心", "全县公共机构已全部达标", "是", "李四"],
            [None, None, M2[1], "机关事务服务中心", "已完成2家医院", "否", None],
            [None, None, M2[2], "住建局", None, "差不多", "王五"],
        ],
    )
    merge(ws, "A2:A4", "B2:B4")
    rows, warnings = read_progress_workbook(save(wb, tmp_path, "是否完成.xlsx"))
    assert [(r.status, r.progress_text) for r in rows] == [
        (Status.DONE, "全县公共机构已全部达标"),
        (None, "已完成2家医院"),  # 否: how far it is, the other cells say
        (None, ""),
    ]
    texts = [w.message for w in warnings]
    assert any("是否完成“差不多”无法识别" in t for t in texts)
    assert any("第7列（G列）“责任人”" in t and "2 个单元格未读入" in t and "李四" in t for t in texts)


def test_the_countys_own_progress_export_reads_back(tmp_path):
    tree = build_tree()
    progress, lights = sample_progress(tree)
    out = tmp_path / "推进情况2024Q3.xlsx"
    write_layout_xlsx(build_progress(PLAN, tree, Q3, progress, lights), out)
    rows, _ = read_progress_workbook(out)
    by_text = {r.measure_text or r.task_text: r for r in rows}
    late = by_text[find(tree, "制定印发").text]
    assert (late.status, late.percent, late.status_text) == (Status.BEHIND, 40, "滞后\n红灯")
    assert (late.progress_text, late.problems, late.next_steps) == (
        "实施方案已起草，正在征求意见。",
        "部门意见尚未反馈。",
        "10月底前印发。",
    )
    risky = by_text[find(tree, "严格落实节水").text]
    assert (risky.progress_text, risky.problems, risky.next_steps) == ("-已验收2个项目", "+新增问题", "@水务局牵头")
    assert FORMULA_TEXT in by_text
    assert by_text["加强农村生活用水设施改造。"].measure_text == ""
    assert len(rows) == sum(1 for _ in by_text)


def test_a_file_saved_under_another_extension_still_reads(tmp_path):
    path = filled_in_workbook(tmp_path)
    renamed = path.with_name("推进情况.xlsx.download")
    path.rename(renamed)
    rows, _ = read_progress_workbook(renamed)
    assert len(rows) == 8


def test_a_hidden_progress_sheet_is_skipped_with_a_warning(tmp_path):
    path = filled_in_workbook(tmp_path)
    wb, ws = sheet("隐藏")
    put_rows(ws, [["序号", "重点任务", "进展情况"], [1, TASK5, "已完成"]])
    ws.sheet_state = "hidden"
    visible = wb.create_sheet("可见")
    put_rows(visible, [["序号", "重点任务", "进展情况"], [1, TASK3, "推进中"]])
    rows, warnings = read_progress_workbook(save(wb, tmp_path, "hidden.xlsx"))
    assert [r.task_text for r in rows] == [TASK3]
    assert any(w.sheet == "隐藏" and "隐藏" in w.message for w in warnings)
    assert path.exists()


# -- files that cannot be read ---------------------------------------------------


def _error(path: Path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(ExchangeError) as caught:
        read_progress_workbook(path, limits or ReadLimits())
    message = str(caught.value)
    assert path.name in message and "\n" not in message
    return message


def test_not_a_zip(tmp_path):
    path = tmp_path / "进展.xlsx"
    path.write_bytes(bytes(range(256)) * 4)
    assert "不是有效的 xlsx 工作簿" in _error(path)


def test_old_xls(tmp_path):
    path = tmp_path / "进展.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    assert "旧版 Excel（.xls）" in _error(path)


def test_empty_workbook(tmp_path):
    wb, _ = sheet()
    assert "空的工作簿" in _error(save(wb, tmp_path, "空.xlsx"))


def test_no_header(tmp_path):
    wb, ws = sheet()
    put_rows(ws, [["平罗县水务局"], ["2024年10月8日"], ["各单位进展已汇总，请审阅。"]])
    assert "未找到推进情况表的表头" in _error(save(wb, tmp_path, "说明.xlsx"))


def test_a_task_table_without_progress_columns_is_not_a_progress_table():
    message = _error(PINGLUO_XLSX)
    assert "进展情况、完成率、状态" in message


def test_too_many_rows(tmp_path):
    message = _error(filled_in_workbook(tmp_path), ReadLimits(max_rows=10))
    assert "超过 10 行" in message


@pytest.mark.parametrize(
    ("text", "percent"),
    [("60%", 60), ("６０％", 60), ("0.6", 60), ("约60%", 60), ("六成", 60), ("8成", 80), ("十成", 100), ("—", None)],
)
def test_a_percent_as_people_write_it(text, percent):
    from sisiding_desktop.exchange.progress.values import parse_percent

    assert parse_percent(text) == percent


@pytest.mark.parametrize("text", ["过半", "十一成", "120%", "六成多"])
def test_what_is_no_percent_is_said(text):
    from sisiding_desktop.exchange.progress.values import PercentError, parse_percent

    with pytest.raises(PercentError):
        parse_percent(text)


@pytest.mark.parametrize(
    ("text", "flag"),
    [("是", True), ("√", True), ("✔", True), ("已完成", True), ("否", False), ("×", False), ("未完成", False),
     ("（是）", True), ("差不多", None), ("", None)],
)  # fmt: skip
def test_a_done_flag_as_people_write_it(text, flag):
    from sisiding_desktop.exchange.progress.values import parse_done_flag

    assert parse_done_flag(text) is flag
