"""Benchmark: from starting Python to the main window shown with the sample 平罗县 plan.

    .venv/bin/python bench/bench_window_start.py [--runs 5] [--platform offscreen|xcb]

A database with the sample plan imported (and one quarter of progress) is
prepared first, outside the timing. Each run starts a fresh Python process
that does what ``main.py`` does for the window — imports, fonts, opening and
checking the database, the daily backup check, building the window, showing
it — and prints its own breakdown when the first frame is painted. The wall
time from starting the process to that moment is the number to watch; the
target is well under one second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
sys.path.insert(0, sys.argv[2])
from PySide6.QtCore import QTimer
from sisiding_desktop.gui.application import create_application
from sisiding_desktop.app import open_services
from sisiding_desktop.gui.main_window import MainWindow
t_import = time.perf_counter()
app = create_application()
t_app = time.perf_counter()
services = open_services(sys.argv[1])
t_db = time.perf_counter()
window = MainWindow(services)
t_window = time.perf_counter()
window.show()
def done():
    t_shown = time.perf_counter()
    print(json.dumps({
        "imports": t_import - t0, "application_and_fonts": t_app - t_import, "database": t_db - t_app,
        "window": t_window - t_db, "first_paint": t_shown - t_window, "in_process": t_shown - t0,
        "rows": window.task_view.model.rowCount(),
    }), flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
services.db.close()
"""


def prepare(folder: Path) -> Path:
    from sisiding_desktop.domain.model import NodeKind, Period, Status
    from sisiding_desktop.services import Services
    from sisiding_desktop.services.tree import walk
    from sisiding_desktop.store import Database

    path = folder / "bench.sqlite"
    with Database.open(path) as db:
        services = Services(db, "bench")
        plan, _ = services.importing.import_plan(ROOT / "resources" / "samples" / "平罗县四水四定年度重点任务表.xlsx")
        for node in walk(services.plans.tree(plan.id)):
            if node.kind is NodeKind.MEASURE:
                services.progress.record(node.id, Period(2024, 3), status=Status.IN_PROGRESS, percent=50)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = prepare(folder)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": args.platform,
            "SISIDING_DATA_DIR": str(folder / "data"),
            "XDG_CONFIG_HOME": str(folder / "config"),  # fresh window settings: the 任务分工表 tab, default size
        }
        walls, reports = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(db), str(ROOT)], env=env, capture_output=True, text=True, check=True
            )
            walls.append(time.perf_counter() - start)
            reports.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"rows shown: {reports[-1]['rows']}")
    for key in ("imports", "application_and_fonts", "database", "window", "first_paint", "in_process"):
        print(f"{key:>22}: {statistics.median(r[key] for r in reports) * 1000:7.0f} ms (median)")
    print(f"{'process start → shown':>22}: {statistics.median(walls) * 1000:7.0f} ms (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
