"""``--self-test``: prove an installed copy works, without a screen and without touching the office's data.

In a temporary folder: create a database (running every migration), import the bundled sample plan, record one
progress entry, export the progress report as xlsx and PDF, read both back, make a verified backup, and build the
main window offscreen. Each step prints one Chinese line; the exit status is 0 only when every step passed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sisiding_desktop.domain.model import NodeKind, Period, Status
from sisiding_desktop.machine import paths
from sisiding_desktop.machine.fonts import bundled_font_files
from sisiding_desktop.services import Services
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store import Database

SAMPLE_NAME = "平罗县四水四定年度重点任务表.xlsx"
PERIOD = Period(2024, 3)
PROGRESS_TEXT = "自检：已完成节水型单位建设验收资料整理"
PERCENT = 60


DrawWindow = Callable[[Services], str]


class CheckFailed(Exception):
    """A self-test step found something wrong (message in Chinese)."""


@dataclass
class SelfTest:
    """The steps share one temporary folder and one open database."""

    folder: Path
    out: TextIO = sys.stdout
    services: Services | None = None
    plan_id: int = 0
    measure_id: int = 0
    files: dict[str, Path] = field(default_factory=dict)
    draw_window: DrawWindow | None = None  # the GUI's own check, handed in by the caller: nothing here imports Qt

    def run(self) -> bool:
        steps: list[tuple[str, Callable[[], str]]] = [
            ("随附字体", self.check_fonts),
            ("新建数据库", self.create_database),
            ("导入示例计划", self.import_sample),
            ("记录进展", self.record_progress),
            ("导出 Excel", self.export_xlsx),
            ("导出 PDF", self.export_pdf),
            ("备份", self.backup),
        ]
        if self.draw_window is not None:
            steps.append(("主窗口", self.build_window))
        try:
            for name, step in steps:
                try:
                    detail = step()
                except CheckFailed as exc:
                    self.say(f"✗ {name}：{exc}")
                    return False
                except Exception as exc:  # the self-test reports every failure as a failed step
                    self.say(f"✗ {name}：意外错误 {type(exc).__name__}: {exc}")
                    self.say("".join(traceback.format_exception(exc)))
                    return False
                self.say(f"✓ {name}：{detail}")
            return True
        finally:
            if self.services is not None:
                self.services.db.close()

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def check_fonts(self) -> str:
        files = bundled_font_files()
        missing = [p.name for p in files if not p.is_file()]
        if not files or missing:
            raise CheckFailed(f"找不到字体文件 {'、'.join(missing) or paths.resource_path('fonts')}")
        return f"{len(files)} 个字体文件"

    def create_database(self) -> str:
        self.services = Services(Database.open(self.folder / "自检.sqlite"), user="自检")
        return str(self.services.db.path)

    def import_sample(self) -> str:
        sample = paths.resource_path("samples", SAMPLE_NAME)
        if not sample.is_file():
            raise CheckFailed(f"找不到示例文件 {sample}")
        plan, preview = self.services.importing.import_plan(sample)
        counts = preview.counts()
        measures = [n for n in walk(self.services.plans.tree(plan.id)) if n.kind == NodeKind.MEASURE]
        if not measures or counts["tasks"] == 0:
            raise CheckFailed("示例计划中没有读到任务")
        self.plan_id, self.measure_id = plan.id, measures[0].id
        return f"“{plan.title}”，重点任务 {counts['tasks']} 项，具体措施 {len(measures)} 条"

    def record_progress(self) -> str:
        self.services.progress.record(
            self.measure_id, PERIOD, status=Status.IN_PROGRESS, percent=PERCENT, progress_text=PROGRESS_TEXT
        )
        stored = self.services.progress.for_period(self.plan_id, PERIOD).get(self.measure_id)
        if stored is None or stored.percent != PERCENT or stored.progress_text != PROGRESS_TEXT:
            raise CheckFailed("记录的进展读回后不一致")
        return f"{PERIOD.label}，{PERCENT}%"

    def export_xlsx(self) -> str:
        out = self.export("xlsx")
        from openpyxl import load_workbook

        try:
            with zipfile.ZipFile(out) as package:
                if package.testzip() is not None:
                    raise CheckFailed("导出的 Excel 文件已损坏")
            workbook = load_workbook(out, read_only=True)
        except (zipfile.BadZipFile, OSError) as exc:
            raise CheckFailed(f"导出的 Excel 文件无法读取：{exc}") from exc
        texts = {str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row if v}
        workbook.close()
        if not any(PROGRESS_TEXT in text for text in texts):
            raise CheckFailed("导出的 Excel 文件中没有刚记录的进展")
        return f"{out.name}，{out.stat().st_size // 1024} KB"

    def export_pdf(self) -> str:
        out = self.export("pdf")
        data = out.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise CheckFailed("导出的 PDF 文件不完整")
        if b"/FontFile2" not in data:
            raise CheckFailed("导出的 PDF 没有嵌入字体")
        return f"{out.name}，{len(data) // 1024} KB，字体已嵌入"

    def export(self, fmt: str) -> Path:
        out = self.folder / f"推进情况.{fmt}"
        self.services.exporting.export(self.plan_id, "progress", fmt, out, period=PERIOD)
        if not out.is_file() or out.stat().st_size == 0:
            raise CheckFailed(f"没有生成 {out.name}")
        self.files[fmt] = out
        return out

    def backup(self) -> str:
        out = self.services.backups.backup_to(self.folder / "自检备份.sqlite")
        return out.name

    def build_window(self) -> str:
        return self.draw_window(self.services)


def run_self_test(out: TextIO = sys.stdout, draw_window: DrawWindow | None = None) -> int:
    """Run every step in a fresh temporary folder; 0 when all passed, 1 otherwise.

    ``draw_window`` builds and draws the main window on the self-test's services and describes what it drew
    (the GUI package offers one); without it the window step is left out.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="sisiding-selftest-") as folder:
        previous = os.environ.get(paths.DATA_DIR_ENV)
        os.environ[paths.DATA_DIR_ENV] = str(Path(folder) / "数据")  # logs and settings stay in the folder too
        try:
            passed = SelfTest(Path(folder), out, draw_window=draw_window).run()
        finally:
            if previous is None:
                os.environ.pop(paths.DATA_DIR_ENV, None)
            else:
                os.environ[paths.DATA_DIR_ENV] = previous
    print("自检通过。" if passed else "自检未通过。", file=out, flush=True)
    return 0 if passed else 1
