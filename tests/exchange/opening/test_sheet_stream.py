"""The streamed sheet reader sees the same texts and merges as openpyxl's full load of the same file."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.grid.cell_text import cell_text
from sisiding_desktop.exchange.grid.sheet_grid import GridCell, SheetGrid
from sisiding_desktop.exchange.opening.limits import ReadLimits
from sisiding_desktop.exchange.opening.sheet_stream import read_grids
from sisiding_desktop.exchange.opening.sheet_xml import _plain_prolog
from sisiding_desktop.exchange.opening.workbook_open import load_workbook
from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.workbooks import PINGLUO, merge, put_rows, rewrite_member, save, sheet

SHEET_XML = "xl/worksheets/sheet1.xml"
LIMITS = ReadLimits()


def _cells(grids: list[SheetGrid]) -> list[tuple]:
    return [
        (g.name, g.hidden, g.max_row, g.max_col, {(r, c): g.cell(r, c) for r in g._rows for c in g._rows[r]})
        for g in grids
    ]


def _by_openpyxl(path) -> list[SheetGrid]:
    workbook = load_workbook(path, data_only=True)
    return [_grid_from_worksheet(ws, path.name, LIMITS) for ws in workbook.worksheets]


def _grid_from_worksheet(ws, file_name: str, limits: ReadLimits) -> SheetGrid:
    """The sheet as openpyxl's full load sees it (merges known), within ``limits``: the streamed reader's oracle."""
    grid = SheetGrid(ws.title, hidden=ws.sheet_state != "visible")
    where = f"文件“{file_name}”的工作表“{ws.title}”"
    # openpyxl has no public sparse iterator: iter_rows() would create every empty cell of the bounding box.
    for (row, col), cell in sorted((key, cell) for key, cell in ws._cells.items() if cell.value is not None):
        if row > limits.max_rows or col > limits.max_columns:
            raise ExchangeError(
                f"{where}在单元格 {cell.coordinate} 处超出导入上限"
                f"（最多 {limits.max_rows} 行、{limits.max_columns} 列）。"
            )
        text = cell_text(cell.value, cell.number_format)
        if len(text) > limits.max_cell_chars:
            raise ExchangeError(f"{where}的单元格 {cell.coordinate} 超过 {limits.max_cell_chars} 个字符，无法导入。")
        if text:
            grid.put(row, col, GridCell(text, row, col, 1))
    merges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    grid.spread_merges(merges, where, limits.max_merged_cells)
    grid.hidden_rows = frozenset(row for row, dim in ws.row_dimensions.items() if dim.hidden)
    return grid


def _assert_same_as_openpyxl(path) -> list[SheetGrid]:
    streamed = read_grids(path, LIMITS)
    assert _cells(streamed) == _cells(_by_openpyxl(path))
    return streamed


def _varied_workbook(tmp_path):
    wb, ws = sheet("任务表")
    put_rows(
        ws,
        [
            ["附件1"],
            ["平罗县重点任务表"],
            ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限", "完成率", "是否完成"],
            ["一、节水"],
            [1, "  任务一\r\n第二行 ", "措施甲", "水务局\n住建局", "/", date(2024, 6, 30), 0.95, True],
            [None, None, "措施乙", "水务局", "发改局", datetime(2025, 1, 1), 1, False],
            [2, "=任务二", "措施丙", "自然资源局", None, "2023—2025年", 12.5, None],
        ],
    )
    ws["F5"].number_format = "yyyy年m月"
    ws["F6"].number_format = "yyyy"
    ws["G5"].number_format = "0%"
    ws["G7"] = "=1+2"
    ws["B7"].data_type = "s"
    ws["C8"] = CellRichText(["普通", TextBlock(InlineFont(b=True), "加粗"), "结尾"])
    ws["D6"] = "不该出现"  # covered by the merge below: Excel shows only the first cell's text
    merge(ws, "A4:H4", "A5:A6", "B5:B6", "D5:D6")
    hidden = wb.create_sheet("旧表")
    hidden.sheet_state = "hidden"
    put_rows(hidden, [["序号", "重点任务"], [1, "隐藏的任务"]])
    indicators = wb.create_sheet("主要指标")
    put_rows(indicators, [["指标", "2025年"], ["用水总量", 6.17], ["", None]])
    return save(wb, tmp_path, "varied.xlsx")


def test_texts_numbers_dates_merges_and_hidden_sheets_match_openpyxl(tmp_path):
    grids = _assert_same_as_openpyxl(_varied_workbook(tmp_path))
    table = grids[0]
    assert table.text(5, 6) == "2024年6月" and table.text(6, 6) == "2025年" and table.text(5, 7) == "95%"
    assert table.text(6, 4) == "水务局\n住建局" and table.text(6, 2) == "任务一\n第二行"
    assert table.text(8, 3) == "普通加粗结尾" and table.text(5, 8) == "是"
    assert [g.hidden for g in grids] == [False, True, False]
    assert (table.max_row, table.max_col) == (8, 8)


def test_inline_strings_and_cells_without_references_match_openpyxl(tmp_path):
    path = _varied_workbook(tmp_path)

    row = (
        '<row r="20"><c t="inlineStr"><is><t>甲</t></is></c>'
        '<c t="inlineStr"><is><r><t>乙</t></r><r><t xml:space="preserve"> 丙</t></r>'
        '<rPh sb="0" eb="1"><t>yin</t></rPh></is></c>'
        "<c><v>7</v></c></row>"
        '<row r="22"><c r="J22" t="inlineStr"><is><t>遗留</t></is></c></row></sheetData>'
    )

    def inline_and_unreferenced(xml: bytes) -> bytes:
        # J22 lies under a merge whose first cell is empty: Excel shows nothing there, and the sheet ends at row 20.
        return xml.replace(b"</sheetData>", row.encode()).replace(
            b"</mergeCells>", b'<mergeCell ref="J21:J22"/></mergeCells>'
        )

    rewrite_member(path, SHEET_XML, inline_and_unreferenced)
    grids = _assert_same_as_openpyxl(path)
    assert grids[0].row_texts(20) == {1: "甲", 2: "乙 丙", 3: "7"}
    assert (grids[0].max_row, grids[0].max_col, grids[0].cell(22, 10)) == (20, 8, None)


@pytest.mark.parametrize("sample", [PINGLUO])
def test_the_sample_reads_the_same_as_with_openpyxl(sample):
    if not sample.exists():
        pytest.skip("sample missing")
    _assert_same_as_openpyxl(sample)


def test_a_sheet_with_a_doctype_is_read_by_the_guarded_parser(tmp_path):
    path = _varied_workbook(tmp_path)
    rewrite_member(path, SHEET_XML, lambda xml: re.sub(rb"(<worksheet)", rb"<!DOCTYPE worksheet>\1", xml, count=1))
    assert b"<!DOCTYPE" in zipfile.ZipFile(path).read(SHEET_XML)
    assert read_grids(path, LIMITS)[0].text(5, 3) == "措施甲"


def test_an_entity_declared_after_a_comment_is_still_refused(tmp_path):
    path = _varied_workbook(tmp_path)
    bomb = b'<?xml version="1.0"?><!-- x --><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
    rewrite_member(path, SHEET_XML, lambda xml: bomb + xml[xml.index(b"<worksheet") :])
    with pytest.raises(ExchangeError, match="不安全"):
        read_plan_workbook(path)


@pytest.mark.parametrize(
    ("head", "plain"),
    [
        (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="x">', True),
        (b"\xef\xbb\xbf<worksheet>", True),
        (b"<!-- made by WPS --><?pi x?>\n<x:worksheet>", True),
        (b'<?xml version="1.0"?><!DOCTYPE worksheet><worksheet>', False),
        (b'<?xml version="1.0" encoding="UTF-16"?><worksheet>', False),
        ("<worksheet>".encode("utf-16-le"), False),
        ("\ufeff<worksheet>".encode("utf-16"), False),
        (b'<?xml version="1.0"?', False),  # cut off before the first element: checked by the guarded parser
        (b"", False),
    ],
)
def test_only_a_plain_prolog_takes_the_fast_parser(head, plain):
    assert _plain_prolog(head) is plain


def _move_workbook_part(path, new_folder: str) -> None:
    """Put the workbook part (and its relationships) under another folder, as some generators do."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    moved = {
        "xl/workbook.xml": f"{new_folder}/book.xml",
        "xl/_rels/workbook.xml.rels": f"{new_folder}/_rels/book.xml.rels",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name == "[Content_Types].xml":
                data = data.replace(b'PartName="/xl/workbook.xml"', f'PartName="/{new_folder}/book.xml"'.encode())
            elif name == "_rels/.rels":
                data = data.replace(b"xl/workbook.xml", f"{new_folder}/book.xml".encode())
            elif name == "xl/_rels/workbook.xml.rels":
                data = re.sub(rb'Target="/?(?:xl/)?', b'Target="/xl/', data)  # absolute, as the folder moved
            archive.writestr(moved.get(name, name), data)


def test_the_workbook_part_is_found_where_the_content_types_say(tmp_path):
    path = _varied_workbook(tmp_path)
    _move_workbook_part(path, "main")
    assert "xl/workbook.xml" not in zipfile.ZipFile(path).namelist()
    grids = read_grids(path, LIMITS)
    assert [g.name for g in grids] == ["任务表", "旧表", "主要指标"]
    assert grids[0].text(5, 3) == "措施甲" and grids[0].cell(5, 7) == grids[0].cell(5, 7)


@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels"])
def test_entities_in_any_part_the_reader_parses_are_refused(tmp_path, part):
    path = _varied_workbook(tmp_path)
    rewrite_member(path, part, lambda xml: re.sub(rb"(<[A-Za-z])", rb'<!DOCTYPE x [<!ENTITY e "e">]>\1', xml, count=1))
    with pytest.raises(ExchangeError, match="不安全"):
        read_plan_workbook(path)


def test_hidden_rows_are_known_as_openpyxl_knows_them(tmp_path):
    path = _varied_workbook(tmp_path)
    from openpyxl import load_workbook as openpyxl_load

    workbook = openpyxl_load(path)
    workbook["任务表"].row_dimensions[6].hidden = True
    workbook["主要指标"].row_dimensions[2].hidden = True
    workbook.save(path)
    streamed = read_grids(path, LIMITS)
    assert [g.hidden_rows for g in streamed] == [g.hidden_rows for g in _by_openpyxl(path)]
    assert [sorted(g.hidden_rows) for g in streamed] == [[6], [], [2]]
