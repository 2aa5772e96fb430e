"""Column widths from the page and the words the columns hold: headers and unit names whole, text shares the rest."""

from __future__ import annotations

import pytest

from sisiding_desktop.reports import column_widths
from sisiding_desktop.reports.column_widths import PT_PER_UNIT, TABLE_FILL, TEXT_KEEP, fit_columns, words
from sisiding_desktop.reports.columns import COMPACT_WIDTHS, TASK_COLUMNS, compact
from sisiding_desktop.reports.division import DIVISION_DEFAULT, build_division
from sisiding_desktop.reports.layout import Cell, Column, Margins, PageSetup, ReportLayout, Row
from sisiding_desktop.reports.progress import build_progress
from sisiding_desktop.reports.row_heights import line_count
from sisiding_desktop.reports.styles import SMALL_BODY_PT, body_style, header_style
from sisiding_desktop.reports.task_table import header_row
from tests.reports.sample_plan import PLAN, Q3, build_tree, sample_progress

MM = 72 / 25.4


@pytest.fixture
def progress() -> ReportLayout:
    tree = build_tree()
    return build_progress(PLAN, tree, Q3, *sample_progress(tree))


def width(layout: ReportLayout, key: str) -> float:
    return next(c.width_chars for c in layout.columns if c.key == key)


def room_units(page: PageSetup | None = None) -> float:
    return (page or PageSetup()).printable_mm[0] * MM / PT_PER_UNIT * TABLE_FILL


def table(columns: list[Column], cells: dict[str, list[str]], page: PageSetup | None = None) -> tuple[Column, ...]:
    """``fit_columns`` for a header row and body rows holding ``cells`` (key → texts, down the rows)."""
    count = max(map(len, cells.values()), default=0)
    body = []
    for r in range(count):
        texts = [(cells.get(c.key) or [""] * count)[r:][:1] or [""] for c in columns]
        styles = [body_style(c.align, SMALL_BODY_PT, c.short) for c in columns]
        body.append(Row("measure", tuple(Cell(t[0], style=s) for t, s in zip(texts, styles, strict=True))))
    return fit_columns(columns, [header_row(columns, SMALL_BODY_PT)], body, page or PageSetup())


def test_words_end_at_separators_and_keep_them():
    assert words("住建局、发改局、各乡镇（农场）") == ["住建局、", "发改局、", "各乡镇（农场）"]
    assert words("市城管局\n市市场监管局") == ["市城管局", "市市场监管局"]
    assert words("状态/亮灯") == ["状态/", "亮灯"]  # two words; 2024/6/30 and N/A are one
    assert words("2024/6/30 N/A") == ["2024/6/30", "N/A"]
    assert words("牵头单位") == ["牵头单位"]
    text = "、水务局，发改局 / 2024/6、、"
    assert "".join(column_widths.WORD.findall(text)) == text  # nothing lost


def test_the_sample_progress_report_keeps_headers_and_unit_names_whole(progress):
    """序号, 牵头单位, 完成率 … on one line, and 自然资源局; the fixed widths broke them (序/号, 牵头单/位)."""
    for column in progress.columns:
        for word in words(column.header):
            assert line_count(word, column.width_chars, SMALL_BODY_PT) == 1, (column.header, word)
    assert line_count("自然资源局", width(progress, "lead"), SMALL_BODY_PT) == 1
    for name in ("住建局、", "发改局、", "水务局"):
        assert line_count(name, width(progress, "support"), SMALL_BODY_PT) == 1, name
    assert line_count("2024年12月", width(progress, "deadline"), SMALL_BODY_PT) == 1
    assert line_count("已完成", width(progress, "status"), SMALL_BODY_PT) == 1


def test_the_division_table_has_room_for_every_name_of_the_sample():
    layout = build_division(PLAN, build_tree(), columns=DIVISION_DEFAULT)
    for name in ("自然资源局", "机关事务服务中心", "平罗工业园区管委会", "工信局、"):
        assert line_count(name, width(layout, "lead"), 12) == 1, name
    for name in ("各乡镇（农场）", "市场监管局、"):
        assert line_count(name, width(layout, "support"), 12) == 1, name


def test_the_table_fills_the_printable_width_and_text_columns_share_in_proportion(progress):
    assert sum(c.width_chars for c in progress.columns) == pytest.approx(room_units(), abs=0.05)
    text = [c for c in progress.columns if not c.short]
    assert [c.key for c in text] == ["task", "measure", "progress", "problems", "next_steps"]
    for c in text:
        assert c.width_chars / width(progress, "measure") == pytest.approx(COMPACT_WIDTHS[c.key] / 34, rel=0.01)
        share = room_units() * COMPACT_WIDTHS[c.key] / sum(COMPACT_WIDTHS[c.key] for c in progress.columns)
        assert c.width_chars >= TEXT_KEEP * share - 0.01  # the text columns give up at most a tenth


def test_a_name_past_the_cap_asks_only_for_even_lines():
    columns = list(compact([TASK_COLUMNS[k] for k in ("seq", "measure", "support")]))
    long = "节水型社会建设领导小组各成员单位"  # 16 characters: two lines of 8
    fitted = table(columns, {"support": [long, "水务局"]})
    assert line_count(long, fitted[2].width_chars, SMALL_BODY_PT) == 2
    assert line_count(long[:8], fitted[2].width_chars, SMALL_BODY_PT) == 1
    assert line_count(long[:9], fitted[2].width_chars, SMALL_BODY_PT) == 2
    nine = table(columns, {"support": ["平罗工业园区管委会"]})  # under the cap: one line
    assert line_count("平罗工业园区管委会", nine[2].width_chars, SMALL_BODY_PT) == 1


def test_where_the_page_does_not_allow_the_widest_names_wrap_first():
    """Eleven-character names in both unit columns: the text columns keep their share, 完成率 stays whole."""
    columns = list(compact(c for c in TASK_COLUMNS.values() if c.key != "local"))  # the progress table's eleven + two
    name = "平罗县德渊水务有限公司"
    fitted = table(columns, {"lead": [name], "support": [name], "deadline": ["2024年"], "percent": ["100%"]})
    by_key = {c.key: c for c in fitted}
    assert line_count(name, by_key["lead"].width_chars, SMALL_BODY_PT) > 1
    assert by_key["lead"].width_chars == pytest.approx(by_key["support"].width_chars)
    assert line_count("完成率", by_key["percent"].width_chars, SMALL_BODY_PT) == 1
    nominal = sum(c.width_chars for c in columns)
    for c in columns:
        if not c.short:
            assert by_key[c.key].width_chars >= TEXT_KEEP * room_units() * c.width_chars / nominal - 0.01


def test_a_page_too_narrow_for_the_headers_squeezes_the_short_columns_to_their_floor_without_a_word():
    narrow = PageSetup(orientation="portrait", margins_mm=Margins(left=50, right=50))
    columns = list(compact(c for c in TASK_COLUMNS.values() if c.key != "local"))  # the progress table's eleven + two
    fitted = table(columns, {"lead": ["自然资源局"], "support": ["机关事务服务中心"]}, narrow)
    for before, after in zip(columns, fitted, strict=True):
        if after.short:
            head = max(words(before.header), key=len)
            assert line_count(head[:2], after.width_chars, SMALL_BODY_PT) == 1, after.header
    wide = [after.width_chars for after in fitted if after.short and after.key != "seq"]
    assert max(wide) / min(wide) < 1.5  # shrunk in proportion, not one column to nothing


def test_short_columns_alone_grow_to_the_page():
    columns = [TASK_COLUMNS[k] for k in ("seq", "lead", "deadline")]
    fitted = table(columns, {"lead": ["水务局"], "deadline": ["2024年"]})
    assert sum(c.width_chars for c in fitted) == pytest.approx(room_units(), abs=0.05)
    assert fitted[1].width_chars > fitted[0].width_chars


def test_the_header_style_keeps_words_and_short_body_cells_do_too(progress):
    assert header_style().keep_words
    row = next(r for r in progress.rows if r.kind == "task")
    kept = {c.key: cell.style.keep_words for c, cell in zip(progress.columns, row.cells, strict=True)}
    assert kept["lead"] and kept["deadline"] and not kept["measure"] and not kept["task"]
