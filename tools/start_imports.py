"""What the start path imports, and what it costs: ``python -X importtime`` of what ``main.py`` loads before the
window is painted, summed by package (median of several fresh processes).

    .venv/bin/python tools/start_imports.py [--runs 5] [--top 25]

Prints the program's own import time (self time of ``sisiding_desktop.*`` modules), the total, the share of each
third-party package, and the program's modules on the start path with their cumulative times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What main.py → cli → gui.application.run imports before the first window is painted.
START_PATH = (
    "import gc; gc.disable()\n"
    "import sisiding_desktop.cli\n"
    "import sisiding_desktop.gui.application\n"
    "import sisiding_desktop.gui.main_window\n"
)


def one_run() -> list[tuple[str, int, int]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", START_PATH], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    rows = []
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = (part.strip() for part in line[len("import time:") :].split("|"))
        rows.append((name.strip(), int(self_us), int(cumulative_us)))
    return rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args()
    runs = [one_run() for _ in range(args.runs)]
    by_package: dict[str, list[int]] = defaultdict(list)
    cumulative: dict[str, list[int]] = defaultdict(list)
    for rows in runs:
        sums: dict[str, int] = defaultdict(int)
        for name, self_us, cumulative_us in rows:
            top = name.split(".")[0]
            sums[top] += self_us
            sums["(all)"] += self_us
            if top == "sisiding_desktop":
                cumulative[name].append(cumulative_us)
        for top, value in sums.items():
            by_package[top].append(value)
    median = {top: statistics.median(values) / 1000 for top, values in by_package.items()}
    own = [name for name in cumulative if name.startswith("sisiding_desktop")]
    print(
        f"start path imports (median of {args.runs}): total {median['(all)']:.0f} ms, "
        f"the program's own modules {median.get('sisiding_desktop', 0):.0f} ms ({len(own)} modules)"
    )
    for top, ms in sorted(median.items(), key=lambda item: -item[1])[: args.top]:
        if top != "(all)":
            print(f"  {top:28} {ms:7.1f} ms")
    print("the program's modules on the start path, by cumulative time:")
    for name in sorted(own, key=lambda n: -statistics.median(cumulative[n]))[: args.top]:
        print(f"  {name:60} {statistics.median(cumulative[name]) / 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
