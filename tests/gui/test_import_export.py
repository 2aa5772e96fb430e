"""Import with a preview and export through the dialog, both on a worker thread; the first-start offer."""

from __future__ import annotations

import time

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from sisiding_desktop.domain.model import Status
from sisiding_desktop.gui.workers import JobRunner
from tests.conftest import PINGLUO_XLSX
from tests.gui.conftest import Q3

CTRL = Qt.KeyboardModifier.ControlModifier


def _wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=20_000)


def test_first_start_offers_the_sample_plan(make_window, services, prompter, qtbot):
    window = make_window()
    prompter.choices.append(0)  # 载入示例计划
    window.transfer.offer_start()
    assert "示例" in prompter.asked[-1]
    qtbot.waitUntil(lambda: bool(services.plans.list_plans()), timeout=20_000)
    _wait_idle(qtbot, window)
    plan = services.plans.list_plans()[0]
    assert plan.title == "平罗县“四水四定”年度重点任务表"
    assert window.session.plan_id == plan.id
    assert window.task_view.model.rowCount() > 0
    assert "重点任务 40 项" in window.status_label.text()


def test_first_start_can_begin_with_an_empty_plan_or_nothing(make_window, services, prompter):
    window = make_window()
    prompter.choices.append(2)  # 暂不
    window.transfer.offer_start()
    assert services.plans.list_plans() == []
    prompter.choices.append(1)  # 新建空白计划
    window.transfer.offer_start()
    assert [p.title for p in services.plans.list_plans()] == ["新建任务分工表"]
    window.transfer.offer_start()  # not asked again once there is a plan
    assert len(prompter.asked) == 2


def test_import_shows_a_preview_and_the_title_can_be_changed(make_window, services, prompter, qtbot):
    window = make_window()
    seen = {}

    def confirm(dialog) -> bool:
        seen["rows"] = dialog.tree.model().rowCount()
        seen["warnings"] = dialog.warnings.count()
        dialog.title_edit.selectAll()
        qtbot.keyClicks(dialog.title_edit, "PingLuo 2024")
        return True

    prompter.files.append(PINGLUO_XLSX)
    prompter.dialogs.append(confirm)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(lambda: bool(services.plans.list_plans()), timeout=20_000)
    _wait_idle(qtbot, window)
    assert seen["rows"] > 0 and seen["warnings"] > 0
    assert [p.title for p in services.plans.list_plans()] == ["PingLuo 2024"]
    assert "已导入" in window.statusBar().currentMessage()
    window.session.undo_stack.undo()  # an import can be taken back like any edit
    assert services.plans.list_plans() == []


def test_cancelling_the_preview_imports_nothing(make_window, services, prompter, qtbot):
    window = make_window()
    prompter.files.append(PINGLUO_XLSX)
    prompter.dialogs.append(lambda dialog: False)
    window.transfer.import_file()
    _wait_idle(qtbot, window)
    assert services.plans.list_plans() == []


def test_a_bad_file_is_refused_in_chinese(make_window, services, prompter, qtbot, tmp_path):
    bad = tmp_path / "不是表格.xlsx"
    bad.write_bytes(b"this is not a workbook")
    window = make_window()
    window.transfer.import_file(bad)
    qtbot.waitUntil(lambda: bool(prompter.messages), timeout=20_000)
    kind, _title, text = prompter.messages[-1]
    assert kind == "warning" and "不是表格.xlsx" in text
    assert services.plans.list_plans() == []


def test_export_the_quarter_report_through_the_dialog(make_window, services, small_plan, prompter, qtbot, tmp_path):
    measure = services.plans.tree(small_plan.id)[0].children[0].children[0]
    services.progress.record(measure.id, Q3, status=Status.IN_PROGRESS, percent=50, progress_text="已完成摸底")
    window = make_window()
    out = tmp_path / "推进情况.xlsx"
    opened = []
    window.transfer.open_path = opened.append

    def fill(dialog) -> bool:
        dialog.report.setCurrentIndex(dialog.report.findData("progress"))
        assert dialog.period.period() == Q3
        dialog.path.setText(str(out))
        dialog.open_after.setChecked(True)
        return True

    prompter.dialogs.append(fill)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened == [out]
    cells = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "已完成摸底" in cells


def test_export_dialog_columns_and_unit_report(make_window, services, small_plan, prompter, qtbot, tmp_path):
    window = make_window()
    out = tmp_path / "住建局.xlsx"

    def fill(dialog) -> bool:
        dialog.report.setCurrentIndex(dialog.report.findData("unit"))
        assert dialog.unit.isEnabled()
        dialog.unit.setCurrentText("住建局")
        dialog.use_period.setChecked(False)
        for i in range(dialog.columns.count()):
            item = dialog.columns.item(i)
            if item.text() == "配合单位":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.path.setText(str(out))
        dialog.open_after.setChecked(False)
        request = dialog.request()
        assert request.unit == "住建局" and request.period is None and "support" not in request.columns
        return True

    prompter.dialogs.append(fill)
    prompter.choices.append(2)  # 关闭
    window.transfer.export()
    qtbot.waitUntil(lambda: out.exists() and not window.jobs.busy(), timeout=20_000)
    assert "已导出到" in prompter.asked[-1]
    headers = [c.value for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert "配合单位" not in headers and "实施公共建筑用水设施节水改造" in "".join(str(h) for h in headers)


def test_export_to_a_missing_folder_is_a_clear_message(make_window, services, small_plan, prompter, qtbot, tmp_path):
    window = make_window()

    def fill(dialog) -> bool:
        dialog.path.setText(str(tmp_path / "没有这个文件夹" / "表.xlsx"))
        return True

    prompter.dialogs.append(fill)
    window.transfer.export()
    qtbot.waitUntil(lambda: bool(prompter.messages), timeout=20_000)
    assert prompter.messages[-1][0] == "warning" and "不存在" in prompter.messages[-1][2]


def test_quick_work_shows_no_progress_dialog(qtbot):
    runner = JobRunner()
    results = []
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start("快速", lambda report: 42, results.append, results.append)
    assert results == [42]
    assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_slow_work_shows_a_progress_dialog_that_cancels(qtbot):
    runner = JobRunner()
    outcome = []

    def slow(report):
        for step in range(200):
            report(step / 200, f"第 {step} 步")
            time.sleep(0.02)
        return "done"

    runner.start("慢的任务", slow, outcome.append, outcome.append, on_cancel=lambda: outcome.append("cancelled"))
    qtbot.waitUntil(lambda: runner.dialog is not None and runner.dialog.isVisible(), timeout=3000)
    assert runner.dialog.windowTitle() == "慢的任务"
    qtbot.waitUntil(lambda: "第" in runner.dialog.labelText(), timeout=3000)
    cancel = runner.dialog.findChild(QPushButton)
    assert cancel.text() == "取消"
    with qtbot.waitSignal(runner.finished, timeout=5000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert outcome == ["cancelled"]
    assert runner.dialog is None and not runner.busy()


def test_an_error_in_a_job_comes_back_to_the_gui_thread(qtbot):
    runner = JobRunner()
    failures = []

    def broken(report):
        raise ValueError("坏了")

    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start("出错", broken, lambda _r: None, failures.append)
    assert isinstance(failures[0], ValueError)


def test_export_as_pdf_when_the_pdf_writer_is_there(make_window, services, small_plan, prompter, qtbot, tmp_path):
    from sisiding_desktop.gui.dialogs.export_dialog import pdf_available

    if not pdf_available():
        return
    window = make_window()
    out = tmp_path / "分工表.pdf"
    opened = []
    window.transfer.open_path = opened.append

    def fill(dialog) -> bool:
        qtbot.mouseClick(dialog.pdf, Qt.MouseButton.LeftButton)
        assert dialog.path.text().endswith(".pdf")
        dialog.path.setText(str(out))
        dialog.open_after.setChecked(True)
        return True

    prompter.dialogs.append(fill)
    window.transfer.export()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert out.read_bytes().startswith(b"%PDF")


def _drop_file(window, path) -> bool:
    """Drag ``path`` from the desktop onto the window and let go, as the window system delivers it."""
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    point = QPoint(window.width() // 2, 20)
    enter = QDragEnterEvent(
        point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(point), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_a_table_dropped_on_the_window_is_imported_through_the_preview(make_window, services, prompter, qtbot):
    window = make_window()
    previewed = []
    prompter.dialogs.append(lambda dialog: previewed.append(dialog.title_edit.text()) or True)
    assert _drop_file(window, PINGLUO_XLSX)
    qtbot.waitUntil(lambda: bool(services.plans.list_plans()), timeout=20_000)
    _wait_idle(qtbot, window)
    assert previewed == ["平罗县“四水四定”年度重点任务表"]
    assert window.task_view.model.rowCount() > 0


def test_other_files_dropped_on_the_window_are_not_taken(make_window, services, tmp_path):
    window = make_window()
    note = tmp_path / "说明.txt"
    note.write_text("不是表格", encoding="utf-8")
    assert not _drop_file(window, note)
    assert services.plans.list_plans() == []


def test_a_database_file_dropped_on_the_window_is_opened(make_window, services, tmp_path):
    from sisiding_desktop.services import Services
    from sisiding_desktop.store import Database

    other_path = tmp_path / "惠农区.sqlite"
    with Database.open(other_path) as db:
        Services(db).plans.create_plan("惠农区任务分工表")
    window = make_window()
    assert _drop_file(window, other_path)
    assert window.session.services.db.path == other_path.resolve()
    assert window.plan_model.plan_at(0).title == "惠农区任务分工表"
    window.session.services.db.close()
