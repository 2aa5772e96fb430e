"""Benchmark: peak memory of the program with the large plan open in the main window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_memory.py [--measures 5000] [--runs 3]

Each run is a fresh process that opens a copy of the generated database in
the main window, shows it, then visits every tab (the 季度进展 grid, 主要指标,
单位, 总览), letting each paint, and reports its peak resident set size
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``). The baseline, for reference
only, is a bare ``QApplication`` + empty ``QMainWindow`` shown in the same way.
Target: ≤ 300 MB.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import large_plan
from common import Result, child_env, parser, report

BASELINE = r"""
import json, resource
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1366, 768)
window.show()
QTest.qWaitForWindowExposed(window)
for _ in range(5):
    app.processEvents()
print(json.dumps({"peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
"""

PROGRAM = r"""
import json, os, resource, sys, time
from PySide6.QtTest import QTest
from sisiding_desktop.app import open_services
from sisiding_desktop.gui.application import create_application
from sisiding_desktop.gui.main_window import MainWindow
app = create_application()
services = open_services(sys.argv[1])
window = MainWindow(services)
window.resize(1366, 768)
window.show()
QTest.qWaitForWindowExposed(window)
app.processEvents()
shown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
for tab in range(1, window.tabs.count()):
    window.tabs.setCurrentIndex(tab)
    for _ in range(5):
        app.processEvents()
print(json.dumps({"shown_kb": shown, "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
os._exit(0)  # skip teardown: only the peak while open matters
"""


def peak(code: str, args: list[str], env: dict[str, str]) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False, timeout=600
    )
    if out.returncode != 0:
        raise RuntimeError(f"child failed ({out.returncode}):\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(measures: int, runs: int) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench_memory_") as tmp:
        folder = Path(tmp)
        db = large_plan.copy_database(measures, folder)
        env = child_env(folder)
        program = [peak(PROGRAM, [str(db)], env) for _ in range(runs)]
        baseline = [peak(BASELINE, [], env)["peak_kb"] for _ in range(runs)]
    mb = 1024.0
    shown = statistics.median(r["shown_kb"] for r in program) / mb
    return [
        Result(
            "peak memory, large plan open (every tab visited)",
            statistics.median(r["peak_kb"] for r in program) / mb,
            statistics.median(baseline) / mb,
            limit=300,
            unit="MB",
            measures=measures,
            runs=runs,
            note=f"{shown:.0f} MB with the 任务分工表 tab shown, before visiting the other tabs; "
            "baseline: bare QApplication + QMainWindow",
        )
    ]


def main() -> int:
    args = parser(__doc__.splitlines()[0]).parse_args()
    report("Memory", run(args.measures, args.runs), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
