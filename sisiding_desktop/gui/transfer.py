"""Import and export from the window, both on a worker thread; the first-start offer of the sample plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from sisiding_desktop.gui.collation import chinese_sorted
from sisiding_desktop.gui.commands.plan_commands import CreatePlan, ImportedPlan
from sisiding_desktop.gui.plan_actions import NEW_PLAN_TITLE
from sisiding_desktop.gui.prompts import Prompter
from sisiding_desktop.gui.session import Session
from sisiding_desktop.gui.workers import JobRunner
from sisiding_desktop.machine.paths import resource_path
from sisiding_desktop.services.errors import ServiceError

if TYPE_CHECKING:
    from sisiding_desktop.gui.dialogs.export_dialog import ExportRequest

SETTINGS_GROUP = "import"
SAMPLE_FILE = resource_path("samples", "平罗县四水四定年度重点任务表.xlsx")
PLAN_FILTER = "任务分工表 (*.xlsx *.docx);;Excel 表格 (*.xlsx);;Word 文档 (*.docx);;所有文件 (*)"


def open_with_system(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def remembered_folder(group: str) -> str:
    """The folder a file was last chosen from for this kind of work (home the first time)."""
    return str(QSettings().value(f"{group}/folder", str(Path.home())))


def remember_folder(group: str, path: Path) -> None:
    QSettings().setValue(f"{group}/folder", str(path.parent))


def offer_to_open(prompter: Prompter, open_path: Callable[[Path], None], title: str, text: str, path: Path) -> None:
    """A finished file: open it, open its folder, or neither."""
    choice = prompter.choose(title, text, ["打开文件", "打开所在文件夹", "关闭"])
    if choice == 0:
        open_path(path)
    elif choice == 1:
        open_path(path.parent)


class Transfer:
    def __init__(self, session: Session, jobs: JobRunner, parent: QWidget) -> None:
        self.session = session
        self.jobs = jobs
        self.parent = parent
        self.open_path: Callable[[Path], None] = open_with_system  # tests replace it
        self.status: Callable[[str], None] = lambda _text: None
        self.preview: Callable[[ExportRequest], None] | None = None  # the window's print preview

    # --- import ------------------------------------------------------------

    def import_file(self, path: Path | None = None) -> None:
        """File → preview (on the worker) → confirm → import (on the worker) → show the new plan."""
        if path is None:
            path = self.session.prompter.open_file("导入任务分工表", remembered_folder(SETTINGS_GROUP), PLAN_FILTER)
            if path is None:
                return
        remember_folder(SETTINGS_GROUP, path)
        importing = self.session.services.importing
        self.jobs.start(
            "读取表格",
            lambda report: importing.preview(path, report),
            on_success=lambda preview: self._confirm(path, preview),
            on_failure=lambda error: self._not_read(path, error),
        )

    def _not_read(self, path: Path, error: BaseException) -> None:
        """No table recognised: the preview opens anyway, so the clerk can name the header row."""
        from sisiding_desktop.services.errors import NoTableFound
        from sisiding_desktop.services.importing import ImportPreview

        if not isinstance(error, NoTableFound):
            self.session.report(error)
            return
        hint = f"{error}请在“各列的含义”中选择工作表并指定表头所在的行，再说明各列的含义。"
        self._confirm(path, ImportPreview.nothing_read(path, hint), error.sheets)

    def _confirm(self, path: Path, preview, sheets: tuple[str, ...] = ()) -> None:
        from sisiding_desktop.gui.dialogs.import_preview import ImportPreviewDialog

        importing = self.session.services.importing
        dialog = ImportPreviewDialog(
            preview,
            path.name,
            self.parent,
            reparse=lambda choices: importing.preview(path, choices=choices),
            sheets=sheets,
        )
        if not self.session.prompter.run_dialog(dialog):
            return
        self._import(path, dialog.title() or None, dialog.choices())

    def _import(self, path: Path, title: str | None, choices) -> None:
        importing = self.session.services.importing
        self.jobs.start(
            "导入计划",
            lambda report: importing.import_plan(path, title, report, choices),
            on_success=self._imported,
            on_failure=self.session.report,
            on_cancel=lambda: self.status("已取消导入，数据库未改变。"),
        )

    def _imported(self, result) -> None:
        plan, preview = result
        self.session.push(ImportedPlan(self.session, plan))
        counts = preview.counts()
        self.status(
            f"已导入“{plan.title}”：重点任务 {counts['tasks']} 项，具体措施 {counts['measures']} 条，"
            f"警告 {len(preview.warnings)} 条。"
        )

    # --- first start -------------------------------------------------------

    def offer_start(self) -> None:
        """On an empty database: load the sample 平罗县 plan, start an empty plan, or do nothing."""
        if self.session.services.plans.list_plans():
            return
        choice = self.session.prompter.choose(
            "欢迎使用",
            "数据库中还没有任何计划。\n可以载入示例“平罗县四水四定年度重点任务表”来熟悉程序，"
            "也可以新建一个空白计划，或从“文件 → 导入任务分工表”导入本县的表格。",
            ["载入示例计划", "新建空白计划", "暂不"],
        )
        if choice == 0:
            self._import(SAMPLE_FILE, None, None)
        elif choice == 1:
            self.session.push(CreatePlan(self.session, NEW_PLAN_TITLE))

    # --- export ------------------------------------------------------------

    def export(self, report: str = "division") -> None:
        from sisiding_desktop.gui.dialogs.export_dialog import ExportDialog

        plan_id = self.session.plan_id
        if not plan_id:
            self.session.prompter.inform("导出报表", "请先在左侧选择一个计划。")
            return
        services = self.session.services
        plan = services.plans.get_plan(plan_id)
        units = chinese_sorted(u.name for u in services.units.list_units())
        dialog = ExportDialog(
            plan.title, self.session.period, units, self._choose_file, self.parent, report, self.preview
        )
        if not self.session.prompter.run_dialog(dialog):
            return
        request = dialog.request()
        today = self.session.today()
        exporting = services.exporting

        def work(report_progress) -> Path:
            report_progress(0.1, "正在生成报表")
            return exporting.export(
                plan_id,
                request.report,
                request.fmt,
                request.out,
                period=request.period,
                unit=request.unit,
                columns=request.columns,
                today=today,
            )

        self.jobs.start(
            "导出报表",
            work,
            on_success=lambda path: self._exported(path, request),
            on_failure=self.session.report,
            on_cancel=lambda: self.status("已取消导出。"),
        )

    def export_briefing(self) -> None:
        """The period's written report: drafted on the worker, edited in a dialog, saved as Word or PDF."""
        plan_id, period, today = self.session.plan_id, self.session.period, self.session.today()
        if not plan_id:
            self.session.prompter.inform("导出季度推进情况报告", "请先在左侧选择一个计划。")
            return
        briefing = self.session.services.briefing
        self.jobs.start(
            "起草季度推进情况报告",
            lambda report: briefing.draft(plan_id, period, today=today),
            on_success=lambda draft: self._edit_briefing(plan_id, period, draft),
            on_failure=self.session.report,
        )

    def _edit_briefing(self, plan_id: int, period, draft) -> None:
        from sisiding_desktop.gui.dialogs.briefing_dialog import BriefingDialog

        title = self.session.services.plans.get_plan(plan_id).title
        dialog = BriefingDialog(f"{title}（{period.label}）", draft.text(), self.parent)
        if not self.session.prompter.run_dialog(dialog):
            return
        try:
            edited = draft.edited(dialog.text())
        except ServiceError as exc:
            self.session.report(exc)
            return
        fmt = dialog.fmt()
        out = self._choose_file(f"{title}{period.label}推进情况报告.{fmt}", fmt)
        if out is None:
            return
        out = out.with_suffix(f".{fmt}")
        briefing, today = self.session.services.briefing, self.session.today()
        self.jobs.start(
            "保存季度推进情况报告",
            lambda report: briefing.write(plan_id, period, fmt, out, draft=edited, today=today),
            on_success=self._briefing_written,
            on_failure=self.session.report,
        )

    def _briefing_written(self, path: Path) -> None:
        self.status(f"已保存季度推进情况报告：{path}")
        offer_to_open(self.session.prompter, self.open_path, "保存完成", f"季度推进情况报告已保存到：\n{path}", path)

    def export_unit_lists(self) -> None:
        """Every unit's own task list for the current period, one xlsx each, into a folder — to send them out."""
        plan_id, period = self.session.plan_id, self.session.period
        if not plan_id:
            self.session.prompter.inform("导出各单位任务清单", "请先在左侧选择一个计划。")
            return
        folder = self.session.prompter.choose_folder(f"把各单位的任务清单（{period.label}）保存到", str(Path.home()))
        if folder is None:
            return
        exporting, today = self.session.services.exporting, self.session.today()
        self.jobs.start(
            "导出各单位任务清单",
            lambda report: exporting.export_unit_lists(plan_id, folder, period=period, today=today, progress=report),
            on_success=lambda written: self._unit_lists_written(folder, written),
            on_failure=self.session.report,
            on_cancel=lambda: self.status("已取消；已经生成的清单保留在文件夹中。"),
        )

    def _unit_lists_written(self, folder: Path, written: list[Path]) -> None:
        self.status(f"已导出 {len(written)} 个单位的任务清单：{folder}")
        choice = self.session.prompter.choose(
            "导出完成",
            f"已为 {len(written)} 个单位各导出一份任务清单，保存在：\n{folder}\n\n"
            "发给各单位填写后，可用“进展 → 读回各单位填报的进展”记入本期。",
            ["打开所在文件夹", "关闭"],
        )
        if choice == 0:
            self.open_path(folder)

    def _choose_file(self, suggested: str, fmt: str) -> Path | None:
        return self.session.prompter.save_file("导出到", suggested, _FILE_FILTERS.get(fmt, "PDF 文件 (*.pdf)"))

    def _exported(self, path: Path, request: ExportRequest) -> None:
        self.status(f"已导出：{path}")
        if request.open_after:
            self.open_path(path)
            return
        offer_to_open(self.session.prompter, self.open_path, "导出完成", f"已导出到：\n{path}", path)


_FILE_FILTERS = {"xlsx": "Excel 表格 (*.xlsx)", "pdf": "PDF 文件 (*.pdf)", "docx": "Word 文档 (*.docx)"}
