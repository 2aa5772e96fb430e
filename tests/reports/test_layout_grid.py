"""The layout is a full grid whose spans cover exactly their placeholders."""

from __future__ import annotations

import pytest

from sisiding_desktop.reports.layout import (
    Cell,
    Column,
    PageSetup,
    ReportLayout,
    Row,
    full_width_row,
    placeholder,
    spans,
)
from sisiding_desktop.reports.styles import body_style

COLUMNS = (Column("a", "甲", 10), Column("b", "乙", 10))


def layout(*rows: Row) -> ReportLayout:
    return ReportLayout("表", COLUMNS, (), tuple(rows))


def test_a_valid_grid_and_its_spans():
    owner = Cell("任务", row_span=2)
    rows = (Row("task", (owner, Cell("措施1"))), Row("measure", (placeholder(owner), Cell("措施2"))),
            full_width_row("group1", "一、", body_style(), 2))  # fmt: skip
    assert spans(layout(*rows).rows) == [(0, 0, 1, 0), (2, 0, 2, 1)]


@pytest.mark.parametrize(
    "rows",
    [
        (Row("task", (Cell("只有一格"),)),),  # too few cells
        (Row("task", (Cell("甲"), Cell(spanned=True))),),  # placeholder outside a span
        (Row("task", (Cell("甲", col_span=2), Cell("乙"))),),  # text inside a span
        (Row("task", (Cell("甲", row_span=2), Cell("乙"))),),  # span beyond the table
    ],
)
def test_broken_grids_are_refused(rows):
    with pytest.raises(ValueError):
        layout(*rows)


def test_a4_landscape_printable_area():
    page = PageSetup()
    assert page.size_mm == (297.0, 210.0)
    assert page.printable_mm == (267.0, 170.0)
