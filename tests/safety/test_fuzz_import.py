"""Hostile and odd workbooks through the real import: it never crashes, never hangs, never corrupts the database.

Every generated file goes through ``services.importing.preview`` and
``import_plan`` in a child process (see ``fuzz_worker``) whose database
already holds a plan. For each case:

* the outcome is an import or a refusal (``ServiceError``/``ExchangeError``)
  whose message is one non-empty Chinese sentence naming the file, with no
  traceback or exception class name in it; nothing else may escape;
* the case finishes within ``CASE_SECONDS`` (the child is killed otherwise)
  and the child stays inside its address-space limit;
* the database passes ``integrity_check`` and ``foreign_key_check``; after a
  refusal its content is exactly as before, after an import it holds
  everything it held before plus the whole plan the preview announced.

The default run (``make test``) generates a few hundred derandomized cases
and takes well under a minute; ``--run-slow`` adds a nightly-style run of at
least 2,000 random cases. ``SISIDING_FUZZ_CASES=N`` sets the size of the
default run. Failing files are kept under pytest's temporary directory and
named in the failure message.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from sisiding_desktop.services import ServiceError
from tests.conftest import PINGLUO_XLSX

from .fuzz_documents import docx_cases
from .fuzz_workbooks import (
    Case,
    broken_zip_cases,
    dimension_lie_cases,
    dimension_two_rows_case,
    duplicate_member_cases,
    entity_cases,
    external_link_cases,
    foreign_file_cases,
    macro_cases,
    merge_budget_cases,
    odd_xml_cases,
    raw_sheet_cases,
    shared_string_cases,
    table_cases,
    workbook_cases,
    zip_bomb_cases,
)
from .fuzz_worker import MEMORY_LIMIT_BYTES, Worker

pytestmark = pytest.mark.sqlite_only  # each child works on a database file of its own

DEFAULT_CASES = int(os.environ.get("SISIDING_FUZZ_CASES", "250"))
NIGHTLY_CASES = max(2000, DEFAULT_CASES)
PER_KIND_CASES = 5
CASE_SECONDS = float(os.environ.get("SISIDING_FUZZ_CASE_SECONDS", "30"))  # hard limit: the child is killed
SLOW_SECONDS = 5.0  # reported, not failed
MAX_RSS_MB = 1024  # the child's peak resident memory over a whole run

settings.register_profile(
    "sisiding-fuzz",
    max_examples=DEFAULT_CASES,
    derandomize=True,  # the same cases on every machine: CI is stable
    database=None,
    deadline=None,  # each case is bounded by the worker's own timeout instead
    phases=[Phase.explicit, Phase.generate],  # a failing file is kept; shrinking would re-run hangs
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
settings.register_profile(
    "sisiding-fuzz-nightly",
    parent=settings.get_profile("sisiding-fuzz"),
    max_examples=NIGHTLY_CASES,
    derandomize=False,  # new cases every night; a failure keeps its file
)

settings.register_profile(
    "sisiding-fuzz-family", parent=settings.get_profile("sisiding-fuzz"), max_examples=PER_KIND_CASES
)

CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_ERROR = re.compile(r"Traceback|\b\w*(Error|Exception|Warning)\b|File \"|\bline \d+|0x[0-9a-f]{6,}")


@dataclass
class Campaign:
    """Counts and failures of one run; each failing file is kept for replay."""

    folder: Path
    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    peak_rss_mb: float = 0.0
    memory_limit_mb: float = 0.0  # the child's RLIMIT_AS
    slow: int = 0  # cases over SLOW_SECONDS

    def judge(self, case: Case, facts: dict) -> None:
        self.cases += 1
        outcome = facts.get("outcome", "")
        self.outcomes[(case.kind.split(":")[0], outcome)] += 1
        seconds = facts.get("seconds", 0.0)
        self.slow += seconds > SLOW_SECONDS
        self.slowest = sorted([*self.slowest, (seconds, case.kind)], reverse=True)[:5]
        self.peak_rss_mb = max(self.peak_rss_mb, facts.get("maxrss_mb", 0.0))
        self.memory_limit_mb = facts.get("as_limit_mb", self.memory_limit_mb)
        problems = problems_of(case, facts)
        if problems:
            kept = self.folder / f"failed-{self.cases:05d}-{case.name}"
            kept.write_bytes(case.data)
            self.failures.append(f"{case!r} → {kept}: " + "; ".join(problems))

    def summary(self, started: float) -> str:
        lines = [
            f"{self.cases} cases in {time.perf_counter() - started:.1f} s, child peak RSS {self.peak_rss_mb:.0f} MB"
            f" (address space limited to {self.memory_limit_mb:.0f} MB)"
        ]
        lines += [f"  {kind:16} {outcome:9} {count}" for (kind, outcome), count in sorted(self.outcomes.items())]
        lines.append(
            f"  {self.slow} cases over {SLOW_SECONDS:.0f} s; slowest: "
            + ", ".join(f"{kind} {seconds:.2f} s" for seconds, kind in self.slowest)
        )
        return "\n".join(lines)


def problems_of(case: Case, facts: dict) -> list[str]:
    """Everything wrong with one case's outcome."""
    outcome, message = facts.get("outcome"), facts.get("message", "")
    problems: list[str] = []
    if outcome in ("hang", "died", "crash"):
        return [f"{outcome}: {message[-1500:]}"]
    if facts.get("preview") == "crash":
        problems.append(f"preview crashed: {facts['preview_message'][-1500:]}")
    if outcome == "refused":
        problems += message_problems(case, message)
        if facts.get("preview") == "refused":
            problems += message_problems(case, facts["preview_message"])
        if not facts.get("unchanged"):
            problems.append("a refused import changed the database")
    elif outcome == "imported":
        if case.must_refuse:
            problems.append("a file that must be refused was imported")
        if facts.get("preview") != "ok":
            problems.append(f"the preview refused what the import accepted: {facts.get('preview_message')}")
        if facts.get("stored") != {k: facts["expected"][k] for k in ("groups", "tasks", "measures", "indicators")}:
            problems.append(f"stored {facts.get('stored')} but the preview announced {facts.get('expected')}")
        if not facts.get("kept"):
            problems.append("an import changed or removed rows that were there before")
    else:
        problems.append(f"unknown outcome {outcome!r}")
    problems += [f"warning: {w}" for w in facts.get("warnings", ())]
    if facts.get("integrity") != [("ok",)]:
        problems.append(f"integrity_check: {facts.get('integrity')}")
    if facts.get("foreign_keys"):
        problems.append(f"foreign_key_check: {facts.get('foreign_keys')}")
    if facts.get("seconds", 0.0) > CASE_SECONDS:
        problems.append(f"took {facts['seconds']:.1f} s")
    return problems


def message_problems(case: Case, message: str) -> list[str]:
    problems = []
    if not message.strip():
        problems.append("empty message")
    if not CJK.search(message):
        problems.append(f"message is not Chinese: {message!r}")
    if ENGLISH_ERROR.search(message) or "\n" in message:
        problems.append(f"message shows program internals: {message!r}")
    if case.name not in message:
        problems.append(f"message does not name the file: {message!r}")
    if "内存不足" in message:
        problems.append("the reader ran out of memory")
    if case.refusal_hint and case.refusal_hint not in message:
        problems.append(f"expected “{case.refusal_hint}” in {message!r}")
    return problems


@pytest.fixture(scope="module")
def worker(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("fuzz-db")
    handle = Worker(folder, PINGLUO_XLSX if PINGLUO_XLSX.exists() else None)
    yield handle
    handle.close()


def run_campaign(worker: Worker, folder: Path, strategy: st.SearchStrategy[Case], profile: str) -> Campaign:
    campaign = Campaign(folder)
    counter = iter(range(10**9))

    @settings(settings.get_profile(profile))
    @given(strategy)
    def one_case(case: Case) -> None:
        path = folder / f"{next(counter) % 50:02d}-{case.name}"  # a few names reused: the folder stays small
        path.write_bytes(case.data)
        try:
            campaign.judge(case, worker.run(path, CASE_SECONDS))
        finally:
            path.unlink(missing_ok=True)

    one_case()
    return campaign


def _finish(campaign: Campaign, started: float, minimum: int, worker: Worker) -> None:
    print("\n" + campaign.summary(started))
    assert campaign.cases >= minimum, campaign.summary(started)
    assert not campaign.failures, f"{len(campaign.failures)} failing cases:\n" + "\n".join(campaign.failures[:25])
    assert worker.restarts == 0
    assert campaign.peak_rss_mb < MAX_RSS_MB, campaign.summary(started)
    if sys.platform.startswith("linux"):
        assert 0 < campaign.memory_limit_mb <= MEMORY_LIMIT_BYTES / 1024**2, campaign.summary(started)


def test_generated_workbooks_import_or_are_refused_cleanly(worker, tmp_path):
    started = time.perf_counter()
    campaign = run_campaign(worker, tmp_path, every_case(), "sisiding-fuzz")
    _finish(campaign, started, int(DEFAULT_CASES * 0.9), worker)


FAMILIES = {
    "table": table_cases(),
    "docx": docx_cases(),
    "entities": entity_cases(),
    "dimension-lie": dimension_lie_cases(),
    "dimension-million-two-rows": dimension_two_rows_case(),
    "zip-bomb": zip_bomb_cases(),
    "xlsm": macro_cases(),
    "merge-budget": merge_budget_cases(),
    "external-link": external_link_cases(),
    "raw-sheet": raw_sheet_cases(),
    "odd-xml": odd_xml_cases(),
    "shared-strings": shared_string_cases(),
    "duplicate-member": duplicate_member_cases(),
    "broken-zip": broken_zip_cases(),
    "foreign": foreign_file_cases(),
}


def every_case():
    """Workbooks, and one case in ten a Word document."""
    return st.integers(0, 9).flatmap(lambda n: docx_cases() if n == 0 else workbook_cases())


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_kind_of_odd_file_is_tried(worker, tmp_path, family):
    """A few cases of each family, so every kind is exercised whatever the mixed run happens to draw."""
    started = time.perf_counter()
    campaign = run_campaign(worker, tmp_path, FAMILIES[family], "sisiding-fuzz-family")
    _finish(campaign, started, 1, worker)


@pytest.mark.slow
def test_nightly_campaign(worker, tmp_path):
    """At least 2,000 fresh random cases (``--run-slow``)."""
    started = time.perf_counter()
    campaign = run_campaign(worker, tmp_path, every_case(), "sisiding-fuzz-nightly")
    _finish(campaign, started, int(NIGHTLY_CASES * 0.95), worker)


def test_an_indicator_naming_a_new_unit_imports_without_warnings(services, tmp_path):
    """Found by the campaign: an indicator whose responsible unit no task names (the suite makes SAWarning an error)."""
    wb = Workbook()
    tasks = wb.active
    tasks.title = "任务表"
    for row in (["序号", "重点任务", "牵头单位"], [1, "推进城镇节水", "水务局"]):
        tasks.append(row)
    indicators = wb.create_sheet("主要指标")
    for row in (["序号", "指标名称", "单位", "2025年", "责任单位"], [1, "用水总量", "亿立方米", "6.17", "发改局"]):
        indicators.append(row)
    path = tmp_path / "指标.xlsx"
    wb.save(path)
    plan, preview = services.importing.import_plan(path)
    assert preview.counts()["indicators"] == 1
    assert [u.name for u in services.plans.contents(plan.id).indicators[0].responsible] == ["发改局"]


def test_escaped_utf16_halves_are_joined_or_dropped(services, tmp_path):
    """Found by the campaign: "_xD83D_" alone reached SQLite as a lone surrogate and the import crashed."""
    wb = Workbook()
    ws = wb.active
    for row in (["序号", "重点任务", "牵头单位"], [1, "节水_xD83D__xDCA7_宣传_xD83D_", "水务局_xDE00_"]):
        ws.append(row)
    path = tmp_path / "半个字符.xlsx"
    wb.save(path)
    plan, _ = services.importing.import_plan(path)
    task = services.plans.tree(plan.id)[0]
    assert task.text == "节水💧宣传"
    assert [u.name for u in task.lead] == ["水务局"]


@pytest.mark.skipif(os.name == "nt", reason="a POSIX file name of bytes that are not UTF-8")
def test_a_file_name_in_another_encoding_imports_or_is_refused_cleanly(services, tmp_path):
    if not PINGLUO_XLSX.exists():
        pytest.skip("sample missing")
    raw = os.fsencode(tmp_path) + b"/\xc8\xce\xce\xf1.xlsx"  # 任务.xlsx in GBK
    with open(raw, "wb") as handle:
        handle.write(PINGLUO_XLSX.read_bytes())
    path = Path(os.fsdecode(raw))
    try:
        plan, _ = services.importing.import_plan(path)
    except ServiceError as exc:
        assert CJK.search(str(exc))
    else:
        assert plan.source_file == "任务.xlsx"
