"""Benchmark: the PDF of a 5,000-measure 季度推进情况表, against LibreOffice printing our xlsx of it.

    .venv/bin/python bench/bench_pdf.py [--measures 5000] [--out DIR] [--no-libreoffice]

The plan is generated deterministically (domain nodes built directly, no
database).  Both outputs draw the same layout: ``write_layout_pdf`` is timed,
then ``write_layout_xlsx`` and ``libreoffice --headless --convert-to pdf`` of
that xlsx (after one warm-up conversion that creates LibreOffice's profile).
Prints both times and their ratio; the target is a ratio ≤ 1.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sisiding_desktop.domain.model import (  # noqa: E402
    Deadline,
    Light,
    Node,
    NodeKind,
    Period,
    Plan,
    Progress,
    Status,
    UnitRef,
)
from sisiding_desktop.render.pdf_writer import write_layout_pdf  # noqa: E402
from sisiding_desktop.render.xlsx_writer import write_layout_xlsx  # noqa: E402
from sisiding_desktop.reports.layout import ReportLayout  # noqa: E402
from sisiding_desktop.reports.progress import build_progress  # noqa: E402

PERIOD = Period(2024, 3)
DUE = Deadline("2024年", end=date(2024, 12, 31))
ZH = "一二三四五六七八九十"
CLAUSES = (
    "严格落实最严格水资源管理制度", "推进城镇开发边界划定成果落地实施", "开展节水型单位和居民小区建设",
    "实施老旧供水管网更新改造", "加强农村生活用水设施改造", "持续开展水效标识产品符合性监督检查",
    "优化空间布局并提出管控措施", "确保万元工业增加值用水量较2020年下降7.2%", "推动再生水利用能力提升",
    "完善用水计量监控体系", "落实节水“三同时”制度", "建立健全考核评价机制", "加快高效节水灌溉面积建设",
)  # fmt: skip
UNITS = tuple(
    UnitRef(i, name)
    for i, name in enumerate(
        ("水务局", "住建局", "发改局", "自然资源局", "农业农村局", "工信局", "市场监管局", "各乡镇（农场）"), start=1
    )
)


def sentence(rng: random.Random, low: int, high: int) -> str:
    """Clauses joined into a sentence of ``low``–``high`` characters or so."""
    parts: list[str] = []
    while sum(len(p) for p in parts) < rng.randint(low, high):
        parts.append(rng.choice(CLAUSES))
    return "，".join(parts) + "。"


def generate(measures: int, seed: int = 2024) -> tuple[Plan, tuple[Node, ...], dict, dict]:
    """A plan with 8 chapters × 5 sections of tasks with 5 measures each, and Q3 progress for all."""
    rng = random.Random(seed)
    ids = iter(range(1, 10_000_000))
    tasks_total = max(1, measures // 5)
    per_section = max(1, -(-tasks_total // 40))
    progress: dict[int, Progress] = {}
    lights: dict[int, Light | None] = {}
    task_no, left = 0, measures
    chapters: list[Node] = []
    for g in range(8):
        sections: list[Node] = []
        for s in range(5):
            tasks: list[Node] = []
            for t in range(per_section):
                if left <= 0:
                    break
                task_no += 1
                count = min(5, left)
                left -= count
                kids = []
                for m in range(count):
                    node = Node(
                        id=next(ids), plan_id=1, parent_id=None, kind=NodeKind.MEASURE, position=m,
                        text=sentence(rng, 30, 110), number=f"{m + 1}.", deadline=DUE,
                        lead=(rng.choice(UNITS),), support=tuple(rng.sample(UNITS, 2)), depth=3,
                    )  # fmt: skip
                    kids.append(node)
                    status = rng.choice(list(Status))
                    progress[node.id] = Progress(
                        node.id, PERIOD, status, rng.choice((0, 30, 60, 100)),
                        sentence(rng, 20, 80), sentence(rng, 0, 30) if rng.random() < 0.4 else "",
                        sentence(rng, 0, 30) if rng.random() < 0.4 else "",
                    )  # fmt: skip
                    lights[node.id] = rng.choice((Light.GREEN, Light.YELLOW, Light.RED, None))
                tasks.append(
                    Node(next(ids), 1, None, NodeKind.TASK, t, sentence(rng, 15, 70), str(task_no),
                         depth=2, children=tuple(kids))
                )  # fmt: skip
            sections.append(
                Node(next(ids), 1, None, NodeKind.GROUP, s, sentence(rng, 8, 20), f"（{ZH[s]}）",
                     depth=1, children=tuple(tasks))
            )  # fmt: skip
        chapters.append(
            Node(next(ids), 1, None, NodeKind.GROUP, g, sentence(rng, 10, 20), f"{ZH[g]}、", children=tuple(sections))
        )
    plan = Plan(1, "基准县“四水四定”年度重点任务表", region="基准县", attachment_label="附件")
    return plan, tuple(chapters), progress, lights


def time_pdf(layout: ReportLayout, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    plan = write_layout_pdf(layout, out)
    return time.perf_counter() - start, len(plan.pages)


def time_libreoffice(layout: ReportLayout, folder: Path) -> tuple[float, float]:
    """(seconds to write the xlsx, seconds for LibreOffice to convert it to PDF)."""
    xlsx = folder / "progress.xlsx"
    start = time.perf_counter()
    write_layout_xlsx(layout, xlsx)
    written = time.perf_counter() - start
    profile = f"-env:UserInstallation=file://{folder}/lo-profile"
    command = ["libreoffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo")]
    warm = folder / "warm.csv"
    warm.write_text("a,b\n1,2\n", encoding="utf-8")
    subprocess.run([*command, str(warm)], check=True, capture_output=True, timeout=600)
    start = time.perf_counter()
    subprocess.run([*command, str(xlsx)], check=True, capture_output=True, timeout=3600)
    return written, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=5000)
    parser.add_argument("--out", type=Path, help="keep the files in this folder")
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()

    folder = args.out or Path(tempfile.mkdtemp(prefix="bench_pdf_"))
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    plan, nodes, progress, lights = generate(args.measures)
    layout = build_progress(plan, nodes, PERIOD, progress, lights, office="基准县水务局")
    print(f"layout: {len(layout.rows)} rows in {time.perf_counter() - start:.2f} s")

    pdf_s, pages = time_pdf(layout, folder / "progress.pdf")
    size = (folder / "progress.pdf").stat().st_size / 1e6
    print(f"write_layout_pdf: {pdf_s:.2f} s, {pages} pages, {size:.1f} MB")
    if args.no_libreoffice or not shutil.which("libreoffice"):
        print("LibreOffice: skipped")
    else:
        xlsx_s, lo_s = time_libreoffice(layout, folder)
        print(f"write_layout_xlsx: {xlsx_s:.2f} s; LibreOffice xlsx → pdf: {lo_s:.2f} s")
        print(f"ratio PDF / LibreOffice: {pdf_s / lo_s:.2f}× (target ≤ 1×)")
    if not args.out:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
