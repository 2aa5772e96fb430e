"""Page breaks for the PDF: full pages, blocks cut cleanly, every page measured again so none overflows."""

from __future__ import annotations

import pytest

from sisiding_desktop.machine.fonts import BUNDLED_ONLY_ENV
from sisiding_desktop.render.pdf_fonts import FontBook
from sisiding_desktop.render.pdf_measure import Measurer
from sisiding_desktop.render.pdf_paginate import paginate
from sisiding_desktop.render.pdf_tall import fit_tall_rows
from sisiding_desktop.reports.division import DIVISION_COLUMNS, build_division
from sisiding_desktop.reports.layout import ReportLayout, check_grid
from sisiding_desktop.reports.pagination import CONTINUED_MARK, next_break, page_breaks
from tests.reports.sample_plan import PLAN, G, M, T, build_tree

LONG = "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。"


@pytest.fixture(autouse=True)
def bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")


def three_tasks(task_text: str = "", measure_text: str = "") -> ReportLayout:
    tasks = [
        T(
            str(n),
            f"第{n}项重点任务{task_text}",
            *(M(f"{i}.", f"措施{n}-{i}{measure_text}", "水务局") for i in range(1, 5)),
        )
        for n in range(1, 4)
    ]
    return build_division(PLAN, build_tree([G("一、", "坚持以水定人定城", *tasks)]))


def widths(layout: ReportLayout, table_pt: float = 750) -> list[float]:
    """The columns' nominal widths (the catalogue's, not those fitted to the page) spread over ``table_pt``."""
    nominal = [DIVISION_COLUMNS[c.key].width_chars for c in layout.columns]
    return [table_pt * w / sum(nominal) for w in nominal]


def test_max_gap_cuts_a_block_rather_than_leave_a_page_a_quarter_empty():
    rows = three_tasks().rows  # group, then 4 + 4 + 4 measures
    heights = [10.0] * len(rows)
    assert page_breaks(rows, heights, page_pt=70) == [5, 9]  # blocks move whole: page 1 is 2/7 empty
    assert page_breaks(rows, heights, page_pt=70, max_gap=0.25) == [7]  # task 2 is cut after 2 measures
    assert next_break(rows, heights, 7, 70, 70) is None  # the rest fits


def test_each_page_fits_once_its_spans_are_cut():
    task = T("1", "第1项重点任务" + LONG, *(M(f"{i}.", f"措施{i}", "水务局") for i in range(1, 9)))
    layout = build_division(PLAN, build_tree([G("一、", "章", task, T("2", "第2项", M("1.", "措施", "水务局")))]))
    paged = paginate(layout.rows, layout.columns, widths(layout, 400), Measurer(FontBook()), room=170, first_room=150)
    check_grid(paged.rows, len(layout.columns))
    assert len(paged.pages) == 2
    for page, room in zip(paged.pages, (150, 170), strict=True):
        assert sum(paged.heights[r] for r in page) <= room + 0.01
    top = paged.rows[paged.pages[1].start]  # the task continues here, its text again, marked （续）
    assert top.kind == "measure" and top.cells[1].continued
    assert top.cells[1].text == "第1项重点任务" + LONG + CONTINUED_MARK and top.cells[0].text == "1"
    assert top.cells[1].row_span == 3  # over the measures left for this page


def test_a_row_taller_than_a_page_becomes_pieces_that_fit():
    layout = three_tasks(measure_text=LONG * 30)
    measurer = Measurer(FontBook())
    w = widths(layout)
    rows = fit_tall_rows(layout.rows, w, measurer, limit=200)
    check_grid(rows, len(layout.columns))
    assert len(rows) > len(layout.rows)
    assert max(measurer.row_heights(rows, w)) <= 200
    measure_text = "".join(r.cells[2].text for r in rows if r.block_id == layout.rows[1].block_id)
    assert measure_text == "".join(r.cells[2].text for r in layout.rows[1:5])  # nothing lost, nothing repeated
    task = rows[1].cells[1]
    assert task.text == "第1项重点任务" and task.row_span == sum(1 for r in rows if r.block_id == rows[1].block_id)


def test_a_merged_cell_taller_than_a_page_flows_down_its_first_row():
    layout = three_tasks(task_text=LONG * 40)
    measurer = Measurer(FontBook())
    w = widths(layout)
    rows = fit_tall_rows(layout.rows, w, measurer, limit=200)
    check_grid(rows, len(layout.columns))
    assert max(measurer.row_heights(rows, w)) <= 200
    block = [r for r in rows if r.block_id == layout.rows[1].block_id]
    assert "".join(r.cells[1].text for r in block) == layout.rows[1].cells[1].text
