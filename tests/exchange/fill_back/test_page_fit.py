"""A template that gets five progress columns still prints readable: at 70 % or more, or across pages at 70 %."""

from __future__ import annotations

import math

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList

from sisiding_desktop.exchange.fill_back.page_fit import (
    MIN_READABLE_SCALE,
    implied_scale,
    print_columns,
    printable_width_pt,
)
from sisiding_desktop.exchange.fill_back.template import FillValues
from tests.exchange.fill_back.tables import Row, Template, filled, needed_pt, width_of
from tests.exchange.fill_back.test_fill_back import fill, prefecture_template

A4_PT = (595.28, 841.89)
PROGRESS = "已完成城镇开发边界划定成果备案，边界内新增建设用地全部纳入监管，正在开展年度评估，预计11月底完成。"


def scale_of(widths: list[int], printable_pt: float, digit_px: int = 7) -> int:
    """Excel's fit-to-width scale, worked out here: a column of whole width w is w × digit pixels wide."""
    return min(100, math.floor(printable_pt * 100 / (sum(widths) * digit_px * 0.75)))


def sheet_with(widths: list[int], **page) -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width = width
    for name, value in page.items():
        setattr(ws.page_setup, name, value)
    return wb


@pytest.mark.parametrize(
    ("paper", "orientation", "printable"),
    [
        (9, "portrait", A4_PT[0] - 108),
        (9, "landscape", A4_PT[1] - 108),
        (8, "portrait", 841.89 - 108),
        (None, "portrait", A4_PT[0] - 108),
    ],
    ids=["A4", "A4-landscape", "A3", "no-paper-named"],
)
def test_the_printable_width_is_the_paper_less_the_side_margins(paper, orientation, printable):
    ws = sheet_with([10], paperSize=paper, orientation=orientation).active
    assert printable_width_pt(ws) == pytest.approx(printable)
    ws.page_margins.left = ws.page_margins.right = 0.25
    assert printable_width_pt(ws) == pytest.approx(printable + 72)


def test_the_implied_scale_of_fit_to_width():
    widths = [6, 30, 50, 14, 18, 11, 36, 9, 10, 22, 22]  # a prefecture's six columns and five added ones
    ws = sheet_with(widths, paperSize=9, orientation="landscape").active
    assert implied_scale(ws, range(1, 12)) == scale_of(widths, A4_PT[1] - 108) == 61
    assert implied_scale(ws, range(1, 7)) == scale_of(widths[:6], A4_PT[1] - 108) == 100  # never enlarged
    assert implied_scale(ws, range(1, 12), "portrait") == scale_of(widths, A4_PT[0] - 108) == 40
    ws.column_dimensions["C"].hidden = True
    assert implied_scale(ws, range(1, 12)) == scale_of(widths[:2] + widths[3:], A4_PT[1] - 108)


def test_the_implied_scale_counts_in_the_digit_width_of_the_workbooks_font():
    """A workbook whose default font is 宋体 11 has 8-pixel units: its columns are wider on paper."""
    widths = [10] * 10
    wb = sheet_with(widths, paperSize=9)
    wb._fonts = IndexedList([Font(name="宋体", sz=11)])
    assert implied_scale(wb.active, range(1, 11)) == scale_of(widths, A4_PT[0] - 108, digit_px=8) == 81


def test_the_print_area_says_which_columns_print():
    ws = sheet_with([10] * 4).active
    assert print_columns(ws, 4) == range(1, 5)
    ws.print_area = "B1:C20"
    assert print_columns(ws, 4) == range(2, 4)


def values_for(count: int) -> dict[int, FillValues]:
    return {
        node: FillValues("推进中", 60, PROGRESS, "部分乡镇上报数据滞后。", "加强调度，按月通报。")
        for node in range(1, count + 1)
    }


ROWS = [
    Row("1", "强化城镇开发边界管控。", "落实国土空间规划，做好城镇开发边界管控。"),
    Row("2", "推进节水型社会建设。", "开展党政机关节水达标建设。"),
]


def test_a_portrait_table_that_gets_five_columns_prints_landscape_fit_to_width_at_a_readable_scale(tmp_path):
    own = [5, 14, 24, 9, 8]
    _, ws = filled(tmp_path, Template(rows=ROWS, widths=own), values_for(2))
    assert [width_of(ws, col) for col in range(1, 6)] == own  # the prefecture's columns are not narrowed
    assert ws.page_setup.orientation == "landscape"
    assert (ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (
        True,
        1,
        0,
    )
    assert ws.print_title_rows == "$2:$2"  # the header on every page
    widths = [width_of(ws, col) for col in range(1, 11)]
    assert scale_of(widths, A4_PT[1] - 108) >= MIN_READABLE_SCALE
    for col in range(6, 11):  # every added header on one line, in 黑体 12pt (16 px a character, 5 px padding)
        assert len(ws.cell(2, col).value) * 16 + 5 <= width_of(ws, col) * 7


def test_a_table_that_fits_in_portrait_with_the_added_columns_stays_portrait(tmp_path):
    own = [4, 8, 10, 6, 6]
    short = {1: FillValues("已完成", 100, "已完成。", "无", "无"), 2: FillValues("推进中", 50, "推进中。", "无", "无")}
    _, ws = filled(tmp_path, Template(rows=ROWS, widths=own), short)
    assert ws.page_setup.orientation == "portrait"
    widths = [width_of(ws, col) for col in range(1, 11)]
    assert scale_of(widths, A4_PT[0] - 108) >= MIN_READABLE_SCALE
    assert width_of(ws, 6) < 36  # sized to its short text, not to the preferred width


def test_added_text_columns_are_narrowed_before_the_scale_drops_below_seventy(tmp_path):
    own = [6, 24, 50, 14, 16]  # with the added columns at their preferred widths: 67 %
    _, ws = filled(tmp_path, Template(rows=ROWS, widths=own, orientation="landscape"), values_for(2))
    widths = [width_of(ws, col) for col in range(1, 11)]
    assert widths[:5] == own
    assert scale_of(widths, A4_PT[1] - 108) >= MIN_READABLE_SCALE
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert width_of(ws, 6) < 36 and width_of(ws, 6) * 7 >= 10 * 16 + 5  # narrowed, still ten characters a line
    for row in (3, 4):  # and the rows grew for the narrower column
        assert ws.row_dimensions[row].height >= needed_pt(PROGRESS, width_of(ws, 6))


def test_a_table_too_wide_for_one_page_prints_across_pages_at_seventy_percent(tmp_path):
    report, ws, _ = fill(tmp_path, prefecture_template(tmp_path))
    assert report.notes == ["加列后表格一页宽度放不下，已设为横向按 70% 分页打印，每页重复表头和序号列。"]
    assert [width_of(ws, col) for col in range(1, 7)] == [6, 30, 50, 14, 18, 11]
    widths = [width_of(ws, col) for col in range(1, 12)]
    assert scale_of(widths, A4_PT[1] - 108) < MIN_READABLE_SCALE  # fit to width would print too small
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.orientation, ws.page_setup.scale) == ("landscape", MIN_READABLE_SCALE)
    assert ws.print_title_rows == "$3:$4" and ws.print_title_cols == "$A:$A"  # headers and 序号 on every page
    assert [brk.id for brk in ws.col_breaks.brk] == [6]  # the prefecture's table, then the progress columns
    page = (A4_PT[1] - 108) * 100 / MIN_READABLE_SCALE
    assert sum(widths[:6]) * 7 * 0.75 <= page  # each part fits one page width at 70 %
    assert (widths[0] + sum(widths[6:])) * 7 * 0.75 <= page


def test_a_template_with_its_own_progress_columns_keeps_its_page_setup(tmp_path):
    template = prefecture_template(tmp_path, progress_columns=True)
    before = openpyxl.load_workbook(template)["任务分工"]
    _, ws, _ = fill(tmp_path, template)
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.scale) == (
        before.page_setup.orientation,
        before.page_setup.fitToWidth,
        before.page_setup.scale,
    )
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert not ws.col_breaks.brk
