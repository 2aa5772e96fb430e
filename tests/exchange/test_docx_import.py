"""A 任务分工表 sent as a Word document imports through the same pipeline as a workbook."""

from __future__ import annotations

import zipfile

import pytest

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.opening.docx_open import read_docx_grids
from sisiding_desktop.exchange.opening.package_check import check_package
from sisiding_desktop.exchange.plan_reader import ReadLimits, read_plan_workbook

from .docx_files import (
    W,
    across,
    below,
    document,
    down,
    page_break,
    paragraph,
    read_dump,
    seed_docx,
    table,
    write_docx,
)
from .workbooks import PINGLUO, put_rows, save, sheet

HEADER = ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位", "完成时限"]
CHAPTER = "一、强化节水管理"
SECTION = "（一）加强用水定额管理"


def _outline(plan):
    return [(n.kind, n.source_label, n.text) for n in plan.walk()]


def _error(path, limits: ReadLimits | None = None) -> str:
    with pytest.raises(ExchangeError) as caught:
        read_plan_workbook(path, limits or ReadLimits())
    message = str(caught.value)
    assert path.name in message and "\n" not in message and "Traceback" not in message
    return message


def _division_table() -> str:
    return table(
        [
            HEADER,
            [across(CHAPTER, 6)],
            [across(SECTION, 6)],
            [down("1"), down("严格用水定额管理"), "1.修订行业用水定额", down("水务局"), "发改局", "2024年"],
            [below(), below(), "2.开展超定额用水核查", below(), "/", "2024年6月"],
            [below(), below(), "3.公布定额执行情况", below(), "工信局", "2025年"],
            [across("（二）推进节水型单位建设", 6)],
            [
                "2",
                "推进节水型机关建设",
                "2024年县级以上公共机构节水型单位建成率达94%。",
                "机关事务服务中心",
                "水务局",
                "2024年底",
            ],
        ]
    )


def test_title_label_groups_tasks_measures_units_and_deadlines(tmp_path):
    path = write_docx(
        tmp_path / "分工表.docx",
        document(paragraph("附件1"), paragraph("某县节约用水重点任务分工表"), paragraph(), _division_table()),
    )
    plan = read_plan_workbook(path)
    assert (plan.title, plan.attachment_label, plan.source_file) == ("某县节约用水重点任务分工表", "附件1", path.name)
    assert _outline(plan) == [
        (NodeKind.GROUP, "一、", "强化节水管理"),
        (NodeKind.GROUP, "（一）", "加强用水定额管理"),
        (NodeKind.TASK, "1", "严格用水定额管理"),
        (NodeKind.MEASURE, "1.", "修订行业用水定额"),
        (NodeKind.MEASURE, "2.", "开展超定额用水核查"),
        (NodeKind.MEASURE, "3.", "公布定额执行情况"),
        (NodeKind.GROUP, "（二）", "推进节水型单位建设"),
        (NodeKind.TASK, "2", "推进节水型机关建设"),
        (NodeKind.MEASURE, "", "2024年县级以上公共机构节水型单位建成率达94%。"),
    ]
    task1 = plan.nodes[0].children[0].children[0]
    assert [m.lead_text for m in task1.children] == ["水务局"] * 3  # merged down over the three measures
    assert [m.support_text for m in task1.children] == ["发改局", "/", "工信局"]
    assert [m.deadline_text for m in task1.children] == ["2024年", "2024年6月", "2025年"]
    (measure,) = plan.nodes[0].children[1].children[0].children
    assert (measure.lead_text, measure.support_text, measure.deadline_text) == (
        "机关事务服务中心",
        "水务局",
        "2024年底",
    )
    assert {n.sheet for n in plan.walk()} == {"表1"}
    assert task1.row == 6  # 附件1 and the title are rows 1 and 2, the header row 3
    assert plan.warnings == []


def test_cells_are_placed_by_the_table_grid(tmp_path):
    """gridBefore leaves columns out; a span two columns wide moves every later cell along."""
    rows = (
        "<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>" for text in HEADER[:5]) + "</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        "<w:tc><w:p><w:r><w:t>推进农业节水</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>推广高效节水灌溉</w:t></w:r></w:p></w:tc>"
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>农业农村局</w:t></w:r></w:p></w:tc></w:tr>'
    )
    path = write_docx(tmp_path / "grid.docx", document(f"<w:tbl><w:tblGrid/>{rows}</w:tbl>"))
    (grid,) = read_docx_grids(path, ReadLimits())
    assert grid.row_texts(2) == {2: "推进农业节水", 3: "推广高效节水灌溉", 4: "农业农村局"}
    assert grid.spread_text(2, 5) == "农业农村局" and grid.text(2, 5) == ""


def test_table_split_by_a_page_break_gives_one_tree(tmp_path):
    first = table(
        [
            HEADER,
            [across(CHAPTER, 6)],
            [across(SECTION, 6)],
            [down("1"), down("严格用水定额管理"), "1.修订行业用水定额", "水务局", "发改局", "2024年"],
            [below(), below(), "2.开展超定额用水核查", "水务局", "/", "2024年"],
        ]
    )
    second = table(  # Word split the table: the header is repeated and the task goes on without its number
        [
            HEADER,
            [None, None, "3.公布定额执行情况", "水务局", "工信局", "2025年"],
            ["2", "推进节水型机关建设", "1.开展党政机关节水达标建设", "机关事务服务中心", "水务局", "2024年"],
            [across("二、推进农业节水", 6)],
            ["3", "推广高效节水灌溉", "1.新增高效节水灌溉面积", "农业农村局", "水务局", "2025年"],
        ]
    )
    path = write_docx(tmp_path / "split.docx", document(paragraph("附件1"), first, page_break(), second))
    assert [grid.name for grid in read_docx_grids(path, ReadLimits())] == ["表1"]
    plan = read_plan_workbook(path)
    assert plan.counts() == {"groups": 3, "tasks": 3, "measures": 5, "indicators": 0}
    task1 = plan.nodes[0].children[0].children[0]
    assert [m.text for m in task1.children] == ["修订行业用水定额", "开展超定额用水核查", "公布定额执行情况"]
    assert [n.source_label for n in plan.nodes] == ["一、", "二、"]
    assert plan.warnings == []


def test_tables_separated_by_text_are_two_grids_read_as_one_tree(tmp_path):
    first = table([HEADER, [across(CHAPTER, 6)], ["1", "严格用水定额管理", "1.修订行业用水定额", "水务局", "", ""]])
    second = table(
        [HEADER, [across("二、推进农业节水", 6)], ["2", "推广高效节水灌溉", "1.新增面积", "农业农村局", "", ""]]
    )
    path = write_docx(tmp_path / "two.docx", document(first, paragraph("（续表）"), second))
    grids = read_docx_grids(path, ReadLimits())
    assert [grid.name for grid in grids] == ["表1", "表2"]
    assert grids[1].row_texts(1) == {1: "（续表）"}
    plan = read_plan_workbook(path)
    assert [(n.source_label, n.sheet, len(n.children)) for n in plan.nodes] == [("一、", "表1", 1), ("二、", "表2", 1)]


def test_multi_paragraph_cells_tabs_breaks_and_tracked_changes(tmp_path):
    def cell(inner: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"

    def p(*runs: str) -> str:
        return "<w:p>" + "".join(runs) + "</w:p>"

    def r(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    header = "<w:tr>" + "".join(cell(p(r(text))) for text in HEADER[:5]) + "</w:tr>"
    body = (
        "<w:tr>"
        + cell(p(r("1")))
        + cell(p(r("推进城镇节水"), "<w:ins><w:r><w:t>改造</w:t></w:r></w:ins>"))
        + cell(
            p(r("1.降低管网漏损率"), "<w:del><w:r><w:delText>（删去的字）</w:delText><w:t>删</w:t></w:r></w:del>")
            + p(r("2.建设节水型小区"), "<w:r><w:tab/><w:t>（续）</w:t><w:br/><w:t>第二行</w:t></w:r>")
            + "<w:p/>"
        )
        + cell(p(r("市城管局")) + p(r("市市场监管局")))
        + "<w:sdt><w:sdtPr/><w:sdtContent>"
        + cell(p(r("各乡镇")) + "<w:tbl><w:tr>" + cell(p(r("内表甲"))) + cell(p(r("内表乙"))) + "</w:tr></w:tbl>")
        + "</w:sdtContent></w:sdt>"
        + "</w:tr>"
    )
    tracked = '<w:tr><w:trPr><w:del w:id="1"/></w:trPr>' + "".join(cell(p(r("删除的行"))) for _ in range(5)) + "</w:tr>"
    path = write_docx(tmp_path / "cells.docx", document(f"<w:tbl>{header}{body}{tracked}</w:tbl>"))
    plan = read_plan_workbook(path)
    (task,) = plan.nodes
    assert task.text == "推进城镇节水改造"
    (measure,) = task.children
    assert measure.text == "1.降低管网漏损率\n2.建设节水型小区 （续）\n第二行"
    assert measure.lead_text == "市城管局\n市市场监管局"
    assert measure.support_text == "各乡镇\n内表甲 内表乙"
    assert "删除的行" not in str(_outline(plan))


def test_strict_namespace_and_text_boxes(tmp_path):
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = document(paragraph("附件2"), table([HEADER[:4], ["1", "推进节水", "落实措施", "水务局"]]))
    xml = xml.replace(W, strict)
    path = write_docx(tmp_path / "strict.docx", xml)
    plan = read_plan_workbook(path)
    assert plan.attachment_label == "附件2" and plan.counts()["measures"] == 1


def test_dispatch_is_by_content_not_by_name(tmp_path):
    docx = write_docx(tmp_path / "任务表.xlsx", document(_division_table()))
    assert read_plan_workbook(docx).counts()["tasks"] == 2
    wb, ws = sheet()
    put_rows(ws, [HEADER, [1, "推进节水", "落实措施", "水务局", "", "2024年"]])
    xlsx = save(wb, tmp_path, "任务表.docx")
    assert read_plan_workbook(xlsx).counts()["tasks"] == 1


def test_progress_and_fill_back_checks_still_refuse_a_word_document(tmp_path):
    path = write_docx(tmp_path / "进展.docx", document(_division_table()))
    with pytest.raises(ExchangeError, match="是 Word 文档，不是 Excel 工作簿"):
        check_package(path, ReadLimits())


# --- files that are refused -------------------------------------------------------------------------------------


def test_old_doc_is_refused_with_save_as_docx(tmp_path):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    doc = tmp_path / "任务表.doc"
    doc.write_bytes(ole)
    message = _error(doc)
    assert "旧版 Word 文档（.doc）" in message and "另存为“Word 文档（*.docx）”" in message
    renamed = tmp_path / "任务表"  # no extension: the WordDocument stream says what it is
    renamed.write_bytes(ole + "WordDocument".encode("utf-16-le"))
    assert "旧版 Word 文档（.doc）" in _error(renamed)
    xls = tmp_path / "任务表.doc.xls"
    xls.write_bytes(ole + "Workbook".encode("utf-16-le"))
    assert "旧版 Excel（.xls）" in _error(xls)


def test_rtf_is_refused_with_save_as_docx(tmp_path):
    path = tmp_path / "任务表.doc"
    path.write_bytes(rb"{\rtf1\ansi\ansicpg936 {\fonttbl}}")
    assert "RTF" in _error(path)


@pytest.mark.parametrize(
    "prolog",
    [
        b'<!DOCTYPE w:document [<!ENTITY x "\xe6\xb0\xb4\xe5\x8a\xa1\xe5\xb1\x80">]>',
        b'<!DOCTYPE w:document SYSTEM "http://example.invalid/a.dtd">',
        b"<!DOCTYPE w:document>",
    ],
)
def test_doctype_or_entity_in_the_document_is_refused_as_unsafe(tmp_path, prolog):
    xml = document(table([HEADER, ["1", "推进节水", "&x;", "水务局", "", ""]])).encode()
    xml = xml.replace(b"?><w:document", b"?>" + prolog + b"<w:document", 1).replace(b"&amp;x;", b"&x;")
    assert b"<!DOCTYPE" in xml
    path = write_docx(tmp_path / "entity.docx", xml)
    assert "不安全的 XML 内容" in _error(path)


def test_more_rows_than_the_limit_is_refused(tmp_path):
    rows = [HEADER] + [[str(n), f"任务{n}", "措施", "水务局", "", ""] for n in range(1, 30)]
    path = write_docx(tmp_path / "rows.docx", document(paragraph("某县任务分工表"), table(rows)))
    assert "超过 20 行" in _error(path, ReadLimits(max_rows=20))
    assert read_plan_workbook(path, ReadLimits(max_rows=31)).counts()["tasks"] == 29


def test_columns_characters_and_merged_area_are_limited(tmp_path):
    wide = write_docx(tmp_path / "wide.docx", document(table([HEADER, [across("一、很宽的行", 500)]], 6)))
    assert "超过 200 列" in _error(wide)
    long_text = write_docx(
        tmp_path / "long.docx", document(table([HEADER, ["1", "任务", "字" * 500, "水务局", "", ""]]))
    )
    message = _error(long_text, ReadLimits(max_cell_chars=300))
    assert "第 2 行第 3 列的单元格超过 300 个字符" in message
    tall = [[down("1"), down("任务"), "措施", "水务局", "", ""]] + [
        [below(), below(), f"措施{n}", "水务局", "", ""] for n in range(40)
    ]
    merged = write_docx(tmp_path / "merged.docx", document(table([HEADER, *tall])))
    assert "合并单元格范围过大" in _error(merged, ReadLimits(max_merged_cells=50))
    assert read_plan_workbook(merged, ReadLimits(max_merged_cells=100)).counts()["measures"] == 41


def test_zip_bomb_in_a_word_package_is_refused(tmp_path):
    xml = document(table([HEADER, ["1", "推进节水", "措施", "水务局", "", ""]]))
    bomb = xml.replace("<w:sectPr/>", "<w:p/>" + " " * (20 * 1024**2) + "<w:sectPr/>")
    path = write_docx(tmp_path / "bomb.docx", bomb)
    assert "压缩炸弹" in _error(path)


def test_broken_word_packages_get_one_sentence_naming_the_file(tmp_path):
    whole = write_docx(tmp_path / "whole.docx", document(_division_table())).read_bytes()
    truncated = tmp_path / "截断.docx"
    truncated.write_bytes(whole[: len(whole) // 2])
    assert "已损坏" in _error(truncated)
    malformed = write_docx(tmp_path / "坏的.docx", document(_division_table()).replace("</w:tbl>", "", 1))
    assert "已损坏" in _error(malformed)
    no_table = write_docx(tmp_path / "方案.docx", document(paragraph("一、总体要求"), paragraph("（一）节水")))
    assert "没有表格" in _error(no_table)
    missing = tmp_path / "缺内容.docx"
    with zipfile.ZipFile(missing, "w") as archive:
        archive.writestr("word/document.xml", document(_division_table()))
    assert "不是完整的 Word 文档" in _error(missing)


# --- the real 平罗县 table, as the prefecture sends it in Word --------------------------------------------------------


@pytest.fixture(scope="module")
def pingluo_docx(tmp_path_factory):
    return seed_docx(tmp_path_factory.mktemp("seed") / "平罗县四水四定年度重点任务表.docx")


def test_seed_table_imports_with_the_counts_the_seed_implies(pingluo_docx):
    from .docx_files import PINGLUO_SEED

    before, rows = read_dump(PINGLUO_SEED.read_text(encoding="utf-8"))
    groups = [row[0][0] for row in rows if len(row) == 1 and not row[0][0].endswith("任务表")]
    numbers = [row[0][0] for row in rows if len(row) > 1 and row[0] and row[0][0].isdigit()]
    measures = [row for row in rows if len(row) > 1 and row[2] and row[0] != ["序号"]]
    plan = read_plan_workbook(pingluo_docx)
    assert before == ["附件"]
    assert plan.title == "平罗县“四水四定”年度重点任务表" and plan.attachment_label == "附件"
    assert plan.counts() == {"groups": len(groups), "tasks": len(numbers), "measures": len(measures), "indicators": 0}
    assert plan.counts() == {"groups": 24, "tasks": 40, "measures": 66, "indicators": 0}
    assert plan.warnings == []
    tasks = [n for n in plan.walk() if n.kind is NodeKind.TASK]
    assert [t.source_label for t in tasks] == [str(n) for n in range(1, 41)]
    assert [m.lead_text for m in tasks[1].children] == ["机关事务服务中心", "机关事务服务中心", "住建局", "水务局"]
    assert tasks[32].children[0].lead_text == "自然资源局\n水务局"  # two paragraphs in one cell


def test_seed_docx_gives_the_same_tree_as_the_xlsx_sample(pingluo_docx):
    if not PINGLUO.exists():
        pytest.skip(f"sample missing: {PINGLUO}")

    def flat(plan):
        return [
            (n.kind, n.source_label, n.text, n.lead_text, n.support_text, n.deadline_text, n.row) for n in plan.walk()
        ]

    from_word, from_excel = read_plan_workbook(pingluo_docx), read_plan_workbook(PINGLUO)
    assert (from_word.title, from_word.attachment_label) == (from_excel.title, from_excel.attachment_label)
    assert flat(from_word) == flat(from_excel)


def test_warnings_about_a_word_table_call_it_a_table(tmp_path):
    path = write_docx(
        tmp_path / "带说明表.docx",
        document(
            paragraph("附件1"),
            table(
                [
                    ["序号", "重点任务", "具体措施", "牵头单位"],
                    ["1", "推进节水型单位建设", "开展节水型机关建设", "水务局"],
                ]
            ),
            paragraph("填表说明"),
            table([["联系人", "电话"], ["张三", "1234567"]]),
        ),
    )
    plan = read_plan_workbook(path)
    assert [str(w) for w in plan.warnings] == ["表格“表2”：未找到表头，这个表格已跳过"]
