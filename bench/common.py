"""What the benchmark scripts share: timing, the results table, the options, a fresh environment for children.

Every benchmark times the program and, where there is one, a baseline in the
same run, takes the median of a few runs, and prints one table:

    | measurement | program | baseline | ratio | target | result |

``--json FILE`` also writes the rows as JSON, which ``run_all.py`` collects.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
for folder in (ROOT, BENCH):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

DEFAULT_RUNS = 3


@dataclass
class Result:
    """One measured line: the program's median seconds, and either a baseline and a ratio target or a limit.

    ``limit`` is an absolute bound (seconds, or MB when ``unit`` is "MB").
    """

    name: str
    program: float
    baseline: float | None = None
    max_ratio: float | None = None
    limit: float | None = None
    unit: str = "s"
    measures: int = 0
    runs: int = 1
    note: str = ""
    strict: bool = False  # the limit is "<" rather than "≤"

    @property
    def ratio(self) -> float | None:
        return self.program / self.baseline if self.baseline else None

    @property
    def target(self) -> str:
        if self.max_ratio is not None:
            return f"≤ {self.max_ratio:g}×"
        if self.limit is not None:
            return f"{'<' if self.strict else '≤'} {_amount(self.limit, self.unit)}"
        return "—"

    @property
    def passed(self) -> bool | None:
        if self.max_ratio is not None and self.ratio is not None:
            return self.ratio <= self.max_ratio
        if self.limit is not None:
            return self.program < self.limit if self.strict else self.program <= self.limit
        return None

    @property
    def verdict(self) -> str:
        passed = self.passed
        if passed is None:
            return "—"
        if passed:
            return "PASS"
        if self.max_ratio is not None:
            return f"MISS ({self.ratio / self.max_ratio:.1f}× over)"
        if not self.limit:
            return "MISS"
        return f"MISS ({self.program / self.limit:.1f}× over)"

    def cells(self) -> list[str]:
        ratio = f"{self.ratio:.2f}×" if self.ratio is not None else "—"
        baseline = _amount(self.baseline, self.unit) if self.baseline is not None else "—"
        return [self.name, _amount(self.program, self.unit), baseline, ratio, self.target, self.verdict]


def _amount(value: float, unit: str) -> str:
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "/s":
        return f"{value:.1f} /s"
    if unit == "":  # a count
        return f"{value:.0f}"
    if value < 1:
        return f"{value * 1000:.0f} ms" if value >= 0.01 else f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


HEADINGS = ["measurement", "program", "baseline", "ratio", "target", "result"]


def table(results: list[Result]) -> str:
    """The results as a Markdown table."""
    lines = ["| " + " | ".join(HEADINGS) + " |", "|" + "---|" * len(HEADINGS)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in results]
    return "\n".join(lines)


def report(title: str, results: list[Result], json_path: Path | None) -> None:
    runs = max((r.runs for r in results), default=1)
    measures = max((r.measures for r in results), default=0)
    print(f"\n## {title} — {measures:,} measures, median of {runs}\n")
    print(table(results))
    for r in results:
        if r.note:
            print(f"- {r.name}: {r.note}")
    sys.stdout.flush()
    if json_path:
        json_path.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--measures", type=int, default=5000, help="size of the generated plan (default 5000)")
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help=f"runs, median taken ({DEFAULT_RUNS})")
    p.add_argument("--json", type=Path, help="also write the results to this JSON file")
    return p


def median_time(action: Callable[[], object], runs: int, before: Callable[[], object] | None = None) -> float:
    """Median seconds of ``action`` over ``runs`` runs; ``before`` runs untimed ahead of each."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def child_env(folder: Path, platform: str | None = None) -> dict[str, str]:
    """Environment for a child process: its own data and settings folders, Qt offscreen unless told otherwise."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": platform or os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "SISIDING_DATA_DIR": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),  # fresh window settings: the 任务分工表 tab, default size
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH", "")])),
    }


def use_own_folders(prefix: str) -> tuple[tempfile.TemporaryDirectory, Path]:
    """A temporary folder for this process's data and window settings (as ``child_env`` gives a child)."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    folder = Path(tmp.name)
    os.environ.update(
        {key: child_env(folder)[key] for key in ("QT_QPA_PLATFORM", "SISIDING_DATA_DIR", "XDG_CONFIG_HOME")}
    )
    return tmp, folder
