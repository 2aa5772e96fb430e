"""Benchmark: the 季度进展 grid on the large plan — open it, filter by unit, undo an edit.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_grid.py [--measures 5000] [--runs 3] [--profile]

The main window is opened in this process on a copy of the generated database
(period 2024年第4季度, the clock at 2024-11-15) and each step is timed from the
action to the moment the grid's table has painted the result:

- open the quarter grid: switch to the tab with the grid's content out of date
  (as after any change made elsewhere), so it reloads the plan, progress and
  lights and fits its rows;
- filter by unit: choose a unit in the 单位 box (a different unit each run);
- undo an edit: a status changed through the grid's model (an undo command, as
  a person's edit is), then ``Ctrl+Z``'s action: the undo stack's ``undo()``.
  The edit itself is shown too.

Targets: < 100 ms, < 50 ms, < 50 ms.
"""

from __future__ import annotations

import os
import pstats
import statistics
import sys

import large_plan
from common import Result, parser, report, use_own_folders
from grid_window import GridWindow


def run(measures: int, runs: int, profile: str = "") -> list[Result]:
    tmp, folder = use_own_folders("bench_grid_")
    db = large_plan.copy_database(measures, folder)

    from sisiding_desktop.domain.model import Status
    from sisiding_desktop.gui.application import create_application
    from sisiding_desktop.gui.models.quarter_model import STATUS

    app = create_application()
    shown_window = GridWindow(app, db, profile)
    window, grid, until_painted = shown_window.window, shown_window.grid, shown_window.until_painted
    profiler = shown_window.profiler

    opens, filters, edits, undos = [], [], [], []
    for _ in range(runs):
        opens.append(shown_window.open_grid())
    rows = grid.model.rowCount()
    units = [grid.unit_filter.itemText(i) for i in range(1, grid.unit_filter.count())]
    shown = []
    for i in range(runs):
        unit = units[(i * 7) % len(units)]
        filters.append(until_painted(lambda u=unit: grid.unit_filter.setCurrentText(u), "filter"))
        shown.append(grid.proxy.rowCount())
        until_painted(lambda: grid.unit_filter.setCurrentIndex(0), "clear")
    for i in range(runs):
        index = grid.model.index(10 + i, STATUS)
        grid.table.scrollTo(grid.proxy.mapFromSource(index))  # a person edits a row on screen
        app.processEvents()
        before = index.data()
        value = Status.SUSPENDED if before != Status.SUSPENDED.label else Status.DONE
        edits.append(until_painted(lambda ix=index, v=value: grid.model.setData(ix, v.value), "edit"))
        undos.append(until_painted(window.session.undo_stack.undo, "undo"))
        if grid.model.index(10 + i, STATUS).data() != before:
            raise RuntimeError("undo did not restore the entry")
    shown_window.close()
    tmp.cleanup()
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)

    def result(name: str, times: list[float], limit: float | None, note: str = "") -> Result:
        return Result(name, statistics.median(times), limit=limit, measures=measures, runs=runs, note=note, strict=True)

    return [
        result("open the quarter grid", opens, 0.1, f"{rows} rows"),
        result("filter by unit", filters, 0.05, f"{statistics.median(shown):.0f} rows shown of {rows}"),
        result("undo an edit", undos, 0.05),
        result("edit a status (for reference)", edits, None),
    ]


def main() -> int:
    p = parser(__doc__.splitlines()[0])
    p.add_argument("--profile", choices=("open", "filter", "edit", "undo"), help="print a cProfile of one step")
    args = p.parse_args()
    report("Quarter grid", run(args.measures, args.runs, args.profile or ""), args.json)
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: PySide6 can crash while collecting Qt objects at exit


if __name__ == "__main__":
    sys.exit(main())
