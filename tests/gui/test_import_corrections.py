"""Correcting the import in its preview: a column's meaning picked from the drop-down, a row's kind from the
row's menu, the header row named; the tree is read again at once and the import uses the corrections."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.gui.dialogs.buttons import OK
from sisiding_desktop.gui.models.column_roles_model import ROLE
from sisiding_desktop.services.tree import walk
from tests.exchange.city_table import write_scored_table
from tests.exchange.workbooks import put_rows, save, sheet
from tests.gui.helpers import find_index, open_editor


def _wait_idle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy(), timeout=20_000)


def _pick_role(qtbot, dialog, header: str, label: str) -> None:
    """Double-click the 读作 cell of the column headed ``header`` and pick ``label`` in its drop-down."""
    dialog.tabs.setCurrentIndex(1)
    view = dialog.columns
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, 2).data() == header)
    editor = open_editor(qtbot, view, view.model().index(row, ROLE))
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findText(label))
    editor.activated.emit(editor.currentIndex())


def test_a_column_and_a_row_corrected_in_the_preview_are_imported_so(make_window, services, prompter, tmp_path, qtbot):
    window = make_window()
    seen = {}

    def correct(dialog) -> bool:
        seen["before"] = [w.message for w in dialog.preview.warnings]
        assert dialog.columns.model().index(4, ROLE).data() == "未识别（未导入）"
        _pick_role(qtbot, dialog, "考核分值", "备注")
        assert dialog.columns.model().index(4, ROLE).data() == "备注"
        assert dialog.warnings.item(0).text() == "没有需要注意的问题。"
        index = find_index(dialog.tree, "开展灌区标准化管理。")
        menu = dialog.row_menu(index)
        action = next(a for a in menu.actions() if a.text().endswith("重点任务"))
        action.trigger()  # the row is read again as a task of its own
        seen["roots"] = dialog.tree.model().rowCount()
        return True

    prompter.files.append(write_scored_table(tmp_path))
    prompter.dialogs.append(correct)
    window.transfer.import_file()
    qtbot.waitUntil(lambda: bool(services.plans.list_plans()), timeout=20_000)
    _wait_idle(qtbot, window)
    assert any("考核分值" in message for message in seen["before"])
    assert seen["roots"] == 3
    plan = services.plans.list_plans()[0]
    nodes = list(walk(services.plans.tree(plan.id)))
    tasks = [n for n in nodes if n.kind is NodeKind.TASK]
    assert [t.text for t in tasks] == ["推进灌区改造", "开展灌区标准化管理。", "推广节水灌溉"]
    assert [n.remarks for n in nodes if n.kind is NodeKind.MEASURE] == ["5分", "3分"]
    # the next file with the same header comes in with 考核分值 read as 备注, unasked
    assert services.importing.preview(write_scored_table(tmp_path)).warnings == ()


def test_the_header_row_can_be_set_in_the_preview(make_window, services, prompter, tmp_path, qtbot):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位"],  # a header the office pasted above its own
            ["编号", "任务", "措施", "牵头"],
            [1, "推进灌区改造", "1.完成灌区续建配套。", "县水利局"],
        ],
    )
    path = save(wb, tmp_path, "两行表头.xlsx")
    window = make_window()
    seen = {}

    def correct(dialog) -> bool:
        seen["first"] = [n.text for n in dialog.preview.parsed.nodes]
        dialog.tabs.setCurrentIndex(1)
        dialog.header_row.setValue(2)
        qtbot.mouseClick(dialog.header_button, Qt.MouseButton.LeftButton)
        seen["then"] = [n.text for n in dialog.preview.parsed.nodes]
        return True

    prompter.files.append(path)
    prompter.dialogs.append(correct)
    window.transfer.import_file()
    qtbot.waitUntil(lambda: bool(services.plans.list_plans()), timeout=20_000)
    _wait_idle(qtbot, window)
    assert seen["then"] == ["推进灌区改造"] and seen["first"] != seen["then"]
    plan = services.plans.list_plans()[0]
    assert [n.text for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.TASK] == ["推进灌区改造"]


def test_likely_duplicate_units_are_merged_with_one_click(make_window, services, prompter, tmp_path, qtbot):
    wb, ws = sheet()
    put_rows(
        ws,
        [
            ["序号", "重点任务", "具体措施", "牵头单位", "配合单位"],
            [1, "推进灌区改造", "1.完成灌区续建配套。", "县水利局", "县发改局"],
            [2, "推广节水灌溉", "1.新增高效节水灌溉面积。", "县水利局", "县发展改革委"],
        ],
    )
    path = save(wb, tmp_path, "固阳县任务分工表.xlsx")
    window = make_window()
    seen = {}

    def merge(dialog) -> bool:
        dialog.tabs.setCurrentIndex(2)
        seen["groups"] = [dialog.duplicates.item(i).text() for i in range(dialog.duplicates.count())]
        dialog.merge_target.setCurrentText("县发展改革委")
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        seen["after"] = dialog.duplicates.count()
        return True

    prompter.files.append(path)
    prompter.dialogs.append(merge)
    window.transfer.import_file()
    qtbot.waitUntil(lambda: bool(services.plans.list_plans()), timeout=20_000)
    _wait_idle(qtbot, window)
    assert seen == {"groups": ["县发改局、县发展改革委"], "after": 0}
    plan = services.plans.list_plans()[0]
    supports = {u.name for n in walk(services.plans.tree(plan.id)) for u in n.support}
    assert supports == {"县发展改革委"}
    assert services.units.find_unit("县发改局").name == "县发展改革委"


def test_a_table_whose_header_nobody_knows_is_read_once_its_header_and_columns_are_named(
    make_window, services, prompter, tmp_path, qtbot
):
    wb, ws = sheet("工作安排")
    put_rows(
        ws,
        [
            ["某县节水工作安排"],
            ["No.", "行动", "做法", "负责"],
            [1, "推进灌区改造", "完成灌区续建配套。", "县水利局"],
            [2, "推广节水灌溉", "新增高效节水灌溉面积。", "县农业农村局"],
        ],
    )
    path = save(wb, tmp_path, "安排.xlsx")
    window = make_window()
    seen = {}

    def name_everything(dialog) -> bool:
        seen["import_enabled"] = dialog.buttons.button(OK).isEnabled()
        assert dialog.tabs.currentIndex() == 1 and dialog.header_sheet.currentText() == "工作安排"
        dialog.header_row.setValue(2)
        qtbot.mouseClick(dialog.header_button, Qt.MouseButton.LeftButton)
        for header, label in (("No.", "序号"), ("行动", "重点任务"), ("做法", "具体措施"), ("负责", "牵头单位")):
            _pick_role(qtbot, dialog, header, label)
        seen["tasks"] = dialog.preview.counts()["tasks"]
        return dialog.buttons.button(OK).isEnabled()

    prompter.files.append(path)
    prompter.dialogs.append(name_everything)
    window.transfer.import_file()
    qtbot.waitUntil(lambda: bool(services.plans.list_plans()), timeout=20_000)
    _wait_idle(qtbot, window)
    assert seen == {"import_enabled": False, "tasks": 2}
    plan = services.plans.list_plans()[0]
    measures = [n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE]
    assert [(m.text, [u.name for u in m.lead]) for m in measures] == [
        ("完成灌区续建配套。", ["县水利局"]),
        ("新增高效节水灌溉面积。", ["县农业农村局"]),
    ]
