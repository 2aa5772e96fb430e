"""The 主要指标 tab: indicators with targets per year and the period's actual values, edited in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from sisiding_desktop.domain.model import Indicator, IndicatorAttribute
from sisiding_desktop.domain.unit_names import split_units
from sisiding_desktop.gui.commands.indicator_commands import EditIndicator, SetActual, SetTarget
from sisiding_desktop.gui.delegates.choices import ComboDelegate
from sisiding_desktop.gui.delegates.units import UnitsDelegate
from sisiding_desktop.gui.models.indicator_model import MISSED_ROLE, IndicatorModel
from sisiding_desktop.gui.session import INDICATORS, PLANS, UNITS, Session
from sisiding_desktop.gui.views.lazy import LazyReload

ATTRIBUTE_CHOICES: list[tuple[str, object]] = [("（未设置）", ""), *((a.label, a.value) for a in IndicatorAttribute)]


class IndicatorsView(LazyReload, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan_id = 0
        self.model = IndicatorModel(self)
        self.model.edit_handler = self._edit
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setMaximumSectionSize(120)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self._units_delegate = UnitsDelegate(self._unit_names, self.table)
        self._attribute_delegate = ComboDelegate(ATTRIBUTE_CHOICES, self.table)
        session.changed.connect(self._on_changed)
        session.period_changed.connect(lambda _p: self.request_reload())

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.request_reload()

    def reload(self) -> None:
        services = self.session.services
        items: list[Indicator] = services.indicators.list_indicators(self.plan_id) if self.plan_id else []
        years: list[int] = []
        if self.plan_id:
            plan = services.plans.get_plan(self.plan_id)
            if plan.year_from and plan.year_to:
                years = list(range(plan.year_from, plan.year_to + 1))
        self.model.set_indicators(items, self.session.period, years)
        self._set_delegates()
        actual = self.model.column_of("actual")
        missed = sum(1 for r in range(self.model.rowCount()) if self.model.index(r, actual).data(MISSED_ROLE))
        if not items:
            self.note.setText("本计划没有主要指标。导入含“主要指标表”的工作簿后会显示在这里。")
        else:
            self.note.setText(
                f"共 {len(items)} 项指标；双击单元格修改。"
                + (f"{self.session.period.label}有 {missed} 项约束性指标未达到目标（红底）。" if missed else "")
            )
        self._size_columns()

    def _set_delegates(self) -> None:
        for column in range(self.model.columnCount()):
            self.table.setItemDelegateForColumn(column, None)
        self.table.setItemDelegateForColumn(self.model.column_of("attribute"), self._attribute_delegate)
        self.table.setItemDelegateForColumn(self.model.column_of("responsible"), self._units_delegate)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        for column in range(self.model.columnCount()):
            key = self.model.key_of(column)
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = 260 if key == "name" else max(96, metrics.horizontalAdvance(title) + 28)
            header.resizeSection(column, width)
        self.table.resizeRowsToContents()

    def _on_changed(self, kind: str, plan_id: int) -> None:
        # Another database: the window shows the right plan in every view first.
        if self.plan_id and kind in (INDICATORS, UNITS, PLANS) and plan_id in (0, self.plan_id):
            self.request_reload()

    def _unit_names(self) -> list[str]:
        return [u.name for u in self.session.services.units.list_units()]

    def _edit(self, item: Indicator, key: object, text: str) -> bool:
        session = self.session
        if isinstance(key, tuple):
            return session.push(SetTarget(session, item, int(key[1]), text))
        if key == "actual":
            return session.push(SetActual(session, item, session.period, text))
        if key == "responsible":
            names = list(split_units(text, self._unit_names()).names)
            return session.push(EditIndicator(session, item, "responsible", names))
        if key == "attribute":
            value = IndicatorAttribute(text) if text else None
            return session.push(EditIndicator(session, item, "attribute", value))
        return session.push(EditIndicator(session, item, str(key), text))
