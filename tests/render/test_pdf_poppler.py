"""The sample plan's PDFs as poppler sees and prints them: fonts embedded, text extractable and in place.

Import the 平罗县 table, record Q3 progress, export the 任务分工表 and the
季度推进情况表 as PDF, then check them with pdffonts, pdftotext and pdftoppm:
every font embedded, the header and page number on every page, every
measure's text there, no word outside the margins or on top of another, and
no ink outside the printable area in the rendered pages.  Skipped where
poppler-utils is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from sisiding_desktop.domain.model import Period, Status
from sisiding_desktop.machine.fonts import BUNDLED_ONLY_ENV
from sisiding_desktop.reports.layout import Margins
from sisiding_desktop.services.tree import walk
from tests.conftest import PINGLUO_XLSX

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdffonts", "pdftotext", "pdftoppm")), reason="needs poppler-utils"
)

MM = 72 / 25.4
MARGINS = Margins()
SLACK = 1.0  # points
XHTML = "{http://www.w3.org/1999/xhtml}"
Word = tuple[float, float, float, float, str]


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120).stdout


@pytest.fixture(autouse=True)
def bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")


@pytest.fixture(params=["division", "progress"])
def exported(request, services, tmp_path: Path) -> tuple[Path, list[str]]:
    """The report as PDF, and the texts of every measure of the plan."""
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    measures = [n for n in walk(services.plans.tree(plan.id)) if n.kind.value == "measure"]
    statuses = (Status.DONE, Status.BEHIND, Status.IN_PROGRESS, Status.NOT_STARTED)
    for n, measure in enumerate(measures[:20]):
        services.progress.record(
            measure.id,
            Period(2024, 3),
            status=statuses[n % 4],
            percent=25 * (n % 5),
            progress_text="已按计划推进。" * n,
        )
    out = tmp_path / f"{request.param}.pdf"
    services.exporting.export(plan.id, request.param, "pdf", out, period=Period(2024, 3))
    return out, [m.text for m in measures]


def test_every_font_is_embedded(exported):
    pdf, _ = exported
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        name, kind, *_rest = row.split()
        assert kind == "TrueType", row  # never an unembedded CID font such as STSong-Light
        assert re.search(r"\byes\s+yes\s+yes\b", row), f"not embedded as a subset with Unicode: {row}"


def test_header_and_page_number_on_every_page_and_every_measure_extractable(exported):
    pdf, measures = exported
    pages = [re.sub(r"\s+", "", p) for p in run("pdftotext", "-layout", str(pdf), "-").split("\f") if p.strip()]
    assert len(pages) == int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(pdf))).group(1)) > 3
    for number, page in enumerate(pages, start=1):
        assert "重点任务" in page and "具体落实措施" in page, f"page {number} has no header"
        assert page.endswith(f"—{number}—")
    raw = re.sub(r"\s+", "", run("pdftotext", "-raw", str(pdf), "-"))
    for text in measures:
        assert re.sub(r"\s+", "", text) in raw


def words(pdf: Path) -> list[tuple[float, float, list[Word]]]:
    """Per page: width, height and the words with their boxes, from ``pdftotext -bbox-layout``."""
    root = ET.fromstring(run("pdftotext", "-bbox-layout", str(pdf), "-"))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        found = [
            (*(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), w.text or "")
            for w in page.iter(f"{XHTML}word")
        ]
        pages.append((float(page.get("width")), float(page.get("height")), found))
    return pages


def test_no_word_beyond_the_margins_or_on_another(exported):
    pdf, _ = exported
    for number, (width, height, found) in enumerate(words(pdf), start=1):
        left, right = MARGINS.left * MM - SLACK, width - MARGINS.right * MM + SLACK
        top, bottom = MARGINS.top * MM - SLACK, height - MARGINS.bottom * MM + SLACK
        for x0, y0, x1, y1, text in found:
            assert left <= x0 and x1 <= right, f"page {number}: {text!r} beyond the side margins"
            if y1 > bottom:  # only the page number lives in the bottom margin
                assert text in ("—", str(number)) and y1 < height - MARGINS.footer * MM + SLACK, text
            assert y0 >= top, f"page {number}: {text!r} above the top margin"
        found.sort(key=lambda w: w[1])
        for n, a in enumerate(found):
            for b in found[n + 1 :]:
                if b[1] >= a[3] - SLACK:
                    break
                if min(a[2], b[2]) - max(a[0], b[0]) > SLACK:
                    pytest.fail(f"page {number}: {a[4]!r} and {b[4]!r} overlap")


def test_rendered_pages_have_ink_only_inside_the_printable_area(exported, tmp_path: Path):
    pdf, _ = exported
    dpi = 40
    run("pdftoppm", "-png", "-r", str(dpi), "-gray", str(pdf), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.png"))
    assert images
    px = dpi / 25.4  # pixels per millimetre
    for path in images:
        image = Image.open(path).convert("L")
        w, h = image.size
        ink = image.point(lambda v: 255 if v < 160 else 0)
        inside = (
            int(MARGINS.left * px) - 1,
            int(MARGINS.top * px) - 1,
            w - int(MARGINS.right * px) + 1,
            h - int(MARGINS.bottom * px) + 1,
        )
        assert ink.crop(inside).getbbox() is not None, f"{path.name} is blank"
        footer = (inside[0], inside[3], inside[2], h - int(MARGINS.footer * px) + 1)
        outside = ink.copy()
        outside.paste(0, inside)
        outside.paste(0, footer)
        assert outside.getbbox() is None, f"{path.name}: ink outside the printable area at {outside.getbbox()}"
