"""The main window: the plan list on the left, the plan's task table on the right."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTreeView,
)

from sisiding_desktop import APP_DISPLAY_NAME
from sisiding_desktop.gui.models.plan_list_model import PlanListModel
from sisiding_desktop.gui.models.plan_tree_model import PlanTreeModel
from sisiding_desktop.services import ServiceError, Services

SETTINGS_GROUP = "main_window"


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(f"{APP_DISPLAY_NAME} — {services.db.path.name}")
        self.plan_model = PlanListModel(parent=self)
        self.tree_model = PlanTreeModel(parent=self)
        self._build_views()
        self._build_menus()
        self.reload_plans()
        self._restore_geometry()

    def _build_views(self) -> None:
        self.plan_list = QListView()
        self.plan_list.setModel(self.plan_model)
        self.plan_list.selectionModel().currentRowChanged.connect(
            lambda current, _: self.show_plan(current.row())
        )
        self.tree_view = QTreeView()
        self.tree_view.setModel(self.tree_model)
        self.tree_view.setAlternatingRowColors(True)
        self.tree_view.setWordWrap(True)
        self.tree_view.setUniformRowHeights(False)
        header = self.tree_view.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.plan_list)
        self.splitter.addWidget(self.tree_view)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 960])
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.backup_action = _action(self, "备份数据库(&B)…", self.backup_database)
        self.restore_action = _action(self, "从备份恢复(&R)…", self.restore_database)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(_action(self, "退出(&X)", self.close, QKeySequence.StandardKey.Quit))
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(_action(self, "关于(&A)", self.show_about))

    def reload_plans(self) -> None:
        plans = self.services.plans.list_plans()
        self.plan_model.set_plans(plans)
        if plans:
            self.plan_list.setCurrentIndex(self.plan_model.index(0))
        else:
            self.tree_model.set_tree(())
            self.status_label.setText("数据库中还没有计划。")

    def show_plan(self, row: int) -> None:
        if row < 0:
            return
        plan = self.plan_model.plan_at(row)
        self.tree_model.set_tree(self.services.plans.tree(plan.id))
        self.tree_view.expandAll()
        self.tree_view.resizeColumnToContents(0)
        counts = self.services.plans.count_nodes(plan.id)
        self.status_label.setText(
            f"{plan.title}：重点任务 {counts.get('task', 0)} 项，具体措施 {counts.get('measure', 0)} 条"
        )

    def backup_database(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "备份数据库", str(Path.home() / "四水四定备份.sqlite"), "数据库文件 (*.sqlite)"
        )
        if not target:
            return
        try:
            out = self.services.backups.backup_to(Path(target))
        except ServiceError as exc:
            QMessageBox.warning(self, "备份失败", str(exc))
            return
        QMessageBox.information(self, "备份完成", f"已备份到：\n{out}")

    def restore_database(self) -> None:
        source, _ = QFileDialog.getOpenFileName(
            self, "选择备份文件", "", "数据库文件 (*.sqlite);;所有文件 (*)"
        )
        if not source:
            return
        answer = QMessageBox.question(
            self, "从备份恢复", "恢复会用备份文件的内容替换当前数据（当前数据会先自动另存一份）。是否继续？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            safety = self.services.backups.restore_from(Path(source))
        except ServiceError as exc:
            QMessageBox.warning(self, "恢复失败", str(exc))
            return
        self.reload_plans()
        QMessageBox.information(self, "恢复完成", f"已恢复。恢复前的数据另存为：\n{safety}")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "关于",
            f"{APP_DISPLAY_NAME}\n县级“四水四定”任务分工与季度推进管理。\n数据库：{self.services.db.path}",
        )

    def _restore_geometry(self) -> None:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = settings.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        settings.endGroup()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("splitter", self.splitter.saveState())
        settings.endGroup()
        super().closeEvent(event)


def _action(parent, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    return action
