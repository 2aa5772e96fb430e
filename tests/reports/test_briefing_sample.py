"""The 季度推进情况报告 of the imported 平罗县 sample with two recorded quarters: counts as recorded.

``pingluo_briefing`` imports the sample plan through the services, records Q2 and Q3 progress in a fixed
pattern and builds the briefing from what the services hand back (as the export service will); the counts
the pattern gives are worked out here on their own, from the pattern and the light rules, not by the
briefing's code.  The render tests use the same briefing for their files.
"""

from __future__ import annotations

from dataclasses import dataclass

from sisiding_desktop.domain.model import Light, NodeKind, Period, Status
from sisiding_desktop.reports.briefing import Briefing, build_briefing
from sisiding_desktop.reports.briefing_text import Block, briefing_blocks, share_text
from sisiding_desktop.services import Services
from sisiding_desktop.services.tree import walk
from tests.conftest import PINGLUO_XLSX

Q2, Q3 = Period(2024, 2), Period(2024, 3)
ATTACHMENT = "平罗县“四水四定”重点任务推进情况表（2024年第3季度）"
# Q3 entries by index % 6: (status, percent); None: nothing reported
Q3_PATTERN = {
    0: (Status.DONE, 100),
    1: (Status.IN_PROGRESS, 70),  # 5 points behind the 75% elapsed at 30 September: green
    2: (Status.IN_PROGRESS, 40),  # yellow
    3: (Status.BEHIND, 20),  # yellow
    4: (Status.NOT_STARTED, 0),  # yellow
    5: None,  # not reported: counts as 0%, yellow
}


@dataclass(frozen=True)
class Recorded:
    briefing: Briefing
    blocks: list[Block]
    expected: dict[str, int]
    units: dict[str, tuple[int, int]]  # lead unit → (red, yellow) as the pattern gives


def _red(i: int) -> bool:
    return i % 5 == 2  # due 2024年6月: overdue at the end of Q3 unless done


def pingluo_briefing(services: Services) -> Recorded:
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    services.plans.update_plan(plan.id, year_from=2024, year_to=2024)
    measures = [n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE]
    for i, measure in enumerate(measures):
        if _red(i):
            services.nodes.update_node(measure.id, deadline_text="2024年6月")
        before = (Status.DONE, 100) if i % 12 == 0 else (Status.IN_PROGRESS, 50 if i % 6 == 3 else 30)
        services.progress.record(measure.id, Q2, status=before[0], percent=before[1], progress_text="已安排部署。")
        entry = Q3_PATTERN[i % 6]
        if entry is not None:
            services.progress.record(
                measure.id, Q3, status=entry[0], percent=entry[1],
                progress_text=f"第{i + 1}条措施本季度进展。", problems="资金到位较慢。" if i % 2 else "",
                next_steps=f"第{i + 1}条措施下步加快推进。",
            )  # fmt: skip
    water = services.indicators.add_indicator(
        plan.id, "农田灌溉水有效利用系数", category="总体目标", targets={2024: "0.564", 2025: "0.57"}
    )
    services.indicators.set_actual(water.id, Q2, "0.560")
    services.indicators.set_actual(water.id, Q3, "0.562")
    public = services.indicators.add_indicator(
        plan.id, "县级以上公共机构节水型单位建成率", measure_unit="%", targets={2024: "94"}
    )
    services.indicators.set_actual(public.id, Period(2024, 4), "95")  # after the period: not shown

    view = services.progress.period_view(plan.id, Q3, Q3.end)
    before = services.progress.period_view(plan.id, Q2, Q2.end)
    briefing = build_briefing(
        services.plans.get_plan(plan.id), view.nodes, Q3, view.entries, view.lights,
        previous_progress=before.entries, previous_lights=before.lights,
        indicators=services.indicators.list_indicators(plan.id),
    )  # fmt: skip

    n = len(measures)
    done = [i for i in range(n) if i % 6 == 0]
    red = [i for i in range(n) if _red(i) and i % 6 != 0]
    green = [i for i in range(n) if i % 6 == 1 and not _red(i)]
    yellow = [i for i in range(n) if i not in done and i not in red and i not in green]
    units: dict[str, list[int]] = {}
    for i, measure in enumerate(measures):
        for unit in measure.lead:
            counts = units.setdefault(unit.name, [0, 0])
            counts[0] += i in red
            counts[1] += i in yellow
    expected = {
        "tasks": sum(1 for node in walk(view.nodes) if node.kind is NodeKind.TASK),
        "measures": n,
        "done": len(done),
        "red": len(red),
        "yellow": len(yellow),
        "on_time": len(green),
        "reported": sum(1 for i in range(n) if i % 6 != 5),
        # done in Q3, not already in Q2
        "newly_done": sum(1 for i in done if i % 12 != 0),
        # green in Q2 (50% against 49.7% elapsed), 滞后 in Q3; the ones due in June were yellow (due soon) in Q2
        "newly_late": sum(1 for i in range(n) if i % 6 == 3 and not _red(i)),
    }
    return Recorded(
        briefing, briefing_blocks(briefing, attachment=ATTACHMENT), expected,
        {name: (r, y) for name, (r, y) in units.items() if r or y},
    )  # fmt: skip


def test_the_sample_has_what_the_pattern_needs(services):
    recorded = pingluo_briefing(services)
    assert recorded.expected["measures"] == 66 and recorded.expected["tasks"] == 40
    assert all(recorded.expected[k] > 0 for k in ("done", "red", "yellow", "on_time", "newly_done", "newly_late"))


def test_counts_are_those_recorded(services):
    recorded = pingluo_briefing(services)
    b, expected = recorded.briefing, recorded.expected
    assert (b.tasks, b.items, b.done, b.red, b.yellow, b.on_time, b.unlit) == (
        expected["tasks"], expected["measures"], expected["done"], expected["red"],
        expected["yellow"], expected["on_time"], 0,
    )  # fmt: skip
    assert b.reported == expected["reported"]
    assert b.by_light == {Light.GREEN: expected["done"] + expected["on_time"], Light.YELLOW: expected["yellow"],
                          Light.RED: expected["red"]}  # fmt: skip
    assert (len(b.newly_done), len(b.newly_late)) == (expected["newly_done"], expected["newly_late"])
    assert len(b.late) == expected["red"] + expected["yellow"]
    assert [line.light for line in b.late] == [Light.RED] * expected["red"] + [Light.YELLOW] * expected["yellow"]
    assert len(b.chapters) == 6 and sum(c.total for c in b.chapters) == expected["measures"]
    assert sum(c.done for c in b.chapters) == expected["done"]


def test_units_ranked_by_red_then_yellow(services):
    recorded = pingluo_briefing(services)
    ranked = sorted(recorded.units.items(), key=lambda item: (-item[1][0], -item[1][1]))
    assert [(u.unit, (u.red, u.yellow)) for u in recorded.briefing.units][:1] == ranked[:1]
    for unit in recorded.briefing.units:
        assert (unit.red, unit.yellow) == recorded.units[unit.unit]


def test_indicators_as_recorded(services):
    lines = {line.name: line for line in pingluo_briefing(services).briefing.indicators}
    water = lines["农田灌溉水有效利用系数"]
    assert (water.target, water.actual, water.actual_period) == ("0.564", "0.562", Q3)
    public = lines["县级以上公共机构节水型单位建成率"]
    assert (public.target, public.actual, public.measure_unit) == ("94", "", "%")


def test_the_text_states_the_recorded_counts(services):
    recorded = pingluo_briefing(services)
    e = recorded.expected
    body = [text for kind, text in recorded.blocks if kind == "body"]
    assert body[0] == (
        f"截至2024年9月底，平罗县“四水四定”共有重点任务{e['tasks']}项、具体措施{e['measures']}条，"
        f"已完成{e['done']}条，占{share_text(e['done'], e['measures'])}；"
        f"按序时推进{e['on_time']}条，占{share_text(e['on_time'], e['measures'])}；"
        f"进度滞后（黄灯）{e['yellow']}条，占{share_text(e['yellow'], e['measures'])}；"
        f"逾期未完成（红灯）{e['red']}条，占{share_text(e['red'], e['measures'])}。"
    )
    assert f"本期新完成措施{e['newly_done']}条" in body[3] and f"逾期的措施{e['newly_late']}条" in body[3]
    assert "农田灌溉水有效利用系数2024年目标为0.564，截至2024年第3季度为0.562" in body[4]
    assert "县级以上公共机构节水型单位建成率2024年目标为94%，尚未填报完成值" in body[4]
    items = [text for kind, text in recorded.blocks if kind == "body" and "进展情况：" in text]
    assert len(items) == e["red"] + e["yellow"]
    assert recorded.blocks[-1] == ("attachment", f"附件：{ATTACHMENT}")
