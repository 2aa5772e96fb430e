"""Plans and their tree: each edit is one transaction, renumbers the table and is logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from sisiding_desktop.domain.model import NodeKind, Role
from sisiding_desktop.services import NotFound, ServiceError
from sisiding_desktop.services.tree import walk
from sisiding_desktop.store.models import ChangeLogRow


def _log(services):
    with services.db.reading() as s:
        return s.scalars(select(ChangeLogRow).order_by(ChangeLogRow.id)).all()


def _numbers(services, plan_id):
    return [(n.number, n.text) for n in walk(services.plans.tree(plan_id))]


@pytest.fixture
def plan(services):
    """A small piece of the 平罗县 table: one chapter, two sections, two tasks."""
    plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表", region="平罗县", year_from=2024, year_to=2024)
    nodes = services.nodes
    ch1 = nodes.add_node(plan.id, None, NodeKind.GROUP, "坚持以水定人定城，优化城镇空间格局")
    s1 = nodes.add_node(plan.id, ch1.id, NodeKind.GROUP, "加强城镇开发边界管控")
    t1 = nodes.add_node(plan.id, s1.id, NodeKind.TASK, "强化城镇开发边界管控")
    nodes.add_node(plan.id, t1.id, NodeKind.MEASURE, "做好城镇开发边界管控工作。")
    s2 = nodes.add_node(plan.id, ch1.id, NodeKind.GROUP, "深度实施城乡生活节水")
    t2 = nodes.add_node(plan.id, s2.id, NodeKind.TASK, "发挥用水户节水主体作用")
    nodes.add_node(plan.id, t2.id, NodeKind.MEASURE, "开展党政机关节水达标建设。")
    nodes.add_node(plan.id, t2.id, NodeKind.MEASURE, "2024年节水型医院建成率达到100%。")
    return plan


def test_create_list_rename_and_delete_a_plan_with_change_log(services):
    plan = services.plans.create_plan("  固阳县水资源节约集约利用三年攻坚行动方案 ", year_from=2023, year_to=2025)
    assert plan.title == "固阳县水资源节约集约利用三年攻坚行动方案"
    assert [p.id for p in services.plans.list_plans()] == [plan.id]
    services.plans.update_plan(plan.id, title="固阳县三年攻坚行动方案")
    assert services.plans.get_plan(plan.id).title == "固阳县三年攻坚行动方案"
    services.plans.delete_plan(plan.id)
    assert services.plans.list_plans() == []
    entries = [(e.action, e.field, e.old, e.new, e.user) for e in _log(services)]
    assert entries[0][0] == "create"
    assert (
        "update",
        "title",
        "固阳县水资源节约集约利用三年攻坚行动方案",
        "固阳县三年攻坚行动方案",
        "测试员",
    ) in entries
    assert entries[-1][:3] == ("delete", "", "固阳县三年攻坚行动方案")


def test_bad_plan_requests_are_refused_in_chinese(services):
    with pytest.raises(ServiceError, match="不能为空"):
        services.plans.create_plan("   ")
    with pytest.raises(NotFound, match="999"):
        services.plans.get_plan(999)
    with pytest.raises(ServiceError, match="字段"):
        services.plans.create_plan("计划", colour="红")


def test_numbers_are_derived_and_follow_inserts_moves_and_deletes(services, plan):
    assert _numbers(services, plan.id) == [
        ("一、", "坚持以水定人定城，优化城镇空间格局"),
        ("（一）", "加强城镇开发边界管控"),
        ("1", "强化城镇开发边界管控"),
        ("", "做好城镇开发边界管控工作。"),
        ("（二）", "深度实施城乡生活节水"),
        ("2", "发挥用水户节水主体作用"),
        ("1.", "开展党政机关节水达标建设。"),
        ("2.", "2024年节水型医院建成率达到100%。"),
    ]
    tree = services.plans.tree(plan.id)
    section2 = tree[0].children[1]
    services.nodes.move_up(section2.id)
    numbers = _numbers(services, plan.id)
    assert numbers[1] == ("（一）", "深度实施城乡生活节水")
    assert numbers[2] == ("1", "发挥用水户节水主体作用")
    assert numbers[5] == ("（二）", "加强城镇开发边界管控")
    assert numbers[6] == ("2", "强化城镇开发边界管控")

    new = services.nodes.add_node(plan.id, tree[0].id, NodeKind.GROUP, "新的一节", index=0)
    assert new.number == "（一）"
    assert _numbers(services, plan.id)[2] == ("（二）", "深度实施城乡生活节水")
    services.nodes.delete_node(new.id)
    assert _numbers(services, plan.id)[1] == ("（一）", "深度实施城乡生活节水")


def test_indent_makes_a_task_a_measure_and_outdent_undoes_it(services, plan):
    tree = services.plans.tree(plan.id)
    section2 = tree[0].children[1]
    extra = services.nodes.add_node(plan.id, section2.id, NodeKind.TASK, "实施公共建筑用水设施节水改造")
    assert extra.number == "3"
    indented = services.nodes.indent(extra.id)
    assert indented.kind is NodeKind.MEASURE and indented.number == "3."
    back = services.nodes.outdent(extra.id)
    assert back.kind is NodeKind.TASK and back.number == "3"
    with pytest.raises(ServiceError):
        services.nodes.outdent(tree[0].id)  # already at the top
    first_measure = tree[0].children[0].children[0].children[0]
    with pytest.raises(ServiceError):
        services.nodes.indent(first_measure.id)  # nothing above it


def test_impossible_places_are_refused_and_change_nothing(services, plan):
    tree = services.plans.tree(plan.id)
    measure = tree[0].children[0].children[0].children[0]
    before = _numbers(services, plan.id)
    with pytest.raises(ServiceError, match="不能放在"):
        services.nodes.add_node(plan.id, measure.id, NodeKind.MEASURE, "措施下面的措施")
    with pytest.raises(ServiceError, match="自己的下级"):
        services.nodes.move_node(tree[0].id, tree[0].children[0].id, 0)
    with pytest.raises(ServiceError, match="不能放在"):
        services.nodes.move_node(measure.id, None, 0)  # a measure needs a task above it
    assert _numbers(services, plan.id) == before


def test_delete_and_restore_bring_back_the_subtree_with_units(services, plan):
    tree = services.plans.tree(plan.id)
    task2 = tree[0].children[1].children[0]
    services.units.assign_units(task2.children[0].id, Role.LEAD, ["机关事务服务中心"])
    before = _numbers(services, plan.id)
    snapshot = services.nodes.delete_node(task2.id)
    assert len(list(walk(services.plans.tree(plan.id)))) == len(before) - 3
    restored = services.nodes.restore_node(snapshot)
    assert restored.number == "2"
    assert _numbers(services, plan.id) == before
    measure = services.nodes.get_node(task2.children[0].id)
    assert [u.name for u in measure.lead] == ["机关事务服务中心"]


def test_edit_text_and_deadline(services, plan):
    task = services.plans.tree(plan.id)[0].children[0].children[0]
    edited = services.nodes.update_node(task.id, text="强化城镇开发边界管控（修订）", deadline_text="2024年6月")
    assert edited.text.endswith("（修订）")
    assert edited.deadline.text == "2024年6月" and edited.deadline.end.isoformat() == "2024-06-30"
    fields = [e.field for e in _log(services) if e.action == "update"]
    assert fields[-2:] == ["text", "deadline"]


def test_duplicate_plan_copies_tree_and_units_but_not_progress(services, plan):
    from sisiding_desktop.domain.model import Period

    measure = services.plans.tree(plan.id)[0].children[1].children[0].children[0]
    services.units.assign_units(measure.id, Role.LEAD, ["机关事务服务中心"])
    services.progress.record(measure.id, Period(2024, 3), percent=40, progress_text="已完成摸底")
    copy = services.plans.duplicate_plan(plan.id, "平罗县“四水四定”2025年重点任务表")
    assert _numbers(services, copy.id) == _numbers(services, plan.id)
    copied_measure = services.plans.tree(copy.id)[0].children[1].children[0].children[0]
    assert [u.name for u in copied_measure.lead] == ["机关事务服务中心"]
    assert services.progress.for_period(copy.id, Period(2024, 3)) == {}


def _tree_through_orm(session, plan):
    """The plan's tree built from ORM rows, as the program built it before it read column tuples."""
    from collections import defaultdict

    from sisiding_desktop.domain.model import Deadline, Node, UnitRef
    from sisiding_desktop.domain.numbering import NumberingInput, derive_numbers, parse_styles
    from sisiding_desktop.store.models import AssignmentRow, NodeRow, UnitRow

    rows = session.scalars(
        select(NodeRow).where(NodeRow.plan_id == plan.id).order_by(NodeRow.position, NodeRow.id)
    ).all()
    units = defaultdict(lambda: defaultdict(list))
    for node_id, role, unit_id, name in session.execute(
        select(AssignmentRow.node_id, AssignmentRow.role, UnitRow.id, UnitRow.name)
        .join(UnitRow, UnitRow.id == AssignmentRow.unit_id)
        .join(NodeRow, NodeRow.id == AssignmentRow.node_id)
        .where(NodeRow.plan_id == plan.id)
        .order_by(AssignmentRow.node_id, AssignmentRow.role, AssignmentRow.position)
    ):
        units[node_id][Role(role)].append(UnitRef(unit_id, name))
    numbers = derive_numbers(
        (NumberingInput(r.id, r.parent_id, NodeKind(r.kind), r.position, r.source_label, r.text) for r in rows),
        task_numbering=plan.task_numbering,
        section_numbering=plan.section_numbering,
        styles=parse_styles(plan.number_styles),
        keep_source=plan.keep_source_numbers,
    )
    children = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)

    def build(row, depth, inherited):
        own = {role: tuple(refs) for role, refs in units.get(row.id, {}).items()}
        uses_parent = not own and row.kind == NodeKind.MEASURE.value and any(inherited.values())
        effective = inherited if uses_parent else own
        return Node(
            id=row.id,
            plan_id=row.plan_id,
            parent_id=row.parent_id,
            kind=NodeKind(row.kind),
            position=row.position,
            text=row.text,
            number=numbers.get(row.id, ""),
            source_label=row.source_label,
            deadline=Deadline(row.deadline_text, row.deadline_start, row.deadline_end),
            lead=effective.get(Role.LEAD, ()),
            support=effective.get(Role.SUPPORT, ()),
            local=effective.get(Role.LOCAL, ()),
            remarks=row.remarks,
            inherited_units=uses_parent,
            depth=depth,
            children=tuple(build(child, depth + 1, effective) for child in children.get(row.id, ())),
            version=row.version,
        )

    return tuple(build(row, 0, {}) for row in children.get(None, ()))


def test_the_sample_plan_loads_as_the_orm_rows_say(services, plan):
    """Numbers, units (a measure without its own shows its task's), deadlines: the same values as the rows."""
    from tests.conftest import PINGLUO_XLSX

    sample, _ = services.importing.import_plan(PINGLUO_XLSX)
    task = next(n for n in walk(services.plans.tree(plan.id)) if n.text == "发挥用水户节水主体作用")
    services.units.assign_units(task.id, Role.LEAD, ["机关事务服务中心", "县水务局"])
    services.units.assign_units(task.id, Role.SUPPORT, ["县教育局"])
    services.units.assign_units(task.children[0].id, Role.SUPPORT, ["县卫健局"])
    services.nodes.update_node(task.children[0].id, deadline_text="2024年6月")
    for each in (sample, services.plans.get_plan(plan.id)):
        tree = services.plans.tree(each.id)
        with services.db.reading() as s:
            assert tree == _tree_through_orm(s, each)
    nodes = list(walk(services.plans.tree(sample.id)))
    assert len(nodes) > 50
    assert any(n.lead for n in nodes)
    assert [n.number for n in nodes if n.kind is NodeKind.GROUP][:1] == ["一、"]
    first, second = next(n for n in walk(services.plans.tree(plan.id)) if n.id == task.id).children
    assert [u.name for u in first.support] == ["县卫健局"] and not first.lead and not first.inherited_units
    assert second.inherited_units and [u.name for u in second.lead] == ["机关事务服务中心", "县水务局"]
    assert [u.name for u in second.support] == ["县教育局"]
    assert first.deadline.text == "2024年6月" and str(first.deadline.end) == "2024-06-30"
    assert second.deadline.text == "" and first.number == "1." and second.number == "2."


@pytest.mark.sqlite_only  # the reuse needs SQLite's data_version; on a server every read reads
def test_a_read_tree_is_reused_only_while_nothing_was_written(services, plan):
    first = services.plans.tree(plan.id)
    assert services.plans.tree(plan.id) is first  # nothing written: the same values again
    measure = next(n for n in walk(first) if n.kind is NodeKind.MEASURE)
    services.nodes.update_node(measure.id, text="改过的措施。")
    assert any(n.text == "改过的措施。" for n in walk(services.plans.tree(plan.id)))
    services.units.assign_units(measure.id, Role.LEAD, ["县水务局"])
    changed = next(n for n in walk(services.plans.tree(plan.id)) if n.id == measure.id)
    assert [u.name for u in changed.lead] == ["县水务局"] and not changed.inherited_units
    services.units.rename_unit(services.units.find_unit("县水务局").id, "县水利局")
    renamed = next(n for n in walk(services.plans.tree(plan.id)) if n.id == measure.id)
    assert [u.name for u in renamed.lead] == ["县水利局"]


@pytest.mark.sqlite_only
def test_a_commit_by_another_connection_is_seen(services, plan, db_path):
    from sisiding_desktop.store.engine import create_sqlite_engine
    from sisiding_desktop.store.models import NodeRow

    measure = next(n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE)
    engine = create_sqlite_engine(db_path)  # a second connection to the same file, as a worker thread's
    try:
        with engine.begin() as connection:
            nodes = NodeRow.__table__
            connection.execute(nodes.update().where(nodes.c.id == measure.id).values(text="别处改的。"))
    finally:
        engine.dispose()
    assert any(n.text == "别处改的。" for n in walk(services.plans.tree(plan.id)))
