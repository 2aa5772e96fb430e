"""The 主要指标表: one row per indicator, a column per target year and the period's actual value."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sisiding_desktop.domain.model import Indicator, IndicatorAttribute, Period
from sisiding_desktop.services.indicators import misses_target

INDICATOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MISSED_ROLE = Qt.ItemDataRole.UserRole + 2

FIXED = (
    ("category", "指标类型"),
    ("name", "指标名称"),
    ("measure_unit", "单位"),
    ("attribute", "指标属性"),
    ("base_value", "基期值"),
)
MISSED_BACKGROUND = "#f8d7d5"

Index = QModelIndex | QPersistentModelIndex
# (indicator, column key, new text): keys are field names, ("target", year), "actual" or "responsible"
EditHandler = Callable[[Indicator, object, str], bool]


class IndicatorModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[Indicator] = []
        self._years: list[int] = []
        self.period = Period(2024, 4)
        self.edit_handler: EditHandler | None = None

    def set_indicators(self, items: list[Indicator], period: Period, years: list[int]) -> None:
        self.beginResetModel()
        self._items, self.period = list(items), period
        self._years = sorted({*years, *(t.year for i in items for t in i.targets)})
        self.endResetModel()

    def keys(self) -> list[object]:
        return [k for k, _ in FIXED] + [("target", y) for y in self._years] + ["actual", "responsible"]

    def key_of(self, column: int) -> object:
        return self.keys()[column]

    def column_of(self, key: object) -> int:
        return self.keys().index(key)

    def indicator_at(self, row: int) -> Indicator | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, indicator_id: int) -> int:
        return next((i for i, item in enumerate(self._items) if item.id == indicator_id), -1)

    def years(self) -> list[int]:
        return list(self._years)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self._years) + 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        if not 0 <= section < self.columnCount():
            return None
        key = self.key_of(section)
        if isinstance(key, tuple):
            return f"{key[1]}年目标"
        if key == "actual":
            return f"{self.period.label}完成值"
        if key == "responsible":
            return "责任单位"
        return dict(FIXED)[key]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.edit_handler is not None else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        key = self.key_of(index.column())
        missed = key == "actual" and misses_target(item, self.period)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = self._text(item, key)
            if role == Qt.ItemDataRole.EditRole and key == "attribute":
                return item.attribute.value if item.attribute else ""
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._text(item, key)
            return f"{text}\n未达到约束性目标" if missed else (text or None)
        if role == Qt.ItemDataRole.BackgroundRole and missed:
            return QColor(MISSED_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("name", "responsible"):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == INDICATOR_ID_ROLE:
            return item.id
        if role == MISSED_ROLE:
            return missed
        return None

    def _text(self, item: Indicator, key: object) -> str:
        if isinstance(key, tuple):
            return next((t.text for t in item.targets if t.year == key[1]), "")
        if key == "actual":
            return next((a.text for a in item.actuals if a.period == self.period), "")
        if key == "responsible":
            return "、".join(u.name for u in item.responsible)
        if key == "attribute":
            return item.attribute.label if isinstance(item.attribute, IndicatorAttribute) else ""
        return str(getattr(item, str(key)) or "")

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.edit_handler is None:
            return False
        item = self._items[index.row()]
        key = self.key_of(index.column())
        text = str(value or "").strip()
        if text == str(self.data(index, Qt.ItemDataRole.EditRole) or "").strip():
            return False
        return self.edit_handler(item, key, text)
