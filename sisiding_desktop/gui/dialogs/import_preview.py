"""Before an import: the tree as read, the counts, the new units and every warning; the title can be changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from sisiding_desktop.exchange.parsed import ParsedNode
from sisiding_desktop.gui.dialogs.buttons import ok_cancel
from sisiding_desktop.services.importing import ImportPreview

HEADERS = ("编号", "内容", "牵头单位", "配合单位", "完成时限")


class ImportPreviewDialog(QDialog):
    def __init__(self, preview: ImportPreview, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"导入预览 — {file_name}")
        self.resize(1000, 680)
        parsed = preview.parsed
        self.title_edit = QLineEdit(parsed.title or file_name.rsplit(".", 1)[0])
        counts = preview.counts()
        summary = QLabel(
            f"分组 {counts['groups']} 个，重点任务 {counts['tasks']} 项，具体措施 {counts['measures']} 条，"
            f"指标 {counts['indicators']} 项，单位 {counts['units']} 个"
            + (f"（其中新单位 {len(preview.new_units)} 个）" if preview.new_units else "")
        )
        summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow("计划名称(&T)：", self.title_edit)
        form.addRow("读取结果：", summary)
        self.tree = QTreeView()
        self.tree.setModel(self._tree_model(parsed.nodes))
        self.tree.setWordWrap(True)
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().resizeSection(0, 110)
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings.addItems([f"⚠ {w}" for w in preview.warnings] or ["没有需要注意的问题。"])
        if preview.new_units:
            self.warnings.addItem("将新建单位：" + "、".join(preview.new_units))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.warnings)
        splitter.setSizes([480, 140])
        buttons = ok_cancel(self, "导入(&I)")
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def title(self) -> str:
        return self.title_edit.text().strip()

    def _tree_model(self, nodes: list[ParsedNode]) -> QStandardItemModel:
        model = QStandardItemModel(self)
        model.setHorizontalHeaderLabels(list(HEADERS))

        def add(parent: QStandardItem, items: list[ParsedNode]) -> None:
            for node in items:
                row = [
                    QStandardItem(node.source_label),
                    QStandardItem(node.text),
                    QStandardItem("、".join(self.preview.unit_names(node.lead_text))),
                    QStandardItem("、".join(self.preview.unit_names(node.support_text))),
                    QStandardItem(node.deadline_text),
                ]
                for item in row:
                    item.setEditable(False)
                    item.setToolTip(item.text())
                parent.appendRow(row)
                add(row[0], node.children)

        add(model.invisibleRootItem(), nodes)
        return model
