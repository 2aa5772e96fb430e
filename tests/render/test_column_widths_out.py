"""The fitted column widths on paper: the PDF keeps header words and unit names whole, the xlsx has the same widths."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from sisiding_desktop.machine.fonts import BUNDLED_ONLY_ENV
from sisiding_desktop.render.pdf_fonts import FontBook
from sisiding_desktop.render.pdf_measure import Measurer
from sisiding_desktop.render.pdf_pages import PagePlan, plan_pages
from sisiding_desktop.render.pdf_text import shown
from sisiding_desktop.render.pdf_writer import write_layout_pdf
from sisiding_desktop.render.xlsx_writer import write_layout_xlsx
from sisiding_desktop.reports.column_widths import PT_PER_UNIT, TABLE_FILL, words
from sisiding_desktop.reports.division import build_division
from sisiding_desktop.reports.layout import ReportLayout
from sisiding_desktop.reports.progress import build_progress
from sisiding_desktop.reports.styles import HEADER_FILL
from tests.reports.sample_plan import PLAN, Q3, build_tree, sample_progress

pypdf = pytest.importorskip("pypdf")

MM = 72 / 25.4
HEADER_WORDS = (
    "序号",
    "重点任务",
    "具体落实措施",
    "牵头单位",
    "配合单位",
    "完成时限",
    "完成率",
    "存在问题",
    "下步计划",
)


@pytest.fixture(autouse=True)
def bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")


@pytest.fixture
def progress() -> ReportLayout:
    tree = build_tree()
    return build_progress(PLAN, tree, Q3, *sample_progress(tree))


def pdf_text(layout: ReportLayout, out: Path) -> str:
    write_layout_pdf(layout, out)
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages)


def column_widths(plan: PagePlan) -> list[float]:
    """Widths (points) of the header cells on the first page, left to right."""
    return [b.w for b in sorted((b for b in plan.pages[0].boxes if b.fill == HEADER_FILL), key=lambda b: b.x)]


def test_the_progress_pdf_prints_header_words_and_unit_names_whole(progress, tmp_path: Path):
    """The fixed widths printed 序/号, 牵头单/位, 完成/率 and 自然资/源局."""
    text = pdf_text(progress, tmp_path / "progress.pdf")
    for word in (*HEADER_WORDS, "自然资源局"):
        assert word in text, word


def test_the_division_pdf_has_room_for_long_unit_names(tmp_path: Path):
    text = pdf_text(build_division(PLAN, build_tree()), tmp_path / "division.pdf")
    for word in ("牵头单位", "自然资源局", "机关事务服务中心", "平罗工业园区管委会"):
        assert word in text, word


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_pdftotext_layout_finds_the_words_on_single_lines(progress, tmp_path: Path):
    out = tmp_path / "progress.pdf"
    write_layout_pdf(progress, out)
    lines = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True).stdout
    for word in ("序号", "牵头单位", "完成时限", "完成率", "自然资源局"):
        assert any(word in line for line in lines.splitlines()), word


def test_with_the_pdf_fonts_every_header_word_fits_its_column(progress):
    plan = plan_pages(progress)
    measurer = Measurer(FontBook())
    header = progress.header_rows[0].cells
    for column, cell, w in zip(progress.columns, header, column_widths(plan), strict=True):
        lines = [shown(line) for line in measurer.cell(cell, w).lines]
        for word in words(column.header):
            assert any(word in line for line in lines), (column.header, lines)


def test_the_xlsx_has_the_layout_widths_and_prints_them_as_the_pdf_does(progress, tmp_path: Path):
    out = tmp_path / "progress.xlsx"
    write_layout_xlsx(progress, out)
    ws = openpyxl.load_workbook(out).active
    xlsx = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(len(progress.columns))]
    assert xlsx == [c.width_chars for c in progress.columns]
    printable = progress.page.printable_mm[0] * MM
    assert sum(xlsx) * PT_PER_UNIT <= printable  # prints at 100 %: fit-to-width does not shrink it
    pdf = column_widths(plan_pages(progress))
    ratios = [p / (x * PT_PER_UNIT) for p, x in zip(pdf, xlsx, strict=True)]
    assert max(ratios) - min(ratios) < 1e-3  # the same widths on paper, up to the table's hair of room
    assert ratios[0] == pytest.approx(1 / TABLE_FILL, rel=2e-3)
    before = {"seq": 5, "lead": 11, "percent": 7}  # the fixed widths, Excel units
    for column in progress.columns:
        if column.key in before:
            assert column.width_chars > before[column.key], column.key
