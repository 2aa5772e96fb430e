"""A 主要指标表 sheet → indicators: category, name, unit, attribute, base value, yearly targets."""

from __future__ import annotations

import re

from sisiding_desktop.exchange.grid.sheet_grid import SheetGrid
from sisiding_desktop.exchange.parsed import ImportWarning, ParsedIndicator
from sisiding_desktop.exchange.plan_table.header import (
    IGNORED,
    Header,
    Vocabulary,
    find_header,
    find_header_below,
    is_repeated_header,
)
from sisiding_desktop.exchange.plan_table.labels import group_label, is_note

SEQ, CATEGORY, NAME, MEASURE_UNIT = "seq", "category", "name", "measure_unit"
ATTRIBUTE, BASE, YEAR, RESPONSIBLE = "attribute", "base", "year", "responsible"

_YEAR = re.compile(r"(?:19|20)\d{2}")
_BASE_WORDS = ("基期", "现状", "基准", "基础")
_ACTUAL_WORDS = ("完成", "实际", "进展", "实现")


def _year_role(word: str) -> str | None:
    """Header cells naming a year: "2025年", "2025年目标", "2020年（基期）"."""
    if not _YEAR.search(word):
        return None
    if any(w in word for w in _ACTUAL_WORDS):
        return IGNORED
    return BASE if any(w in word for w in _BASE_WORDS) else YEAR


INDICATOR_VOCABULARY = Vocabulary(
    {
        SEQ: ("序号", "编号"),
        CATEGORY: ("指标类型", "指标类别", "指标分类", "类别", "类型", "分类", "领域", "指标层级"),
        NAME: ("指标名称", "指标", "主要指标", "指标项", "指标内容", "名称", "具体指标"),
        MEASURE_UNIT: ("单位", "计量单位", "指标单位"),
        ATTRIBUTE: ("指标属性", "属性", "指标性质", "性质"),
        BASE: ("基期值", "基期", "现状值", "现状", "基准值", "基础值", "基期年"),
        RESPONSIBLE: (
            "责任单位",
            "牵头单位",
            "责任部门",
            "牵头部门",
            "主责单位",
            "牵头",
            "责任",
            "责任主体",
        ),
        IGNORED: ("备注", "完成情况", "完成值", "实际值", "进展情况"),
    },
    fallback=_year_role,
)


def find_indicator_header(grid: SheetGrid) -> Header | None:
    """The header of an indicator table: a name column and one more indicator column."""
    return find_header(grid, INDICATOR_VOCABULARY, _is_indicator_header)


def find_indicator_header_below(grid: SheetGrid, after: int) -> Header | None:
    """An indicator table stacked below another table on the same sheet."""
    return find_header_below(grid, INDICATOR_VOCABULARY, _is_indicator_header, after)


def _is_indicator_header(header: Header) -> bool:
    roles = set(header.roles.values())
    return NAME in roles and bool(roles & {YEAR, ATTRIBUTE, MEASURE_UNIT, BASE, CATEGORY})


def read_indicators(
    grid: SheetGrid, header: Header, end: int | None = None
) -> tuple[list[ParsedIndicator], list[ImportWarning]]:
    """Every indicator row below ``header`` (and above row ``end``); category rows and merged categories carry
    down."""
    reader = _IndicatorRows(grid, header)
    for row in grid.rows(header.last_row + 1):
        if end is not None and row >= end:
            break
        reader.read(row)
    return reader.indicators, reader.warnings


class _IndicatorRows:
    def __init__(self, grid: SheetGrid, header: Header) -> None:
        self.grid, self.header = grid, header
        self.indicators: list[ParsedIndicator] = []
        self.warnings: list[ImportWarning] = []
        self.name = header.column(NAME)
        self.years = {col: _year_of(header, col) for col in header.columns(YEAR)}
        self.category = ""

    def read(self, row: int) -> None:
        grid = self.grid
        fresh = grid.fresh_texts(row)
        if not fresh or is_repeated_header(grid, row, self.header):
            return
        texts = grid.row_texts(row)
        if len(texts) == 1 and len(fresh) == 1:
            text = next(iter(texts.values()))
            if is_note(text):
                self._warn(row, f"表格下方的说明文字未导入：{text[:20]}")
                return
            col = next(iter(texts))
            if col != self.name or grid.width(row, col) > 1 or group_label(text):
                self.category = _without_label(text)  # a category heading row
                return
        name = grid.fresh(row, self.name) if self.name else ""
        if not name:
            if not (self.name and grid.text(row, self.name)):  # not just a merged name continuing
                self._warn(row, "这一行没有指标名称，未导入")
            return
        self.indicators.append(self._indicator(row, name))

    def _indicator(self, row: int, name: str) -> ParsedIndicator:
        text = self._text
        category = _without_label(text(row, CATEGORY)) or self.category
        targets = {year: value for col, year in self.years.items() if (value := self.grid.text(row, col))}
        return ParsedIndicator(
            category=category,
            name=name,
            measure_unit=text(row, MEASURE_UNIT),
            attribute_text=text(row, ATTRIBUTE),
            base_value=text(row, BASE),
            targets=targets,
            responsible_text=text(row, RESPONSIBLE),
            row=row,
            sheet=self.grid.name,
        )

    def _text(self, row: int, role: str) -> str:
        col = self.header.column(role)
        return self.grid.text(row, col) if col else ""

    def _warn(self, row: int, message: str) -> None:
        self.warnings.append(ImportWarning(self.grid.name, row, message))


def _without_label(text: str) -> str:
    found = group_label(text)
    return found.text if found and found.text else text


def _year_of(header: Header, col: int) -> int:
    """The year a target column names; a second header row ("2024年" under "目标值") wins."""
    found = _YEAR.search(header.sub_texts.get(col, "")) or _YEAR.search(header.texts[col])
    return int(found.group(0)) if found else 0
