"""Kill the program with SIGKILL in the middle of its write paths; nothing reported as saved may be lost.

Each scenario starts ``kill_worker.py`` on the same database again and again
(every start opens the file the previous kill left), kills it at a random
moment, then opens the database through the program and compares it with the
worker's journal: the file opens (the killed process's lock is gone),
``integrity_check`` is ok, every change reported as saved is there, an
interrupted change is either whole or absent, and an interrupted import left
the whole plan or nothing.

Default: a few kills per write path. ``--run-slow`` or ``SISIDING_KILL_POINTS=N``
(kills per write path) for the full campaign: 35 per path, 210 in all.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database
from sisiding_desktop.store.backup import check_integrity
from sisiding_desktop.store.errors import StoreError
from tests.conftest import PINGLUO_XLSX
from tests.safety.kill_worker import RESTORED_TITLE

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"),
    pytest.mark.sqlite_only,  # the campaign kills writers of a database file
]

WORKER = Path(__file__).with_name("kill_worker.py")
DEFAULT_KILLS, FULL_KILLS = 3, 35
MAX_DELAY = {"import": 2.5}  # seconds after the worker is ready; the others: DEFAULT_DELAY
DEFAULT_DELAY = 1.0
SCENARIOS = ("progress", "edit", "merge", "import", "backup", "restore")
TOTALS: dict[str, int] = defaultdict(int)


def kills_per_path(config: pytest.Config) -> int:
    if os.environ.get("SISIDING_KILL_POINTS"):
        return int(os.environ["SISIDING_KILL_POINTS"])
    return FULL_KILLS if config.getoption("--run-slow") else DEFAULT_KILLS


def prepare(db_path: Path) -> dict[str, int]:
    """The sample plan in a new database, a restore source beside it; returns the sample's node counts."""
    with Database.open(db_path) as db:
        services = Services(db, user="测试员")
        plan, _ = services.importing.import_plan(PINGLUO_XLSX)
        counts = services.plans.count_nodes(plan.id)
        source = services.backups.backup_to(db_path.with_name("restore-source.sqlite"))
    with Database.open(source) as db:
        Services(db).plans.update_plan(plan.id, title=RESTORED_TITLE)
    return counts


def read_journal(path: Path) -> tuple[dict[int, dict], set[int]]:
    started: dict[int, dict] = {}
    done: set[int] = set()
    if not path.exists():
        return started, done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut by the kill
        if "start" in record:
            started[record["start"]] = record["expect"]
        elif "done" in record:
            done.add(record["done"])
    return started, done


def allowed_values(started: dict[int, dict], done: set[int]) -> dict[str, tuple[object, list[object]]]:
    """Per key: the value of the last operation reported saved (or None), and values of later unfinished ones."""
    result: dict[str, tuple[object, list[object]]] = {}
    for number in sorted(started):
        for key, value in started[number].items():
            saved, pending = result.get(key, (None, []))
            result[key] = (value, []) if number in done else (saved, [*pending, value])
    return result


def actual(services: Services, key: str, counts: dict[str, int]) -> object:
    kind, _, name = key.partition(":")
    plan_id = services.plans.list_plans()[0].id if kind in ("progress", "added") else 0
    if kind == "progress":
        from tests.safety.kill_worker import PERIOD

        entry = services.progress.for_period(plan_id, PERIOD).get(int(name))
        return [entry.percent, entry.progress_text] if entry else None
    if kind == "text":
        return services.nodes.get_node(int(name)).text
    if kind == "added":
        from sisiding_desktop.services.tree import walk

        return sum(1 for n in walk(services.plans.tree(plan_id)) if n.text == name) or None  # None: absent
    if kind == "unit":
        unit = services.units.find_unit(name)
        return None if unit is None else ("present" if unit.name == name else "merged")
    if kind == "plan":
        plans = [p for p in services.plans.list_plans() if p.title == name]
        if not plans:
            return None
        return "whole" if len(plans) == 1 and services.plans.count_nodes(plans[0].id) == counts else "partial"
    if kind == "copy":
        path = Path(name)
        if not path.exists():
            return None
        try:
            check_integrity(path)
        except StoreError:
            return "damaged"
        return "sound"
    if kind == "title":
        return services.plans.get_plan(int(name)).title
    raise AssertionError(f"unknown key {key}")


def check(db_path: Path, journal: Path, counts: dict[str, int]) -> tuple[list[str], int]:
    """Problems found after a kill, and how many operations the journal reports saved."""
    problems: list[str] = []
    with contextlib.closing(sqlite3.connect(db_path)) as conn:  # what the kill left, before the program opens it
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            problems.append("integrity_check failed")
    started, done = read_journal(journal)
    with Database.open(db_path) as db:
        services = Services(db)
        for key, (saved, pending) in allowed_values(started, done).items():
            value = actual(services, key, counts)
            if saved is None:  # never reported saved: the state before it, or what an unfinished step wrote
                if value is not None and value not in pending and key.startswith(("plan:", "copy:", "added:")):
                    problems.append(f"{key}: half-done state {value!r}")
                continue
            if value != saved and value not in pending:
                problems.append(f"{key}: saved {saved!r}, found {value!r}")
        with db.engine.connect() as conn:
            if conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append("foreign_key_check found orphans")
    return problems, len(done)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_killing_a_write_path_loses_nothing_saved(scenario, tmp_path, request):
    db_path, journal = tmp_path / "计划.sqlite", tmp_path / "journal.jsonl"
    counts = prepare(db_path)
    rng = random.Random(f"kill-{scenario}")
    kills = kills_per_path(request.config)
    failures: list[str] = []
    saved = 0
    for attempt in range(kills):
        child = subprocess.Popen(
            [sys.executable, str(WORKER), str(db_path), str(journal), scenario, str(attempt)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready = child.stdout.readline().strip()
        if ready != "ready":
            child.kill()
            pytest.fail(f"worker did not start: {child.stderr.read()}")
        time.sleep(rng.uniform(0, MAX_DELAY.get(scenario, DEFAULT_DELAY)))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
        problems, saved = check(db_path, journal, counts)
        failures += [f"kill {attempt + 1}: {p}" for p in problems]
    TOTALS["kills"] += kills
    TOTALS["saved"] += saved
    print(f"\n{scenario}: {kills} kills, {saved} operations reported saved, {len(failures)} problems")
    assert saved > 0, "no operation finished before the kills: the delays are too short to test anything"
    assert failures == []
