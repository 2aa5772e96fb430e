"""Rows of a filled template are tall enough for their texts: nothing is cut when it is printed.

Each case is one seen in a prefecture's template. The heights are read back from the saved file and
compared with what the texts need, worked out here line by line (``tables.needed_pt``).
"""

# ruff: noqa: E501 - the real texts of the table are long lines

from __future__ import annotations

import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from sisiding_desktop.exchange.fill_back.template import FillValues
from tests.exchange.fill_back.tables import Row, Template, filled, height_of, needed_pt, width_of

TASK = "强化城镇开发边界管控，科学设定县城功能定位，合理规划人口发展规模、县城空间结构，严格控制人均城镇用地面积，合理确定城镇发展规模"
MEASURE_1 = "落实国土空间规划，做好城镇开发边界管控。"
MEASURE_2 = "开展党政机关节水达标建设。"
TWO_ITEMS = "1.落实《关于优化国土空间开发保护格局的实施意见》，做好城镇开发边界管控工作。\n2.推动城镇开发边界划定成果落地实施，扩展倍数不高于1.28倍。"
PROGRESS_TWO_ITEMS = (
    "1.已完成城镇开发边界划定成果备案，边界内新增建设用地全部纳入“一张图”监管。\n2.正在开展年度评估，预计11月底完成。"
)
LONG_PROGRESS = (
    "按照“四水四定”要求，①完成县级以上公共机构节水型单位建设28家，建成率96%；②3家医院通过节水型单位验收；"
    "③启动节水型居民小区创建，已确定试点小区5个。下一阶段将结合“十四五”规划中期评估，统筹推进各项任务。"
)
PROGRESS_HEAD = ["进展情况", "完成率", "存在问题"]
WIDTHS = [5, 12, 24, 9, 8, 20, 7, 14]


def progress(text: str, percent: int | None = 50, problems: str = "") -> FillValues:
    return FillValues("推进中", percent, text, problems, "")


@pytest.mark.parametrize("given", [(1,), (2,), (1, 2)], ids=["first-row", "second-row", "both-rows"])
def test_a_task_merged_over_two_rows_gets_its_height_from_the_rows_that_got_values(tmp_path, given):
    template = Template(
        rows=[Row("1", TASK, MEASURE_1), Row(None, None, MEASURE_2)],
        widths=WIDTHS,
        progress=PROGRESS_HEAD,
        merged=["A3:A4", "B3:B4"],
        default_row_pt=13.5,  # rows without a height of their own, as WPS saves them
    )
    values = {node: progress(f"第{node}条措施已完成年度目标。") for node in given}
    _, ws = filled(tmp_path, template, values)
    assert height_of(ws, 3) + height_of(ws, 4) >= needed_pt(TASK, width_of(ws, 2))
    for row, node in ((3, 1), (4, 2)):
        if node not in given:
            assert ws.row_dimensions[row].height is None  # a row that got nothing keeps its height
        else:
            assert height_of(ws, row) >= needed_pt(f"第{node}条措施已完成年度目标。", width_of(ws, 6))


def rich(text: str) -> CellRichText:
    """A measure pasted from a Word file: digits in Times New Roman, the rest in 仿宋 — rich text."""
    parts, run = [], ""
    for ch in text:
        if run and ch.isdigit() != run[-1].isdigit():
            parts.append(run)
            run = ""
        run += ch
    parts.append(run)
    fonts = {True: InlineFont(rFont="Times New Roman", sz=12), False: InlineFont(rFont="仿宋", sz=12)}
    return CellRichText([TextBlock(fonts[part[0].isdigit()], part) for part in parts])


@pytest.mark.parametrize("as_rich_text", [False, True], ids=["plain", "rich-text"])
def test_a_row_of_custom_height_with_a_measure_of_two_items_grows(tmp_path, as_rich_text):
    measure = rich(TWO_ITEMS) if as_rich_text else TWO_ITEMS
    template = Template(
        rows=[Row("1", "强化城镇开发边界管控。", measure, height=30), Row("2", "推进节水。", MEASURE_2, height=30)],
        widths=WIDTHS,
        progress=PROGRESS_HEAD,
    )
    _, ws = filled(tmp_path, template, {1: progress("已完成。"), 2: progress(PROGRESS_TWO_ITEMS)})
    assert isinstance(ws["C3"].value, CellRichText) is as_rich_text  # the template's cell is left as it was
    assert height_of(ws, 3) >= needed_pt(TWO_ITEMS, width_of(ws, 3))
    assert height_of(ws, 4) >= needed_pt(PROGRESS_TWO_ITEMS, width_of(ws, 6))


def test_text_written_into_the_templates_own_columns_wraps(tmp_path):
    """A progress column the prefecture left unformatted: Excel would show the text on one line, cut."""
    template = Template(rows=[Row("1", "强化城镇开发边界管控。", MEASURE_1)], widths=WIDTHS, progress=PROGRESS_HEAD)
    _, ws = filled(tmp_path, template, {1: progress(PROGRESS_TWO_ITEMS, 60, "部分乡镇上报数据滞后。")})
    for col in (6, 7, 8):
        alignment = ws.cell(3, col).alignment
        assert alignment.wrap_text and alignment.vertical == "center", col
    assert ws["F3"].value == PROGRESS_TWO_ITEMS
    assert height_of(ws, 3) >= needed_pt(PROGRESS_TWO_ITEMS, width_of(ws, 6))


def test_the_templates_own_alignment_is_kept_where_it_has_one(tmp_path):
    template = Template(
        rows=[Row("1", "强化城镇开发边界管控。", MEASURE_1)], widths=WIDTHS, progress=PROGRESS_HEAD, wrap_progress=True
    )
    _, ws = filled(tmp_path, template, {1: progress("已完成。")})
    assert (ws["F3"].alignment.horizontal, ws["F3"].alignment.vertical) == ("left", "center")


def test_fangsong_12pt_in_narrow_columns_with_added_columns(tmp_path):
    """Narrow columns, quotes and circled numbers (as wide as a Chinese character in 仿宋), five columns added."""
    rows = [
        Row("1", "推进节水型社会建设。", MEASURE_2),
        Row("2", TASK, TWO_ITEMS, height=30),
        Row("3", "加强农村生活用水设施改造。", MEASURE_1),
    ]
    template = Template(rows=rows, widths=[4, 8, 12, 6, 6])
    values = {
        1: FillValues(
            "推进中",
            60,
            LONG_PROGRESS,
            "部分单位改造资金不足，“以奖代补”资金尚未到位。",
            "①争取专项资金；②11月底前完成验收。",
        ),
        2: FillValues("已完成", 100, PROGRESS_TWO_ITEMS, "", ""),
        3: FillValues("未启动", None, "", "", ""),
    }
    _, ws = filled(tmp_path, template, values)
    assert [ws.cell(2, col).value for col in range(6, 11)] == ["进展情况", "完成率", "状态", "存在问题", "下步计划"]
    for row in (3, 4, 5):
        for col in range(1, 11):
            text = ws.cell(row, col).value
            if isinstance(text, str) and text:
                assert height_of(ws, row) >= needed_pt(text, width_of(ws, col)), (row, col, text[:10])
    for col in range(6, 11):  # the added headers on one line
        assert height_of(ws, 2) >= needed_pt(ws.cell(2, col).value, width_of(ws, col))
        assert needed_pt(ws.cell(2, col).value, width_of(ws, col)) == needed_pt("一", 1)  # one line


def test_hidden_rows_get_none_of_a_merged_cells_height(tmp_path):
    template = Template(
        rows=[Row("1", TASK, MEASURE_1), Row(None, None, MEASURE_2), Row(None, None, "加强农村生活用水设施改造。")],
        widths=WIDTHS,
        progress=PROGRESS_HEAD,
        merged=["A3:A5", "B3:B5"],
        hidden_rows=[4],
    )
    _, ws = filled(tmp_path, template, {node: progress("已完成。") for node in (1, 2, 3)})
    assert ws.row_dimensions[4].hidden and ws.row_dimensions[4].height is None
    assert height_of(ws, 3) + height_of(ws, 5) >= needed_pt(TASK, width_of(ws, 2))


def test_quotes_and_circled_numbers_are_as_wide_as_chinese_characters_in_a_chinese_font(tmp_path):
    """“” and ① are "ambiguous" in Unicode, and full width in 仿宋: each line below wraps in a 20-wide column."""
    text = "\n".join(["①“节水”“控水”"] * 8)
    template = Template(rows=[Row("1", "推进节水。", MEASURE_1)], widths=WIDTHS, progress=PROGRESS_HEAD)
    _, ws = filled(tmp_path, template, {1: progress(text)})
    assert needed_pt(text, width_of(ws, 6)) == 16 * 12 * 1.25 + 3  # two lines each
    assert height_of(ws, 3) >= needed_pt(text, width_of(ws, 6))
