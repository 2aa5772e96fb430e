"""Cell text wraps like Chinese typesetting: lines fit, punctuation never starts a line, nothing is lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sisiding_desktop.render.pdf_text import CLOSING, OPENING, clean, shown, wrap
from sisiding_desktop.reports.row_heights import char_width


def measure(text: str) -> float:
    """5 points per half-width: a CJK character is 10 points wide."""
    return 5.0 * sum(char_width(ch) for ch in text)


def test_short_text_is_one_line():
    assert wrap("开展党政机关节水达标建设", 200, measure) == ["开展党政机关节水达标建设"]


def test_lines_fit_and_join_back_to_the_text():
    text = "落实《关于优化国土空间开发保护格局的实施意见》，做好城镇开发边界管控工作。" * 3
    lines = wrap(text, 100, measure)
    assert "".join(lines) == text
    assert all(measure(shown(line)) <= 100 for line in lines)
    assert len(lines) > 5


def test_closing_punctuation_stays_at_the_end_of_a_line():
    text = "一二三四五六七八九，十一二三四五六七八九。十一"  # the comma would start line 2
    lines = wrap(text, 90, measure)
    assert not any(shown(line)[:1] in CLOSING for line in lines)
    assert lines[0] == "一二三四五六七八"  # 九 moves down with its comma


def test_opening_punctuation_stays_with_what_follows():
    lines = wrap("一二三四五六七八（续）", 90, measure)
    assert not any(shown(line)[-1:] in OPENING for line in lines)


def test_numbers_and_latin_words_are_not_broken():
    lines = wrap("确保全县城镇开发边界扩展倍数不高于2020年现状的1.28倍", 80, measure)
    assert any("2020" in line for line in lines) and any("1.28" in line for line in lines)


def test_a_word_longer_than_a_line_breaks_inside():
    url = "http://example.invalid/" + "a" * 60
    lines = wrap(url, 100, measure)
    assert "".join(lines) == url and all(measure(line) <= 100 for line in lines)


def test_line_breaks_are_kept_and_spaces_at_a_break_are_not_drawn():
    assert [shown(line) for line in wrap("已完成\n绿灯", 200, measure)] == ["已完成", "绿灯"]
    lines = wrap("aaaa bbbb cccc", 40, measure)
    assert [shown(line) for line in lines] == ["aaaa", "bbbb", "cccc"]


def test_clean_removes_control_characters():
    assert clean("a\r\nb\rc\td\x00e\x1b") == "a\nb\nc de"


@given(
    st.text(
        alphabet=st.sampled_from(list("水务局节水型社会（）《》，。、；：“”—0123456789.%abc ") + ["\n"]),
        max_size=300,
    ),
    st.integers(min_value=10, max_value=200),
)
def test_any_text_wraps_losslessly_into_lines_that_fit(text: str, width: int):
    lines = wrap(text, width, measure)
    assert "".join(lines) == text
    for line in lines:
        drawn = shown(line)
        assert measure(drawn) <= width or len(drawn) == 1


def test_kept_words_break_only_between_unit_names():
    assert wrap("住建局、发改局、各乡镇（农场）", 75, measure, keep_words=True) == [
        "住建局、",
        "发改局、",
        "各乡镇（农场）",
    ]
    assert wrap("住建局、发改局、各乡镇（农场）", 75, measure)[0] == "住建局、发改"  # prose breaks anywhere
    assert [shown(line) for line in wrap("状态/亮灯", 35, measure, keep_words=True)] == ["状态/", "亮灯"]
    assert wrap("2024年6月30日", 50, measure, keep_words=True) == ["2024年6", "月30日"]  # one word, too long


def test_a_name_longer_than_a_line_is_cut_in_even_pieces():
    assert wrap("机关事务服务中心", 55, measure, keep_words=True) == ["机关事务", "服务中心"]
    assert wrap("水务局、机关事务服务中心", 55, measure, keep_words=True) == ["水务局、", "机关事务", "服务中心"]
    # never more lines than breaking anywhere would take
    assert len(wrap("农业农村局、各乡镇（农场）", 55, measure, keep_words=True)) == 3


@given(
    st.text(alphabet=st.sampled_from(list("水务局住建（农场）、，；/ 2024年月ab") + ["\n"]), max_size=120),
    st.integers(min_value=10, max_value=120),
)
def test_kept_words_wrap_losslessly_into_lines_that_fit(text: str, width: int):
    lines = wrap(text, width, measure, keep_words=True)
    assert "".join(lines) == text
    assert len([line for line in lines]) <= len(wrap(text, width, measure)) + text.count("、") + text.count("/") + 1
    for line in lines:
        drawn = shown(line)
        assert measure(drawn) <= width or len(drawn) == 1
