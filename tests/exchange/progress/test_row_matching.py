"""Rows of a received table find their measures in the plan: by text first, then by similarity and place."""

# ruff: noqa: E501 - the real texts of the table are long lines

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from sisiding_desktop.exchange.progress.row_matching import (
    MATCH_THRESHOLD,
    MatchTarget,
    match_rows,
    normalise,
)

# Texts of the 平罗县 table (tests/data/seeds/平罗县四水四定年度重点任务表.txt).
TASK2 = "发挥用水户节水主体作用，用水单位和个人应采用节水型生产生活方式。推进党政机关、学校、医院、居民小区等单位对标节水型社会达标建设。"
TASK3 = "实施公共建筑用水设施节水改造，淘汰不符合水效标准的用水器具。"
TASK5 = "加强农村生活用水设施改造。"
TASK7 = "严格农业用水总量控制，开展节水灌溉技术推广。"
M2 = [
    "开展党政机关节水达标建设。2024年县级以上公共机构节水型单位建成率达94%。",
    "2024年节水型医院建成率达到100%。",
    "2024年启动节水型居民小区建设，节水型居民小聚创建率达到20%",
    "制定印发《平罗县县域节水型社会达标建设实施方案》，2024年申报全国县域节水型社会达标县区。",
]
M3 = [
    "严格落实节水“三同时”制度，新建、改建、扩建公共建筑必须采用节水器具。建设单位应当依法组织节水设施竣工验收，未经验收或者验收不合格的节水设施，不得投入使用。",
    "公共机构和场所应使用符合国家标准的节水产品。实施节水改造和技术设备推广项目。",
]
M7 = "2024年农田灌溉水有效利用系数达到0.564。"


def plan_targets() -> list[MatchTarget]:
    """The measures of tasks 2, 3, 5 (no measures) and 7, in table order, ids from 10 on."""
    specs = [("2", TASK2, m) for m in M2] + [("3", TASK3, m) for m in M3] + [("5", TASK5, None), ("7", TASK7, M7)]
    targets = []
    for order, (task_number, task, measure) in enumerate(specs):
        number = f"{order + 1}." if measure else task_number
        targets.append(MatchTarget(10 + order, order, number, task_number, task, measure or task))
    return targets


def by_row(matches) -> dict[int, int]:
    return {m.row_index: m.node_id for m in matches}


def test_normalise_ignores_labels_spaces_punctuation_and_width():
    assert normalise("1、开展 党政机关节水达标建设。") == normalise("开展党政机关节水达标建设")
    assert normalise("（一）１．２０２４年节水型医院建成率达到１００％。") == normalise(
        "2024年节水型医院建成率达到100%"
    )
    assert normalise("2.2024年节水型医院") == "2024年节水型医院"
    assert normalise("1.5万亩高效节水灌溉") == "15万亩高效节水灌溉"  # "1.5" is a number, not a label
    assert normalise("实施公共建筑用水设施节水改造（续）") == normalise("实施公共建筑用水设施节水改造")


def test_rows_as_written_in_another_table_match_exactly():
    rows = [
        ("2", TASK2, "1." + M2[0]),
        ("", "", "2、" + M2[1].replace("。", "")),
        ("", TASK2, "3．" + M2[2]),
        ("（二）", TASK2, M2[3].replace("，", ", ")),
        ("5", TASK5, ""),  # a task without measures: its task text is its text
        ("7", TASK7, "１．" + M7),
    ]
    matches, unmatched = match_rows(rows, plan_targets())
    assert unmatched == []
    assert by_row(matches) == {0: 10, 1: 11, 2: 12, 3: 13, 4: 16, 5: 17}
    assert all(m.score == 1.0 for m in matches)


def test_the_same_measure_text_under_two_tasks_goes_to_the_right_task():
    shared = "完成年度目标任务。"
    targets = [
        MatchTarget(1, 0, "1.", "1", "推进城镇节水。", shared),
        MatchTarget(2, 1, "2.", "1", "推进城镇节水。", "建成节水型单位10家。"),
        MatchTarget(3, 2, "1.", "2", "推进工业节水。", shared),
    ]
    rows = [
        ("2", "推进工业节水。", shared),
        ("1", "推进城镇节水。", shared),
        ("1", "推进城镇节水。", "建成节水型单位10家。"),
    ]
    matches, unmatched = match_rows(rows, targets)
    assert unmatched == []
    assert by_row(matches) == {0: 3, 1: 1, 2: 2}


def test_identical_rows_are_paired_in_table_order():
    targets = [MatchTarget(n, n, "", "", "同一任务", "按季度报送进展。") for n in range(3)]
    rows = [("", "同一任务", "按季度报送进展。")] * 3
    matches, _ = match_rows(rows, targets)
    assert by_row(matches) == {0: 0, 1: 1, 2: 2}


def test_a_slightly_edited_measure_still_matches():
    rows = [
        ("2", TASK2, "2024年全县节水型医院建成率达到100%。"),  # "全县" added
        ("2", TASK2, "2024年启动节水型居民小区建设，节水型居民小区创建率达到20%"),  # typo fixed
        ("3", TASK3, "公共机构和场所使用符合国家标准的节水产品，实施节水改造项目。"),  # reworded a little
    ]
    matches, unmatched = match_rows(rows, plan_targets())
    assert unmatched == []
    assert by_row(matches) == {0: 11, 1: 12, 2: 15}
    assert all(MATCH_THRESHOLD <= m.score < 1.0 for m in matches)


def test_a_more_edited_measure_matches_only_under_its_own_task():
    edited = "制定并印发县域节水型社会达标建设方案，申报达标县区。"
    matches, _ = match_rows([("2", TASK2, edited)], plan_targets())
    assert by_row(matches) == {0: 13}
    assert matches[0].score < MATCH_THRESHOLD
    _, unmatched = match_rows([("9", "其他任务", edited)], plan_targets())
    assert len(unmatched) == 1 and "相似度" in unmatched[0].reason


def test_rows_the_plan_does_not_have_are_reported():
    rows = [
        ("2", TASK2, M2[1]),
        ("8", "市里新增任务", "建立节水工作月调度机制，每月通报各县区进展。"),
        ("", "", ""),
        ("2", TASK2, M2[1]),  # the same row twice
    ]
    matches, unmatched = match_rows(rows, plan_targets())
    assert by_row(matches) == {0: 11}
    reasons = {u.row_index: u.reason for u in unmatched}
    assert set(reasons) == {1, 2, 3}
    assert reasons[1].startswith("方案中没有“建立节水工作月调度机制")
    assert "没有重点任务或具体措施" in reasons[2]
    assert "另一行" in reasons[3]


def test_each_target_is_matched_at_most_once_and_the_closer_row_wins():
    rows = [("2", TASK2, "2024年节水型医院建成率达100%。"), ("2", TASK2, M2[1])]
    matches, unmatched = match_rows(rows, plan_targets())
    assert by_row(matches) == {1: 11}
    assert [u.row_index for u in unmatched] == [0]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet="节水型单位医院小区建设推进落实开展年度任务完成率达到", min_size=6, max_size=30),
        min_size=1,
        max_size=15,
        unique=True,
    ),
    st.data(),
)
def test_any_table_written_with_labels_and_spaces_matches_its_own_plan(texts, data):
    keys = {normalise(t) for t in texts}
    if len(keys) < len(texts):
        return  # two texts equal once normalised: not distinguishable by text
    targets = [MatchTarget(100 + i, i, f"{i + 1}.", "1", "任务", t) for i, t in enumerate(texts)]
    order = data.draw(st.permutations(range(len(texts))))
    rows = [("1", "任务", f"{i + 1}、 " + " ".join(texts[i])) for i in order]
    matches, unmatched = match_rows(rows, targets)
    assert unmatched == []
    assert {m.row_index: m.node_id for m in matches} == {r: 100 + i for r, i in enumerate(order)}


# -- 5,000 rows -----------------------------------------------------------------

CLAUSES = [
    "严格落实节水三同时制度", "推进老旧供水管网更新改造", "开展党政机关节水达标建设", "提升农村自来水普及率",
    "加快完善用水权市场化收储交易机制", "实施规模养殖场节水改造和建设", "推广水稻控灌技术", "编制高标准农田建设实施方案",
    "持续推进节水认证工作", "严格控制人均城镇用地面积", "开展水效标识产品符合性监督检查", "建立供水用水管网设施漏损控制体系",
    "降低管网漏损", "推动农村生活用水采用节水型器具", "优化空间布局提出管控措施", "积极开展水权交易",
]  # fmt: skip


def generated_plan(count: int, seed: int = 7) -> list[MatchTarget]:
    rng = random.Random(seed)
    targets = []
    for n in range(count):
        task = n // 4
        text = "，".join(rng.sample(CLAUSES, 3)) + f"，{2024 + n % 3}年完成第{n + 1}批{rng.choice('县乡村镇')}级任务。"
        targets.append(
            MatchTarget(
                n + 1, n, f"{n % 4 + 1}.", str(task + 1), f"第{task + 1}项重点任务：" + CLAUSES[task % 16], text
            )
        )
    return targets


def edited(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) // 2, len(text) - 2)
    return text[:at] + rng.choice(["全县", "各乡镇", "进一步"]) + text[at:]


def test_five_thousand_rows_match_in_a_few_seconds():
    targets = generated_plan(5000)
    rng = random.Random(3)
    rows, expected = [], {}
    for target in targets:
        roll = rng.random()
        if roll < 0.03:
            continue  # the template lacks this measure
        if roll < 0.06:
            rows.append((target.task_number, target.task_text, f"市里新增措施{len(rows)}：建立月调度和通报机制。"))
            continue
        text = edited(target.text, rng) if roll < 0.25 else target.text
        expected[len(rows)] = target.node_id
        rows.append((target.task_number, target.task_text, f"{target.number}{text}"))
    start = time.perf_counter()
    matches, unmatched = match_rows(rows, targets)
    elapsed = time.perf_counter() - start
    assert elapsed < 5.0, f"{elapsed:.1f} s"
    found = by_row(matches)
    right = sum(1 for row, node in expected.items() if found.get(row) == node)
    assert right >= 0.995 * len(expected)
    assert all(row not in expected for row in (u.row_index for u in unmatched))


def test_five_thousand_rows_all_edited_still_fast():
    targets = generated_plan(5000, seed=11)
    rng = random.Random(5)
    rows = [(t.task_number, t.task_text, edited(t.text, rng)) for t in targets]
    start = time.perf_counter()
    matches, _ = match_rows(rows, targets)
    elapsed = time.perf_counter() - start
    assert elapsed < 8.0, f"{elapsed:.1f} s"
    assert sum(1 for m in matches if m.node_id == targets[m.row_index].node_id) >= 0.99 * len(rows)
