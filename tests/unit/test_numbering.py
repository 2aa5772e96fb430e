"""Display numbers are derived from the tree: the 平罗县 table numbers itself as printed."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.domain.numbering import (
    NumberingInput,
    chinese_numeral,
    derive_numbers,
    format_label,
    group_label,
    has_own_number,
    label_style,
    parse_styles,
    styles_text,
)
from sisiding_desktop.domain.tree_rules import can_contain

G, T, M = NodeKind.GROUP, NodeKind.TASK, NodeKind.MEASURE


def numbered(nodes, **modes) -> dict[int, str]:
    return derive_numbers([NumberingInput(n.id, n.parent_id, n.kind, n.position) for n in nodes], **modes)


def inputs(*rows: tuple[int, int | None, NodeKind, int]) -> list[NumberingInput]:
    return [NumberingInput(*row) for row in rows]


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"), (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (18, "十八"), (20, "二十"), (21, "二十一"),
        (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"),
        (1000, "一千"), (1005, "一千零五"), (1050, "一千零五十"), (10000, "一万"), (100000, "十万"),
        (10001, "一万零一"), (123456, "十二万三千四百五十六"),
    ],
)  # fmt: skip
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_negative_numeral_is_refused() -> None:
    with pytest.raises(ValueError):
        chinese_numeral(-1)


def test_group_labels_by_level() -> None:
    assert [group_label(level, 3) for level in (1, 2, 3, 4, 5)] == ["三、", "（三）", "3.", "（3）", "（3）"]


class TestPingluoTable:
    """The 平罗县 table: 一、 chapters, （一）…（十八） sections and tasks 1…40 never restart."""

    # Where the source itself slips: (task, label written, number derived).
    SOURCE_SLIPS = {
        ("19", "1.", ""),  # a lone measure written as “1.”
        ("20", "", "3."),  # a third measure added without a number
        ("24", "3.", "4."),  # “3.” written twice
        ("26", "1.", ""),
        ("27", "2.", ""),  # a lone measure written as “2.”
        ("40", "", "3."),
    }

    def test_groups_and_tasks_match_the_source_exactly(self, pingluo_tree) -> None:
        numbers = numbered(pingluo_tree)
        for node in pingluo_tree:
            if node.kind is not M:
                assert numbers[node.id] == node.label, node.text

    def test_sections_and_tasks_run_on_across_chapters(self, pingluo_tree) -> None:
        numbers = numbered(pingluo_tree)
        sections = [numbers[n.id] for n in pingluo_tree if n.kind is G and n.parent_id is not None]
        tasks = [numbers[n.id] for n in pingluo_tree if n.kind is T]
        assert sections == [f"（{chinese_numeral(i)}）" for i in range(1, 19)]
        assert tasks == [str(i) for i in range(1, 41)]
        chapters = [numbers[n.id] for n in pingluo_tree if n.kind is G and n.parent_id is None]
        assert chapters == ["一、", "二、", "三、", "四、", "五、", "六、"]

    def test_measures_match_the_source_but_for_its_own_slips(self, pingluo_tree) -> None:
        numbers = numbered(pingluo_tree)
        by_id = {n.id: n for n in pingluo_tree}
        slips = {
            (by_id[n.parent_id].label, n.label, numbers[n.id])
            for n in pingluo_tree
            if n.kind is M and numbers[n.id] != n.label
        }
        assert slips == self.SOURCE_SLIPS
        assert sum(1 for n in pingluo_tree if n.kind is M) == 83

    def test_restarting_per_parent(self, pingluo_tree) -> None:
        numbers = numbered(pingluo_tree, task_numbering="parent", section_numbering="parent")
        chapter_two = next(n for n in pingluo_tree if n.label == "二、")
        first_section = next(n for n in pingluo_tree if n.parent_id == chapter_two.id)
        first_task = next(n for n in pingluo_tree if n.parent_id == first_section.id)
        assert first_section.label == "（三）" and numbers[first_section.id] == "（一）"
        assert first_task.label == "6" and numbers[first_task.id] == "1"


class TestGuyangPlan:
    """The 固阳县 plan restarts （一） under each chapter but runs tasks 1…34 across sections."""

    def test_parent_sections_reproduce_the_source(self, guyang_tree) -> None:
        numbers = numbered(guyang_tree, section_numbering="parent")
        assert [numbers[n.id] for n in guyang_tree] == [n.label for n in guyang_tree]
        assert [numbers[n.id] for n in guyang_tree if n.kind is T] == [str(i) for i in range(1, 35)]

    def test_plan_wide_sections_would_not(self, guyang_tree) -> None:
        numbers = numbered(guyang_tree)
        chapter_two = next(n for n in guyang_tree if n.label == "二、")
        first_section = next(n for n in guyang_tree if n.parent_id == chapter_two.id)
        assert numbers[first_section.id] == "（四）"


def small_plan() -> list[NumberingInput]:
    """一、 with （一）{1,2} and （二）{3 with two measures}; 二、 with （三）{4}."""
    return inputs(
        (1, None, G, 0), (2, 1, G, 0), (3, 2, T, 0), (4, 2, T, 1), (5, 1, G, 1), (6, 5, T, 0),
        (7, 6, M, 0), (8, 6, M, 1), (9, None, G, 1), (10, 9, G, 0), (11, 10, T, 0),
    )  # fmt: skip


def test_small_plan_numbers() -> None:
    assert derive_numbers(small_plan()) == {
        1: "一、", 2: "（一）", 3: "1", 4: "2", 5: "（二）", 6: "3", 7: "1.", 8: "2.",
        9: "二、", 10: "（三）", 11: "4",
    }  # fmt: skip


def test_inserting_a_task_renumbers_the_following_ones() -> None:
    nodes = [*small_plan(), NumberingInput(12, 2, T, 0)]  # same position as task 3: the id breaks the tie
    numbers = derive_numbers(nodes)
    assert [numbers[i] for i in (3, 12, 4, 6, 11)] == ["1", "2", "3", "4", "5"]


def test_deleting_renumbers_the_following_ones() -> None:
    nodes = [n for n in small_plan() if n.id not in (4, 5, 6, 7, 8)]  # a task, and a section with its subtree
    numbers = derive_numbers(nodes)
    assert numbers == {1: "一、", 2: "（一）", 3: "1", 9: "二、", 10: "（二）", 11: "2"}


def test_deleting_one_of_two_measures_unnumbers_the_other() -> None:
    numbers = derive_numbers([n for n in small_plan() if n.id != 7])
    assert numbers[8] == ""


def test_moving_a_section_to_another_chapter_renumbers_both() -> None:
    moved = [NumberingInput(2, 9, G, 5) if n.id == 2 else n for n in small_plan()]  # （一） to the end of 二、
    numbers = derive_numbers(moved)
    assert [numbers[i] for i in (5, 10, 2)] == ["（一）", "（二）", "（三）"]
    assert [numbers[i] for i in (6, 11, 3, 4)] == ["1", "2", "3", "4"]


def test_moving_a_measure_up_swaps_the_numbers() -> None:
    moved = [NumberingInput(8, 6, M, -1) if n.id == 8 else n for n in small_plan()]
    numbers = derive_numbers(moved)
    assert (numbers[8], numbers[7]) == ("1.", "2.")


def test_positions_with_gaps_and_ties() -> None:
    nodes = inputs((30, None, T, 100), (10, None, T, 7), (20, None, T, 100), (40, None, T, -5))
    assert derive_numbers(nodes) == {40: "1", 10: "2", 20: "3", 30: "4"}


def test_tasks_and_measures_without_groups() -> None:
    nodes = inputs((1, None, T, 0), (2, 1, M, 0), (3, None, T, 1), (4, 3, M, 0), (5, 3, M, 1), (6, None, M, 2))
    assert derive_numbers(nodes) == {1: "1", 2: "", 3: "2", 4: "1.", 5: "2.", 6: ""}


def test_tasks_restart_per_parent_group() -> None:
    numbers = derive_numbers(small_plan(), task_numbering="parent")
    assert [numbers[i] for i in (3, 4, 6, 11)] == ["1", "2", "1", "1"]


def test_sections_restart_per_chapter() -> None:
    numbers = derive_numbers(small_plan(), section_numbering="parent")
    assert [numbers[i] for i in (2, 5, 10)] == ["（一）", "（二）", "（一）"]


def test_deep_groups() -> None:
    nodes = inputs((1, None, G, 0), (2, 1, G, 0), (3, 2, G, 0), (4, 2, G, 1), (5, 4, G, 0), (6, 5, G, 0), (7, 6, T, 0))
    numbers = derive_numbers(nodes)
    assert [numbers[i] for i in range(1, 8)] == ["一、", "（一）", "1.", "2.", "（1）", "（1）", "1"]


def test_tasks_beside_sections_count_on() -> None:
    nodes = inputs((1, None, G, 0), (2, 1, T, 0), (3, 1, G, 1), (4, 3, T, 0), (5, None, T, 1))
    assert derive_numbers(nodes) == {1: "一、", 2: "1", 3: "（一）", 4: "2", 5: "3"}


def test_orphans_count_as_top_level_and_cycles_do_not_hang() -> None:
    nodes = inputs((1, 99, T, 0), (2, None, T, 1), (3, 4, G, 0), (4, 3, G, 0))
    assert derive_numbers(nodes) == {1: "1", 2: "2", 3: "", 4: ""}


def test_empty_plan() -> None:
    assert derive_numbers([]) == {}


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError):
        derive_numbers(small_plan(), task_numbering="chapter")


# ---- property: numbers in each run of siblings are consecutive ------------------------------------

_GROUP_VALUES = {chinese_numeral(i): i for i in range(1, 400)}


@st.composite
def plan_trees(draw) -> list[NumberingInput]:
    """Random valid trees with shuffled ids and repeated or gapped positions."""
    count = draw(st.integers(min_value=0, max_value=40))
    ids = draw(st.permutations(list(range(1, count + 1))))
    nodes: list[NumberingInput] = []
    for node_id in ids:
        parent = draw(st.sampled_from([None, *nodes])) if nodes else None
        parent_kind = None if parent is None else parent.kind
        kinds = [k for k in (G, T, M) if can_contain(parent_kind, k)]
        if not kinds:
            parent, kinds = None, [G, T]
        kind = draw(st.sampled_from(kinds))
        position = draw(st.integers(min_value=-3, max_value=6))
        nodes.append(NumberingInput(node_id, None if parent is None else parent.id, kind, position))
    return nodes


def _value(label: str, level: int, kind: NodeKind) -> int:
    if kind is T:
        return int(label)
    if kind is M:
        assert label.endswith(".")
        return int(label[:-1])
    if level == 1:
        assert label.endswith("、")
        return _GROUP_VALUES[label[:-1]]
    if level == 2:
        assert label.startswith("（") and label.endswith("）")
        return _GROUP_VALUES[label[1:-1]]
    if level == 3:
        assert label.endswith(".")
        return int(label[:-1])
    assert label.startswith("（") and label.endswith("）")
    return int(label[1:-1])


def _preorder(nodes: list[NumberingInput]):
    children = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    for kids in children.values():
        kids.sort(key=lambda n: (n.position, n.id))

    def visit(parent_id, level):
        for node in children[parent_id]:
            node_level = level + 1 if node.kind is G else level
            yield node, node_level
            yield from visit(node.id, node_level)

    return children, list(visit(None, 0))


@settings(max_examples=150, deadline=None)
@given(plan_trees())
def test_sibling_runs_are_consecutive_when_restarting(nodes) -> None:
    numbers = derive_numbers(nodes, task_numbering="parent", section_numbering="parent")
    children, order = _preorder(nodes)
    levels = {node.id: level for node, level in order}
    assert set(numbers) == {n.id for n in nodes}
    for kids in children.values():
        for kind in (G, T, M):
            run = [k for k in kids if k.kind is kind]
            if kind is M and len(run) == 1:
                assert numbers[run[0].id] == ""
                continue
            values = [_value(numbers[k.id], levels[k.id], kind) for k in run]
            assert values == list(range(1, len(run) + 1))


@settings(max_examples=150, deadline=None)
@given(plan_trees())
def test_tasks_and_sections_run_on_across_the_plan(nodes) -> None:
    numbers = derive_numbers(nodes)
    _, order = _preorder(nodes)
    tasks = [int(numbers[n.id]) for n, _ in order if n.kind is T]
    sections = [_value(numbers[n.id], 2, G) for n, level in order if n.kind is G and level == 2]
    assert tasks == list(range(1, len(tasks) + 1))
    assert sections == list(range(1, len(sections) + 1))


# -- the source's own labels and label styles -------------------------------------------------


def labelled_inputs(*rows: tuple[int, int | None, NodeKind, int, str, str]) -> list[NumberingInput]:
    return [NumberingInput(*row) for row in rows]


def city_plan() -> list[NumberingInput]:
    """A 市 table: （一）（二） groups on top, tasks 1…3 through the table, measures 1、 2、 and a cell of items."""
    return labelled_inputs(
        (1, None, G, 0, "（一）", "坚持以水定城"),
        (2, 1, T, 0, "1", "推进节水型城市建设"),
        (3, 2, M, 0, "1、", "创建国家节水型城市"),
        (4, 2, M, 1, "2、", "推进污水资源化利用"),
        (5, 1, T, 1, "2", "加强供水管网改造"),
        (6, 5, M, 0, "", "8.持续推进漏损治理\n9.推动二次供水改造"),
        (7, 5, M, 1, "", "10.开展分区计量"),
        (8, None, G, 1, "（二）", "严格落实以水定地"),
        (9, 8, T, 0, "3", "优化农田灌溉规模"),
    )


def test_kept_source_labels_are_shown_exactly_as_written() -> None:
    nodes = city_plan()
    assert derive_numbers(nodes, keep_source=True) == {n.id: n.source_label for n in nodes}


def test_derived_numbers_follow_each_levels_source_style() -> None:
    numbers = derive_numbers(city_plan())
    assert [numbers[i] for i in (1, 8)] == ["（一）", "（二）"]  # not 一、 二、
    assert [numbers[i] for i in (2, 5, 9)] == ["1", "2", "3"]
    assert [numbers[i] for i in (3, 4)] == ["1、", "2、"]
    assert [numbers[i] for i in (6, 7)] == ["", ""]  # their texts carry the 市's own numbers


def test_renumbering_after_an_insertion_keeps_the_style() -> None:
    nodes = city_plan()
    nodes.insert(1, NumberingInput(10, 1, T, -1, "", "新增任务"))
    numbers = derive_numbers(nodes)
    assert [numbers[i] for i in (10, 2, 5, 9)] == ["1", "2", "3", "4"]
    assert numbers[1] == "（一）"


def test_a_chosen_style_wins_over_the_detected_one() -> None:
    numbers = derive_numbers(city_plan(), styles=parse_styles("group1=一、;measure=（1）"))
    assert [numbers[i] for i in (1, 8, 3, 4)] == ["一、", "二、", "（1）", "（2）"]
    assert styles_text(parse_styles("group1=一、;measure=（1）")) == "group1=一、;measure=（1）"


@pytest.mark.parametrize(
    ("label", "style", "third"),
    [("（三）", "（一）", "（三）"), ("18", "1", "3"), ("8、", "1、", "3、"), ("第二部分", "第一部分", "第三部分"),
     ("③", "①", "③"), ("十二、", "一、", "三、"), ("(2)", "(1)", "(3)")],
)  # fmt: skip
def test_label_styles(label: str, style: str, third: str) -> None:
    assert label_style(label) == style
    assert format_label(style, 3) == third


def test_labels_without_one_number_have_no_style() -> None:
    assert label_style("") is None and label_style("1.2") is None and label_style("★") is None


def test_own_numbers_in_a_measure_text() -> None:
    assert has_own_number("8.持续推进") and has_own_number("（2）推广") and has_own_number("③开展")
    assert not has_own_number("1.5万亩高效节水灌溉") and not has_own_number("推进2.0版")
