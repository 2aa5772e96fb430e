"""Export the 平罗县 reports to xlsx, read them back: the official look, print set-up, text stays text."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from sisiding_desktop.domain.model import Light
from sisiding_desktop.file_writing import xlsx_save
from sisiding_desktop.render.xlsx_writer import write_layout_xlsx
from sisiding_desktop.reports.division import DIVISION_DEFAULT, build_division
from sisiding_desktop.reports.indicators import build_indicators
from sisiding_desktop.reports.layout import Cell, Column, ReportLayout, Row
from sisiding_desktop.reports.pagination import CONTINUED_MARK
from sisiding_desktop.reports.progress import build_progress
from sisiding_desktop.reports.row_heights import text_height_pt
from sisiding_desktop.reports.styles import LIGHT_FILLS
from tests.reports.sample_plan import (
    FORMULA_TEXT,
    PLAN,
    Q3,
    G,
    M,
    T,
    build_tree,
    sample_indicators,
    sample_progress,
)

LONG = "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。依法对纳入《实施强制管理的计量器具目录》的水计量器具开展强制检定。"  # noqa: E501


def export(layout: ReportLayout, tmp_path: Path, name: str = "out.xlsx") -> Worksheet:
    out = tmp_path / name
    write_layout_xlsx(layout, out)
    return openpyxl.load_workbook(out).active


@pytest.fixture
def division(tmp_path) -> Worksheet:
    return export(build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT, office="平罗县水务局"), tmp_path)


@pytest.fixture
def progress_sheet(tmp_path) -> Worksheet:
    tree = build_tree()
    progress, lights = sample_progress(tree)
    return export(build_progress(PLAN, tree, Q3, progress, lights), tmp_path)


def find_cell(ws: Worksheet, start: str):
    return next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(start))


def merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_label_title_and_header(division):
    assert division["A1"].value == "附件"
    assert (division["A1"].font.name, division["A1"].font.sz) == ("黑体", 16)
    assert division["A2"].value == "平罗县“四水四定”年度重点任务表"
    assert (division["A2"].font.name, division["A2"].font.sz) == ("方正小标宋简体", 22)
    assert division["A2"].alignment.horizontal == "center"
    assert "A2:E2" in merged(division)
    header = [c.value for c in division[3]]
    assert header == ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"]
    for c in division[3]:
        assert c.font.name == "黑体" and c.font.b
        assert c.fill.fgColor.rgb.endswith("D9D9D9")
        assert c.border.left.style == c.border.bottom.style == "thin"


def test_body_fonts_borders_and_wrapping(division):
    measure = find_cell(division, "落实《关于优化国土空间")
    assert measure.font.name == "仿宋_GB2312" and measure.font.sz == 12
    assert measure.alignment.wrap_text
    assert measure.border.top.style == "thin"
    assert find_cell(division, "一、坚持以水定人定城").font.name == "黑体"
    assert find_cell(division, "（一）加强城镇开发边界管控").font.name == "楷体_GB2312"


def test_group_rows_and_task_cells_are_merged(division):
    group = find_cell(division, "一、坚持以水定人定城")
    assert f"A{group.row}:E{group.row}" in merged(division)
    task = find_cell(division, "发挥用水户节水主体作用")
    assert f"B{task.row}:B{task.row + 3}" in merged(division)
    assert f"A{task.row}:A{task.row + 3}" in merged(division)
    assert division.cell(task.row, 1).value == "2"


def test_print_setup(division):
    setup = division.page_setup
    assert setup.orientation == "landscape"
    assert str(setup.paperSize) == division.PAPERSIZE_A4 == "9"
    assert division.sheet_properties.pageSetUpPr.fitToPage
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert division.print_title_rows == "$3:$3"
    assert division.freeze_panes == "A4"
    assert division.print_options.horizontalCentered
    assert division.oddFooter.center.text == "— &P —"
    assert division.page_margins.left == pytest.approx(15 / 25.4)


def test_column_widths_and_fitted_row_heights(division):
    layout = build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT)
    widths = [c.width_chars for c in layout.columns]  # fitted to the page and words
    assert [division.column_dimensions[c].width for c in "ABCDE"] == widths
    measure = find_cell(division, "落实《关于优化国土空间")
    assert division.row_dimensions[measure.row].height >= text_height_pt(measure.value, widths[2], 12)
    for row in range(2, division.max_row + 1):
        assert division.row_dimensions[row].height, f"row {row} has no height"


def test_metadata(tmp_path):
    out = tmp_path / "分工表.xlsx"
    write_layout_xlsx(build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT, office="平罗县水务局"), out)
    wb = openpyxl.load_workbook(out)
    assert wb.properties.creator == "平罗县水务局"
    assert wb.properties.title == PLAN.title
    assert wb.active.title == "任务分工表"


def test_light_fills_and_percent_numbers(progress_sheet):
    ws = progress_sheet
    assert ws["A4"].value == "序号" and ws.print_title_rows == "$4:$4"
    assert ws["A3"].value == "（2024年第3季度）"
    for text, light in [("已完成\n绿灯", Light.GREEN), ("推进中\n黄灯", Light.YELLOW), ("滞后\n红灯", Light.RED)]:
        c = find_cell(ws, text)
        assert c.fill.fill_type == "solid"
        assert c.fill.fgColor.rgb.endswith(LIGHT_FILLS[light])
    late = find_cell(ws, "实施方案已起草")
    percent = ws.cell(late.row, late.column + 1)
    assert (percent.value, percent.number_format, percent.data_type) == (0.4, "0%", "n")
    assert find_cell(ws, "注：").font.name == "仿宋_GB2312"


def test_formula_looking_text_stays_text(progress_sheet, tmp_path):
    ws = progress_sheet
    formula = find_cell(ws, "=HYPERLINK")
    assert formula.value == FORMULA_TEXT
    assert formula.data_type == "s"
    assert formula.quotePrefix
    for start in ("-已验收", "+新增问题", "@水务局牵头"):
        cell = find_cell(ws, start)
        assert cell.data_type == "s" and cell.quotePrefix
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_no_formula_or_error_value_is_ever_written(tmp_path):
    risky = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "#N/A", "=", "普通文字\x07响铃"]
    columns = (Column("a", "内容", 20),)
    rows = tuple(Row("task", (Cell(t),)) for t in risky)
    out = tmp_path / "risky.xlsx"
    write_layout_xlsx(ReportLayout("表", columns, (Row("header", (Cell("内容"),)),), rows), out)
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet and 't="e"' not in sheet
    ws = openpyxl.load_workbook(out).active
    values = [ws.cell(r, 1).value for r in range(3, 3 + len(risky))]
    assert values == ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\n=1", "#N/A", "=", "普通文字响铃"]
    assert all(ws.cell(r, 1).data_type == "s" for r in range(3, 3 + len(risky)))


def test_indicators_two_header_rows(tmp_path):
    ws = export(build_indicators(PLAN, sample_indicators(), period=Q3), tmp_path)
    assert ws.print_title_rows == "$4:$5"
    assert ws.freeze_panes == "A6"
    assert "F4:H4" in merged(ws) and ws["F4"].value == "目标值"
    assert [ws.cell(5, c).value for c in (6, 7, 8)] == ["2023年", "2024年", "2025年"]
    assert "A4:A5" in merged(ws)
    assert "B6:B7" in merged(ws) and ws["B6"].value == "总体目标"


def test_long_plan_breaks_pages_between_blocks_and_repeats_split_tasks(tmp_path):
    tasks = [
        T(str(n), f"第{n}项重点任务：实施公共建筑用水设施节水改造。",
          *(M(f"{i}.", LONG * (1 + i % 3), "水务局", "住建局") for i in range(1, 3 + n % 9)))
        for n in range(1, 13)
    ]  # fmt: skip
    ws = export(build_division(PLAN, build_tree([G("一、", "坚持以水定人定城", *tasks)])), tmp_path)
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(breaks) >= 3
    for rng in ws.merged_cells.ranges:
        assert not any(rng.min_row <= b < rng.max_row for b in breaks), f"{rng} crosses a page break"
    continued = [
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.endswith(CONTINUED_MARK)
    ]
    assert continued, "a task taller than a page continues on the next with its text again"
    for c in continued:
        assert c.row - 1 in breaks


def test_write_is_atomic(tmp_path, monkeypatch):
    out = tmp_path / "分工表.xlsx"
    out.write_bytes(b"old")

    def broken_save(self):
        self._archive.writestr("xl/half.xml", "half")
        raise OSError("disk full")

    monkeypatch.setattr(xlsx_save.ExcelWriter, "save", broken_save)
    with pytest.raises(OSError):
        write_layout_xlsx(build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT), out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["分工表.xlsx"]


def test_write_leaves_only_the_output(tmp_path):
    write_layout_xlsx(build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT), tmp_path / "a.xlsx")
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]
    assert zipfile.is_zipfile(tmp_path / "a.xlsx")
