"""The 市's desk in the window: several counties' returned tables read in at once, each its own undo step, the
汇总 tab's ranking and measures, the 市's remarks, the summary exported."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sisiding_desktop.domain.model import Status
from sisiding_desktop.gui.main_window import SUMMARY_TAB
from tests.exchange.city_table import write_city_table
from tests.gui.conftest import Q3
from tests.services.test_returns import county_return, measures_of, with_reporter

CTRL = Qt.KeyboardModifier.ControlModifier


def test_returns_read_in_the_window_and_the_summary_shown(make_window, services, prompter, qtbot, tmp_path):
    table = write_city_table(tmp_path)
    plan, _ = services.importing.import_plan(table)
    services.plans.update_plan(plan.id, year_from=2024, year_to=2024)
    for name in ("大武口区", "惠农区"):
        services.bodies.add_body(plan.id, name)
    count = len(measures_of(services, plan.id))
    files = [
        county_return(
            tmp_path,
            table,
            "平罗县",
            {1: (Status.IN_PROGRESS, 30, "推进中")},
            file_name="平罗县2024年第三季度推进情况.xlsx",
        ),  # fmt: skip
        county_return(tmp_path, table, "大武口区", dict.fromkeys(range(count), (Status.DONE, 100, "已完成"))),
        with_reporter(
            county_return(tmp_path, table, "贺兰", {0: (Status.BEHIND, 10, "滞后")}, file_name="c.xlsx"),
            "填报单位：贺兰县水务局",
        ),  # fmt: skip
        county_return(tmp_path, table, "无名", {0: (Status.IN_PROGRESS, 40, "推进中")}, file_name="d.xlsx"),
    ]
    window = make_window()
    window.show_tab(SUMMARY_TAB)
    prompter.files.append(files)
    prompter.answers += [True, True]  # add 平罗县 (its file's name says it) and 贺兰县水务局 to the list
    prompter.items.append("惠农区")  # the file that names no sender
    window.actions_by_name["read_returns"].trigger()
    qtbot.waitUntil(lambda: any(m[1] == "读入报送的表格" for m in prompter.messages), timeout=30_000)
    summary_text = next(m[2] for m in prompter.messages if m[1] == "读入报送的表格")
    assert "已读入 4 份" in summary_text and "贺兰县水务局" in summary_text
    assert any("文件名写的是“平罗县”" in q for q in prompter.asked)
    assert any("填报单位写的是“贺兰县水务局”" in q for q in prompter.asked)
    view = window.summary_view
    qtbot.waitUntil(lambda: view.standings.rowCount() == 4)
    first = view.standings.index(0, 1).data()
    assert first == "大武口区" and view.standings.index(0, 0).data() == "1"
    assert "已报送 4 个" in view.heading.text()
    stack = window.session.undo_stack
    assert stack.undoText().startswith("读入惠农区报送的表格")
    stack.undo()  # that one file only
    assert set(services.returns.returns(plan.id, Q3)) == {b.id for b in services.bodies.list_bodies(plan.id)
                                                         if b.name != "惠农区"}  # fmt: skip
    stack.redo()
    assert len(services.returns.returns(plan.id, Q3)) == 4

    view.body_filter.setCurrentIndex(view.body_filter.findText("惠农区"))
    model = view.measures
    assert model.headers[-1] == "市级意见"
    row = next(r for r in range(model.rowCount()) if model.word(r) is not None)
    assert model.setData(model.index(row, model.REMARKS), "请加快进度。")
    body = next(b for b in services.bodies.list_bodies(plan.id) if b.name == "惠农区")
    entry = services.returns.entries(plan.id, Q3)[(body.id, model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1))]
    assert entry.city_remarks == "请加快进度。"
    stack.undo()
    assert services.returns.entries(plan.id, Q3)[(body.id, entry.progress.node_id)].city_remarks == ""

    out = tmp_path / "汇总.xlsx"
    prompter.files.append(out)
    prompter.choices.append(2)  # 关闭
    window.actions_by_name["export_summary"].trigger()
    qtbot.waitUntil(out.is_file, timeout=30_000)


def test_several_returns_dropped_on_the_window_are_read_in(make_window, services, prompter, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    table = write_city_table(tmp_path)
    plan, _ = services.importing.import_plan(table)
    for name in ("大武口区", "惠农区"):
        services.bodies.add_body(plan.id, name)
    files = [
        county_return(tmp_path, table, name, {0: (Status.IN_PROGRESS, 50, name)}) for name in ("大武口区", "惠农区")
    ]
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    point = QPoint(window.width() // 2, 20)
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime, buttons, keys))
    qtbot.waitUntil(lambda: len(services.returns.returns(plan.id, Q3)) == 2, timeout=30_000)
    qtbot.waitUntil(lambda: window.session.undo_stack.count() == 2)  # one step per file, once the worker is done


def test_the_print_preview_of_the_summary_tab_is_the_summary(make_window, services, prompter, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from sisiding_desktop.gui.print_preview import paint_layout

    table = write_city_table(tmp_path)
    plan, _ = services.importing.import_plan(table)
    services.bodies.add_body(plan.id, "惠农区")
    services.returns.read_many(plan.id, [county_return(tmp_path, table, "惠农区", {0: (Status.DONE, 100, "完成")})], Q3)
    window = make_window()
    window.show_tab(SUMMARY_TAB)
    assert window.report_for_tab() == "summary"
    layouts = window.printing.layout("summary")
    assert [layout.sheet_name for layout in layouts] == ["报送情况及排名", "各项措施汇总"]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "预览.pdf"))
    assert paint_layout(layouts, printer) >= 3  # ranking, its chart, the measures
