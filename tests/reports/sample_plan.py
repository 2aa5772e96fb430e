"""A small, realistic 平罗县 plan built by hand from domain values (texts from the seeds)."""

# ruff: noqa: E501 - the real texts of the table are long lines

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sisiding_desktop.domain.model import (
    Deadline,
    Indicator,
    IndicatorActual,
    IndicatorAttribute,
    IndicatorTarget,
    Light,
    Node,
    NodeKind,
    Period,
    Plan,
    Progress,
    Status,
    UnitRef,
)

Q3 = Period(2024, 3)
UNIT_NAMES = (
    "自然资源局", "住建局", "发改局", "各乡镇（农场）", "机关事务服务中心", "水务局",
    "节水型社会建设领导小组各成员单位", "市场监管局", "工信局", "农业农村局", "平罗工业园区管委会",
)  # fmt: skip
UNITS = {name: UnitRef(i, name) for i, name in enumerate(UNIT_NAMES, start=1)}
PLAN = Plan(
    id=1,
    title="平罗县“四水四定”年度重点任务表",
    region="平罗县",
    year_from=2024,
    year_to=2024,
    attachment_label="附件",
)
FORMULA_TEXT = '=HYPERLINK("http://example.invalid","点此")'


@dataclass
class Spec:
    kind: NodeKind
    text: str
    number: str = ""
    lead: str = ""
    support: str = ""
    deadline: str = ""
    children: list[Spec] = field(default_factory=list)


def G(number: str, text: str, *children: Spec) -> Spec:  # noqa: N802 - reads like the table
    return Spec(NodeKind.GROUP, text, number, children=list(children))


def T(number: str, text: str, *children: Spec, lead: str = "", support: str = "", deadline: str = "") -> Spec:  # noqa: N802
    return Spec(NodeKind.TASK, text, number, lead, support, deadline, list(children))


def M(number: str, text: str, lead: str = "", support: str = "", deadline: str = "") -> Spec:  # noqa: N802
    return Spec(NodeKind.MEASURE, text, number, lead, support, deadline)


SPECS = [
    G("一、", "坚持以水定人定城，优化城镇空间格局",
      G("（一）", "加强城镇开发边界管控",
        T("1", "强化城镇开发边界管控，科学设定县城功能定位，合理规划人口发展规模、县城空间结构,严格控制人均城镇用地面积，合理确定城镇发展规模",
          M("", "落实《关于优化国土空间开发保护格局的实施意见》，做好城镇开发边界管控工作。推动城镇开发边界划定成果落地实施，确保全县城镇开发边界扩展倍数不高于2020年现状城镇建设用地的1.28倍。",
            "自然资源局", "住建局、发改局、各乡镇（农场）", "2024年"))),
      G("（二）", "深度实施城乡生活节水",
        T("2", "发挥用水户节水主体作用，用水单位和个人应采用节水型生产生活方式。推进党政机关、学校、医院、居民小区等单位对标节水型社会达标建设。",
          M("1.", "开展党政机关节水达标建设。2024年县级以上公共机构节水型单位建成率达94%。", "机关事务服务中心", "水务局", "2024年"),
          M("2.", "2024年节水型医院建成率达到100%。", "机关事务服务中心", "水务局", "2024年"),
          M("3.", "2024年启动节水型居民小区建设，节水型居民小区创建率达到20%", "住建局", "水务局", "2024年"),
          M("4.", "制定印发《平罗县县域节水型社会达标建设实施方案》，2024年申报全国县域节水型社会达标县区。",
            "水务局", "节水型社会建设领导小组各成员单位", "2024年6月")),
        T("3", "实施公共建筑用水设施节水改造，淘汰不符合水效标准的用水器具。",
          M("1.", "严格落实节水“三同时”制度，新建、改建、扩建公共建筑必须采用节水器具。"),
          M("2.", "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。"),
          lead="住建局", support="市场监管局、水务局", deadline="2024年"),
        T("4", "实施老旧供水管网更新改造，开展供水管网分区计量管理。",
          M("", FORMULA_TEXT, "住建局", "发改局", "2024年")),
        T("5", "加强农村生活用水设施改造。", lead="水务局、农业农村局", support="各乡镇（农场）"))),
    G("二、", "强化以水定产，构建节水型产业体系",
      G("（三）", "科学谋划产业发展",
        T("6", "以新型工业化、现代农业、社会民生事业三大领域为突破口，着力打造黄河流域现代高效农业发展示范基地。",
          M("1.", "严格落实“四水四定”原则和水资源节约集约利用重大政策，优化空间布局，提出管控措施。", "自然资源局", "水务局、各乡镇（农场）", "2024年"),
          M("2.", "严格落实自治区关于开发区、园区建设管理要求，实现以水定产布局。", "工信局、平罗工业园区管委会", "", "2024年"),
          M("3.", "2024年万元工业增加值用水量较2020年下降7.2%。", "工信局", "发改局、水务局", "2024年12月")))),
]  # fmt: skip


def build_tree(specs: list[Spec] = SPECS) -> tuple[Node, ...]:
    """Nodes with ids in printed order; a measure without units inherits its task's, as the service does."""
    counter = iter(range(1, 10_000))

    def build(spec: Spec, parent: Node | None, depth: int, position: int) -> Node:
        node_id = next(counter)
        lead, support = _units(spec.lead), _units(spec.support)
        inherited = False
        if spec.kind is NodeKind.MEASURE and not (lead or support) and parent and (parent.lead or parent.support):
            lead, support, inherited = parent.lead, parent.support, True
        node = Node(
            id=node_id, plan_id=PLAN.id, parent_id=parent.id if parent else None, kind=spec.kind,
            position=position, text=spec.text, number=spec.number, deadline=_deadline(spec.deadline),
            lead=lead, support=support, inherited_units=inherited, depth=depth,
        )  # fmt: skip
        kids = tuple(build(child, node, depth + 1, i) for i, child in enumerate(spec.children))
        return Node(**{**node.__dict__, "children": kids})

    return tuple(build(spec, None, 0, i) for i, spec in enumerate(specs))


def _units(text: str) -> tuple[UnitRef, ...]:
    return tuple(UNITS[name] for name in text.split("、") if name)


def _deadline(text: str) -> Deadline:
    if not text:
        return Deadline()
    year = int(text[:4])
    month = int(text[5:-1]) if "月" in text else 12
    return Deadline(text, end=date(year, month, 30 if month in (4, 6, 9, 11) else 28 if month == 2 else 31))


def walk(nodes: tuple[Node, ...]):
    for node in nodes:
        yield node
        yield from walk(node.children)


def find(nodes: tuple[Node, ...], text_start: str) -> Node:
    return next(n for n in walk(nodes) if n.text.startswith(text_start))


def sample_progress(nodes: tuple[Node, ...]) -> tuple[dict[int, Progress], dict[int, Light | None]]:
    """Q3 progress and lights for a few measures: one red, one yellow, one green, one formula-looking."""
    done = find(nodes, "开展党政机关")
    late = find(nodes, "制定印发")
    slow = find(nodes, "2024年启动")
    risky = find(nodes, "严格落实节水")
    progress = {
        done.id: Progress(done.id, Q3, Status.DONE, 100, "县级以上公共机构节水型单位建成率已达96%。"),
        late.id: Progress(
            late.id, Q3, Status.BEHIND, 40, "实施方案已起草，正在征求意见。", "部门意见尚未反馈。", "10月底前印发。"
        ),
        slow.id: Progress(slow.id, Q3, Status.IN_PROGRESS, 30, "已确定首批试点小区3个。"),
        risky.id: Progress(risky.id, Q3, Status.IN_PROGRESS, 50, "-已验收2个项目", "+新增问题", "@水务局牵头"),
        # another period's progress must not show
        find(nodes, "2024年节水型医院").id: Progress(
            find(nodes, "2024年节水型医院").id, Period(2024, 2), Status.DONE, 100, "上季度的进展"
        ),
    }
    lights = {done.id: Light.GREEN, late.id: Light.RED, slow.id: Light.YELLOW, risky.id: None}
    return progress, lights


def sample_indicators() -> tuple[Indicator, ...]:
    def targets(*pairs: tuple[int, str]) -> tuple[IndicatorTarget, ...]:
        return tuple(IndicatorTarget(y, t) for y, t in pairs)

    water = UNITS["水务局"]
    return (
        Indicator(1, 1, 0, "总体目标", "万元GDP用水量较2020年降低", "%", IndicatorAttribute.BINDING, "",
                  targets((2023, "20"), (2024, "28"), (2025, "35")), (water, UNITS["发改局"]),
                  (IndicatorActual(Q3, "26.5"),)),
        Indicator(2, 1, 1, "总体目标", "农田灌溉水有效利用系数", "", IndicatorAttribute.EXPECTED, "0.55",
                  targets((2024, "0.564"), (2025, "≥0.77")), (water, UNITS["农业农村局"])),
        Indicator(3, 1, 2, "以水定城", "城镇公共供水管网漏损率", "%", IndicatorAttribute.BINDING, "",
                  targets((2023, "12"), (2024, "10"), (2025, "8")), (UNITS["住建局"],),
                  (IndicatorActual(Period(2024, 2), "11"), IndicatorActual(Q3, "10.2"))),
        Indicator(4, 1, 3, "以水定产", "新增再生水利用能力", "万立方米", IndicatorAttribute.EXPECTED, "",
                  targets((2023, "30"), (2024, "25"), (2025, "25")), (water,)),
    )  # fmt: skip
