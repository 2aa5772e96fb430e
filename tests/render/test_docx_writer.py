"""Export the 平罗县 reports to Word, read them back: page set-up, repeated header, merges, fills, styles, text.

The printout through LibreOffice (when installed with Writer) shows the header on every page and every text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from sisiding_desktop.domain.model import Light
from sisiding_desktop.render import docx_table
from sisiding_desktop.render.docx_styles import font_name
from sisiding_desktop.render.docx_writer import write_layout_docx, write_layouts_docx
from sisiding_desktop.reports.division import DIVISION_DEFAULT, build_division
from sisiding_desktop.reports.indicators import build_indicators
from sisiding_desktop.reports.layout import PageSetup
from sisiding_desktop.reports.progress import build_progress
from sisiding_desktop.reports.styles import HEADER_FILL, LIGHT_FILLS
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

NO_FONTS: list[Path] = []  # no installed fonts: the official names are written
LONG = "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。"


def export(layout, tmp_path: Path, name: str = "out.docx", **kwargs) -> Path:
    out = tmp_path / name
    write_layout_docx(layout, out, font_dirs=NO_FONTS, **kwargs)
    return out


@pytest.fixture
def division(tmp_path):
    layout = build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT, office="平罗县水务局")
    return Document(str(export(layout, tmp_path)))


@pytest.fixture
def progress_doc(tmp_path):
    tree = build_tree()
    progress, lights = sample_progress(tree)
    return Document(str(export(build_progress(PLAN, tree, Q3, progress, lights), tmp_path)))


def find_cell(document, start: str):
    table = document.tables[0]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell.text.startswith(start):
                return r, c, cell
    raise AssertionError(f"no cell starts with {start!r}")


def on(element, tag: str) -> bool:
    return element is not None and element.find(qn(tag)) is not None


def east_asian(style) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_a4_landscape_with_the_layouts_margins(division):
    section = division.sections[0]
    page = PageSetup()
    assert section.orientation == WD_ORIENT.LANDSCAPE
    m = page.margins_mm
    sizes = [
        (section.page_width, 297), (section.page_height, 210),
        (section.top_margin, m.top), (section.bottom_margin, m.bottom),
        (section.left_margin, m.left), (section.right_margin, m.right),
        (section.header_distance, m.header), (section.footer_distance, m.footer),
    ]  # fmt: skip
    for written, mm in sizes:
        assert written.mm == pytest.approx(mm, abs=0.02)  # Word keeps twentieths of a point


def test_label_title_and_a_header_row_repeated_on_every_page(division):
    label, title = division.paragraphs[:2]
    assert (label.text, label.style.name) == ("附件", "报表附件标签")
    assert (title.text, title.style.name) == ("平罗县“四水四定”年度重点任务表", "报表标题")
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    table = division.tables[0]
    header, first = table.rows[0], table.rows[1]
    assert [c.text for c in header.cells] == ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"]
    assert on(header._tr.trPr, "w:tblHeader")
    assert not on(first._tr.trPr, "w:tblHeader")
    for cell in header.cells:
        assert cell.paragraphs[0].style.name == "表格表头"
        assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == HEADER_FILL


def test_task_cells_span_their_measures_and_group_rows_the_width(division):
    r, _, task = find_cell(division, "发挥用水户节水主体作用")
    table = division.tables[0]
    rows = table.rows
    for below in range(r, r + 4):  # its 4 measures
        assert rows[below].cells[1]._tc is task._tc
        assert rows[below].cells[0].text == "2"
    assert rows[r + 4].cells[1]._tc is not task._tc
    assert task._tc.tcPr.vMerge.val == "restart"
    assert [rows[below].cells[2].text[:2] for below in range(r, r + 4)] == ["1.", "2.", "3.", "4."]
    g, _, group = find_cell(division, "一、坚持以水定人定城")
    assert group.grid_span == 5 and len(rows[g]._tr.tc_lst) == 1
    assert group.paragraphs[0].style.name == "表格分组一"
    assert find_cell(division, "（一）加强城镇开发边界管控")[2].paragraphs[0].style.name == "表格分组二"


def test_columns_share_the_printable_width_as_the_layouts_widths(division):
    layout = build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT)
    table = division.tables[0]
    widths = [column.width for column in table.columns]
    assert sum(widths) == pytest.approx(Mm(297 - 15 - 15), abs=Mm(0.1))
    for width, column in zip(widths, layout.columns, strict=True):
        assert width / sum(widths) == pytest.approx(column.width_chars / layout.total_width_chars, abs=1e-4)
    assert not table.autofit
    r, _, _ = find_cell(division, "发挥用水户节水主体作用")
    assert [cell.width for cell in table.rows[r + 1].cells[2:]] == widths[2:]  # each cell's own width too


def test_short_rows_are_never_split_across_pages(tmp_path, division):
    assert all(on(row._tr.trPr, "w:cantSplit") for row in division.tables[0].rows)  # every row of it is short
    tall = "很长的措施。" * 600  # taller than half a page: Word may split it rather than cut it off
    tree = build_tree([G("一、", "分组", T("1", "任务", M("1.", tall, "水务局"), M("2.", "短的措施", "水务局")))])
    rows = Document(str(export(build_division(PLAN, tree), tmp_path, "tall.docx"))).tables[0].rows
    assert [on(row._tr.trPr, "w:cantSplit") for row in rows] == [True, True, False, True]


def test_light_cells_are_shaded(progress_doc):
    for text, light in [("已完成\n绿灯", Light.GREEN), ("推进中\n黄灯", Light.YELLOW), ("滞后\n红灯", Light.RED)]:
        _, _, cell = find_cell(progress_doc, text)
        assert cell._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == LIGHT_FILLS[light]
    _, _, plain = find_cell(progress_doc, "实施方案已起草")
    assert plain._tc.tcPr.find(qn("w:shd")) is None
    assert progress_doc.paragraphs[2].text == "（2024年第3季度）"
    assert progress_doc.paragraphs[-1].text.startswith("注：") and progress_doc.paragraphs[-1].style.name == "报表注释"


def test_fonts_are_named_in_the_styles_east_asian_included(division, progress_doc):
    styles = division.styles
    for name, font, size in [
        ("表格正文", "仿宋_GB2312", 12),
        ("表格表头", "黑体", 12),
        ("表格分组一", "黑体", 12),
        ("表格分组二", "楷体_GB2312", 12),
        ("报表标题", "方正小标宋简体", 22),
        ("报表附件标签", "黑体", 16),
        ("Normal", "仿宋_GB2312", 12),
    ]:
        style = styles[name]
        assert (style.font.name, east_asian(style), style.font.size.pt) == (font, font, size), name
    assert styles["表格表头"].font.bold
    _, _, cell = find_cell(division, "落实《关于优化国土空间")
    run = cell.paragraphs[0].runs[0]
    assert cell.paragraphs[0].style.name == "表格正文"
    assert run.font.name is None and run.font.size is None  # the style decides: a clerk restyles it in one place
    assert progress_doc.styles["表格正文"].font.size.pt == 10.5


def test_an_installed_stand_in_is_named_where_the_official_font_is_missing(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "simfang.ttf").write_bytes(b"\x00\x01\x00\x00" + bytes(60))  # 仿宋, not 仿宋_GB2312
    assert font_name("body", [fonts]) == "仿宋"
    assert font_name("body", []) == "仿宋_GB2312"
    out = tmp_path / "a.docx"
    write_layout_docx(build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT), out, font_dirs=[fonts])
    assert east_asian(Document(str(out)).styles["表格正文"]) == "仿宋"


def test_text_is_never_a_field_a_link_or_a_formula(tmp_path):
    texts = [FORMULA_TEXT, "{ PAGE }", "=SUM(A1:A3)", "http://example.invalid/a", "控制\x00字\x0b符\x1f\ufffe去掉"]
    tree = build_tree([G("一、", "分组", T("1", "任务\t一", *(M(f"{i}.", t, "水务局") for i, t in enumerate(texts))))])
    out = export(build_division(PLAN, tree), tmp_path)
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode("utf-8")
        rels = package.read("word/_rels/document.xml.rels").decode("utf-8")
    for tag in ("w:fldSimple", "w:fldChar", "w:instrText", "w:hyperlink"):
        assert f"<{tag}" not in xml
    assert "hyperlink" not in rels.lower()
    cells = [cell.text for row in Document(str(out)).tables[0].rows for cell in row.cells]
    for shown in (FORMULA_TEXT, "{ PAGE }", "=SUM(A1:A3)", "http://example.invalid/a", "控制字符去掉", "任务\t一"):
        assert any(c.endswith(shown) for c in cells), shown


def test_each_layout_is_a_section_and_the_properties_name_the_office(tmp_path):
    out = tmp_path / "分工表.docx"
    division = build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT, office="平罗县水务局")
    write_layouts_docx([division, build_indicators(PLAN, sample_indicators())], out, font_dirs=NO_FONTS)
    document = Document(str(out))
    assert len(document.sections) == len(document.tables) == 2
    assert document.sections[1].orientation == WD_ORIENT.LANDSCAPE
    second = document.tables[1]
    assert [c.text for c in second.rows[1].cells][5:8] == ["2023年", "2024年", "2025年"]
    assert all(on(row._tr.trPr, "w:tblHeader") for row in second.rows[:2])  # both rows of its header
    top, bottom = second.rows[0].cells, second.rows[1].cells
    assert top[5]._tc is top[6]._tc is top[7]._tc and top[5].text == "目标值"  # across the years
    assert top[0]._tc is bottom[0]._tc and top[0].text == "序号"  # down the two header rows
    props = document.core_properties
    assert (props.author, props.title, props.category) == ("平罗县水务局", PLAN.title, "division")
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)


def test_spans_are_merged_exactly_as_python_docx_merges_them(tmp_path, monkeypatch):
    division = build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT)
    layouts = [division, build_indicators(PLAN, sample_indicators())]
    write_layouts_docx(layouts, tmp_path / "fast.docx", font_dirs=NO_FONTS)
    monkeypatch.setattr(
        docx_table, "_merge", lambda grid, r, c, rows, cols: grid[r][c].merge(grid[r + rows - 1][c + cols - 1])
    )
    write_layouts_docx(layouts, tmp_path / "merge.docx", font_dirs=NO_FONTS)
    fast, merged = (zipfile.ZipFile(tmp_path / name).read("word/document.xml") for name in ("fast.docx", "merge.docx"))
    assert fast == merged


def test_a_cancelled_export_leaves_the_earlier_file(tmp_path):
    out = tmp_path / "分工表.docx"
    out.write_bytes(b"earlier")
    steps: list[str] = []

    def progress(fraction: float, message: str) -> None:
        steps.append(message)
        if fraction > 0.5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export(build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT), tmp_path, "分工表.docx", progress=progress)
    assert out.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["分工表.docx"]
    assert steps[0].startswith("正在生成 Word 表格")


def _writer_installed() -> bool:
    """LibreOffice with its Writer (a Calc-only install cannot open a .docx) and poppler's tools."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not (soffice and shutil.which("pdftotext")):
        return False
    program = Path(soffice).resolve().parent
    return any(program.glob("libswlo.*")) or any(program.glob("swlo.dll"))


@pytest.mark.skipif(not _writer_installed(), reason="needs LibreOffice Writer and poppler")
def test_printed_through_libreoffice_the_header_repeats_and_no_text_is_lost(tmp_path: Path):
    def measures(n: int):
        return (M(f"{i}.", f"措施{n}之{i}：" + LONG * (1 + i % 3), "水务局") for i in range(1, 6))

    tasks = [T(str(n), f"第{n}项重点任务", *measures(n)) for n in range(1, 9)]
    docx = export(build_division(PLAN, build_tree([G("一、", "坚持以水定人定城", *tasks)])), tmp_path, "division.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "division.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "具体落实措施" in page, f"page {number} has no header"
    flat = "".join(text.split())
    assert "平罗县“四水四定”年度重点任务表" in flat and "一、坚持以水定人定城" in flat
    for n in range(1, 9):
        assert f"第{n}项重点任务" in flat
        for i in range(1, 6):
            assert re.search(f"措施{n}之{i}：" + LONG[:10], flat), (n, i)


def test_pages_are_numbered_in_the_footer_and_run_on_over_several_tables(tmp_path):
    layouts = [build_division(PLAN, build_tree()), build_indicators(PLAN, sample_indicators())]
    write_layouts_docx(layouts, tmp_path / "两张表.docx", font_dirs=NO_FONTS)
    document = Document(str(tmp_path / "两张表.docx"))
    first, second = document.sections
    footer = first.footer.paragraphs[0]
    assert footer.text == "— 1 —" and footer.style.name == "报表页码"
    assert footer.style.font.size.pt == 14 and footer.alignment is None  # centred by its style
    assert footer.style.paragraph_format.alignment == 1  # CENTER
    assert "PAGE" in footer._p.xml and 'w:fldCharType="begin"' in footer._p.xml
    assert second.footer.is_linked_to_previous  # the second table's pages go on counting
