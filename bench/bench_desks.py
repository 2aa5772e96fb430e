"""Benchmark: four desks on one server database — edits per second, conflicts, lost updates; the grid's open time.

    tools/with-postgres .venv/bin/python bench/bench_desks.py [--measures 5000] [--desks 4] [--seconds 60]
    .venv/bin/python bench/bench_desks.py --pg-url postgresql+psycopg://user:password@127.0.0.1:5432/postgres

Needs a PostgreSQL server: ``--pg-url`` (an admin URL that may create databases) or ``SISIDING_TEST_PG_URL``
(what ``tools/with-postgres`` sets). A new database is made on it and the generated plan (the same one the other
benchmarks use) is loaded into it as a restore does (``store.carry``).

Desks: ``--desks`` processes, each a program of its own (its own connection and desk name), for ``--seconds``.
Each desk, again and again, picks a measure — three times in four one of 40 measures every desk works on (so
saves meet), else any of the plan's — reads its entry as a window shows it, and saves it against that version:
the next count of its 进展情况 ("第N次填报", N one more than it read) and a percent; one save in ten changes
the measure's text instead. A save refused because another desk saved first (EditConflict) is a conflict met;
the desk reads the row again and saves again, which counts it resolved. Lost updates are counted at the end
from the database: a measure's count must equal the number of saves of it that every desk made (a lost
update would leave it lower), and every save a desk was told succeeded must be in the change log.

Grid: in this process, the main window's 季度进展 grid opened on the server database and on the same plan in
a desk's SQLite file, interleaved (median of ``--runs``): the server's time against the file's, target ≤ 2×.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import large_plan
from common import Result, parser, report, use_own_folders
from report_data import PERIOD

SHARED_MEASURES = 40
SHARED_SHARE = 0.75
TEXT_SHARE = 0.1
PG_URL_ENV = "SISIDING_TEST_PG_URL"


def new_server_database(admin_url: str) -> str:
    """A new, empty database on the server; its URL."""
    from sqlalchemy import create_engine, make_url

    name = f"bench_desks_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def load_plan(url: str, source: Path) -> int:
    from sisiding_desktop.services import Services
    from sisiding_desktop.store import Database

    with Database.open(url) as db:
        services = Services(db, user="基准")
        services.backups.restore_from(source)
        return services.plans.list_plans()[0].id


# --- one desk (a child process) ----------------------------------------------------------------------------


def desk(url: str, plan_id: int, seconds: float, seed: int, out: Path) -> None:
    from sisiding_desktop.domain.model import NodeKind
    from sisiding_desktop.services import Services
    from sisiding_desktop.services.conflicts import NO_ENTRY, EditConflict
    from sisiding_desktop.services.tree import walk
    from sisiding_desktop.store import Database

    rng = random.Random(seed)
    name = f"第{seed}号桌"
    db = Database.open(url)
    services = Services(db, user=name)
    measures = [n.id for n in walk(services.plans.tree(plan_id)) if n.kind is NodeKind.MEASURE]
    shared = measures[:SHARED_MEASURES]
    saves: dict[int, int] = {}  # measure → counted saves this desk made of it
    text_saves = conflicts = resolved = unresolved = 0
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop:
        node_id = rng.choice(shared) if rng.random() < SHARED_SHARE else rng.choice(measures)
        change_text = rng.random() < TEXT_SHARE
        for attempt in range(20):
            try:
                if change_text:
                    node = services.nodes.get_node(node_id)
                    services.nodes.update_node(node_id, text=f"{node.text[:60]}（{name}改）", expected=node.version)
                    text_saves += 1
                else:
                    entry = services.progress.entry(node_id, PERIOD)
                    count = _count(entry.progress_text) if entry else 0
                    services.progress.record(
                        node_id,
                        PERIOD,
                        progress_text=f"第{count + 1}次填报",
                        percent=rng.randint(0, 100),
                        expected=entry.version if entry else NO_ENTRY,
                    )
                    saves[node_id] = saves.get(node_id, 0) + 1
                resolved += attempt > 0
                break
            except EditConflict:
                conflicts += 1
        else:
            unresolved += 1
    db.close()
    out.write_text(
        json.dumps(
            {
                "saves": saves,
                "text_saves": text_saves,
                "conflicts": conflicts,
                "resolved": resolved,
                "unresolved": unresolved,
            }
        ),
        encoding="utf-8",
    )


def _count(text: str) -> int:
    if text.startswith("第") and "次填报" in text:
        digits = text[1 : text.index("次填报")]
        if digits.isdigit():
            return int(digits)
    return 0  # the generated plan's own text: the first counted save writes 第1次填报


# --- the whole run -----------------------------------------------------------------------------------------


def run(measures: int, runs: int, desks: int, seconds: float, admin_url: str) -> list[Result]:
    tmp, folder = use_own_folders("bench_desks_")
    source = large_plan.copy_database(measures, folder)
    url = new_server_database(admin_url)
    plan_id = load_plan(url, source)
    counts_before = _entry_counts(url, plan_id)

    outs = [folder / f"desk-{i}.json" for i in range(desks)]
    started = time.perf_counter()
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--desk",
                url,
                str(plan_id),
                str(seconds),
                str(i + 1),
                str(out),
            ],  # fmt: skip
            env={**os.environ, "SISIDING_DATA_DIR": str(folder / f"desk-{i}")},
        )
        for i, out in enumerate(outs)
    ]
    for child in children:
        if child.wait() != 0:
            raise RuntimeError("a desk process failed")
    elapsed = time.perf_counter() - started
    results = [json.loads(out.read_text(encoding="utf-8")) for out in outs]
    lost, logged_short = _lost_updates(url, plan_id, results, counts_before)
    progress_saves = sum(sum(r["saves"].values()) for r in results)
    text_saves = sum(r["text_saves"] for r in results)
    conflicts = sum(r["conflicts"] for r in results)
    resolved = sum(r["resolved"] for r in results)
    unresolved = sum(r["unresolved"] for r in results)
    grid_server, grid_file = _grid_open_times(url, source, runs)
    tmp.cleanup()
    per_second = (progress_saves + text_saves) / seconds
    return [
        Result(
            f"{desks} desks: saves per second",
            per_second,
            unit="/s",
            measures=measures,
            runs=1,
            note=f"{progress_saves} progress saves and {text_saves} text saves in {seconds:g} s "
            f"(all desks done after {elapsed:.1f} s)",
        ),
        Result(
            "conflicts met",
            conflicts,
            unit="",
            measures=measures,
            note=f"{resolved} saves met one or more and went through after reading the row again; "
            f"{unresolved} gave up after 20 tries",
        ),
        Result(
            "lost updates",
            lost + logged_short,
            limit=0,
            unit="",
            measures=measures,
            note="counts below the saves made, and saves missing from the change log",
        ),  # fmt: skip
        Result(
            "quarter grid opened: server / file",
            statistics.median(grid_server),
            baseline=statistics.median(grid_file),
            max_ratio=2.0,
            measures=measures,
            runs=runs,
            note="the same plan, in the same process, interleaved",
        ),
    ]


def _entry_counts(url: str, plan_id: int) -> dict[int, int]:
    from sisiding_desktop.services import Services
    from sisiding_desktop.store import Database

    with Database.open(url) as db:
        return {n: _count(p.progress_text) for n, p in Services(db).progress.for_period(plan_id, PERIOD).items()}


def _lost_updates(url: str, plan_id: int, results: list[dict], before: dict[int, int]) -> tuple[int, int]:
    """(measures whose count is not the saves made of them, saves told done but missing from the change log)."""
    from sqlalchemy import func, select

    from sisiding_desktop.store import Database
    from sisiding_desktop.store.models import ChangeLogRow

    saves: dict[int, int] = {}
    for result in results:
        for node_id, count in result["saves"].items():
            saves[int(node_id)] = saves.get(int(node_id), 0) + count
    after = _entry_counts(url, plan_id)
    lost = 0
    for node_id, count in saves.items():
        if after.get(node_id, 0) - before.get(node_id, 0) != count:
            lost += 1
    with Database.open(url) as db, db.reading() as s:
        logged = s.scalar(
            select(func.count())
            .select_from(ChangeLogRow)
            .where(ChangeLogRow.field == f"{PERIOD.code}.progress_text", ChangeLogRow.user.like("第%号桌"))
        )
    return lost, max(sum(saves.values()) - logged, 0)


def _grid_open_times(url: str, source: Path, runs: int) -> tuple[list[float], list[float]]:
    from grid_window import GridWindow

    from sisiding_desktop.gui.application import create_application

    app = create_application()
    on_server, in_file = GridWindow(app, url), GridWindow(app, source)
    server_times, file_times = [], []
    for _ in range(runs):
        server_times.append(on_server.open_grid())
        file_times.append(in_file.open_grid())
    on_server.close()
    in_file.close()
    return server_times, file_times


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--desk":
        url, plan_id, seconds, seed, out = sys.argv[2:7]
        desk(url, int(plan_id), float(seconds), int(seed), Path(out))
        return 0
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--desks", type=int, default=4, help="desk processes (default 4)")
    p.add_argument("--seconds", type=float, default=60, help="how long the desks work (default 60)")
    p.add_argument("--pg-url", default=os.environ.get(PG_URL_ENV, ""), help=f"admin URL (default ${PG_URL_ENV})")
    args = p.parse_args()
    if not args.pg_url:
        print("需要一个 PostgreSQL 服务器：用 --pg-url 给出，或用 tools/with-postgres 运行本脚本。", file=sys.stderr)
        return 2
    results = run(args.measures, args.runs, args.desks, args.seconds, args.pg_url)
    report("Desks on a server", results, args.json)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: PySide6 can crash while collecting Qt objects at exit


if __name__ == "__main__":
    sys.exit(main())
