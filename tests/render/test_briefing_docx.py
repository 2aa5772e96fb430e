"""The 季度推进情况报告 in Word, read back: 公文 page, styles and fonts, page numbers, charts, text as counted.

The printout through LibreOffice (when installed with Writer) has every heading, the counts and a page number
on every page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from sisiding_desktop.render.briefing_docx import briefing_document, write_briefing_docx
from sisiding_desktop.render.chart import briefing_charts
from tests.reports.test_briefing_sample import ATTACHMENT, pingluo_briefing

A4 = (Mm(210), Mm(297))
HEADINGS = ["一、总体进展", "二、存在的主要问题", "三、下步工作安排"]


def attach_table(document) -> None:
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "序号"
    table.cell(0, 1).text = "重点任务"


@pytest.fixture
def recorded(services):
    return pingluo_briefing(services)


@pytest.fixture
def docx_file(recorded, tmp_path: Path) -> Path:
    out = tmp_path / "推进情况报告.docx"
    write_briefing_docx(
        recorded.blocks, out, charts=briefing_charts(recorded.briefing), attachment=attach_table, author="平罗县水务局"
    )
    return out


@pytest.fixture
def doc(docx_file):
    return Document(str(docx_file))


TOLERANCE = Mm(0.1)


def near(length, expected, tolerance=TOLERANCE) -> bool:
    return abs(int(length) - int(expected)) <= tolerance


def test_page_is_a4_portrait_with_official_margins(doc):
    section, attached = doc.sections  # the attachment has a section of its own, for its own page
    assert attached.footer.is_linked_to_previous
    assert near(section.page_width, A4[0]) and near(section.page_height, A4[1])
    assert near(section.top_margin, Mm(37)) and near(section.bottom_margin, Mm(35))
    assert near(section.left_margin, Mm(28)) and near(section.right_margin, Mm(26))


def _fonts(style) -> dict[str, str]:
    fonts = style.element.rPr.rFonts
    return {key: fonts.get(qn(f"w:{key}")) for key in ("ascii", "hAnsi", "eastAsia")} | {
        "theme": any("Theme" in k or "theme" in k for k in fonts.attrib)
    }


@pytest.mark.parametrize(
    "style, font, size",
    [
        ("Normal", "仿宋_GB2312", 16),
        ("Title", "方正小标宋简体", 22),
        ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16),
    ],
)
def test_styles_carry_the_official_fonts_east_asian_names_too(doc, style, font, size):
    found = doc.styles[style]
    assert _fonts(found) == {"ascii": font, "hAnsi": font, "eastAsia": font, "theme": False}
    assert found.font.size == Pt(size)
    assert not found.font.bold and found.font.color.rgb is None


def test_body_lines_and_indents(doc):
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY and normal.line_spacing == Pt(28.9)
    assert normal.first_line_indent == Pt(32)  # two characters of 三号
    assert doc.styles["Normal"].element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert normal.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    # 28.9 pt in the 225 mm text block: 22 lines a page
    assert int(Mm(225).pt // 28.9) == 22
    title = doc.styles["Title"].paragraph_format
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.first_line_indent == 0
    assert doc.styles["Title"].element.pPr.find(qn("w:pBdr")) is None  # the template's blue rule is gone
    for name, level in (("Heading 1", "0"), ("Heading 2", "1")):
        heading = doc.styles[name]
        assert heading.paragraph_format.keep_with_next
        assert heading.paragraph_format.first_line_indent == Pt(32)
        assert heading.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == level


def test_runs_carry_no_formatting_of_their_own(doc):
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            rpr = run._r.rPr
            assert rpr is None or rpr.rFonts is None and rpr.sz is None, paragraph.text


def test_footer_holds_the_page_number_between_dashes(doc):
    footer = doc.sections[0].footer
    (paragraph,) = footer.paragraphs
    xml = paragraph._p.xml
    assert paragraph.text == "— 1 —"
    assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in xml
    assert xml.count('w:fldCharType="begin"') == 1 and xml.count('w:fldCharType="end"') == 1
    assert paragraph.alignment is None and paragraph.style.name == "Footer"
    assert doc.styles["Footer"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.styles["Footer"].font.size == Pt(14)


def test_only_the_footer_has_a_field(docx_file):
    with zipfile.ZipFile(docx_file) as package:
        body = package.read("word/document.xml").decode()
        footers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/footer")]
    assert "instrText" not in body and "fldSimple" not in body and "hyperlink" not in body
    assert sum("instrText" in f for f in footers) == 1


def test_charts_are_pictures_where_their_blocks_are(doc, recorded):
    assert len(doc.inline_shapes) == 2
    for shape in doc.inline_shapes:
        assert near(shape.width, Mm(150), Mm(0.5))
    paragraphs = doc.paragraphs
    captions = [i for i, p in enumerate(paragraphs) if p.style.name == "Caption"]
    assert [paragraphs[i].text for i in captions] == ["图1　各领域措施完成情况", "图2　红灯、黄灯较多的牵头单位"]
    for i in captions:
        picture = paragraphs[i - 1]
        assert picture.style.name == "简报图片" and picture._p.xpath(".//pic:pic")
        assert picture.paragraph_format.line_spacing_rule is None  # single spacing: nothing cut off
    assert doc.styles["简报图片"].paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE
    images = [rel.target_part for rel in doc.part.rels.values() if "image" in rel.reltype]
    assert len(images) == 2 and all(part.blob.startswith(b"\x89PNG") for part in images)


def test_headings_in_order_and_the_counts_in_the_text(doc, recorded):
    e = recorded.expected
    by_style = [(p.style.name, p.text) for p in doc.paragraphs]
    assert by_style[0] == ("Title", "平罗县“四水四定”\n2024年第3季度推进情况报告")
    assert [text for style, text in by_style if style == "Heading 1"] == HEADINGS
    assert [text for style, text in by_style if style == "Heading 2"] == [
        "（一）逾期未完成事项", "（二）进度滞后事项", "（一）加快推进滞后事项", "（二）统筹抓好面上工作",
    ]  # fmt: skip
    body = [text for style, text in by_style if style == "Normal"]
    summary = body[0]
    for number in re.findall(r"(?:重点任务|具体措施|已完成|按序时推进|（黄灯）|（红灯）)(\d+)", summary):
        assert int(number) in e.values()
    assert re.findall(r"重点任务(\d+)项、具体措施(\d+)条，已完成(\d+)条", summary) == [
        (str(e["tasks"]), str(e["measures"]), str(e["done"]))
    ]
    assert f"按序时推进{e['on_time']}条" in summary and f"（黄灯）{e['yellow']}条" in summary
    assert f"（红灯）{e['red']}条" in summary
    late_items = [text for text in body if "进展情况：" in text]
    assert len(late_items) == e["red"] + e["yellow"]


def test_attachment_note_then_label_on_a_new_page_then_the_hooked_table(doc):
    paragraphs = doc.paragraphs
    note = next(p for p in paragraphs if p.style.name == "附件说明")
    assert note.text == f"附件：{ATTACHMENT}"
    hanging = note.style.paragraph_format  # a second line under the name, after 附件：
    assert hanging.left_indent == Pt(80) and hanging.first_line_indent == Pt(-48)
    assert hanging.space_before == Pt(28.9)  # one blank line below the body
    label = paragraphs[-1]
    assert (label.text, label.style.name) == ("附件", "附件标签")
    style = doc.styles["附件标签"]
    assert style.paragraph_format.page_break_before and style.paragraph_format.first_line_indent == 0
    assert _fonts(style)["eastAsia"] == "黑体" and style.font.size == Pt(16)
    assert doc.tables[0].cell(0, 0).text == "序号"
    body = doc.element.body
    assert body.index(doc.tables[0]._tbl) > body.index(label._p)


def test_missing_fonts_fall_back_through_the_font_table(docx_file):
    with zipfile.ZipFile(docx_file) as package:
        table = package.read("word/fontTable.xml").decode()
    for name, alt in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("黑体", "SimHei")):
        assert re.search(f'<w:font w:name="{name}"><w:altName w:val="{alt}"/>', table), name


def test_database_text_is_plain_text_without_characters_xml_cannot_hold():
    blocks = [
        ("title", "报告"),
        ("body", "进展\x07情况\ud800{ PAGE }<w:fldSimple/>&amp;"),
        ("chart", "图1"),  # no picture given: the caption alone
        ("heading1", "一、\x0b总体"),
    ]
    doc = briefing_document(blocks)
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["报告", "进展情况{ PAGE }<w:fldSimple/>&amp;", "图1", "一、总体"]
    assert not doc.inline_shapes
    assert "instrText" not in doc.element.body.xml


def test_properties_name_the_report(doc):
    props = doc.core_properties
    assert props.title == "平罗县“四水四定”2024年第3季度推进情况报告"
    assert props.author == "平罗县水务局" and "python-docx" not in (props.comments or "")


def _writer_installed() -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not (soffice and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        return False
    program = Path(soffice).resolve().parent
    return any(program.glob("libswlo.*")) or any(program.glob("swlo.dll"))


@pytest.mark.skipif(not _writer_installed(), reason="needs LibreOffice Writer and poppler")
def test_printed_through_libreoffice(docx_file, recorded, tmp_path: Path):
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo_brief",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_file)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "推进情况报告.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 3
    for number, page in enumerate(pages[:-1], start=1):  # the attachment's page is numbered too
        assert re.search(rf"—\s*{number}\s*—", page), f"page {number} has no number"
    flat = re.sub(r"\s+", "", text)
    assert "平罗县“四水四定”2024年第3季度推进情况报告" in flat
    positions = [flat.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    e = recorded.expected
    assert f"重点任务{e['tasks']}项、具体措施{e['measures']}条，已完成{e['done']}条" in flat
    assert f"逾期未完成（红灯）{e['red']}条" in flat and f"附件：{ATTACHMENT}" in flat
    assert "附件" in pages[-1] and "序号" in pages[-1]
