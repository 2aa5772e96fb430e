"""Benchmark: exporting the 推进情况表 as PDF, against LibreOffice printing our own xlsx of it to PDF.

    .venv/bin/python bench/bench_pdf.py [--measures 5000] [--runs 3] [--out DIR] [--no-libreoffice] [--profile]

The plan is the generated one (``large_plan.py``), read from its database as
the program reads it. The program's time is ``ExportService.export(plan,
"progress", "pdf")`` for 2024年第4季度: the layout from the database, page
planning, drawing, subset-embedding the fonts. The baseline is ``libreoffice
--headless --convert-to pdf`` of our xlsx export of the same report (after one
warm-up conversion that creates LibreOffice's profile, so profile creation is
not counted). Target: program ≤ 1× baseline (faster).
"""

from __future__ import annotations

import cProfile
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import large_plan
from common import Result, parser, report
from report_data import PERIOD, REPORT, TODAY

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database


def libreoffice_command(folder: Path) -> list[str]:
    profile = f"-env:UserInstallation=file://{folder}/lo-profile"
    return ["libreoffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo")]


def pdf_pages(path: Path) -> int:
    """Pages of a PDF, counted from its page objects (enough for the uncompressed object headers written here)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def run(
    measures: int, runs: int, keep: Path | None = None, libreoffice: bool = True, profile: bool = False
) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench_pdf_") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = Database.open(large_plan.copy_database(measures, Path(tmp)))
        try:
            services = Services(db, "bench")
            plan_id = services.plans.list_plans()[0].id
            pdf, xlsx = folder / "progress.pdf", folder / "progress.xlsx"

            def program() -> None:
                services.exporting.export(plan_id, REPORT, "pdf", pdf, period=PERIOD, today=TODAY)

            services.exporting.export(plan_id, REPORT, "xlsx", xlsx, period=PERIOD, today=TODAY)
            command = libreoffice_command(folder)
            use_lo = libreoffice and shutil.which("libreoffice") is not None
            if use_lo:
                warm = folder / "warm.csv"
                warm.write_text("a,b\n1,2\n", encoding="utf-8")
                subprocess.run([*command, str(warm)], check=True, capture_output=True, timeout=600)
            times_p, times_b = [], []
            for _ in range(runs):  # interleaved, so a slow moment of the machine hits both
                start = time.perf_counter()
                program()
                times_p.append(time.perf_counter() - start)
                if use_lo:
                    start = time.perf_counter()
                    subprocess.run([*command, str(xlsx)], check=True, capture_output=True, timeout=3600)
                    times_b.append(time.perf_counter() - start)
            if profile:
                profiler = cProfile.Profile()
                profiler.runcall(program)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            note = f"ours {pdf_pages(pdf)} pages, {pdf.stat().st_size / 1e6:.1f} MB"
            if use_lo:
                lo_pdf = folder / "lo" / "progress.pdf"
                note += f"; LibreOffice {pdf_pages(lo_pdf)} pages, {lo_pdf.stat().st_size / 1e6:.1f} MB"
            else:
                note += "; LibreOffice not run"
        finally:
            db.close()
    return [
        Result(
            "export `progress` PDF",
            statistics.median(times_p),
            statistics.median(times_b) if times_b else None,
            max_ratio=1 if times_b else None,
            measures=measures,
            runs=runs,
            note=note,
        )
    ]


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, help="keep progress.pdf, progress.xlsx and lo/progress.pdf in this folder")
    p.add_argument("--no-libreoffice", action="store_true")
    p.add_argument("--profile", action="store_true", help="print a cProfile of one export")
    args = p.parse_args()
    report("Export PDF", run(args.measures, args.runs, args.out, not args.no_libreoffice, args.profile), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
