"""Benchmark: from starting Python to the main window painted with the large plan open.

    .venv/bin/python bench/bench_window_start.py [--measures 5000] [--runs 3] [--platform offscreen|xcb]

The generated database (``large_plan.py``) is copied to a fresh folder first,
outside the timing. Each run starts a fresh Python process that does what
``main.py`` does for the window — imports, fonts, opening and checking the
database, the daily backup check, building the window with the plan, showing
it — and reports the moment its first frame has been painted (the first paint
event of the window, after that paint pass returns). The baseline is a fresh
Python that shows a bare ``QApplication`` + empty ``QMainWindow`` and waits
for the same moment. Both are timed from just before the process is started.
Target: program ≤ 3× baseline.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import large_plan
from common import Result, child_env, parser, report

# Records time.time() when the window has painted its first frame; the caller prints and quits.
PAINT_WATCH = r"""
import json, time
from PySide6.QtCore import QEvent, QObject, QTimer

class _FirstPaint(QObject):
    def __init__(self, window, done):
        super().__init__()
        self.window, self.done, self.seen = window, done, False

    def eventFilter(self, obj, event):
        if not self.seen and event.type() == QEvent.Type.Paint and (
            obj is self.window or obj is self.window.windowHandle()
            or (hasattr(obj, "window") and callable(obj.window) and obj.window() is self.window)
        ):
            self.seen = True
            QTimer.singleShot(0, self.done)  # after the whole paint pass
        return False
"""

BASELINE = (
    PAINT_WATCH
    + r"""
from PySide6.QtWidgets import QApplication, QMainWindow
t_import = time.perf_counter()
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
def done():
    print(json.dumps({"painted_at": time.time()}), flush=True)
    app.quit()
watch = _FirstPaint(window, done)
app.installEventFilter(watch)
window.show()
app.exec()
"""
)

PROGRAM = (
    r"""
import gc, sys, time
t0 = time.perf_counter()
gc.disable()  # as main.py does
"""
    + PAINT_WATCH
    + r"""
from sisiding_desktop.gui.application import create_application, settle_memory
from sisiding_desktop.app import open_services
from sisiding_desktop.gui.main_window import MainWindow
t_import = time.perf_counter()
app = create_application()
t_app = time.perf_counter()
services = open_services(sys.argv[1], daily_backup=False)  # as gui.application.run: the backup follows the first paint
t_db = time.perf_counter()
window = MainWindow(services)
t_window = time.perf_counter()
def done():
    t_painted = time.perf_counter()
    print(json.dumps({
        "painted_at": time.time(),
        "imports": t_import - t0, "application_and_fonts": t_app - t_import, "database": t_db - t_app,
        "window": t_window - t_db, "show_and_paint": t_painted - t_window, "in_process": t_painted - t0,
        "rows": window.task_view.model.rowCount(), "title": window.windowTitle(),
    }), flush=True)
    app.quit()
watch = _FirstPaint(window, done)
app.installEventFilter(watch)
window.show()
settle_memory()  # as gui.application.run does
app.exec()
services.db.close()
"""
)


def start_to_paint(code: str, args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    """Seconds from starting a fresh Python running ``code`` to its window's first frame, and its report."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False, timeout=300
    )
    if out.returncode != 0:
        raise RuntimeError(f"child failed ({out.returncode}):\n{out.stderr}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["painted_at"] - start, data


def sample_database(folder: Path) -> Path:
    """A database holding only the bundled sample plan (平罗县), as on an office's first day."""
    from sisiding_desktop.app import open_services
    from sisiding_desktop.machine import paths

    db = folder / "sample.sqlite"
    services = open_services(db)
    services.importing.import_plan(paths.resource_path("samples", "平罗县四水四定年度重点任务表.xlsx"))
    services.db.close()
    return db


def run(measures: int, runs: int, platform: str | None = None, sample: bool = False) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="bench_start_") as tmp:
        folder = Path(tmp)
        db = sample_database(folder) if sample else large_plan.copy_database(measures, folder)
        env = child_env(folder, platform)
        start_to_paint(BASELINE, [], env)  # warm the OS file cache for Qt's libraries, untimed
        start_to_paint(PROGRAM, [str(db)], env)
        program, baseline, reports = [], [], []
        for _ in range(runs):  # interleaved, so a slow moment of the machine hits both
            seconds, data = start_to_paint(PROGRAM, [str(db)], env)
            program.append(seconds)
            reports.append(data)
            baseline.append(start_to_paint(BASELINE, [], env)[0])
    parts = ("imports", "application_and_fonts", "database", "window", "show_and_paint")
    breakdown = ", ".join(f"{k} {statistics.median(r[k] for r in reports) * 1000:.0f} ms" for k in parts)
    return [
        Result(
            "start → main window painted, " + ("sample plan open" if sample else "plan open"),
            statistics.median(program),
            statistics.median(baseline),
            max_ratio=3,
            measures=66 if sample else measures,
            runs=runs,
            note=f"{reports[-1]['rows']} top rows shown; {breakdown}",
        )
    ]


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    p.add_argument("--sample", action="store_true", help="open the bundled 66-measure sample plan instead")
    args = p.parse_args()
    report("Window start", run(args.measures, args.runs, args.platform, args.sample), args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
