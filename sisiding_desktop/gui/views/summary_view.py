"""The 汇总 tab, the 市's desk: its bodies' returns for the period — who reported, the ranking and its chart,
every measure with each body's word, one body's entries with the 市's remarks to write — and the buttons to
read more returns in and to send the summary and the feedback out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.gui.commands.return_commands import SetCityRemarks
from sisiding_desktop.gui.delegates.multiline import MultilineDelegate
from sisiding_desktop.gui.models.quarter_model import quarter_rows
from sisiding_desktop.gui.models.summary_models import MeasureWordsModel, StandingModel
from sisiding_desktop.gui.session import DATABASE, PLANS, RETURNS, TREE, Session
from sisiding_desktop.gui.views.chart_pictures import ChartPictures
from sisiding_desktop.gui.views.lazy import LazyReload
from sisiding_desktop.services.summary import BodyWord, Summary

ALL_BODIES = "全部报送单位"


class SummaryView(LazyReload, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan_id = 0
        self.summary: Summary | None = None
        self.standings = StandingModel(self)
        self.measures = MeasureWordsModel(self)
        self.measures.edit_remarks = self._edit_remarks
        self._build()
        session.changed.connect(self._on_changed)
        session.period_changed.connect(lambda _p: self.request_reload())

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        # the same words as their entries in the 进展 menu
        self.read_button = QPushButton("读入各县（区）报送的表格…")
        self.bodies_button = QPushButton("报送单位名单…")
        self.export_button = QPushButton("导出汇总表…")
        self.feedback_button = QPushButton("导出各单位反馈清单…")
        self.feedback_button.setToolTip("给每个已报送的单位各导出一份本期红灯、黄灯措施清单（含市级意见），发回各单位")
        buttons = QHBoxLayout()
        for button in (self.read_button, self.bodies_button, self.export_button, self.feedback_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.standing_table = _table(self.standings)
        header = self.standing_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.standing_table.doubleClicked.connect(self._show_body)
        standing_box = QGroupBox("各单位报送情况及排名（双击查看该单位的各条措施）")
        QVBoxLayout(standing_box).addWidget(self.standing_table)
        self.chart = ChartPictures()
        chart_box = QGroupBox("排名（按时完成率；尚无到期措施时为平均完成率）")
        QVBoxLayout(chart_box).addWidget(self.chart)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(standing_box)
        top.addWidget(chart_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([700, 500])
        self.body_filter = QComboBox()
        self.body_filter.setAccessibleName("报送单位")
        self.body_filter.currentIndexChanged.connect(lambda _i: self._show_measures())
        body_label = QLabel("显示(&S)：")
        body_label.setBuddy(self.body_filter)
        self.measure_table = _table(self.measures)
        self.measure_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.measure_table.setItemDelegateForColumn(MeasureWordsModel.REMARKS, MultilineDelegate(self.measure_table))
        self.measure_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.measure_table.setWordWrap(True)
        measures_box = QGroupBox("各项措施（选一个单位时，可在“市级意见”一栏填写意见，随反馈清单发回）")
        measures_layout = QVBoxLayout(measures_box)
        choose = QHBoxLayout()
        choose.addWidget(body_label)
        choose.addWidget(self.body_filter, 1)
        choose.addStretch(2)
        measures_layout.addLayout(choose)
        measures_layout.addWidget(self.measure_table)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(measures_box)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

    # --- content -----------------------------------------------------------

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.request_reload()

    def reload(self) -> None:
        services = self.session.services
        period = self.session.period
        if not self.plan_id:
            self.summary = None
            self.heading.setText("请先选择一个计划。")
            self.standings.set_rows([])
            self.measures.show([], 0)
            self.chart.set_pictures(())
            return
        summary = self.summary = services.summary.summary(self.plan_id, period, self.session.today())
        if not summary.bodies:
            self.heading.setText(
                f"{period.label}：这个计划还没有报送单位。市级汇总时，用“读入各县（区）报送的表格”读入填好的表格，"
                "或在“报送单位名单”中先列出各县（区）。"
            )
        else:
            reported = len(summary.bodies) - len(summary.not_reported)
            missing = "、".join(b.name for b in summary.not_reported)
            self.heading.setText(
                f"{period.label}：{len(summary.bodies)} 个报送单位，已报送 {reported} 个"
                + (f"，尚未报送：{missing}" if missing else "，全部已报送")
            )
        self.standings.set_rows(summary.standings)
        self.chart.set_pictures((services.summary.ranking_chart(summary),) if summary.ranked else ())
        self.measures.numbers = {row.node.id: row.number for row in quarter_rows(summary.nodes)}
        current = self.body_filter.currentData()
        self.body_filter.blockSignals(True)
        self.body_filter.clear()
        self.body_filter.addItem(ALL_BODIES, 0)
        for body in summary.bodies:
            self.body_filter.addItem(body.name, body.id)
        self.body_filter.setCurrentIndex(max(self.body_filter.findData(current), 0))
        self.body_filter.blockSignals(False)
        self._show_measures()

    def _show_measures(self) -> None:
        measures = list(self.summary.measures.values()) if self.summary else []
        self.measures.show(measures, int(self.body_filter.currentData() or 0))
        header = self.measure_table.horizontalHeader()
        header.setStretchLastSection(False)
        one_body = bool(self.measures.body_id)
        widths = (56, 300, 110, 70, 0, 200, 220) if one_body else (56, 300, 0, 130)
        for column, width in enumerate(widths):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
            else:  # the words of the bodies take the room left
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def _show_body(self, index) -> None:
        standing = self.standings.standing_at(index.row())
        if standing is not None:
            self.body_filter.setCurrentIndex(max(self.body_filter.findData(standing.body.id), 0))

    def _edit_remarks(self, word: BodyWord, text: str) -> bool:
        command = SetCityRemarks(self.session, self.plan_id, word.entry, self.session.period, text)
        return self.session.push(command)

    def _on_changed(self, kind: str, plan_id: int) -> None:
        if kind in (RETURNS, TREE, PLANS, DATABASE) and plan_id in (0, self.plan_id):
            self.request_reload()


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    return table
