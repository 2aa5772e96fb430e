"""The PDF file itself, read back with pypdf (no poppler needed): pages, fonts, text, metadata, safe writing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sisiding_desktop.domain.model import Period, Status
from sisiding_desktop.machine.fonts import BUNDLED_ONLY_ENV
from sisiding_desktop.render.pdf_pages import Page, plan_pages
from sisiding_desktop.render.pdf_writer import write_layout_pdf
from sisiding_desktop.reports.division import build_division
from sisiding_desktop.reports.styles import HEADER_FILL
from sisiding_desktop.services.tree import walk
from tests.conftest import PINGLUO_XLSX
from tests.reports.sample_plan import PLAN, M, T, build_tree

pypdf = pytest.importorskip("pypdf")

OFFICE = "平罗县水务局"


@pytest.fixture(autouse=True)
def bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(path: Path) -> list[str]:
    return [squeeze(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def fonts_of(path: Path) -> list[dict]:
    """Every font dictionary used by any page."""
    found = {}
    for page in pypdf.PdfReader(path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            found[font["/BaseFont"]] = font
    return list(found.values())


@pytest.fixture
def pingluo(services):
    """The sample plan imported through the services, with Q3 progress on its first measures."""
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    services.settings.set_office_name(OFFICE)
    measures = [n for n in walk(services.plans.tree(plan.id)) if n.kind.value == "measure"]
    for measure, status in zip(measures, (Status.DONE, Status.BEHIND, Status.IN_PROGRESS), strict=False):
        services.progress.record(measure.id, Period(2024, 3), status=status, percent=50, progress_text="按计划推进")
    return plan, measures


@pytest.mark.parametrize("report", ["division", "progress"])
def test_the_sample_plan_exports_as_a_complete_pdf(services, pingluo, tmp_path: Path, report: str):
    plan, measures = pingluo
    out = services.exporting.export(plan.id, report, "pdf", tmp_path / f"{report}.pdf", period=Period(2024, 3))
    reader = pypdf.PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    assert reader.metadata.title.startswith("平罗县“四水四定”")
    assert reader.metadata.author == OFFICE
    texts = page_texts(out)
    assert len(texts) > 3
    assert texts[0].startswith("附件")
    for number, text in enumerate(texts, start=1):
        assert "序号" in text and "重点任务" in text, f"page {number} has no header"
        assert text.endswith(f"—{number}—")
    everything = "".join(texts)
    for measure in measures:
        assert squeeze(measure.text) in everything


def first_rows_height(page: Page, table_width: float) -> float:
    """Height of the body rows at the top of ``page`` up to the first that is not a heading across the table."""
    header_bottom = max(b.y + b.h for b in page.boxes if b.fill == HEADER_FILL)
    body = [b for b in page.boxes if b.y >= header_bottom - 0.01]
    tops = sorted({round(b.y, 2) for b in body})
    for n, y in enumerate(tops):
        starting = [b for b in body if round(b.y, 2) == y]
        end = tops[n + 1] if n + 1 < len(tops) else y + min(b.h for b in starting)
        if not (len(starting) == 1 and starting[0].w >= table_width - 0.01):
            return end - header_bottom
    return tops[-1] - header_bottom if tops else 0.0


@pytest.mark.parametrize("report", ["division", "progress", "unit"])
def test_pages_are_well_filled(services, pingluo, report: str):
    """Blocks move whole to the next page only when that wastes little paper.

    A page ends emptier only where the next page's first row (with the headings above it) did not fit in
    what was left: a row is never split between pages unless it is taller than a page.
    """
    plan, _ = pingluo
    layout = services.exporting.layout(plan.id, report, period=Period(2024, 3), unit="水务局")
    pages = plan_pages(layout)
    left, top, right, bottom = pages.content
    fills = [(max(b.y + b.h for b in page.boxes) - top) / (bottom - top) for page in pages.pages]
    assert len(fills) > 3
    for n, fill in enumerate(fills[:-1]):
        if fill <= 0.6:
            left_over = (1 - fill) * (bottom - top)
            assert first_rows_height(pages.pages[n + 1], right - left) > left_over, (n + 1, fills)
    assert sum(fills[:-1]) / len(fills[:-1]) > 0.8, fills


def test_only_embedded_truetype_subsets_are_used(tmp_path: Path):
    layout = build_division(PLAN, build_tree([T("1", "釆集堃喆玥昇珺垚㎡", M("1.", "节水", "水务局"))]))
    out = tmp_path / "fonts.pdf"
    write_layout_pdf(layout, out)
    fonts = fonts_of(out)
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType", font["/BaseFont"]  # no Type0/CID font (STSong-Light)
        assert "/FontFile2" in font["/FontDescriptor"]  # the glyphs are in the file
        assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"])  # a subset
    assert any("WenQuanYi" in font["/BaseFont"] for font in fonts)  # 釆 came from the fallback
    assert "釆集堃喆玥昇珺垚㎡" in "".join(page_texts(out))


def test_markup_in_user_text_prints_as_text(tmp_path: Path):
    task = '<img src=x><link href="http://example.invalid">点此</link>&amp;'
    measure = "<b>不加粗</b> & <font name=Courier>照常</font> <br/>"
    out = tmp_path / "markup.pdf"
    write_layout_pdf(build_division(PLAN, build_tree([T("1", task, M("1.", measure, "水务局"))])), out)
    text = "".join(page_texts(out))
    assert squeeze(task) in text
    assert squeeze(measure) in text


def test_the_file_appears_only_when_complete(tmp_path: Path):
    out = tmp_path / "分工表.pdf"
    out.write_bytes(b"the old file")
    layout = build_division(PLAN, build_tree())

    def cancel(fraction: float, _message: str) -> None:
        if fraction > 0.5:
            raise KeyboardInterrupt  # the user pressed cancel

    with pytest.raises(KeyboardInterrupt):
        write_layout_pdf(layout, out, progress=cancel)
    assert out.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]

    seen: list[float] = []
    plan = write_layout_pdf(layout, out, progress=lambda f, _m: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert out.read_bytes().startswith(b"%PDF-") and len(pypdf.PdfReader(out).pages) == len(plan.pages)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]
