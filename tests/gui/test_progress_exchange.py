"""The quarter's exchange from the window: the units' filled-in tables read back (one undo step), the
prefecture's table filled in and saved as a new file."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from sisiding_desktop.domain.model import Status
from tests.conftest import PINGLUO_XLSX
from tests.gui.conftest import Q3

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=20_000)


def _units_reply(services, plan_id, folder, count=4):
    """The progress table exported for the quarter, filled in by a unit for ``count`` measures."""
    blank = services.exporting.export(plan_id, "progress", "xlsx", folder / "推进情况.xlsx", period=Q3)
    workbook = load_workbook(blank)
    sheet = workbook.active
    header_row, header = next(
        (row[0].row, [c.value for c in row])
        for row in sheet.iter_rows(max_row=10)
        if "具体落实措施" in [c.value for c in row]
    )
    filled = 0
    for row in sheet.iter_rows(min_row=header_row + 1):
        if row[header.index("具体落实措施")].value and filled < count:
            row[header.index("进展情况")].value = f"第{filled + 1}项已完成招标"
            row[header.index("完成率")].value = "80%"
            filled += 1
    reply = folder / "水务局填报.xlsx"
    workbook.save(reply)
    return reply


def test_reading_the_units_tables_back_records_the_quarter_and_undo_takes_it_back(
    make_window, services, pingluo, prompter, qtbot, tmp_path
):
    first = next(n for n in services.plans.tree(pingluo.id)[0].children[0].children[0].children)
    services.progress.record(first.id, Q3, status=Status.BEHIND, percent=10, progress_text="原来的进展")
    reply = _units_reply(services, pingluo.id, tmp_path)
    window = make_window()
    prompter.files.append(reply)
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL_SHIFT)
    _wait_idle(qtbot, window)
    entries = services.progress.for_period(pingluo.id, Q3)
    texts = sorted(e.progress_text for e in entries.values())
    assert texts == ["第1项已完成招标", "第2项已完成招标", "第3项已完成招标", "第4项已完成招标"]
    assert entries[first.id].percent == 80 and entries[first.id].status is Status.BEHIND  # only what was filled in
    assert "记录了 4 条2024年第3季度进展" in prompter.messages[-1][2]
    window.show_tab(1)
    qtbot.waitUntil(lambda: "已填写 4 /" in window.quarter_view.count_label.text())

    window.session.undo_stack.undo()
    entries = services.progress.for_period(pingluo.id, Q3)
    assert list(entries) == [first.id]
    assert (entries[first.id].progress_text, entries[first.id].percent) == ("原来的进展", 10)
    window.session.undo_stack.redo()
    assert len(services.progress.for_period(pingluo.id, Q3)) == 4


def test_a_table_without_progress_columns_is_refused_in_chinese(make_window, services, small_plan, prompter, qtbot):
    window = make_window()
    prompter.files.append(PINGLUO_XLSX)  # a plan table, not a filled-in progress table
    window.exchange.import_progress()
    _wait_idle(qtbot, window)
    assert prompter.messages[-1][0] == "warning" and "未找到推进情况表的表头" in prompter.messages[-1][2]
    assert services.progress.for_period(small_plan.id, Q3) == {}
    assert not window.session.undo_stack.canUndo()


def test_filling_in_the_prefectures_table_saves_a_new_file_and_leaves_the_original(
    make_window, services, pingluo, prompter, qtbot, tmp_path
):
    measure = services.plans.tree(pingluo.id)[0].children[0].children[0].children[0]
    services.progress.record(measure.id, Q3, status=Status.IN_PROGRESS, percent=60, progress_text="已完成边界划定")
    template = tmp_path / "石嘴山市任务分工表.xlsx"
    template.write_bytes(PINGLUO_XLSX.read_bytes())
    original = template.read_bytes()
    out = tmp_path / "报市里.xlsx"
    opened = []
    window = make_window()
    window.exchange.open_path = opened.append
    prompter.files += [template, out]
    prompter.choices.append(0)  # 打开文件
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL_SHIFT)
    _wait_idle(qtbot, window)
    assert opened == [out]
    assert template.read_bytes() == original
    texts = {c.value for row in load_workbook(out).active.iter_rows() for c in row if c.value}
    assert "已完成边界划定" in texts
    assert "已填写 1 行" in window.statusBar().currentMessage()


def test_each_units_task_list_goes_into_the_chosen_folder(make_window, services, pingluo, prompter, qtbot, tmp_path):
    folder = tmp_path / "发各单位"
    folder.mkdir()
    opened = []
    window = make_window()
    window.transfer.open_path = opened.append
    prompter.files.append(folder)
    prompter.choices.append(0)  # 打开所在文件夹
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL_SHIFT)
    _wait_idle(qtbot, window)
    names = sorted(p.name for p in folder.iterdir())
    assert "水务局任务清单（2024年第3季度）.xlsx" in names and len(names) > 10
    assert opened == [folder]
    assert "读回各单位填报的进展" in prompter.asked[-1]
