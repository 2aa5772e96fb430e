"""The page plan the PDF (and the print preview) draw: what goes on which page, and where.

These checks need no PDF reader: they look at the boxes and text lines placed
on each page, in points from the top-left corner.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sisiding_desktop.machine.fonts import BUNDLED, BUNDLED_ONLY_ENV
from sisiding_desktop.render.pdf_pages import Box, Page, PagePlan, TextLine, plan_pages
from sisiding_desktop.reports.division import build_division
from sisiding_desktop.reports.layout import ReportLayout
from sisiding_desktop.reports.pagination import CONTINUED_MARK
from sisiding_desktop.reports.progress import build_progress
from sisiding_desktop.reports.styles import LIGHT_FILLS
from tests.reports.sample_plan import PLAN, Q3, G, M, T, build_tree, sample_progress, walk

LONG = "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。"
SLACK = 0.05  # points


@pytest.fixture(autouse=True)
def bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")


def text_of(line: TextLine) -> str:
    return "".join(run.text for _, run in line.runs)


def page_text(page: Page) -> str:
    return "".join(text_of(line) for line in page.lines)


def glyph_box(line: TextLine) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the line's glyphs: CJK glyphs reach 0.88 em up, 0.12 em down."""
    return line.x, line.baseline - 0.88 * line.size, line.x + line.width, line.baseline + 0.12 * line.size


def inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    return (
        inner[0] >= outer[0] - SLACK
        and inner[1] >= outer[1] - SLACK
        and inner[2] <= outer[2] + SLACK
        and inner[3] <= outer[3] + SLACK
    )


def box_edges(box: Box) -> tuple[float, float, float, float]:
    return box.x, box.y, box.x + box.w, box.y + box.h


def is_page_number(line: TextLine, page: Page) -> bool:
    return text_of(line) == f"— {page.number} —"


def long_plan(measures: int = 15, text_lines: int = 4) -> ReportLayout:
    """One task whose measures fill several pages, then some ordinary tasks."""
    big = T(
        "1", "第1项重点任务", *(M(f"{i}.", f"措施1之{i}：" + LONG * text_lines, "水务局") for i in range(1, measures))
    )
    others = [T(str(n), f"第{n}项重点任务", M("1.", f"措施{n}之1", "住建局")) for n in range(2, 6)]
    return build_division(PLAN, build_tree([G("一、", "坚持以水定人定城", G("（一）", "节水优先", big, *others))]))


def check_geometry(plan: PagePlan) -> None:
    """Everything inside the printable area, every line inside a cell of its page, no two lines overlapping."""
    left, top, right, bottom = plan.content
    for page in plan.pages:
        boxes = [box_edges(b) for b in page.boxes]
        for box in boxes:
            assert inside(box, plan.content), f"page {page.number}: box {box} leaves the printable area"
        glyphs = []
        for line in page.lines:
            glyph = glyph_box(line)
            if is_page_number(line, page):
                assert bottom < glyph[1] and glyph[3] < plan.height and left < glyph[0] < glyph[2] < right
                continue
            assert inside(glyph, plan.content), f"page {page.number}: {text_of(line)!r} leaves the printable area"
            if page.number == 1 and glyph[1] < min((b[1] for b in boxes), default=bottom):
                continue  # a heading line above the table
            if glyph[1] >= max((b[3] for b in boxes), default=top) - SLACK:
                continue  # a note below the table
            if not any(inside(glyph, box) for box in boxes):
                pytest.fail(f"page {page.number}: {text_of(line)!r} sticks out of its cell")
            glyphs.append(glyph)
        glyphs.sort(key=lambda g: (g[1], g[0]))
        for n, a in enumerate(glyphs):
            for b in glyphs[n + 1 :]:
                if b[1] >= a[3] - SLACK:
                    break
                overlap = min(a[2], b[2]) - max(a[0], b[0])
                assert overlap <= SLACK, f"page {page.number}: text lines overlap at {a} and {b}"


def test_the_sample_division_table_on_paper():
    layout = build_division(PLAN, build_tree())
    plan = plan_pages(layout)
    assert (plan.width, plan.height) == pytest.approx((841.89, 595.28), abs=0.01)  # A4 landscape
    check_geometry(plan)
    first = plan.pages[0]
    label, title = first.lines[0], first.lines[1]
    assert text_of(label) == "附件" and label.size == 16 and label.runs[0][1].face == BUNDLED["heading"]
    assert label.x == pytest.approx(plan.content[0])
    assert text_of(title) == PLAN.title and title.size == 22 and title.runs[0][1].face == BUNDLED["title"]
    assert title.x + title.width / 2 == pytest.approx(plan.width / 2)
    for page in plan.pages:
        assert "具体落实措施" in page_text(page)
        assert page_text(page).endswith(f"— {page.number} —")
    text = "".join(page_text(p) for p in plan.pages)
    for node in walk(build_tree()):
        assert node.text in text


def test_fonts_by_row_kind():
    plan = plan_pages(build_division(PLAN, build_tree()))
    faces = {text_of(line): line.runs[0][1].face for page in plan.pages for line in page.lines}
    assert faces["序号"] == BUNDLED["heading"]  # header row in 黑体
    assert faces["一、坚持以水定人定城，优化城镇空间格局"] == BUNDLED["heading"]
    assert faces["（一）加强城镇开发边界管控"] == BUNDLED["kai"]
    assert faces["自然资源局"] == BUNDLED["body"]


def test_group_rows_span_the_width_and_task_cells_span_their_measures():
    plan = plan_pages(build_division(PLAN, build_tree()))
    left, _, right, _ = plan.content
    page = plan.pages[0]

    def box_of(text: str) -> Box:
        line = next(line for line in page.lines if text_of(line).startswith(text))
        return next(b for b in page.boxes if inside(glyph_box(line), box_edges(b)))

    group = box_of("一、坚持以水定人定城")
    assert group.x == pytest.approx(left) and group.x + group.w == pytest.approx(right)
    task = box_of("发挥用水户节水主体作用")
    first, last = box_of("1.开展党政机关"), box_of("2.2024年节水型医院")
    assert task.y == pytest.approx(first.y) and task.y + task.h >= last.y + last.h - SLACK


def test_a_task_running_over_a_page_continues_under_the_header_marked_continued():
    plan = plan_pages(long_plan())
    check_geometry(plan)
    assert len(plan.pages) >= 3  # the block is taller than a page: it splits inside
    for page in plan.pages[1:]:
        text = page_text(page)
        assert text.startswith("序号重点任务具体落实措施")  # the header comes first on every page
        if "措施1之" in text.split("第2项")[0]:
            assert "第1项重点任务" + CONTINUED_MARK in text
    # no measure is lost or printed twice
    text = "".join(page_text(p) for p in plan.pages)
    for i in range(1, 15):
        assert text.count(f"措施1之{i}：") == 1


def test_a_block_that_fits_moves_whole_unless_that_leaves_much_of_a_page_empty():
    plan = plan_pages(long_plan(measures=6, text_lines=3))
    texts = [page_text(p) for p in plan.pages]
    assert len(texts) == 2
    assert "第1项重点任务" + CONTINUED_MARK in texts[1]  # page 1 is filled, the rest continues


def test_a_single_very_long_cell_splits_across_pages():
    huge = "超长措施开始：" + LONG * 90 + "超长措施结束。"
    layout = build_division(
        PLAN, build_tree([T("1", "一项任务", M("1.", huge, "水务局"), M("2.", "短措施", "住建局"))])
    )
    plan = plan_pages(layout)
    check_geometry(plan)
    assert len(plan.pages) >= 3
    column = []
    for page in plan.pages:
        header = next(b for b, line in _boxes_with_text(page) if text_of(line) == "具体落实措施")
        column.extend(
            text_of(line)
            for line in page.lines
            if header.x <= line.x < header.x + header.w and header.y + header.h < line.baseline < plan.content[3]
        )
    assert "".join(column) == "1." + huge + "2.短措施"


def _boxes_with_text(page: Page):
    for line in page.lines:
        for box in page.boxes:
            if inside(glyph_box(line), box_edges(box)):
                yield box, line


def test_the_progress_report_colours_its_lights():
    nodes = build_tree()
    progress, lights = sample_progress(nodes)
    plan = plan_pages(build_progress(PLAN, nodes, Q3, progress, lights))
    check_geometry(plan)
    fills = {box.fill for page in plan.pages for box in page.boxes}
    assert set(LIGHT_FILLS.values()) <= fills
    text = "".join(page_text(p) for p in plan.pages)
    assert "（2024年第3季度）" in text and "红灯" in text and "注：绿灯表示" in text


def test_user_text_that_looks_like_markup_is_placed_as_text():
    markup = '<img src=x><link href="http://x">点此</link>&amp;<b>'
    layout = build_division(PLAN, build_tree([T("1", markup, M("1.", "<font name=Courier>措施</font>", "水务局"))]))
    text = "".join(page_text(p) for p in plan_pages(layout).pages)
    assert markup in text.replace("\n", "") or markup.replace(" ", "") in text
    assert "<font name=Courier>措施</font>" in text


measure_counts = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=8)
text_sizes = st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(measure_counts, text_sizes, st.integers(min_value=0, max_value=20))
def test_any_plan_paginates_without_overflow_or_loss(counts: list[int], sizes: list[int], task_size: int):
    sizes_iter = itertools.cycle(sizes)
    tasks = [
        T(str(n), f"任务{n}" + LONG * task_size, *(M(f"{i}.", f"措{n}之{i}：" + LONG * next(sizes_iter), "水务局")
                                                   for i in range(1, count + 1)))
        for n, count in enumerate(counts, start=1)
    ]  # fmt: skip
    plan = plan_pages(build_division(PLAN, build_tree([G("一、", "章", *tasks)])))
    check_geometry(plan)
    text = "".join(page_text(p) for p in plan.pages)
    for n, count in enumerate(counts, start=1):
        for i in range(1, count + 1):
            assert text.count(f"措{n}之{i}：") == 1
