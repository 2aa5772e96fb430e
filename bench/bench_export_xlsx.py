"""Benchmark: exporting the 推进情况表 as xlsx, against openpyxl writing the same cell values unstyled.

    .venv/bin/python bench/bench_export_xlsx.py [--measures 5000] [--runs 3] [--profile] [--out DIR]

The program's time is ``ExportService.export(plan, "progress", "xlsx")`` on
the generated database for 2024年第4季度: reading the plan, progress and
lights, building the layout, writing the styled workbook with fitted row
heights, merges, page breaks and print set-up. The baseline is a plain
openpyxl ``Workbook`` with every cell value of the same layout appended row by
row and saved, with no styling. Target: program ≤ 3× baseline.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

import large_plan
from common import Result, parser, report
from report_data import PERIOD, REPORT, TODAY, layout_values, write_plain_xlsx

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database


def run(measures: int, runs: int, profile: bool = False, keep: Path | None = None) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench_xlsx_") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = Database.open(large_plan.copy_database(measures, Path(tmp)))
        try:
            services = Services(db, "bench")
            plan_id = services.plans.list_plans()[0].id
            ours, plain = folder / "progress.xlsx", folder / "plain.xlsx"

            def program() -> None:
                services.exporting.export(plan_id, REPORT, "xlsx", ours, period=PERIOD, today=TODAY)

            start = time.perf_counter()
            layout = services.exporting.layout(plan_id, REPORT, period=PERIOD, today=TODAY)
            layout_s = time.perf_counter() - start
            values = layout_values(layout)
            write_plain_xlsx(values, plain)  # warm-up, untimed
            times_p, times_b = [], []
            for _ in range(runs):  # interleaved, so a slow moment of the machine hits both
                start = time.perf_counter()
                program()
                times_p.append(time.perf_counter() - start)
                start = time.perf_counter()
                write_plain_xlsx(values, plain)
                times_b.append(time.perf_counter() - start)
            if profile:
                profiler = cProfile.Profile()
                profiler.runcall(program)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            sizes = f"ours {ours.stat().st_size / 1e6:.1f} MB, plain {plain.stat().st_size / 1e6:.1f} MB"
        finally:
            db.close()
    return [
        Result(
            "export `progress` xlsx",
            statistics.median(times_p),
            statistics.median(times_b),
            max_ratio=3,
            measures=measures,
            runs=runs,
            note=f"{len(layout.rows)} body rows; of which the layout from the database {layout_s:.2f} s; {sizes}",
        )
    ]


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--profile", action="store_true", help="print a cProfile of one export")
    p.add_argument("--out", type=Path, help="keep progress.xlsx and plain.xlsx in this folder")
    args = p.parse_args()
    report("Export xlsx", run(args.measures, args.runs, args.profile, args.out), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
