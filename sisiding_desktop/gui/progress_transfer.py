"""The quarter's exchange of tables from the window: read the units' filled-in tables back, fill the prefecture's.

Both run on the worker thread. Reading back is one undo step (its entries go back as they were); filling in writes
a new file beside the prefecture's original, which is never changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from sisiding_desktop.gui.commands.progress_commands import ImportedProgress
from sisiding_desktop.gui.session import Session
from sisiding_desktop.gui.transfer import offer_to_open, open_with_system, remember_folder, remembered_folder
from sisiding_desktop.gui.workers import JobRunner

if TYPE_CHECKING:
    from sisiding_desktop.services.progress_exchange import ProgressImportReport

SETTINGS_GROUP = "progress_exchange"
XLSX_FILTER = "Excel 表格 (*.xlsx *.xlsm);;所有文件 (*)"
LISTED = 12  # unmatched rows named in the summary; the rest are counted


class ProgressTransfer:
    def __init__(self, session: Session, jobs: JobRunner, parent: QWidget) -> None:
        self.session = session
        self.jobs = jobs
        self.parent = parent
        self.open_path: Callable[[Path], None] = open_with_system  # tests replace it
        self.status: Callable[[str], None] = lambda _text: None

    # --- reading the units' tables back --------------------------------------

    def import_progress(self, path: Path | None = None) -> None:
        session = self.session
        plan_id, period = session.plan_id, session.period
        if not plan_id:
            session.prompter.inform("读回进展", "请先在左侧选择一个计划。")
            return
        if path is None:
            path = session.prompter.open_file(f"读回{period.label}进展", remembered_folder(SETTINGS_GROUP), XLSX_FILTER)
            if path is None:
                return
        remember_folder(SETTINGS_GROUP, path)
        services = session.services
        before = services.progress.for_period(plan_id, period)

        def work(report) -> tuple[ProgressImportReport, dict]:
            report(0.1, "正在读取表格")
            result = services.progress_exchange.import_progress(plan_id, path, period)
            return result, services.progress.for_period(plan_id, period)

        self.jobs.start(
            "读回进展",
            work,
            on_success=lambda result: self._imported(plan_id, period, before, path, *result),
            on_failure=session.report,
            on_cancel=lambda: self.status("已取消，进展未改变。"),
        )

    def _imported(self, plan_id, period, before, path: Path, report: ProgressImportReport, after: dict) -> None:
        self.session.push(ImportedProgress(self.session, plan_id, period, before, after, path.name))
        lines = [f"从“{path.name}”记录了 {report.recorded} 条{period.label}进展（可以撤销）。"]
        if report.unmatched:
            lines.append(f"\n有 {len(report.unmatched)} 行没有对应上本计划的措施，未记录：")
            lines += [f"· {line}" for line in report.unmatched[:LISTED]]
            if len(report.unmatched) > LISTED:
                lines.append(f"……另有 {len(report.unmatched) - LISTED} 行")
        if report.warnings:
            lines.append("\n提示：")
            lines += [f"· {line}" for line in report.warnings[:LISTED]]
        self.status(lines[0])
        self.session.prompter.inform("读回进展", "\n".join(lines))

    # --- filling in the prefecture's table ---------------------------------------

    def fill_back(self) -> None:
        session = self.session
        plan_id, period = session.plan_id, session.period
        if not plan_id:
            session.prompter.inform("填入市里的表格", "请先在左侧选择一个计划。")
            return
        template = session.prompter.open_file("选择市里发来的表格", remembered_folder(SETTINGS_GROUP), XLSX_FILTER)
        if template is None:
            return
        remember_folder(SETTINGS_GROUP, template)
        office = session.services.settings.office_name() or "本县"
        suggested = template.with_name(f"{template.stem}（{office}{period.label}）.xlsx")
        out = session.prompter.save_file("另存为（市里的原表不会改动）", str(suggested), "Excel 表格 (*.xlsx)")
        if out is None:
            return
        exchange = session.services.progress_exchange

        def work(report):
            report(0.1, "正在填写表格")
            return exchange.fill_back(plan_id, template, period, out)

        self.jobs.start(
            "填入市里的表格",
            work,
            on_success=lambda result: self._filled(out, result),
            on_failure=session.report,
            on_cancel=lambda: self.status("已取消，没有生成文件。"),
        )

    def _filled(self, out: Path, report) -> None:
        lines = [f"已填写 {report.filled_rows} 行，另存为：\n{out}"]
        if report.added_columns:
            lines.append(f"原表没有进展栏目，已在右侧添加：{'、'.join(report.added_columns)}")
        if report.unmatched:
            lines.append(f"\n有 {len(report.unmatched)} 行没有对应上本计划的措施，未填写：")
            lines += [f"· 第{item.row_index}行：{item.reason}" for item in report.unmatched[:LISTED]]
        lines += [f"提示：{note}" for note in report.notes[:LISTED]]
        self.status(f"已填写 {report.filled_rows} 行：{out}")
        offer_to_open(self.session.prompter, self.open_path, "填写完成", "\n".join(lines), out)
