"""The 季度进展 tab: every measure's entry for the chosen period, edited in place."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.domain.model import Light, Period, Status
from sisiding_desktop.gui.commands.progress_commands import CopyLastPeriod, RecordProgress
from sisiding_desktop.gui.delegates.choices import PercentDelegate, status_delegate
from sisiding_desktop.gui.delegates.multiline import MultilineDelegate
from sisiding_desktop.gui.models.filters import NO_LIGHT, QuarterFilterProxy
from sisiding_desktop.gui.models.quarter_model import (
    LEAD,
    LIGHT,
    NEXT_STEPS,
    NODE_ID_ROLE,
    NUMBER,
    PERCENT,
    PROBLEMS,
    REMARKS,
    STATUS,
    TEXT,
    TEXT_COLUMNS,
    QuarterModel,
    quarter_rows,
)
from sisiding_desktop.gui.models.quarter_model import PROGRESS as PROGRESS_COLUMN
from sisiding_desktop.gui.session import PLANS, PROGRESS, TREE, UNITS, Session
from sisiding_desktop.gui.views.column_fit import ProportionalColumns
from sisiding_desktop.gui.views.lazy import LazyReload
from sisiding_desktop.services.collector import collector_paused
from sisiding_desktop.services.progress import light_day

ALL_UNITS = "全部单位"
ROWS_BEYOND_SCREEN = 5
LIGHT_CHOICES: tuple[tuple[str, Light | str | None], ...] = (
    ("全部亮灯", None),
    ("红灯", Light.RED),
    ("黄灯", Light.YELLOW),
    ("绿灯", Light.GREEN),
    ("未亮灯", NO_LIGHT),
)


class QuarterGridView(LazyReload, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan_id = 0
        self.model = QuarterModel(self)
        self.model.edit_handler = self._edit
        self.proxy = QuarterFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        session.changed.connect(self._on_changed)
        session.entry_changed.connect(self._refresh_entry)
        session.period_changed.connect(lambda _p: self.request_reload())

    def _build(self) -> None:
        self.unit_filter = QComboBox()
        self.unit_filter.setMinimumContentsLength(8)
        self.unit_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit_filter.setAccessibleName("按单位筛选")
        self.unit_filter.currentTextChanged.connect(
            lambda text: self.proxy.set_unit("" if text == ALL_UNITS else text) or self._update_count()
        )
        self.light_filter = QComboBox()
        self.light_filter.setAccessibleName("按亮灯筛选")
        for label, value in LIGHT_CHOICES:
            self.light_filter.addItem(label, value)
        self.light_filter.currentIndexChanged.connect(
            lambda i: self.proxy.set_light(self.light_filter.itemData(i)) or self._update_count()
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：措施、单位、状态或进展中的文字")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_search(text) or self._update_count())
        self.copy_button = QPushButton("从上一期复制(&C)")
        self.copy_button.setToolTip("把上一期已填写的进展复制为本期的起点（不覆盖本期已填写的内容）")
        self.copy_button.clicked.connect(self.copy_last_period)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        unit_label = QLabel("单位(&U)：")
        unit_label.setBuddy(self.unit_filter)
        filters.addWidget(unit_label)
        filters.addWidget(self.unit_filter)
        filters.addWidget(self.light_filter)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.copy_button)
        filters.addWidget(self.count_label)
        self.table = self._build_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self.setTabOrder(self.unit_filter, self.light_filter)
        self.setTabOrder(self.light_filter, self.search)
        self.setTabOrder(self.search, self.copy_button)
        self.setTabOrder(self.copy_button, self.table)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setWordWrap(True)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.setItemDelegateForColumn(STATUS, status_delegate(table))
        table.setItemDelegateForColumn(PERCENT, PercentDelegate(table))
        multiline = MultilineDelegate(table)
        for column in TEXT_COLUMNS:
            table.setItemDelegateForColumn(column, multiline)
        header = table.horizontalHeader()
        self.columns = ProportionalColumns(
            table,
            fixed={NUMBER: 48, LEAD: 104, LIGHT: 64, STATUS: 64, PERCENT: 56},
            weights={TEXT: 3, PROGRESS_COLUMN: 3, PROBLEMS: 2, NEXT_STEPS: 2, REMARKS: 1},
            minimum={TEXT: 180, PROGRESS_COLUMN: 180, PROBLEMS: 100, NEXT_STEPS: 100, REMARKS: 60},
        )
        table.verticalHeader().setVisible(False)  # the 序号 column numbers the rows
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.verticalHeader().setMaximumSectionSize(160)
        table.verticalHeader().setDefaultSectionSize(48)
        # Rows are fitted to their text only where they are seen: a 5,000-row plan opens at once.
        self._fitted: set[int] = set()
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(150)
        self._fit_rows.timeout.connect(self._refit_visible_rows)
        self._fit_soon = QTimer(self)
        self._fit_soon.setSingleShot(True)
        self._fit_soon.setInterval(0)
        self._fit_soon.timeout.connect(self._fit_visible_rows)
        header.sectionResized.connect(self._schedule_row_fit)
        table.verticalScrollBar().valueChanged.connect(self._schedule_visible_fit)
        proxy = self.proxy
        for signal in (proxy.modelReset, proxy.layoutChanged, proxy.rowsInserted, proxy.rowsRemoved):
            signal.connect(self._schedule_refit)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        return table

    def _schedule_row_fit(self, *_args: int) -> None:
        self._fit_rows.start()

    def _schedule_refit(self) -> None:
        self._fitted.clear()
        self._fit_soon.start()

    def _schedule_visible_fit(self) -> None:
        self._fit_soon.start()

    def _refit_visible_rows(self) -> None:
        self._fitted.clear()
        self._fit_visible_rows()

    def _fit_visible_rows(self) -> None:
        """Fit the rows on screen (and a few beyond) to their text, each once until the layout changes."""
        table, count = self.table, self.proxy.rowCount()
        for _ in range(3):  # fitting changes heights, which can bring more rows on screen
            first = max(table.rowAt(0), 0)
            last = table.rowAt(table.viewport().height() - 1)
            last = count - 1 if last < 0 else min(last + ROWS_BEYOND_SCREEN, count - 1)
            todo = [row for row in range(first, last + 1) if row not in self._fitted]
            if not todo:
                return
            for row in todo:
                table.resizeRowToContents(row)
                self._fitted.add(row)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_visible_rows()

    def _refresh_entry(self, plan_id: int, node_id: int) -> None:
        """After an edit (or its undo) of one row: reread that row only."""
        if plan_id != self.plan_id or not self.plan_id:
            return
        if not self.isVisible():
            self.request_reload()
            return
        node = self.model.node_of(node_id)
        if node is None:
            return
        day = light_day(self.period, self.session.today())
        entry, light = self.session.services.progress.entry_and_light(node, self.period, day)
        row = self.model.set_entry(node_id, entry, light)
        if row >= 0:
            proxy_row = self.proxy.mapFromSource(self.model.index(row, 0)).row()
            if proxy_row >= 0:
                self.table.resizeRowToContents(proxy_row)
        self._update_count()

    # --- content -----------------------------------------------------------

    @property
    def period(self) -> Period:
        return self.session.period

    def show_plan(self, plan_id: int) -> None:
        self.plan_id = plan_id
        self.request_reload()

    def reload(self) -> None:
        services = self.session.services
        if not self.plan_id:
            self.model.set_content([], {}, {})
            self._update_units()
            self._update_count()
            return
        day = light_day(self.period, self.session.today())
        current = self.table.currentIndex()
        node_id = current.data(NODE_ID_ROLE) if current.isValid() else None
        scrolled = self.table.verticalScrollBar().value()
        with collector_paused():
            view = services.progress.period_view(self.plan_id, self.period, day)
            self.model.set_content(quarter_rows(view.nodes), view.entries, view.lights)
        if node_id is not None and not self.table.currentIndex().isValid():  # rows came or went: place kept
            row = self.model.row_of(node_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, current.column()))
                self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.verticalScrollBar().setValue(scrolled)
        self._refit_visible_rows()
        self._update_units()
        self._update_count()

    def _on_changed(self, kind: str, plan_id: int) -> None:
        # Another database: the window shows the right plan in every view first.
        if self.plan_id and kind in (PROGRESS, TREE, UNITS, PLANS) and plan_id in (0, self.plan_id):
            self.request_reload()

    def _update_units(self) -> None:
        current = self.unit_filter.currentText()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItems([ALL_UNITS, *self.model.units()])
        self.unit_filter.setCurrentIndex(max(self.unit_filter.findText(current), 0))
        self.unit_filter.blockSignals(False)
        self.proxy.set_unit("" if self.unit_filter.currentText() == ALL_UNITS else self.unit_filter.currentText())

    def _update_count(self) -> None:
        filled, total = self.model.filled_count()
        shown = self.proxy.rowCount()
        text = f"{self.period.label}：已填写 {filled} / {total} 条"
        if shown != total:
            text += f"（显示 {shown} 条）"
        self.count_label.setText(text)

    # --- selection ---------------------------------------------------------

    def select_node(self, node_id: int, column: int = TEXT) -> bool:
        row = self.model.row_of(node_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():
            self.unit_filter.setCurrentIndex(0)
            self.light_filter.setCurrentIndex(0)
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, column))
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)
        return True

    def selected_node_ids(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedIndexes()}
        return [self.model.index(r, 0).data(NODE_ID_ROLE) for r in sorted(rows)]

    # --- edits -------------------------------------------------------------

    def _edit(self, node_id: int, field: str, value: object) -> bool:
        before = self.model.entry(node_id)
        command = RecordProgress(self.session, self.plan_id, node_id, self.period, before, **{field: value})
        return self.session.push(command)

    def set_status_of_selected(self, status: Status) -> None:
        """One status for every selected row, as a single undo step."""
        node_ids = self.selected_node_ids()
        if not node_ids:
            return
        with self.session.macro(f"{len(node_ids)} 条措施设为“{status.label}”"):
            for node_id in node_ids:
                before = self.model.entry(node_id)
                if before is None or before.status is not status:
                    self.session.push(
                        RecordProgress(self.session, self.plan_id, node_id, self.period, before, status=status)
                    )

    def copy_last_period(self) -> None:
        if not self.plan_id:
            return
        command = CopyLastPeriod(self.session, self.plan_id, self.period)
        if self.session.push(command):
            self.session.prompter.inform(
                "从上一期复制", f"已复制 {command.count} 条进展到{self.period.label}，可在此基础上修改。"
            )

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        status_menu = menu.addMenu("将所选设为")
        for status in Status:
            action = QAction(status.label, status_menu)
            action.triggered.connect(lambda _=False, s=status: self.set_status_of_selected(s))
            status_menu.addAction(action)
        if self.table.actions():  # the window's actions for a row (修改记录)
            menu.addSeparator()
            menu.addActions(self.table.actions())
        menu.exec(self.table.viewport().mapToGlobal(pos))
