"""The 市's desk in the window: its bodies' returned tables read in, several at a time, each its own undo step.

The files are read on the worker (nothing saved yet); each file's sender is then settled with the clerk when
the file does not make it clear (a list to choose from, or a new body to add); then every file is saved on the
worker, and each saved file becomes one undo step. A file that cannot be read is named in the summary at the
end and changes nothing; the others still come in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QWidget

from sisiding_desktop.gui.commands.return_commands import AddBody, ImportedReturn
from sisiding_desktop.gui.session import Session
from sisiding_desktop.gui.transfer import offer_to_open, open_with_system, remember_folder, remembered_folder
from sisiding_desktop.gui.workers import JobRunner
from sisiding_desktop.services import ServiceError
from sisiding_desktop.services.returns import ReturnRead, expand_paths
from sisiding_desktop.services.unit_lists import safe_file_name

SETTINGS_GROUP = "returns"
XLSX_FILTER = "Excel 表格 (*.xlsx *.xlsm);;所有文件 (*)"
SUMMARY_FILTER = "Excel 表格 (*.xlsx);;PDF 文件 (*.pdf);;Word 文档 (*.docx)"
NEW_BODY = "（新增报送单位…）"
LISTED = 8  # unmatched rows named per file in the summary


class ReturnsTransfer:
    def __init__(self, session: Session, jobs: JobRunner, parent: QWidget) -> None:
        self.session = session
        self.jobs = jobs
        self.parent = parent
        self.status: Callable[[str], None] = lambda _text: None
        self.open_path: Callable[[Path], None] = open_with_system  # tests replace it

    def read_returns(self, paths: Sequence[Path] | None = None) -> None:
        """Ask for the files (or take those dropped on the window), read them, settle senders, save each."""
        session = self.session
        plan_id, period = session.plan_id, session.period
        if not plan_id:
            session.prompter.inform("读入报送的表格", "请先在左侧选择一个计划。")
            return
        if paths is None:
            paths = session.prompter.open_files(
                f"读入各县（区）报送的{period.label}表格（可多选）", remembered_folder(SETTINGS_GROUP), XLSX_FILTER
            )
        files = expand_paths(paths)
        if not files:
            return
        remember_folder(SETTINGS_GROUP, files[0])
        returns = session.services.returns

        def read_all(report) -> list[ReturnRead | tuple[Path, str]]:
            results: list[ReturnRead | tuple[Path, str]] = []
            for index, path in enumerate(files):
                report(index / len(files), f"正在读取“{path.name}”（{index + 1}/{len(files)}）")
                try:
                    results.append(returns.read_file(plan_id, path))
                except ServiceError as exc:
                    results.append((path, str(exc)))
            return results

        self.jobs.start(
            "读入报送的表格",
            read_all,
            on_success=lambda results: self._settle(plan_id, period, results),
            on_failure=session.report,
            on_cancel=lambda: self.status("已取消，没有读入任何表格。"),
        )

    def _settle(self, plan_id, period, results) -> None:
        """Each read file's body, asked for when the file does not say it clearly; then save them all."""
        chosen: list[tuple[ReturnRead, int]] = []
        lines: list[str] = []
        for result in results:
            if isinstance(result, tuple):
                lines.append(f"✗ {result[1]}")
                continue
            body_id = self._body_for(plan_id, result)
            if body_id is None:
                lines.append(f"✗ “{result.path.name}”：没有确定报送单位，未读入。")
                continue
            chosen.append((result, body_id))
        if not chosen:
            self._tell(lines)
            return
        returns = self.session.services.returns

        def save_all(report):
            saved = []
            for index, (read, body_id) in enumerate(chosen):
                report(index / len(chosen), f"正在记录“{read.path.name}”（{index + 1}/{len(chosen)}）")
                try:
                    saved.append(returns.save(plan_id, read, period, body_id))
                except ServiceError as exc:
                    saved.append(f"✗ {exc}")
            return saved

        self.jobs.start(
            "记录报送的表格",
            save_all,
            on_success=lambda saved: self._saved(plan_id, period, saved, lines),
            on_failure=self.session.report,
        )

    def _body_for(self, plan_id: int, read: ReturnRead) -> int | None:
        sender, prompter = read.sender, self.session.prompter
        if sender.body is not None:
            return sender.body.id
        if sender.is_new and prompter.ask(
            "新的报送单位",
            f"“{read.path.name}”的{sender.where}写的是“{sender.said}”，不在报送单位名单中。\n"
            "是否把它加入名单并读入这份表格？",
        ):
            return self._add_body(plan_id, sender.said)
        bodies = self.session.services.bodies.list_bodies(plan_id)
        names = [b.name for b in (sender.candidates or bodies)]
        why = f"表中写的“{sender.said}”可能是几个单位。" if sender.candidates else "表中没有写明填报单位。"
        picked = prompter.item("这份表格是哪个单位报送的？", f"“{read.path.name}”：{why}", [*names, NEW_BODY])
        if picked is None:
            return None
        if picked == NEW_BODY:
            name = prompter.text("新增报送单位", "报送单位名称（如：惠农区）：", sender.said)
            return self._add_body(plan_id, name.strip()) if name and name.strip() else None
        return next(b.id for b in bodies if b.name == picked)

    def _add_body(self, plan_id: int, name: str) -> int | None:
        command = AddBody(self.session, plan_id, name)
        if not self.session.push(command) or command.body is None:
            return None
        return command.body.id

    def _saved(self, plan_id, period, saved, lines: list[str]) -> None:
        read_in = 0
        for item in saved:
            if isinstance(item, str):
                lines.append(item)
                continue
            read_in += 1
            self.session.push(ImportedReturn(self.session, plan_id, item))
            line = f"✓ {item.body.name}：“{item.file_name}”，记录 {item.recorded} 条"
            if item.replaced is not None:
                line += f"（替换了此前读入的“{item.replaced.file_name}”）"
            lines.append(line)
            for text in item.unmatched[:LISTED]:
                lines.append(f"　　未对应：{text}")
            if len(item.unmatched) > LISTED:
                lines.append(f"　　……另有 {len(item.unmatched) - LISTED} 行未对应")
        self.status(f"已读入 {read_in} 份报送的{period.label}表格（每份可以单独撤销）。")
        self._tell([f"已读入 {read_in} 份{period.label}表格，每份可以单独撤销：", *lines])

    def _tell(self, lines: list[str]) -> None:
        if lines:
            self.session.prompter.inform("读入报送的表格", "\n".join(lines))

    # --- the summary and the feedback out -------------------------------------------------------------

    def export_summary(self) -> None:
        """The 汇总表 (ranking, then every measure) as xlsx, PDF or Word."""
        session = self.session
        plan_id, period = session.plan_id, session.period
        if not plan_id:
            session.prompter.inform("导出汇总表", "请先在左侧选择一个计划。")
            return
        plan = session.services.plans.get_plan(plan_id)
        suggested = (
            Path(remembered_folder(SETTINGS_GROUP)) / f"{safe_file_name(plan.title)}汇总表（{period.label}）.xlsx"
        )
        out = session.prompter.save_file("导出汇总表", str(suggested), SUMMARY_FILTER)
        if out is None:
            return
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "pdf", "docx"):
            out, fmt = out.with_suffix(".xlsx"), "xlsx"
        exporting, today = session.services.exporting, session.today()
        self.jobs.start(
            "导出汇总表",
            lambda report: exporting.export(plan_id, "summary", fmt, out, period=period, today=today),
            on_success=lambda path: offer_to_open(
                session.prompter, self.open_path, "导出完成", f"已导出：\n{path}", path
            ),
            on_failure=session.report,
        )

    def export_feedback(self) -> None:
        """Every reported body's 反馈清单 (its red and yellow measures with the 市's remarks), one file each."""
        session = self.session
        plan_id, period = session.plan_id, session.period
        if not plan_id:
            session.prompter.inform("导出反馈清单", "请先在左侧选择一个计划。")
            return
        folder = session.prompter.choose_folder(
            f"把各单位的反馈清单（{period.label}）保存到", remembered_folder(SETTINGS_GROUP)
        )
        if folder is None:
            return
        exporting, today = session.services.exporting, session.today()
        self.jobs.start(
            "导出反馈清单",
            lambda report: exporting.export_feedback(plan_id, folder, period, today=today),
            on_success=lambda written: self._feedback_written(folder, written),
            on_failure=session.report,
        )

    def _feedback_written(self, folder: Path, written: list[Path]) -> None:
        if not written:
            self.session.prompter.inform("导出反馈清单", "本期还没有单位报送，没有可导出的反馈清单。")
            return
        self.status(f"已导出 {len(written)} 份反馈清单：{folder}")
        choice = self.session.prompter.choose(
            "导出完成",
            f"已为 {len(written)} 个报送单位各导出一份反馈清单，保存在：\n{folder}",
            ["打开所在文件夹", "关闭"],
        )
        if choice == 0:
            self.open_path(folder)

    def edit_bodies(self) -> None:
        """The plan's reporting bodies: add, rename, remove (each an undo step)."""
        from sisiding_desktop.gui.dialogs.bodies_dialog import BodiesDialog

        if not self.session.plan_id:
            self.session.prompter.inform("报送单位名单", "请先在左侧选择一个计划。")
            return
        self.session.prompter.run_dialog(BodiesDialog(self.session, self.session.plan_id, self.parent))
