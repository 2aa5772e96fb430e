"""Benchmark: importing the generated exchange xlsx, against openpyxl loading the same file.

    .venv/bin/python bench/bench_import.py [--measures 5000] [--runs 3] [--profile]

The program's time is ``ImportService.import_plan`` into a fresh, empty
database (opened and migrated outside the timing): reading the workbook,
building the tree, splitting units, writing every row in one transaction. The
baseline is ``openpyxl.load_workbook`` of the same file in the mode the
program reads it (full, not read-only: merged cells are needed), values only.
Target: program ≤ 2× baseline. ``--profile`` prints the import's top functions.
"""

from __future__ import annotations

import cProfile
import pstats
import statistics
import sys
import tempfile
from pathlib import Path

import large_plan
from common import Result, median_time, parser, report

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database


def run(measures: int, runs: int, profile: bool = False) -> list[Result]:
    import openpyxl

    xlsx = large_plan.cached_xlsx(measures)
    with tempfile.TemporaryDirectory(prefix="bench_import_") as tmp:
        folder = Path(tmp)
        opened: list[Database] = []

        def fresh_database() -> None:
            for db in opened:
                db.close()
            opened.clear()
            opened.append(Database.open(folder / f"import-{len(list(folder.glob('*.sqlite')))}.sqlite"))

        def program() -> None:
            Services(opened[0], "bench").importing.import_plan(xlsx)

        def baseline() -> None:
            openpyxl.load_workbook(xlsx, read_only=False, data_only=True)

        baseline()  # warm imports and the file cache, untimed
        times_p, times_b = [], []
        for _ in range(runs):  # interleaved, so a slow moment of the machine hits both
            times_p.append(median_time(program, 1, before=fresh_database))
            times_b.append(median_time(baseline, 1))
        program_s, baseline_s = statistics.median(times_p), statistics.median(times_b)
        if profile:
            fresh_database()
            profiler = cProfile.Profile()
            profiler.runcall(program)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        for db in opened:
            db.close()
    size = large_plan.scale(measures)
    return [
        Result(
            "import of the exchange xlsx",
            program_s,
            baseline_s,
            max_ratio=2,
            measures=measures,
            runs=runs,
            note=f"{xlsx.stat().st_size / 1e6:.2f} MB, {size['tasks']} tasks, {size['indicators']} indicators",
        )
    ]


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--profile", action="store_true", help="print a cProfile of one import")
    args = p.parse_args()
    report("Import", run(args.measures, args.runs, args.profile), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
