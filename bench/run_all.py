"""Run every benchmark at 500, 2,000 and 5,000 measures; print the results and how each cost grows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_all.py [--sizes 500 2000 5000] [--runs 3] [--only NAME ...]
                                                                [--markdown FILE]

Each benchmark runs in its own process, once per size (the generated
databases are built once and kept in the temporary folder). The results table
is the one at the largest size. The growth table shows each program time per
size, the cost per measure, and the verdict: "linear" when the cost added from
the middle to the largest size, per measure, is at most twice the cost added
from the smallest to the middle size (a fixed start-up cost does not count
against it); otherwise "SUPER-LINEAR" with the factor.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import large_plan
from common import BENCH, Result, table

SCRIPTS = ("bench_window_start", "bench_import", "bench_export_xlsx", "bench_pdf", "bench_grid", "bench_memory")
MAX_SLOPE_RATIO = 2.0
NOISE = {"s": 0.02, "MB": 5.0}  # smaller growth than this is "flat", whatever the ratio


def run_script(name: str, measures: int, runs: int, folder: Path) -> list[Result]:
    out = folder / f"{name}-{measures}.json"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    command = [sys.executable, str(BENCH / f"{name}.py"), "--measures", str(measures), "--runs", str(runs)]
    subprocess.run([*command, "--json", str(out)], check=True, env=env)
    return [Result(**row) for row in json.loads(out.read_text(encoding="utf-8"))]


def growth_verdict(sizes: list[int], times: list[float], unit: str) -> str:
    if len(sizes) < 3:
        return "—"
    (n0, n1, n2), (t0, t1, t2) = sizes[-3:], times[-3:]
    late = t2 - t1
    if late <= NOISE.get(unit, 0.02):
        return "linear (flat)"
    early = max(t1 - t0, NOISE.get(unit, 0.02))
    ratio = (late / (n2 - n1)) / (early / (n1 - n0))
    if ratio <= MAX_SLOPE_RATIO:
        return f"linear (slope ×{ratio:.1f})"
    return f"SUPER-LINEAR (slope ×{ratio:.1f})"


def growth_table(sizes: list[int], by_size: dict[int, dict[tuple[str, int], Result]]) -> str:
    largest = by_size[sizes[-1]]
    head = ["measurement", *(f"{n:,}" for n in sizes), *(f"per measure at {n:,}" for n in sizes), "growth"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for key, result in largest.items():
        if not all(key in by_size[n] for n in sizes):
            continue
        values = [by_size[n][key].program for n in sizes]
        unit = result.unit
        if unit == "MB":
            cells = [f"{v:.0f} MB" for v in values] + [
                f"{v * 1024 / n:.0f} kB" for v, n in zip(values, sizes, strict=True)
            ]
        else:
            cells = [f"{v:.3f} s" for v in values] + [
                f"{v / n * 1e6:.0f} µs" for v, n in zip(values, sizes, strict=True)
            ]
        lines.append(f"| {result.name} | " + " | ".join(cells) + f" | {growth_verdict(sizes, values, unit)} |")
    return "\n".join(lines)


def machine() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    ) if Path("/proc/cpuinfo").exists() else platform.processor()  # fmt: skip
    ram = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f", {kb / 1024**2:.0f} GB RAM"
    return (
        f"{cpu}, {os.cpu_count()} cores{ram}; {platform.platform()}; Python {platform.python_version()}; "
        f"PySide6 {PySide6.__version__}, Qt {qVersion()}; QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=SCRIPTS, help="run only these benchmarks")
    parser.add_argument("--markdown", type=Path, help="also write the tables to this file")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sizes = sorted(args.sizes)
    scripts = args.only or SCRIPTS
    started = time.perf_counter()
    for n in sizes:  # built once, outside every timing
        large_plan.cached_database(n)
        large_plan.cached_xlsx(n)
    by_size: dict[int, dict[tuple[str, int], Result]] = {}
    with tempfile.TemporaryDirectory(prefix="bench_all_") as tmp:
        for n in sizes:
            by_size[n] = {}
            for name in scripts:
                for i, result in enumerate(run_script(name, n, args.runs, Path(tmp))):
                    by_size[n][(name, i)] = result
    results = list(by_size[sizes[-1]].values())
    text = "\n".join(
        [
            f"Machine: {machine()}",
            "",
            f"### Results at {sizes[-1]:,} measures (median of {args.runs})",
            "",
            table(results),
            "",
            *(f"- {r.name}: {r.note}" for r in results if r.note),
            "",
            "### Growth (program time; memory in MB)",
            "",
            growth_table(sizes, by_size),
            "",
            f"Total time of this run: {time.perf_counter() - started:.0f} s.",
        ]
    )
    print("\n\n# All benchmarks\n")
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    missed = [r.name for r in results if r.passed is False]
    if missed:
        print(f"\nTargets missed: {len(missed)} of {sum(r.passed is not None for r in results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
