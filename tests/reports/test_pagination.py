"""Pages break between task blocks, or cut a block cleanly with its task text repeated （续）."""

from __future__ import annotations

from sisiding_desktop.reports.division import build_division
from sisiding_desktop.reports.layout import ReportLayout, spans
from sisiding_desktop.reports.pagination import CONTINUED_MARK, SpanSplitter, page_breaks, split_at_breaks
from tests.reports.sample_plan import PLAN, G, M, T, build_tree


def big_layout() -> ReportLayout:
    tasks = [
        T(str(n), f"第{n}项重点任务", *(M(f"{i}.", f"措施{n}-{i}", "水务局") for i in range(1, 5))) for n in range(1, 4)
    ]
    return build_division(PLAN, build_tree([G("一、", "坚持以水定人定城", *tasks)]))


def test_a_block_that_does_not_fit_moves_whole_to_the_next_page():
    layout = big_layout()  # rows: group, 4 + 4 + 4 measures
    heights = [10.0] * len(layout.rows)
    assert page_breaks(layout.rows, heights, page_pt=70) == [5, 9]  # after task 1; after task 2


def test_the_first_page_has_less_room():
    layout = big_layout()
    assert page_breaks(layout.rows, [10.0] * 13, page_pt=200, first_page_pt=50) == [5]


def test_a_block_taller_than_a_page_is_split():
    layout = big_layout()
    breaks = page_breaks(layout.rows, [10.0] * 13, page_pt=30)
    assert breaks == [3, 6, 9, 12]  # every page full: no block fits a page
    assert all(b > 0 for b in breaks)


def test_a_heading_never_ends_a_page():
    task = [T("1", "任务一", *(M(f"{i}.", f"措施{i}", "水务局") for i in range(1, 5)))]
    other = [T("2", "任务二", *(M(f"{i}.", f"措施{i}", "水务局") for i in range(1, 5)))]
    layout = build_division(PLAN, build_tree([G("一、", "甲", *task), G("二、", "乙", *other)]))
    assert [r.kind for r in layout.rows][5] == "group1"
    # the page holds rows 0-5; task 2 does not fit, and its heading goes with it
    assert page_breaks(layout.rows, [10.0] * 10, page_pt=60) == [5]


def test_split_spans_repeat_the_task_on_the_new_page():
    layout = big_layout()
    rows = split_at_breaks(layout.rows, [3], layout.columns)
    task, cont = rows[1], rows[3]
    assert task.cells[0].row_span == 2 and task.cells[1].row_span == 2
    assert cont.cells[0].text == "1" and cont.cells[0].row_span == 2 and cont.cells[0].continued
    assert cont.cells[1].text == "第1项重点任务" + CONTINUED_MARK
    assert not cont.cells[2].continued
    again = ReportLayout(layout.title, layout.columns, layout.header_rows, rows)  # still a valid grid
    assert not any(first < 3 <= last for first, _, last, _ in spans(again.rows))


def test_a_splitter_cuts_as_split_at_breaks_and_keeps_rows_cut_the_same_way():
    layout = big_layout()
    splitter = SpanSplitter(layout.rows, layout.columns)
    for breaks in ([3], [3, 7], [2, 3, 11], [], [3]):
        assert splitter.split(breaks) == split_at_breaks(layout.rows, breaks, layout.columns)
    first, again = splitter.split([3, 7]), splitter.split([3, 11])
    assert first[3] is again[3]  # cut the same way at row 3: the same object, not measured again
    assert first[7] is not layout.rows[7] and again[7] is layout.rows[7]
    assert split_at_breaks(layout.rows, [], layout.columns)[5] is layout.rows[5]
