"""Benchmark: a 市 reading its bodies' returned tables in, and exporting the summary.

    .venv/bin/python bench/bench_returns.py [--measures 500] [--bodies 30] [--runs 3]

The 市's plan is the generated exchange table (``large_plan``) imported once. The returned files are made as a
county makes them: a county desk imports the same table, records a quarter's progress of its own (seeded,
different for every county: done, in progress, behind, some measures left out) and fills it back into the
市's table (``fill-back``), saved as ``第N县2024年三季度报送.xlsx``; they are kept in the benchmarks' cache folder.

- read: ``ReturnsService.read_many`` of every file into a fresh copy of the 市's database that lists the
  bodies (each file's sender found from its name, its rows matched, one transaction per file), against
  ``openpyxl.load_workbook`` of the same files (full mode, values, as the plan import's baseline). Target:
  under 10 s for 30 bodies × 500 measures; the ratio is reported.
- export: the 汇总表 (ranking and every measure with each body's word) as xlsx, and as PDF for reference, from
  the database the reading left. Target: xlsx under 5 s.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import time
from pathlib import Path

import large_plan
from common import Result, parser, report, use_own_folders
from report_data import PERIOD

VERSION = 1  # of the returned files' generator: a change makes them again


def returned_files(measures: int, bodies: int) -> tuple[Path, list[Path]]:
    """(the 市's database with its bodies listed, the returned files), built once and kept in the cache."""
    folder = large_plan.cache_folder() / f"returns-{measures}-{bodies}-v{VERSION}"
    city = folder / "city.sqlite"
    names = [f"第{i + 1}县" for i in range(bodies)]
    files = [folder / f"{name}2024年三季度报送.xlsx" for name in names]
    if city.exists() and all(f.exists() for f in files):
        return city, files
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    from sisiding_desktop.domain.model import Status
    from sisiding_desktop.services import Services
    from sisiding_desktop.services.progress import is_reported_item
    from sisiding_desktop.services.tree import walk
    from sisiding_desktop.store import Database

    table = large_plan.cached_xlsx(measures)
    print(f"making {bodies} returned files of {measures} measures once: {folder}", flush=True)
    with Database.open(folder / "county.sqlite") as db:
        county = Services(db, user="县")
        plan, _ = county.importing.import_plan(table)
        items = [n.id for n in walk(county.plans.tree(plan.id)) if is_reported_item(n)]
        for index, out in enumerate(files):
            rng = random.Random(index)
            entries = {}
            for node_id in items:
                if rng.random() < 0.05:
                    entries[node_id] = None  # not reported by this county
                    continue
                status = rng.choice((Status.DONE, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.BEHIND))
                percent = 100 if status is Status.DONE else rng.randint(5, 90)
                entries[node_id] = {"status": status, "percent": percent,
                                    "progress_text": f"{names[index]}已完成第{rng.randint(1, 9)}阶段工作"}  # fmt: skip
            county.progress.put_entries(PERIOD, entries)
            county.progress_exchange.fill_back(plan.id, table, PERIOD, out)
    with Database.open(city) as db:
        services = Services(db, user="市")
        plan, _ = services.importing.import_plan(table)
        for name in names:
            services.bodies.add_body(plan.id, name)
    return city, files


def run(measures: int, bodies: int, runs: int) -> list[Result]:
    import openpyxl

    from sisiding_desktop.services import Services
    from sisiding_desktop.store import Database

    tmp, folder = use_own_folders("bench_returns_")
    city, files = returned_files(measures, bodies)
    reads, loads, xlsx_times, pdf_times = [], [], [], []
    for run_index in range(runs):  # interleaved, so a slow moment of the machine hits both
        copy = folder / f"city-{run_index}.sqlite"
        shutil.copyfile(city, copy)
        with Database.open(copy) as db:
            services = Services(db, user="市")
            plan_id = services.plans.list_plans()[0].id
            start = time.perf_counter()
            outcomes = services.returns.read_many(plan_id, files, PERIOD)
            reads.append(time.perf_counter() - start)
            failed = [o.error for o in outcomes if o.error]
            if failed:
                raise RuntimeError(failed[0])
            start = time.perf_counter()
            for path in files:
                openpyxl.load_workbook(path, read_only=False, data_only=True)
            loads.append(time.perf_counter() - start)
            for fmt, times in (("xlsx", xlsx_times), ("pdf", pdf_times)):
                start = time.perf_counter()
                services.exporting.export(plan_id, "summary", fmt, folder / f"汇总.{fmt}", period=PERIOD)
                times.append(time.perf_counter() - start)
    tmp.cleanup()
    size = f"{bodies} bodies × {measures} measures"
    return [
        Result(
            f"read {bodies} returned tables",
            statistics.median(reads),
            statistics.median(loads),
            limit=10.0,
            measures=measures,
            runs=runs,
            note=f"{size}; baseline: openpyxl loading the same files",
        ),  # fmt: skip
        Result(
            "export the 汇总表 as xlsx",
            statistics.median(xlsx_times),
            limit=5.0,
            measures=measures,
            runs=runs,
            note=size,
        ),  # fmt: skip
        Result(
            "export the 汇总表 as PDF (for reference)", statistics.median(pdf_times), measures=measures, runs=runs
        ),  # fmt: skip
    ]


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.set_defaults(measures=500)
    p.add_argument("--bodies", type=int, default=30, help="returned tables (default 30)")
    args = p.parse_args()
    report("Returns read in, summary out", run(args.measures, args.bodies, args.runs), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
