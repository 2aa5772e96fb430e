"""A child process that imports fuzzed workbooks through the real services, bounded in memory.

The test process generates each case and hands the child a file path; the
child runs ``preview`` then ``import_plan`` against its own database, which
already holds a plan, and reports plain facts: what happened, the message,
how long it took, the database's integrity, and whether the database's
content is as it was (on a refusal) or grew by exactly the imported plan (on
a success). The parent judges those facts and kills the child if it does not
answer in time, so a hang is reported instead of stalling the run.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import sqlite3
import time
import traceback
import warnings
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

MEMORY_LIMIT_BYTES = 1536 * 1024**2  # address space of the child: a runaway parse fails instead of swapping
READY_TIMEOUT = 180.0


def serve(conn: Connection, folder: str, seed: str | None, memory_limit: int) -> None:
    """The child's loop: one message per case, ``None`` to stop."""
    os.environ["SISIDING_DATA_DIR"] = str(Path(folder) / "data")  # never the user's real data directory
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    from sisiding_desktop.services import Services
    from sisiding_desktop.store import Database

    db = Database.open(Path(folder) / "fuzz.sqlite")
    services = Services(db, user="模糊测试")
    try:
        if seed and not services.plans.list_plans():
            services.importing.import_plan(Path(seed))
        conn.send(("ready", os.getpid()))
        while (message := conn.recv()) is not None:
            conn.send(run_case(services, Path(message)))
    finally:
        db.close()


def run_case(services, path: Path) -> dict:
    """Preview and import ``path``; return facts about the outcome and the database."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        facts = _import(services, path)
    # The suite turns SQLAlchemy warnings into errors; here they are reported, for the parent to judge.
    facts["warnings"] = sorted(
        {f"{w.category.__name__}: {w.message}" for w in caught if "SAWarning" in w.category.__name__}
    )
    return facts


def _import(services, path: Path) -> dict:
    from sisiding_desktop.exchange.errors import ExchangeError
    from sisiding_desktop.services import ServiceError

    facts: dict = {"outcome": "", "message": "", "error": "", "preview": "", "preview_message": ""}
    before = dump(services.db.path)
    started = time.perf_counter()
    try:
        services.importing.preview(path)
        facts["preview"] = "ok"
    except (ServiceError, ExchangeError) as exc:
        facts.update(preview="refused", preview_message=str(exc))
    except BaseException as exc:  # noqa: BLE001 - reporting it is the point
        facts.update(preview="crash", preview_message=_crash(exc))
    plan = None
    try:
        plan, preview = services.importing.import_plan(path)
        facts.update(outcome="imported", expected=preview.counts())
    except (ServiceError, ExchangeError) as exc:
        facts.update(outcome="refused", message=str(exc), error=type(exc).__name__)
    except BaseException as exc:  # noqa: BLE001
        facts.update(outcome="crash", message=_crash(exc), error=type(exc).__name__)
    facts["seconds"] = time.perf_counter() - started
    facts["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    facts["as_limit_mb"] = resource.getrlimit(resource.RLIMIT_AS)[0] / 1024**2
    facts["integrity"], facts["foreign_keys"] = check(services.db.path)
    after = dump(services.db.path)
    facts["unchanged"] = after == before
    facts["kept"] = all(not (rows - after.get(table, Counter())) for table, rows in before.items())
    if plan is not None:
        facts["stored"] = stored_counts(services.db.path, plan.id)
        services.plans.delete_plan(plan.id)  # the next case starts from the same plans
    return facts


def _crash(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))[-4000:]


def dump(db_path: Path) -> dict[str, Counter]:
    """Every row of every table, as a multiset per table."""
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {table: Counter(conn.execute(f'SELECT * FROM "{table}"').fetchall()) for table in tables}


def check(db_path: Path) -> tuple[list, list]:
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall(), conn.execute("PRAGMA foreign_key_check").fetchall()


def stored_counts(db_path: Path, plan_id: int) -> dict[str, int]:
    """What the database holds for the new plan, in the shape of ``ImportPreview.counts()``."""
    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        kinds = dict(conn.execute("SELECT kind, COUNT(*) FROM nodes WHERE plan_id = ? GROUP BY kind", (plan_id,)))
        indicators = conn.execute("SELECT COUNT(*) FROM indicators WHERE plan_id = ?", (plan_id,)).fetchone()[0]
    return {
        "groups": kinds.get("group", 0),
        "tasks": kinds.get("task", 0),
        "measures": kinds.get("measure", 0),
        "indicators": indicators,
    }


class Worker:
    """The parent's handle on one child: restarted after a hang or a death."""

    def __init__(self, folder: Path, seed: Path | None, memory_limit: int = MEMORY_LIMIT_BYTES) -> None:
        self.folder, self.seed, self.memory_limit = folder, seed, memory_limit
        self.restarts = 0
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads or Qt
        self._conn, child = context.Pipe()
        seed = str(self.seed) if self.seed else None
        self._proc = context.Process(
            target=serve, args=(child, str(self.folder), seed, self.memory_limit), name="fuzz-import", daemon=True
        )
        self._proc.start()
        child.close()
        try:
            if self._conn.poll(READY_TIMEOUT):
                self._conn.recv()
                return
        except EOFError:
            pass
        self._stop()
        raise RuntimeError(f"the import worker did not start (exit code {self._proc.exitcode})")

    def run(self, path: Path, timeout: float) -> dict:
        """The child's facts about ``path``, or an outcome of "hang" or "died"."""
        started = time.perf_counter()
        try:
            self._conn.send(str(path))
            if self._conn.poll(timeout):
                return self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._restart()
            return {"outcome": "died", "message": f"exit code {self._proc.exitcode}", "seconds": 0.0}
        self._restart()
        return {"outcome": "hang", "message": "", "seconds": time.perf_counter() - started}

    def _restart(self) -> None:
        self._stop()
        self.restarts += 1
        self._start()

    def _stop(self) -> None:
        if self._proc.is_alive():
            self._proc.kill()
        self._proc.join(10)
        self._conn.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self._conn.send(None)
        self._proc.join(30)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(10)
        self._conn.close()
