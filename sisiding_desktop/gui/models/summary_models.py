"""The 汇总 tab's tables: the bodies' standings, and the measures with every body's word (or one body's, with
the 市's remarks to edit)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sisiding_desktop.domain.model import Light
from sisiding_desktop.gui.models.quarter_model import LIGHT_COLORS
from sisiding_desktop.gui.models.row_table import RowTableModel
from sisiding_desktop.reports.summary import STATUS_ORDER, tally_text, word_text
from sisiding_desktop.services.summary import BodyStanding, BodyWord, MeasureSummary

Index = QModelIndex | QPersistentModelIndex
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
LIGHT_TINTS = {Light.RED: "#F8D0CC", Light.YELLOW: "#FBEBB5", Light.GREEN: "#D2ECD6"}


class StandingModel(RowTableModel):
    headers = ("排名", "报送单位", "报送措施", *(s.label for s in STATUS_ORDER), "红灯", "黄灯", "按时完成率",
               "平均完成率", "报送文件", "读入时间")  # fmt: skip

    def standing_at(self, row: int) -> BodyStanding | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        standing: BodyStanding = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(standing, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (1, len(self.headers) - 2):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            light = {3 + len(STATUS_ORDER): Light.RED, 4 + len(STATUS_ORDER): Light.YELLOW}.get(column)
            count = standing.red if light is Light.RED else standing.yellow if light is Light.YELLOW else 0
            return QColor(LIGHT_TINTS[light]) if light and count else None
        return None

    def _text(self, s: BodyStanding, column: int) -> str:
        returned = s.returned
        if column == 0:
            return str(s.rank) if s.rank else "—"
        if column == 1:
            return s.body.name
        if returned is None:
            return "未报送" if column == 2 else ""
        statuses = len(STATUS_ORDER)
        if column == 2:
            return str(s.reported)
        if 3 <= column < 3 + statuses:
            return str(s.by_status.get(STATUS_ORDER[column - 3], 0))
        values = [
            str(s.red),
            str(s.yellow),
            "—" if s.on_time_share is None else f"{s.on_time_share:.0%}",
            "" if s.mean_percent is None else f"{s.mean_percent:.0f}%",
            returned.file_name,
            f"{returned.read_at:%Y-%m-%d %H:%M}（{returned.read_by}）"
            if returned.read_by
            else f"{returned.read_at:%Y-%m-%d %H:%M}",
        ]
        return values[column - 3 - statuses]


class MeasureWordsModel(RowTableModel):
    """Every measure: all bodies' words and the tally; or, with ``body_id`` set, that body's entry and the 市's
    remarks (editable: ``edit_remarks`` is called with the word and the new text)."""

    ALL = ("序号", "具体落实措施", "各单位推进情况", "汇总")
    ONE = ("序号", "具体落实措施", "状态", "完成率", "进展情况", "存在问题", "市级意见")
    REMARKS = 6

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.body_id = 0
        self.numbers: dict[int, str] = {}
        self.headers = self.ALL
        self.edit_remarks: Callable[[BodyWord, str], bool] = lambda _word, _text: False

    def show(self, measures: list[MeasureSummary], body_id: int) -> None:
        self.beginResetModel()
        self.body_id = body_id
        self.headers = self.ONE if body_id else self.ALL
        self._rows = list(measures)
        self.endResetModel()

    def word(self, row: int) -> BodyWord | None:
        measure: MeasureSummary = self._rows[row]
        return next((w for w in measure.words if w.body.id == self.body_id), None)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.body_id and index.column() == self.REMARKS and self.word(index.row()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not self._valid(index):
            return None
        measure: MeasureSummary = self._rows[index.row()]
        if role == NODE_ID_ROLE:
            return measure.node.id
        word = self.word(index.row()) if self.body_id else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(measure, word, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            light = word.light if self.body_id and word else measure.light if not self.body_id else None
            if index.column() == (2 if self.body_id else 3) and light is not None:
                return QColor(LIGHT_TINTS[light])
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2 and word and word.light:
            return QColor(LIGHT_COLORS[word.light]).darker(140)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.EditRole or not (self.body_id and index.column() == self.REMARKS):
            return False
        word = self.word(index.row())
        if word is None or str(value).strip() == word.entry.city_remarks:
            return False
        return self.edit_remarks(word, str(value).strip())

    def _text(self, measure: MeasureSummary, word: BodyWord | None, column: int) -> str:
        node = measure.node
        if column == 0:
            return self.numbers.get(node.id, node.number)
        if column == 1:
            return node.text
        if not self.body_id:
            return "\n".join(word_text(w) for w in measure.words) if column == 2 else tally_text(measure)
        if word is None:
            return "未报送" if column == 2 else ""
        progress = word.entry.progress
        light = f"（{word.light.label}）" if word.light in (Light.RED, Light.YELLOW) else ""
        return {
            2: f"{progress.status.label}{light}",
            3: f"{progress.percent}%",
            4: progress.progress_text,
            5: progress.problems,
            6: word.entry.city_remarks,
        }[column]


__all__ = ["MeasureWordsModel", "NODE_ID_ROLE", "StandingModel"]
