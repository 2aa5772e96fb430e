"""The 主要指标 tab: indicators with targets per year and the period's actual values, edited in place;
adding and deleting whole indicators."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.domain.model import Indicator, IndicatorAttribute
from sisiding_desktop.domain.unit_names import split_units
from sisiding_desktop.gui.collation import chinese_sorted
from sisiding_desktop.gui.commands.indicator_commands import (
    AddIndicator,
    DeleteIndicator,
    EditIndicator,
    SetActual,
    SetTarget,
)
from sisiding_desktop.gui.delegates.choices import ComboDelegate
from sisiding_desktop.gui.delegates.units import UnitsDelegate
from sisiding_desktop.gui.models.indicator_model import MISSED_ROLE, IndicatorModel
from sisiding_desktop.gui.session import INDICATORS, PLANS, UNITS, Session
from sisiding_desktop.gui.views.column_fit import ProportionalColumns
from sisiding_desktop.gui.views.lazy import LazyReload

ATTRIBUTE_CHOICES: list[tuple[str, object]] = [("（未设置）", ""), *((a.label, a.value) for a in IndicatorAttribute)]


class IndicatorsView(LazyReload, QWidget):
    show_requested = Signal()  # an action of this tab was chosen from the menu while another tab is shown

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
        self.columns = ProportionalColumns(self.table)
        self.table.horizontalHeader().sectionResized.connect(self._fit_rows)
        self.table.verticalHeader().setMaximumSectionSize(120)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._build_actions()
        buttons = QHBoxLayout()
        self.add_button = QPushButton("新增指标(&A)…")
        self.add_button.setToolTip(self.add_action.toolTip())
        self.add_button.clicked.connect(self.add_indicator)
        self.delete_button = QPushButton("删除指标(&D)…")
        self.delete_button.setToolTip(self.delete_action.toolTip())
        self.delete_button.clicked.connect(self.delete_indicator)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._units_delegate = UnitsDelegate(self._unit_names, self.table)
        self._attribute_delegate = ComboDelegate(ATTRIBUTE_CHOICES, self.table)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        session.changed.connect(self._on_changed)
        session.period_changed.connect(self._period_changed)
        self._update_actions()

    def _build_actions(self) -> None:
        """新增指标 and 删除指标: on the buttons, the table's context menu and the window's 指标 menu."""
        self.add_action = QAction("新增指标(&A)…", self)
        self.add_action.setShortcut(QKeySequence("Ins"))
        self.add_action.setToolTip("在主要指标表最后新增一项指标（Ins）")
        self.add_action.setStatusTip("在主要指标表最后新增一项指标")
        self.add_action.triggered.connect(self.add_indicator)
        self.delete_action = QAction("删除指标(&D)…", self)
        self.delete_action.setShortcut(QKeySequence("Del"))
        self.delete_action.setToolTip("删除所选指标及其各年目标和完成值（Del）")
        self.delete_action.setStatusTip("删除所选指标及其各年目标和完成值")
        self.delete_action.triggered.connect(self.delete_indicator)
        for action in (self.add_action, self.delete_action):
            # Only while the table has the focus: Del in a cell editor must still delete characters.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _period_changed(self, _period) -> None:
        self.request_reload()

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.request_reload()
        self._update_actions()  # also while hidden: the 指标 menu follows the plan chosen

    def reload(self) -> None:
        services = self.session.services
        items: list[Indicator] = services.indicators.list_indicators(self.plan_id) if self.plan_id else []
        years: list[int] = []
        if self.plan_id:
            plan = services.plans.get_plan(self.plan_id)
            if plan.year_from and plan.year_to:
                years = list(range(plan.year_from, plan.year_to + 1))
        current = self.current_indicator()
        column = self.table.currentIndex().column()
        self.model.set_indicators(items, self.session.period, years)
        if current is not None:
            self.select_indicator(current.id, column)
        self._set_delegates()
        actual = self.model.column_of("actual")
        missed = sum(1 for r in range(self.model.rowCount()) if self.model.index(r, actual).data(MISSED_ROLE))
        if not self.plan_id:
            self.note.setText("请先在左侧选择或新建一个计划。")
        elif not items:
            self.note.setText(
                "本计划没有主要指标。导入含“主要指标表”的工作簿后会显示在这里，也可以用“新增指标”逐项录入。"
            )
        else:
            self.note.setText(
                f"共 {len(items)} 项指标；双击单元格修改。"
                + (f"{self.session.period.label}有 {missed} 项约束性指标未达到目标（红底）。" if missed else "")
            )
        self._size_columns()
        self._update_actions()

    def _set_delegates(self) -> None:
        for column in range(self.model.columnCount()):
            self.table.setItemDelegateForColumn(column, None)
        self.table.setItemDelegateForColumn(self.model.column_of("attribute"), self._attribute_delegate)
        self.table.setItemDelegateForColumn(self.model.column_of("responsible"), self._units_delegate)

    def _size_columns(self) -> None:
        """Short columns as wide as their titles; the name and the responsible units share the rest."""
        metrics = self.table.horizontalHeader().fontMetrics()
        shared = {self.model.column_of("name"): 3, self.model.column_of("responsible"): 2}
        fixed = {
            column: max(
                80, metrics.horizontalAdvance(str(self.model.headerData(column, Qt.Orientation.Horizontal))) + 28
            )
            for column in range(self.model.columnCount())
            if column not in shared
        }
        self.columns.configure(fixed, shared, {column: 140 for column in shared})
        self.table.resizeRowsToContents()

    def _fit_rows(self, *_args: int) -> None:
        self.table.resizeRowsToContents()  # a few dozen rows at most: wrapped texts take their new heights

    def _on_changed(self, kind: str, plan_id: int) -> None:
        # Another database: the window shows the right plan in every view first.
        if self.plan_id and kind in (INDICATORS, UNITS, PLANS) and plan_id in (0, self.plan_id):
            self.request_reload()

    # --- the current indicator ----------------------------------------------

    def current_indicator(self) -> Indicator | None:
        index = self.table.currentIndex()
        return self.model.indicator_at(index.row()) if index.isValid() else None

    def select_indicator(self, indicator_id: int, column: int = 1) -> bool:
        row = self.model.row_of(indicator_id)
        if row < 0:
            return False
        index = self.model.index(row, max(0, min(column, self.model.columnCount() - 1)))
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)
        return True

    def _current_changed(self, _current, _previous) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        self.add_action.setEnabled(bool(self.plan_id))
        self.add_button.setEnabled(bool(self.plan_id))
        current = self.current_indicator()
        has_current = current is not None and current.plan_id == self.plan_id
        self.delete_action.setEnabled(has_current)
        self.delete_button.setEnabled(has_current)

    # --- adding and deleting ----------------------------------------------

    def add_indicator(self) -> None:
        """Ask for the new indicator's fields, add it last, and put the cursor on its first target."""
        from sisiding_desktop.gui.dialogs.indicator_dialog import NewIndicatorDialog

        if not self.plan_id or self.table.state() == QAbstractItemView.State.EditingState:
            return
        self._come_forward()
        items = [self.model.indicator_at(r) for r in range(self.model.rowCount())]
        dialog = NewIndicatorDialog(
            categories=[i.category for i in items if i is not None],
            measure_units=[i.measure_unit for i in items if i is not None],
            unit_names=self._unit_names(),
            years=self.model.years(),
            parent=self,
        )
        if not self.session.prompter.run_dialog(dialog):
            return
        fields = dialog.fields()
        fields["responsible"] = list(split_units(dialog.responsible_text(), self._unit_names()).names)
        command = AddIndicator(self.session, self.plan_id, fields)
        if self.session.push(command):  # the view has reloaded on the change notice
            first = next((c for c in range(self.model.columnCount()) if isinstance(self.model.key_of(c), tuple)), 1)
            self.select_indicator(command.indicator_id, first)
            self.table.setFocus()

    def delete_indicator(self) -> None:
        self._come_forward()
        item = self.current_indicator()
        if item is None or self.table.state() == QAbstractItemView.State.EditingState:
            return
        row = self.table.currentIndex().row()
        details = [f"{len(item.targets)} 个年度目标"] if item.targets else []
        if item.actuals:
            details.append(f"{len(item.actuals)} 个完成值")
        extra = f"及其 {'和 '.join(details)}" if details else ""
        if not self.session.prompter.ask(
            "删除指标", f"删除指标“{item.name}”{extra}？\n删除后可以用“撤销”（Ctrl+Z）恢复。"
        ):
            return
        if self.session.push(DeleteIndicator(self.session, item)):
            neighbour = self.model.indicator_at(min(row, self.model.rowCount() - 1))
            if neighbour is not None:
                self.select_indicator(neighbour.id)

    def _come_forward(self) -> None:
        """Started from the menu on another tab: show this tab first, so the table is current and seen."""
        if not self.isVisible():
            self.show_requested.emit()

    def _unit_names(self) -> list[str]:
        return chinese_sorted(u.name for u in self.session.services.units.list_units())

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
