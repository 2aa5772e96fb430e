"""指标完成情况表: the plan's indicators, their targets per year and the period's actual values."""

from __future__ import annotations

from collections.abc import Sequence

from sisiding_desktop.domain.model import Indicator, Period, Plan
from sisiding_desktop.reports.assemble import assemble
from sisiding_desktop.reports.columns import choose_columns
from sisiding_desktop.reports.layout import Cell, Column, ReportLayout, Row, placeholder
from sisiding_desktop.reports.styles import BODY_PT, body_style, header_style
from sisiding_desktop.reports.text import report_base_name, units_text

INDICATOR_COLUMNS: dict[str, Column] = {
    c.key: c
    for c in (
        Column("seq", "序号", 6, "center", "seq"),
        Column("category", "指标类型", 12, "center", "text"),
        Column("name", "指标名称", 32, "left", "text"),
        Column("unit", "单位", 10, "center", "text"),
        Column("attribute", "指标属性", 9, "center", "text"),
        Column("base", "基期值", 10, "center", "value"),
        Column("targets", "目标值", 10, "center", "value"),  # one column per target year
        Column("actual", "完成值", 14, "center", "value"),
        Column("responsible", "责任单位", 22, "center", "units"),
        Column("notes", "备注", 14, "left", "text"),
    )
}
INDICATOR_DEFAULT = ("seq", "category", "name", "unit", "attribute", "targets", "actual", "responsible")
TARGETS_HEADER = "目标值"


def build_indicators(
    plan: Plan,
    indicators: Sequence[Indicator],
    *,
    period: Period | None = None,
    years: Sequence[int] | None = None,
    columns: Sequence[str] | None = None,
    office: str = "",
    title: str | None = None,
    attachment_label: str | None = None,
) -> ReportLayout:
    """The 指标完成情况表, indicators in position order.

    ``targets`` becomes one column per year (``years``, default every year
    any indicator has a target for) under a 目标值 header; ``actual`` shows
    the value recorded for ``period`` and is left out without a period.
    指标类型 cells are merged over consecutive indicators of one category.
    """
    items = sorted(indicators, key=lambda i: (i.position, i.id))
    if years is None:
        years = sorted({t.year for i in items for t in i.targets})
    keys = list(INDICATOR_DEFAULT if columns is None else columns)
    if columns is None and period is None:
        keys.remove("actual")
    chosen = choose_columns(INDICATOR_COLUMNS, keys, INDICATOR_DEFAULT)
    expanded = _expand(chosen, years, period)
    return assemble(
        "indicators",
        plan,
        title=title or f"{report_base_name(plan.title)}主要指标完成情况表",
        subtitle=f"（{period.label}）" if period else "",
        columns=expanded,
        header_rows=_header_rows(expanded),
        rows=_body_rows(items, expanded, period),
        office=office,
        attachment_label=attachment_label,
        sheet="主要指标",
    )


def _expand(columns: Sequence[Column], years: Sequence[int], period: Period | None) -> list[Column]:
    out: list[Column] = []
    for c in columns:
        if c.key == "targets":
            out.extend(Column(f"target:{y}", f"{y}年", c.width_chars, c.align, c.role) for y in years)
        elif c.key == "actual" and period is not None:
            out.append(Column(c.key, f"{period.label}完成值", c.width_chars, c.align, c.role))
        else:
            out.append(c)
    return out


def _header_rows(columns: Sequence[Column]) -> list[Row]:
    """One header row, or two when target years sit under a merged 目标值 cell."""
    style = header_style()
    targets = [i for i, c in enumerate(columns) if c.key.startswith("target:")]
    if not targets:
        return [Row("header", tuple(Cell(c.header, style=style) for c in columns))]
    group = Cell(TARGETS_HEADER, col_span=len(targets), style=style)
    top: list[Cell] = []
    bottom: list[Cell] = []
    for i, c in enumerate(columns):
        if i in targets:  # the year columns are adjacent: they come from one key
            top.append(group if i == targets[0] else placeholder(group))
            bottom.append(Cell(c.header, style=style))
        else:
            tall = Cell(c.header, row_span=2, style=style)
            top.append(tall)
            bottom.append(placeholder(tall))
    return [Row("header", tuple(top)), Row("header", tuple(bottom))]


def _body_rows(items: Sequence[Indicator], columns: Sequence[Column], period: Period | None) -> list[Row]:
    runs = _category_runs(items)
    rows: list[Row] = []
    for n, item in enumerate(items):
        first, length = runs[n]
        cells: list[Cell] = []
        for c in columns:
            style = body_style(c.align, BODY_PT, c.short)
            if c.key == "category" and length > 1:
                cell = Cell(item.category, row_span=length, style=style) if first == n else None
                cells.append(cell or placeholder(Cell(style=style)))
            else:
                cells.append(Cell(_value(c.key, item, n, period), style=style))
        rows.append(Row("indicator", tuple(cells), items[first].id, item.id))
    return rows


def _category_runs(items: Sequence[Indicator]) -> list[tuple[int, int]]:
    """For each indicator: (index of the first of its run of equal categories, run length)."""
    runs: list[tuple[int, int]] = []
    start = 0
    for n in range(1, len(items) + 1):
        if n == len(items) or not items[n].category or items[n].category != items[start].category:
            runs.extend([(start, n - start)] * (n - start))
            start = n
    return runs


def _value(key: str, item: Indicator, n: int, period: Period | None) -> str:
    if key.startswith("target:"):
        year = int(key.split(":", 1)[1])
        return next((t.text for t in item.targets if t.year == year), "")
    if key == "actual":
        return next((a.text for a in item.actuals if a.period == period), "")
    simple = {
        "seq": str(n + 1),
        "category": item.category,
        "name": item.name,
        "unit": item.measure_unit,
        "attribute": item.attribute.label if item.attribute else "",
        "base": item.base_value,
        "responsible": units_text(item.responsible),
        "notes": item.notes,
    }
    return simple[key]
