"""The main window on a database with its 季度进展 grid watched for paints: what the grid benchmarks time.

Each step is timed from the action to the moment the grid's table has painted the result, with events
processed as the event loop would. Shared by ``bench_grid.py`` (a desk's file) and ``bench_desks.py`` (the
same plan on a server and in a file, side by side).
"""

from __future__ import annotations

import cProfile
import time
from collections.abc import Callable
from pathlib import Path

from report_data import PERIOD, TODAY


class GridWindow:
    def __init__(self, app, db_target: Path | str, profile: str = "") -> None:
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtTest import QTest

        from sisiding_desktop.app import open_services
        from sisiding_desktop.gui.main_window import MainWindow

        class PaintWatch(QObject):
            def __init__(self, widget) -> None:
                super().__init__()
                self.painted = False
                widget.installEventFilter(self)

            def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
                if event.type() == QEvent.Type.Paint:
                    self.painted = True
                return False

        self.app = app
        self.services = open_services(db_target, daily_backup=False)
        self.window = window = MainWindow(self.services)
        window.session.today = lambda: TODAY
        window.session.set_period(PERIOD)
        window.resize(1366, 768)
        window.show()
        QTest.qWaitForWindowExposed(window)
        self.grid = window.quarter_view
        self.watch = PaintWatch(self.grid.table.viewport())
        self.profile = profile
        self.profiler = cProfile.Profile() if profile else None

    def until_painted(self, action: Callable[[], object], name: str) -> float:
        """Seconds from ``action`` to the grid's next paint."""
        app, watch, profiler = self.app, self.watch, self.profiler
        app.processEvents()
        watch.painted = False
        if profiler and self.profile == name:
            profiler.enable()
        start = time.perf_counter()
        action()
        deadline = start + 30
        while not watch.painted and time.perf_counter() < deadline:
            app.processEvents()
        seconds = time.perf_counter() - start
        if profiler and self.profile == name:
            profiler.disable()
        if not watch.painted:
            raise RuntimeError(f"{name}: the grid did not repaint")
        return seconds

    def open_grid(self) -> float:
        """Open the quarter grid with its content out of date (as after any change made elsewhere)."""
        from sisiding_desktop.gui.main_window import QUARTER_TAB, TASKS_TAB

        self.window.tabs.setCurrentIndex(TASKS_TAB)
        self.app.processEvents()
        self.grid.request_reload()
        return self.until_painted(lambda: self.window.tabs.setCurrentIndex(QUARTER_TAB), "open")

    def close(self) -> None:
        self.window.close()
        self.services.db.close()
        self.app.processEvents()
