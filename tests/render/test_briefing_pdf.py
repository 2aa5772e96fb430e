"""The 季度推进情况报告 as PDF, read back with poppler: 公文 page, fonts embedded, text in place and as counted."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sisiding_desktop.machine.fonts import BUNDLED_ONLY_ENV
from sisiding_desktop.render.briefing_pdf import lay_out, write_briefing_pdf
from sisiding_desktop.render.chart import briefing_charts, unit_chart
from sisiding_desktop.render.pdf_fonts import FontBook
from sisiding_desktop.render.pdf_pages import plan_pages
from sisiding_desktop.reports.briefing import UnitLights
from sisiding_desktop.reports.briefing_page import CHART_HEIGHT_MM, LINE_PT
from sisiding_desktop.reports.progress import build_progress
from tests.reports.sample_plan import PLAN, Q3, build_tree, sample_progress
from tests.reports.test_briefing_sample import ATTACHMENT, pingluo_briefing

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdffonts", "pdftotext", "pdfinfo", "pdfimages")),
    reason="needs poppler-utils",
)

MM = 72 / 25.4
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, (210 - 26) * MM, 37 * MM, (297 - 35) * MM
HEADINGS = ["一、总体进展", "二、存在的主要问题", "三、下步工作安排"]
XHTML = "{http://www.w3.org/1999/xhtml}"


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


@pytest.fixture(autouse=True)
def bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")


@pytest.fixture
def recorded(services):
    return pingluo_briefing(services)


@pytest.fixture
def pdf(recorded, tmp_path: Path) -> Path:
    out = tmp_path / "推进情况报告.pdf"
    pages = write_briefing_pdf(recorded.blocks, out, charts=briefing_charts(recorded.briefing))
    assert pages > 3
    return out


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Every page's words with their boxes (points, from the top left)."""
    root = ET.fromstring(run("pdftotext", "-bbox", str(pdf), "-"))
    return [
        [
            (float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
            for w in page.iter(f"{XHTML}word")
        ]
        for page in root.iter(f"{XHTML}page")
    ]


def test_a4_pages_fonts_embedded_and_the_charts_in(pdf):
    info = run("pdfinfo", str(pdf))
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    assert "Title:           平罗县“四水四定”2024年第3季度推进情况报告" in info
    fonts = run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+$", line) for line in fonts), fonts
    images = run("pdfimages", "-list", str(pdf)).splitlines()[2:]
    assert len(images) == 2


def test_text_headings_in_order_counts_and_page_numbers(pdf, recorded):
    text = run("pdftotext", "-layout", str(pdf), "-")
    pages = [p for p in text.split("\f") if p.strip()]
    for number, page in enumerate(pages, start=1):
        assert page.rstrip().endswith(f"— {number} —"), f"page {number}"
    flat = re.sub(r"[\s\u3000]+", "", text)
    assert flat.startswith("平罗县“四水四定”2024年第3季度推进情况报告一、总体进展")
    positions = [flat.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    e = recorded.expected
    assert f"重点任务{e['tasks']}项、具体措施{e['measures']}条，已完成{e['done']}条" in flat
    assert f"按序时推进{e['on_time']}条" in flat and f"进度滞后（黄灯）{e['yellow']}条" in flat
    assert f"逾期未完成（红灯）{e['red']}条" in flat
    assert "图1各领域措施完成情况" in flat and "图2红灯、黄灯较多的牵头单位" in flat
    assert flat.rstrip("—0123456789").endswith(f"附件：{ATTACHMENT}")
    assert flat.count("进展情况：") == e["red"] + e["yellow"]


def test_words_stay_in_the_text_block_on_the_line_pitch(pdf):
    for n, page in enumerate(words(pdf), start=1):
        body = [w for w in page if w[1] < BOTTOM]
        for x0, _y0, x1, _y1, word in body:
            assert x0 >= LEFT - 1 and x1 <= RIGHT + 1, (n, word, x0, x1)
        assert all(w[1] >= TOP - 1 for w in body), n
        footer = [w for w in page if w[1] >= BOTTOM]
        assert "".join(w[4] for w in footer).replace(" ", "") == f"—{n}—"
        assert abs((footer[0][1] + footer[0][3]) / 2 - (BOTTOM + 7 * MM + 5)) < 6  # 7 mm under the text block


def test_body_lines_are_justified_28_characters_and_22_lines_a_page(recorded):
    sheets = lay_out(recorded.blocks, FontBook(), briefing_charts(recorded.briefing))
    full = [s for s in sheets if not s.pictures and len(s.lines) > 20]
    assert full, "a page of text only"
    for sheet in full:
        body = [line for line in sheet.lines if line.size == 16 and line.baseline < BOTTOM]
        assert len(body) <= 22
        pitches = {round(b.baseline - a.baseline, 2) for a, b in zip(body, body[1:], strict=False)}
        assert all(p >= LINE_PT - 0.01 for p in pitches) and min(pitches) == pytest.approx(LINE_PT)
        for line in body:
            drawn = sum(w for _, w in line.runs) + line.char_space * (sum(len(r.text) for r, _ in line.runs) - 1)
            assert drawn <= RIGHT - line.x + 0.5
    chinese = ["".join(r.text for r, _ in line.runs) for s in full for line in s.lines if line.size == 16]
    chinese = [text for text in chinese if not any(ch.isascii() for ch in text)]
    assert max(map(len, chinese)) == 28  # 28 characters a line, as GB/T 9704 sets


def test_attachment_pages_are_drawn_after_the_report(recorded, tmp_path: Path):
    tree = build_tree()
    progress, lights = sample_progress(tree)
    table = plan_pages(build_progress(PLAN, tree, Q3, progress, lights, attachment_label="附件"))
    out = tmp_path / "with-table.pdf"
    own = write_briefing_pdf(recorded.blocks, out, attachment=table)
    info = run("pdfinfo", str(out))
    assert f"Pages:           {own + len(table.pages)}" in info
    last = run("pdftotext", "-f", str(own + 1), "-l", str(own + 1), "-layout", str(out), "-")
    assert last.lstrip().startswith("附件") and "推进情况表" in last
    sizes = run("pdfinfo", "-f", str(own + 1), "-l", str(own + 1), str(out))
    assert re.search(r"Page\s+\d+ size:\s+841\.\d+ x 595\.\d+", sizes)  # the table's own landscape paper


def test_database_text_is_drawn_as_it_is(tmp_path: Path):
    out = tmp_path / "plain.pdf"
    write_briefing_pdf([("title", "报告"), ("body", "<b>进展</b>&amp;\x07{done}")], out)
    flat = re.sub(r"\s+", "", run("pdftotext", str(out), "-"))
    assert "<b>进展</b>&amp;{done}" in flat


def test_a_line_break_in_the_text_starts_a_line_unindented_and_unstretched():
    (sheet,) = lay_out([("body", "第一行\n第二行")], FontBook())
    first, second = (line for line in sheet.lines if line.size == 16)
    assert "".join(r.text for r, _ in first.runs) == "\u3000\u3000第一行"
    assert "".join(r.text for r, _ in second.runs) == "第二行"
    assert first.char_space == second.char_space < 0  # not justified: the 28-a-line spacing only


def test_a_chart_taller_than_the_page_is_made_smaller():
    units = tuple(UnitLights(f"第{n}单位", 3, 0, 1, 1, 1) for n in range(40))
    sheets = lay_out([("chart", "图1"), ("body", "正文")], FontBook(), [unit_chart(units, dpi=50)])
    (picture,) = sheets[0].pictures
    assert picture.h <= CHART_HEIGHT_MM * MM + 0.01 and picture.w < 150 * MM
    assert picture.y + picture.h <= BOTTOM
