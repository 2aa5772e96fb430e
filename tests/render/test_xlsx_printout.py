"""Print the exported xlsx through LibreOffice: header on every page, every measure's text there."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sisiding_desktop.render.xlsx_writer import write_layout_xlsx
from sisiding_desktop.reports.division import build_division
from tests.reports.sample_plan import PLAN, G, M, T, build_tree

LONG = "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。"

pytestmark = [
    pytest.mark.skipif(
        not (shutil.which("libreoffice") and shutil.which("pdftotext")), reason="needs LibreOffice and poppler"
    ),
]


def test_printed_through_libreoffice(tmp_path: Path):
    def measures(n: int):
        return (M(f"{i}.", f"措施{n}之{i}：" + LONG * (1 + i % 3), "水务局") for i in range(1, 6))

    tasks = [T(str(n), f"第{n}项重点任务", *measures(n)) for n in range(1, 9)]
    xlsx = tmp_path / "division.xlsx"
    write_layout_xlsx(build_division(PLAN, build_tree([G("一、", "坚持以水定人定城", *tasks)])), xlsx)
    subprocess.run(
        ["libreoffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "division.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        assert "具体落实措施" in page, f"page {number} has no header"
        assert f"—{number}—" in "".join(page.split())
    flat = "".join(text.split())
    for n in range(1, 9):
        for i in range(1, 6):
            assert f"措施{n}之{i}" in flat
