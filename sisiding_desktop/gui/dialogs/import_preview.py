"""Before an import: the tree as read, what each column was taken for, the counts, the new units and every
warning. Where the program guessed wrong the clerk says what a column holds (or 不导入), which row is the header
and what a row is (分组/重点任务/具体措施/不导入), and merges units that are likely one; the file is read again
at once with those choices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.exchange.parsed import ROW_KINDS, ParsedNode, ReadChoices
from sisiding_desktop.gui.delegates.choices import ComboDelegate
from sisiding_desktop.gui.dialogs.buttons import OK, ok_cancel
from sisiding_desktop.gui.models.column_roles_model import ROLE, ColumnRolesModel, role_choices
from sisiding_desktop.services.errors import ServiceError
from sisiding_desktop.services.importing import ImportPreview

HEADERS = ("编号", "内容", "牵头单位", "配合单位", "责任单位", "完成时限", "备注")
SOURCE_ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # (sheet, row) the node was read from
Reparse = Callable[[ReadChoices], ImportPreview]  # reads the file again; raises ServiceError


class ImportPreviewDialog(QDialog):
    def __init__(
        self,
        preview: ImportPreview,
        file_name: str,
        parent: QWidget | None = None,
        reparse: Reparse | None = None,
        sheets: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.reparse = reparse
        self.sheets = sheets  # every sheet of the file, when no table was recognised on any
        self._choices = ReadChoices()
        self.setWindowTitle(f"导入预览 — {file_name}")
        self.resize(1100, 720)
        self.title_edit = QLineEdit(preview.parsed.title or file_name.rsplit(".", 1)[0])
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problem = QLabel()  # why the last correction could not be applied
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("计划名称(&T)：", self.title_edit)
        form.addRow("读取结果：", self.summary)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._tree_page(), "任务树(&R)")
        self.tabs.addTab(self._columns_page(), "各列的含义(&C)")
        self.tabs.addTab(self._duplicates_page(), "可能重复的单位(&U)")
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.warnings)
        splitter.setSizes([500, 150])
        self.buttons = ok_cancel(self, "导入(&I)")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._show(preview)

    # --- what the dialog hands back ----------------------------------------

    def title(self) -> str:
        return self.title_edit.text().strip()

    def choices(self) -> ReadChoices:
        """The corrections made here, for the import itself."""
        return self._choices

    # --- corrections -------------------------------------------------------

    def choose_column(self, sheet: str, column: int, role: str) -> bool:
        return self._apply(replace(self._choices, columns={**self._choices.columns, (sheet, column): role}))

    def choose_row_kind(self, sheet: str, row: int, kind: str) -> bool:
        return self._apply(replace(self._choices, row_kinds={**self._choices.row_kinds, (sheet, row): kind}))

    def choose_header_row(self, sheet: str, row: int) -> bool:
        # the columns chosen for the old header do not carry over to another row
        columns = {key: role for key, role in self._choices.columns.items() if key[0] != sheet}
        rows = {**self._choices.header_rows, sheet: row}
        return self._apply(replace(self._choices, header_rows=rows, columns=columns))

    def merge_units(self, names: tuple[str, ...], into: str) -> bool:
        """Make ``names`` one unit called ``into`` (the others become its aliases when imported)."""
        merges = {**self._choices.unit_merges, **{name: into for name in names if name != into}}
        return self._apply(replace(self._choices, unit_merges=merges))

    def _apply(self, choices: ReadChoices) -> bool:
        if self.reparse is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            preview = self.reparse(choices)
        except ServiceError as exc:
            self.problem.setText(f"未能按这一更改读取：{exc}")
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._choices = choices
        self.problem.clear()
        self._show(preview)
        return True

    # --- pages -------------------------------------------------------------

    def _tree_page(self) -> QWidget:
        self.tree = QTreeView()
        self.tree_model = QStandardItemModel(self)
        self.tree.setModel(self.tree_model)
        self.tree.setWordWrap(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._open_row_menu)
        hint = QLabel("某一行读错时，右键点击它，选择这一行应读作分组、重点任务、具体措施，或不导入。")
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(hint)
        return page

    def _columns_page(self) -> QWidget:
        self.columns = QTableView()
        self.columns_model = ColumnRolesModel(self)
        self.columns_model.role_chosen = self.choose_column
        self.columns.setModel(self.columns_model)
        self.columns.setItemDelegateForColumn(ROLE, ComboDelegate(role_choices(), self.columns))
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 60)
        header.resizeSection(ROLE, 170)
        self.columns.verticalHeader().hide()
        self.header_sheet = QComboBox()
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 1_048_576)
        self.header_button = QPushButton("设为表头所在行(&H)")
        self.header_button.clicked.connect(
            lambda: self.choose_header_row(self.header_sheet.currentText(), self.header_row.value())
        )
        self.header_sheet.currentIndexChanged.connect(self._show_header_row)
        row = QHBoxLayout()
        row.addWidget(QLabel("表头在"))
        row.addWidget(self.header_sheet)
        row.addWidget(QLabel("的第"))
        row.addWidget(self.header_row)
        row.addWidget(QLabel("行"))
        row.addWidget(self.header_button)
        row.addStretch(1)
        hint = QLabel(
            "“读作”一栏可双击修改；选择“不导入”的列不再提示。所作选择会记住，下次导入表头相同的表格时自动沿用。"
        )
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.columns, 1)
        layout.addWidget(hint)
        return page

    def _duplicates_page(self) -> QWidget:
        self.duplicates = QListWidget()
        self.merge_target = QComboBox()
        self.merge_button = QPushButton("合并为同一单位(&M)")
        self.duplicates.currentRowChanged.connect(self._show_merge_target)
        self.merge_button.clicked.connect(self._merge_current)
        row = QHBoxLayout()
        row.addWidget(QLabel("统一名称为"))
        row.addWidget(self.merge_target, 1)
        row.addWidget(self.merge_button)
        hint = QLabel("这些名称可能指同一单位。选中一组、选定统一使用的名称后合并；其余名称记为该单位的别名。")
        hint.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.duplicates, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        return page

    def _show_merge_target(self, row: int) -> None:
        groups = self.preview.likely_duplicates
        self.merge_target.clear()
        if 0 <= row < len(groups):
            self.merge_target.addItems(list(groups[row]))
        self.merge_button.setEnabled(0 <= row < len(groups))

    def _merge_current(self) -> None:
        row = self.duplicates.currentRow()
        if 0 <= row < len(self.preview.likely_duplicates):
            self.merge_units(self.preview.likely_duplicates[row], self.merge_target.currentText())

    # --- showing a reading ---------------------------------------------------

    def _show(self, preview: ImportPreview) -> None:
        self.preview = preview
        counts = preview.counts()
        self.summary.setText(
            f"分组 {counts['groups']} 个，重点任务 {counts['tasks']} 项，具体措施 {counts['measures']} 条，"
            f"指标 {counts['indicators']} 项，单位 {counts['units']} 个"
            + (f"（其中新单位 {len(preview.new_units)} 个）" if preview.new_units else "")
        )
        self._fill_tree(preview.parsed.nodes)
        tables = preview.parsed.tables
        self.columns_model.set_tables(tables)
        self.columns.resizeColumnToContents(0)
        current = self.header_sheet.currentText()
        self.header_sheet.blockSignals(True)
        self.header_sheet.clear()
        self.header_sheet.addItems(list(dict.fromkeys([*(table.sheet for table in tables), *self.sheets])))
        self.header_sheet.setCurrentText(current)
        self.header_sheet.blockSignals(False)
        self._show_header_row()
        self.duplicates.clear()
        self.duplicates.addItems(["、".join(group) for group in preview.likely_duplicates])
        self.tabs.setTabText(2, f"可能重复的单位（{len(preview.likely_duplicates)}）(&U)")
        self._show_merge_target(0 if preview.likely_duplicates else -1)
        if preview.likely_duplicates:
            self.duplicates.setCurrentRow(0)
        nothing = not (preview.parsed.nodes or preview.parsed.indicators)
        self.buttons.button(OK).setEnabled(not nothing)
        if nothing and not tables:
            self.tabs.setCurrentIndex(1)  # naming the header row is the way on
        self.warnings.clear()
        self.warnings.addItems([f"⚠ {w}" for w in preview.warnings] or ["没有需要注意的问题。"])
        if preview.new_units:
            self.warnings.addItem("将新建单位：" + "、".join(preview.new_units))

    def _show_header_row(self) -> None:
        sheet = self.header_sheet.currentText()
        table = next((t for t in self.preview.parsed.tables if t.sheet == sheet), None)
        self.header_row.setValue(table.header_row if table else 1)

    def _fill_tree(self, nodes: list[ParsedNode]) -> None:
        model = self.tree_model
        model.clear()
        model.setHorizontalHeaderLabels(list(HEADERS))

        def add(parent: QStandardItem, items: list[ParsedNode]) -> None:
            for node in items:
                row = [
                    QStandardItem(node.source_label),
                    QStandardItem(node.text or "（无名称）"),
                    QStandardItem("、".join(self.preview.unit_names(node.lead_text))),
                    QStandardItem("、".join(self.preview.unit_names(node.support_text))),
                    QStandardItem("、".join(self.preview.unit_names(node.local_text))),
                    QStandardItem(node.deadline_text),
                    QStandardItem(node.remarks),
                ]
                for item in row:
                    item.setEditable(False)
                    item.setToolTip(item.text())
                row[0].setData((node.sheet, node.row), SOURCE_ROW_ROLE)
                parent.appendRow(row)
                add(row[0], node.children)

        add(model.invisibleRootItem(), nodes)
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(0, 90)
        has_local = any(node.local_text for node in self.preview.parsed.walk())
        has_remarks = any(node.remarks for node in self.preview.parsed.walk())
        self.tree.setColumnHidden(4, not has_local)
        self.tree.setColumnHidden(6, not has_remarks)

    # --- the row menu --------------------------------------------------------

    def row_menu(self, index) -> QMenu | None:
        """这一行读作… for the tree row at ``index`` (None when it came from no table row)."""
        source = self.tree_model.itemFromIndex(index.siblingAtColumn(0))
        where = source.data(SOURCE_ROW_ROLE) if source else None
        if not where or not where[1]:
            return None
        sheet, row = where
        menu = QMenu(self)
        menu.setTitle(f"第{row}行读作")
        for kind, label in ROW_KINDS.items():
            action = QAction(f"第{row}行读作：{label}", menu)
            action.triggered.connect(lambda _=False, k=kind: self.choose_row_kind(sheet, row, k))
            menu.addAction(action)
        return menu

    def _open_row_menu(self, point: QPoint) -> None:
        index = self.tree.indexAt(point)
        menu = self.row_menu(index) if index.isValid() else None
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(point))
