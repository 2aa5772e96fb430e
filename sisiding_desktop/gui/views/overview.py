"""The 总览 tab: counts by status and light, lead units, completion by chapter, late and due-soon measures."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.domain.model import Light, Status
from sisiding_desktop.gui.models.overview_models import NODE_ID_ROLE, LateModel, UnitSummaryModel
from sisiding_desktop.gui.models.quarter_model import LIGHT_COLORS, quarter_rows
from sisiding_desktop.gui.session import PLANS, PROGRESS, PROGRESS_ENTRY, TREE, UNITS, Session
from sisiding_desktop.gui.views.chart_pictures import ChartPictures
from sisiding_desktop.gui.views.lazy import LazyReload
from sisiding_desktop.services.progress import PeriodSummary, effective_deadline


class OverviewView(LazyReload, QWidget):
    node_activated = Signal(int, int)  # plan id, node id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan_id = 0
        self.summary: PeriodSummary | None = None
        self.units_model = UnitSummaryModel(self)
        self.late_model = LateModel(self)
        self._build()
        session.changed.connect(self._on_changed)
        session.period_changed.connect(lambda _p: self.request_reload())

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.light_label = QLabel()
        self.light_label.setWordWrap(True)
        self.chart = ChartPictures()
        chart_box = QGroupBox("各部分完成情况、各单位亮灯（与推进情况报告中的图相同）")
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.addWidget(self.chart)
        self.units_table = _table(self.units_model)
        units_header = self.units_table.horizontalHeader()
        units_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        units_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        units_box = QGroupBox("牵头单位")
        QVBoxLayout(units_box).addWidget(self.units_table)
        self.late_table = _table(self.late_model)
        self.late_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.late_table.horizontalHeader().resizeSection(0, 70)
        self.late_table.horizontalHeader().resizeSection(1, 56)
        self.late_table.horizontalHeader().resizeSection(3, 120)
        self.late_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.late_table.doubleClicked.connect(self._activate)
        self.late_table.activated.connect(self._activate)
        late_box = QGroupBox("逾期（红灯）与临期/落后（黄灯）的措施 — 双击跳转")
        QVBoxLayout(late_box).addWidget(self.late_table)
        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        grid.addWidget(self.status_label, 1, 0, 1, 2)
        grid.addWidget(self.light_label, 2, 0, 1, 2)
        grid.addWidget(chart_box, 3, 0)
        grid.addWidget(units_box, 3, 1)
        grid.addWidget(late_box, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(4, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.request_reload()

    def reload(self) -> None:
        if not self.plan_id:
            self.summary = None
            self.heading.setText("请先选择一个计划。")
            for label in (self.status_label, self.light_label):
                label.clear()
            self.chart.set_pictures(())
            self.units_model.set_rows([])
            self.late_model.set_rows([])
            return
        progress = self.session.services.progress
        period = self.session.period
        summary = self.summary = progress.summary(self.plan_id, period, self.session.today())
        as_of = f"{summary.as_of.year}年{summary.as_of.month}月{summary.as_of.day}日"
        self.heading.setText(f"{period.label}：共 {summary.total} 条措施，已填写 {summary.filled} 条（截至 {as_of}）")
        statuses = [f"{s.label} {summary.by_status.get(s, 0)}" for s in Status]
        statuses.append(f"未填报 {summary.by_status.get(None, 0)}")
        self.status_label.setText("按状态：" + "　".join(statuses))
        lights = [
            f'<span style="color:{LIGHT_COLORS[light]}">●</span> {light.label} {summary.by_light.get(light, 0)}'
            for light in (Light.RED, Light.YELLOW, Light.GREEN)
        ]
        lights.append(f"未亮灯 {summary.by_light.get(None, 0)}")
        self.light_label.setText("按亮灯：" + "　".join(lights))
        self.chart.set_pictures(self.session.services.briefing.charts(self.plan_id, period, self.session.today()))
        self.units_model.set_rows(summary.units)
        tree = self.session.services.plans.tree(self.plan_id)
        plan = self.session.services.plans.get_plan(self.plan_id)
        self.late_model.numbers = {row.node.id: row.number for row in quarter_rows(tree)}
        late = progress.list_late(self.plan_id, period, summary.as_of)
        self.late_model.deadlines = {item.node.id: effective_deadline(item.node, plan).text for item in late}
        self.late_model.set_rows(late)

    def _on_changed(self, kind: str, plan_id: int) -> None:
        # Another database: the window shows the right plan in every view first.
        if self.plan_id and kind in (PROGRESS, PROGRESS_ENTRY, TREE, UNITS, PLANS) and plan_id in (0, self.plan_id):
            self.request_reload()

    def _activate(self, index) -> None:
        node_id = index.data(NODE_ID_ROLE)
        if node_id:
            self.node_activated.emit(self.plan_id, int(node_id))


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setMinimumHeight(180)
    return table
