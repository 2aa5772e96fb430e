"""The main window shows the plans and the chosen plan's table."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sisiding_desktop.domain.model import NodeKind, Role
from sisiding_desktop.gui.main_window import MainWindow
from sisiding_desktop.gui.models.plan_list_model import PlanListModel
from sisiding_desktop.gui.models.plan_tree_model import NODE_ID_ROLE, PlanTreeModel


def _small_plan(services):
    plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表")
    chapter = services.nodes.add_node(plan.id, None, NodeKind.GROUP, "坚持以水定人定城，优化城镇空间格局")
    task = services.nodes.add_node(plan.id, chapter.id, NodeKind.TASK, "发挥用水户节水主体作用")
    for text in ("开展党政机关节水达标建设。", "2024年节水型医院建成率达到100%。"):
        services.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, text)
    services.units.assign_units(task.id, Role.LEAD, ["机关事务服务中心"])
    return plan


def test_tree_model_passes_the_model_tester(services, qtmodeltester):
    plan = _small_plan(services)
    model = PlanTreeModel()
    model.set_tree(services.plans.tree(plan.id))
    qtmodeltester.check(model)
    chapter = model.index(0, 0)
    task = model.index(0, 0, chapter)
    measure = model.index(1, 1, task)
    assert chapter.data() == "一、"
    assert task.data() == "1"
    assert measure.data() == "2024年节水型医院建成率达到100%。"
    assert model.index(1, 2, task).data() == "机关事务服务中心"  # inherited from the task
    assert model.parent(measure) == task
    assert model.index_of(measure.data(NODE_ID_ROLE)).row() == 1


def test_plan_list_model_passes_the_model_tester(services, qtmodeltester):
    _small_plan(services)
    model = PlanListModel(services.plans.list_plans())
    qtmodeltester.check(model)
    assert model.index(0).data() == "平罗县“四水四定”年度重点任务表"


def test_window_shows_the_first_plan_in_chinese(services, qtbot):
    _small_plan(services)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert "四水四定任务分工" in window.windowTitle()
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "帮助(&H)"]
    assert window.tree_model.rowCount() == 1
    assert "重点任务 1 项，具体措施 2 条" in window.status_label.text()
    task = window.tree_model.index(0, 0, window.tree_model.index(0, 0))
    assert window.tree_view.isExpanded(task)
    assert window.tree_model.data(window.tree_model.index(0, 1), Qt.ItemDataRole.DisplayRole).startswith("坚持")


def test_window_on_an_empty_database_says_so(services, qtbot):
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.plan_model.rowCount() == 0
    assert window.status_label.text() == "数据库中还没有计划。"
