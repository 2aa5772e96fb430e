"""Two desks, one plan: a save that meets a row another desk changed is refused and names who and when.

The desks share one database (``services`` and ``other`` are two desks' services on it); on the server the
saves at the very same moment are raced with two connections and a thread.
"""

from __future__ import annotations

import threading
import time

import pytest

from sisiding_desktop.domain.model import NodeKind, Period, Role, Status
from sisiding_desktop.services import Services
from sisiding_desktop.services.conflicts import NO_ENTRY, EditConflict, saving
from sisiding_desktop.services.periods import ensure_period
from sisiding_desktop.services.progress import entry_edited
from sisiding_desktop.services.progress_exchange import ProgressExchangeService
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store.database import Database

Q3 = Period(2024, 3)


@pytest.fixture
def other(services) -> Services:
    """A second desk on the same database."""
    return Services(services.db, user="水资源股")


@pytest.fixture
def plan(services):
    plan = services.plans.create_plan("平罗县节水行动重点任务分工", year_from=2024, year_to=2024)
    nodes = services.nodes
    chapter = nodes.add_node(plan.id, None, NodeKind.GROUP, "坚持以水定人定城")
    task = nodes.add_node(plan.id, chapter.id, NodeKind.TASK, "发挥用水户节水主体作用")
    nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "开展党政机关节水达标建设。")
    nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "2024年节水型医院建成率达到100%。")
    services.units.assign_units(task.id, Role.LEAD, ["机关事务服务中心"])
    return plan


def _measure(services, plan):
    return services.plans.tree(plan.id)[0].children[0].children[0]


def test_a_progress_save_against_an_entry_another_desk_changed_is_refused(services, other, plan):
    measure = _measure(services, plan)
    seen = services.progress.record(measure.id, Q3, percent=20)
    other.progress.record(measure.id, Q3, percent=60, expected=seen.version)
    with pytest.raises(EditConflict, match="“水资源股”于") as refused:
        services.progress.record(measure.id, Q3, percent=30, progress_text="已摸底", expected=seen.version)
    assert refused.value.who == "水资源股" and refused.value.when is not None
    assert "2024年第3季度" in str(refused.value) and "没有保存" in str(refused.value)
    kept = services.progress.for_period(plan.id, Q3)[measure.id]
    assert (kept.percent, kept.progress_text) == (60, "")  # the other desk's save stands, nothing of ours


def test_the_latest_version_saves_and_moves_the_version_on(services, other, plan):
    measure = _measure(services, plan)
    first = services.progress.record(measure.id, Q3, percent=20, expected=NO_ENTRY)
    second = other.progress.record(measure.id, Q3, percent=40, expected=first.version)
    assert second.version > first.version
    assert services.progress.record(measure.id, Q3, percent=50, expected=second.version).percent == 50


def test_a_first_entry_meets_the_entry_another_desk_made_meanwhile(services, other, plan):
    measure = _measure(services, plan)
    other.progress.record(measure.id, Q3, status=Status.IN_PROGRESS)
    with pytest.raises(EditConflict, match="水资源股"):
        services.progress.record(measure.id, Q3, percent=10, expected=NO_ENTRY)
    with pytest.raises(EditConflict):  # the undo of our first entry must not remove theirs
        services.progress.clear(measure.id, Q3, expected=1_000)
    assert services.progress.for_period(plan.id, Q3)[measure.id].status is Status.IN_PROGRESS


def test_node_text_and_units_are_saved_against_the_version_shown(services, other, plan):
    measure = _measure(services, plan)
    other.nodes.update_node(measure.id, text="开展党政机关节水型单位建设。", expected=measure.version)
    with pytest.raises(EditConflict, match="这一条已被“水资源股”"):
        services.nodes.update_node(measure.id, text="我的改法", expected=measure.version)
    with pytest.raises(EditConflict):
        services.units.assign_units(measure.id, Role.SUPPORT, ["住建局"], expected=measure.version)
    now = services.nodes.get_node(measure.id)
    assert now.text == "开展党政机关节水型单位建设。" and not now.support
    moved_on = services.units.assign_units(measure.id, Role.SUPPORT, ["住建局"], expected=now.version)
    assert moved_on.version > now.version  # units count as the node's own fields
    with pytest.raises(EditConflict):
        other.nodes.update_node(measure.id, deadline_text="2025年", expected=now.version)


def test_units_indicators_and_plans_carry_versions_too(services, other, plan):
    unit = services.units.find_unit("机关事务服务中心")
    other.units.add_alias(unit.id, "机关事务中心", expected=unit.version)
    with pytest.raises(EditConflict, match="这个单位"):
        services.units.rename_unit(unit.id, "县机关事务服务中心", expected=unit.version)
    indicator = services.indicators.add_indicator(plan.id, "万元GDP用水量", targets={2024: "30"})
    other.indicators.set_target(indicator.id, 2024, "29", expected=indicator.version)
    with pytest.raises(EditConflict, match="这个指标"):
        services.indicators.update_indicator(indicator.id, name="万元GDP用水量下降", expected=indicator.version)
    shown = services.plans.get_plan(plan.id)
    other.plans.update_plan(plan.id, doc_number="平政办发〔2024〕1号", expected=shown.version)
    with pytest.raises(EditConflict, match="计划的属性"):
        services.plans.update_plan(plan.id, region="平罗县", expected=shown.version)
    assert services.plans.get_plan(plan.id).region == ""


def test_an_undone_delete_brings_rows_back_at_their_versions(services, plan):
    measure = _measure(services, plan)
    services.progress.record(measure.id, Q3, percent=20)
    edited = services.nodes.update_node(measure.id, text="改过一次")
    snapshot = services.nodes.delete_node(measure.id)
    back = services.nodes.restore_node(snapshot)
    assert back.version == edited.version  # a desk still showing the older text cannot save over it
    with pytest.raises(EditConflict):
        services.nodes.update_node(measure.id, text="旧版本上的修改", expected=measure.version)


def test_a_progress_import_refuses_entries_changed_while_the_file_was_read(
    services, other, plan, tmp_path, monkeypatch
):
    from sisiding_desktop.services import progress_exchange

    measure = _measure(services, plan)
    services.progress.record(measure.id, Q3, percent=10)
    table = tmp_path / "推进情况.xlsx"
    services.exporting.export(plan.id, "progress", "xlsx", table, period=Q3)
    services.progress.record(measure.id, Q3, percent=35, progress_text="已完成一半")
    real_read = progress_exchange._read

    def read_while_another_desk_saves(path):
        read = real_read(path)
        other.progress.record(measure.id, Q3, percent=90)
        return read

    monkeypatch.setattr(progress_exchange, "_read", read_while_another_desk_saves)
    with pytest.raises(EditConflict, match="水资源股"):
        ProgressExchangeService(services.db, services.user).import_progress(plan.id, table, Q3)
    assert services.progress.for_period(plan.id, Q3)[measure.id].percent == 90


def _race(server_url: str, plan_id: int, node_id: int, first_write) -> BaseException | None:
    """Desk A writes in an open transaction; desk B saves the same entry meanwhile; A commits. B's outcome."""
    desk_a, desk_b = Database.open(server_url), Database.open(server_url)
    try:
        a, b = Services(desk_a, user="办公室"), Services(desk_b, user="水资源股")
        outcome: list[BaseException | None] = []

        def save_b() -> None:
            try:
                b.progress.record(node_id, Q3, percent=70)
                outcome.append(None)
            except BaseException as exc:  # noqa: BLE001 - handed to the test
                outcome.append(exc)

        with saving(desk_a, entry_edited(node_id, Q3)) as s:
            first_write(a, s)
            racer = threading.Thread(target=save_b)
            racer.start()
            time.sleep(0.5)  # B now waits on A's row (or key)
        racer.join(timeout=20)
        assert not racer.is_alive()
        return outcome[0]
    finally:
        desk_a.close()
        desk_b.close()


def _write_in(a: Services, s, node_id: int, changes: dict) -> None:
    a.progress.apply(s, node_id, ensure_period(s, Q3), Q3, changes)


def test_two_saves_of_one_entry_at_the_same_moment_on_the_server(server_url):
    desk = Services(Database.open(server_url), user="办公室")
    try:
        plan = desk.plans.create_plan("同时修改")
        task = desk.nodes.add_node(plan.id, None, NodeKind.TASK, "推进农业节水增效")
        desk.progress.record(task.id, Q3, percent=10)
        lost = _race(server_url, plan.id, task.id, lambda a, s: _write_in(a, s, task.id, {"percent": 40}))
        assert isinstance(lost, EditConflict) and "“办公室”" in str(lost)
        assert desk.progress.for_period(plan.id, Q3)[task.id].percent == 40

        other = desk.nodes.add_node(plan.id, None, NodeKind.TASK, "推进工业节水减排")
        first = _race(server_url, plan.id, other.id, lambda a, s: _write_in(a, s, other.id, {"percent": 55}))
        assert isinstance(first, EditConflict)  # both made the first entry: the second meets the key
        assert desk.progress.for_period(plan.id, Q3)[other.id].percent == 55
    finally:
        desk.db.close()


def test_the_change_feed_hands_out_each_new_line_once(services, other, plan):
    from sisiding_desktop.services.changes import ChangeFeed

    feed = ChangeFeed(services.db, services.user)
    feed.start()
    assert feed.news() == []  # what was there before the start is no news
    measure = _measure(services, plan)
    other.progress.record(measure.id, Q3, percent=30, progress_text="已摸底")
    other.nodes.update_node(measure.id, text="改过的措施")
    news = feed.news()
    assert {(c.entity, c.action, c.entity_id, c.plan_id, c.user) for c in news} == {
        ("node", "progress", measure.id, plan.id, "水资源股"),
        ("node", "update", measure.id, plan.id, "水资源股"),
    }
    assert feed.news() == []
    other.plans.create_plan("新的计划")
    assert [(c.entity, c.action) for c in feed.news()] == [("plan", "create")]


def test_a_tree_read_again_shows_what_another_desk_changed(server_url):
    """The server's tree cache: every kind of change another desk makes to a plan's tree is seen at once."""
    desk_a, desk_b = Database.open(server_url), Database.open(server_url)
    try:
        a, b = Services(desk_a, user="办公室"), Services(desk_b, user="水资源股")
        plan = a.plans.create_plan("缓存")
        task = a.nodes.add_node(plan.id, None, NodeKind.TASK, "推进农业节水")
        measure = a.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "建设高效节水灌溉")
        second = a.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "推广水肥一体化")

        def shown():
            return [(n.number, n.text, [u.name for u in n.lead], n.deadline.text) for n in walk(a.plans.tree(plan.id))]

        before = shown()
        assert shown() == before  # read again unchanged
        changes = (
            lambda: b.nodes.update_node(measure.id, text="建设高标准节水灌溉"),
            lambda: b.nodes.update_node(measure.id, deadline_text="2025年"),
            lambda: b.units.assign_units(task.id, Role.LEAD, ["农业农村局"]),
            lambda: b.units.rename_unit(b.units.find_unit("农业农村局").id, "县农业农村局"),
            lambda: b.nodes.move_up(second.id),
            lambda: b.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "新措施"),
        )
        for change in changes:
            seen = shown()
            change()
            assert shown() != seen, change
        assert [row[1] for row in shown()] == ["推进农业节水", "推广水肥一体化", "建设高标准节水灌溉", "新措施"]
        assert shown()[0][2] == ["县农业农村局"]
        assert a.nodes.get_node(measure.id).deadline.text == "2025年"
    finally:
        desk_a.close()
        desk_b.close()


def test_two_desks_making_the_first_entry_of_a_new_quarter_at_once(server_url):
    """The quarter's row itself is made by both at once: neither fails on it; the second desk, which showed no
    entry, meets the first's entry."""
    desk = Services(Database.open(server_url), user="办公室")
    try:
        plan = desk.plans.create_plan("新的季度")
        task = desk.nodes.add_node(plan.id, None, NodeKind.TASK, "推进城镇节水")
        q4 = Period(2024, 4)

        def first_entry_of_q4(a, s):
            a.progress.apply(s, task.id, ensure_period(s, q4), q4, {"percent": 20})

        desk_a, desk_b = Database.open(server_url), Database.open(server_url)
        try:
            outcome: list[BaseException | None] = []

            def save_b() -> None:
                try:
                    entries = {task.id: {"percent": 60}}  # a batch save (a file read in), which showed no entry
                    Services(desk_b, user="水资源股").progress.put_entries(q4, entries, expected={})
                    outcome.append(None)
                except BaseException as exc:  # noqa: BLE001 - handed to the test
                    outcome.append(exc)

            with saving(desk_a, entry_edited(task.id, q4)) as s:
                first_entry_of_q4(Services(desk_a, user="办公室"), s)
                racer = threading.Thread(target=save_b)
                racer.start()
                time.sleep(0.5)
            racer.join(timeout=20)
        finally:
            desk_a.close()
            desk_b.close()
        assert isinstance(outcome[0], EditConflict), outcome  # not a program error about the period's key
        assert desk.progress.for_period(plan.id, q4)[task.id].percent == 20
    finally:
        desk.db.close()
