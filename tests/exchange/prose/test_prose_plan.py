"""A plan sent as a prose Word document (方案) without a task table is read by its headings and numbered items."""

from __future__ import annotations

import re

import pytest

from sisiding_desktop.domain.model import NodeKind
from sisiding_desktop.domain.unit_names import split_units
from sisiding_desktop.exchange.errors import ExchangeError
from sisiding_desktop.exchange.plan_reader import ReadLimits, read_plan_workbook
from sisiding_desktop.exchange.prose.reader import READ_BY_HEADINGS
from tests.exchange.docx_files import GUYANG_SEED, document, paragraph, prose_docx, prose_lines, table, write_docx

TITLE = "某县节约用水三年行动方案"
BODY = "2024年，完成县城供水管网改造。"


def _prose(tmp_path, *texts: str, name: str = "方案.docx"):
    return read_plan_workbook(write_docx(tmp_path / name, document(*(paragraph(text) for text in texts))))


def _outline(plan):
    return [(n.kind, n.source_label, n.text) for n in plan.walk()]


def _names(text: str) -> tuple[str, ...]:
    return split_units(text).names


def _messages(plan) -> list[str]:
    return [str(w) for w in plan.warnings]


def _tasks(plan):
    return [n for n in plan.walk() if n.kind is NodeKind.TASK]


# --- the real 固阳县 方案 ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_lines() -> list[str]:
    return [line.strip() for line in prose_lines(GUYANG_SEED.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def guyang(tmp_path_factory):
    return read_plan_workbook(prose_docx(tmp_path_factory.mktemp("seed") / "固阳县攻坚行动方案.docx"))


def _chapter(lines: list[str], heading: str) -> list[str]:
    """The seed's lines from ``heading`` up to the next chapter heading (一、 二、 …)."""
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if re.match(r"^[一二三四五六七八九十]+、", lines[i])), len(lines))
    return lines[start:end]


def _item_line(lines: list[str], number: int) -> str:
    return next(line for line in lines if line.startswith(f"{number}."))


def test_seed_title_is_the_leading_short_lines_joined(guyang, seed_lines):
    assert guyang.title == "固阳县推进水资源节约集约利用三年攻坚行动方案（2023-2025年）"
    assert guyang.title == seed_lines[0] + seed_lines[1]
    assert (guyang.attachment_label, guyang.source_file) == ("", "固阳县攻坚行动方案.docx")


def test_seed_keeps_the_key_task_chapter_with_its_sections(guyang, seed_lines):
    kept = _chapter(seed_lines, "二、重点任务")
    sections = [line for line in kept if re.match(r"^（[一二三四五六七八九十]+）", line)]
    assert [(n.source_label, n.text) for n in guyang.nodes] == [("二、", "重点任务")]
    chapter = guyang.nodes[0]
    assert [n.source_label + n.text for n in chapter.children] == sections
    assert (chapter.children[0].source_label, chapter.children[0].text) == ("（一）", "严格取用水管理")
    assert all(n.kind is NodeKind.GROUP for n in chapter.children)


def test_seed_tasks_are_the_numbered_items_of_the_kept_chapter(guyang, seed_lines):
    items = [line for line in _chapter(seed_lines, "二、重点任务") if re.match(r"^\d{1,3}[.．、]", line)]
    tasks = _tasks(guyang)
    assert len(tasks) == len(items) > 0
    assert [task.source_label for task in tasks] == [re.match(r"^\d+.", item).group(0) for item in items]
    assert [task.text for task in tasks] == [re.sub(r"^\d+.", "", item).split("。")[0].strip() for item in items]
    assert guyang.counts()["measures"] == len(items)  # every item of the seed has a body after its heading


def test_seed_first_task_and_its_measure(guyang, seed_lines):
    task = _tasks(guyang)[0]
    assert (task.source_label, task.text) == ("1.", "强化刚性约束")
    (measure,) = task.children
    assert measure.kind is NodeKind.MEASURE and measure.text.startswith("2023年，健全用水总量")
    assert measure.text in _item_line(seed_lines, 1)
    assert all("责任单位" not in n.text and "配合单位" not in n.text for n in guyang.walk())
    assert (task.lead_text, task.support_text) == ("", "")  # the units sit on the measure


@pytest.mark.parametrize(
    ("number", "annotation", "lead", "support"),
    [
        (
            1,
            "（责任单位：县发改委、工信局、水务局，配合单位：县生态环境局、农牧局、林草局、金山产业园区管理办公室）",
            ("县发改委", "县工信局", "县水务局"),  # 县 written once for the list
            ("县生态环境局", "县农牧局", "县林草局", "金山产业园区管理办公室"),
        ),
        (
            2,
            "（责任单位：县发改委、工信局、自然资源局、住建局、交通局、文旅局、水务局、农牧局、林草局、"
            "金山产业园区管理办公室）",
            ("县发改委", "县工信局", "县自然资源局", "县住建局", "县交通局", "县文旅局", "县水务局", "县农牧局")
            + ("县林草局",)
            + ("金山产业园区管理办公室",),
            (),
        ),
        (
            5,
            "（责任单位：县水务局、配合单位：县发改委、工信局、农牧局、金山产业园区管理办公室、固盛供水公司）",
            ("县水务局",),
            ("县发改委", "县工信局", "县农牧局", "金山产业园区管理办公室", "固盛供水公司"),
        ),
        (
            9,
            "（责任单位：县生态环境局、住建局，配合：金山产业园区管理办公室、固盛供水公司）",
            ("县生态环境局", "县住建局"),
            ("金山产业园区管理办公室", "固盛供水公司"),
        ),
        (
            33,
            "（责任单位：县委组织部，配合单位：县发改委、工信局、住建局、水务局、农牧局）",
            ("县委组织部",),
            ("县发改委", "县工信局", "县住建局", "县水务局", "县农牧局"),
        ),
    ],
)
def test_seed_units_of_an_item(guyang, seed_lines, number, annotation, lead, support):
    assert _item_line(seed_lines, number).endswith(annotation)  # the expectation is the seed's own annotation
    task = next(task for task in _tasks(guyang) if task.source_label == f"{number}.")
    (measure,) = task.children
    assert (_names(measure.lead_text), _names(measure.support_text)) == (lead, support)
    assert not measure.text.endswith("）")


def test_seed_prose_chapters_are_left_out_with_a_warning(guyang):
    messages = _messages(guyang)
    assert messages[0] == READ_BY_HEADINGS
    assert "第一章“总体要求”没有带责任单位的任务，未导入" in messages
    assert "第三章“保障措施”没有带责任单位的任务，未导入" in messages
    assert len(messages) == 3
    texts = {n.text for n in guyang.walk()}
    assert not texts & {"总体要求", "指导思想", "基本原则", "目标任务", "保障措施"}


# --- hand-written documents ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "lead", "support"),
    [
        ("（责任单位：县水务局、发改委，配合单位：工信局、财政局）", ("县水务局", "县发改委"), ("工信局", "财政局")),
        ("（牵头单位：县水务局；配合单位：住建局）", ("县水务局",), ("住建局",)),
        ("（县水务局牵头，住建局、农牧局配合）", ("县水务局",), ("住建局", "农牧局")),
        ("（由县水务局负责，各镇参与）", ("县水务局",), ("各镇",)),
        ("（责任单位：县水务局）", ("县水务局",), ()),
        ("（配合：住建局）", (), ("住建局",)),
        ("(责任单位: 县水务局, 配合单位: 住建局)", ("县水务局",), ("住建局",)),
        ("（牵头单位：各乡镇（农场）；配合单位：县水务局）", ("各乡镇（农场）",), ("县水务局",)),
    ],
)
def test_annotation_patterns(tmp_path, annotation, lead, support):
    plan = _prose(tmp_path, TITLE, "一、重点任务", f"1.加强管网改造。{BODY}{annotation}")
    (task,) = _tasks(plan)
    (measure,) = task.children
    assert (task.text, measure.text) == ("加强管网改造", BODY)
    assert (_names(measure.lead_text), _names(measure.support_text)) == (lead, support)


def test_a_deadline_in_the_annotation_is_the_measures_deadline(tmp_path):
    plan = _prose(tmp_path, TITLE, "一、重点任务", f"1.加强管网改造。{BODY}（牵头单位：县水务局；完成时限：2024年底）")
    (measure,) = _tasks(plan)[0].children
    assert (measure.text, measure.lead_text, measure.deadline_text) == (BODY, "县水务局", "2024年底")


def test_other_brackets_stay_in_the_text(tmp_path):
    body = "完成重点取用水户（年取用水量5万m3及以上）在线监测。"
    plan = _prose(tmp_path, TITLE, "一、重点任务", f"1.完善计量监测。{body}（责任单位：县水务局）")
    (measure,) = _tasks(plan)[0].children
    assert measure.text == body


def test_an_item_without_body_is_a_task_holding_the_units(tmp_path):
    plan = _prose(
        tmp_path,
        TITLE,
        "一、重点任务",
        "1.强化刚性约束。（责任单位：县水务局，配合单位：发改委）",
        f"2.严格水资源论证。{BODY}（责任单位：县水务局）",
    )
    first, second = _tasks(plan)
    assert (first.text, first.children) == ("强化刚性约束", [])
    assert (_names(first.lead_text), _names(first.support_text)) == (("县水务局",), ("发改委",))
    assert [child.text for child in second.children] == [BODY]


def test_unnumbered_paragraphs_after_an_item_join_its_measure(tmp_path):
    plan = _prose(
        tmp_path,
        TITLE,
        "一、重点任务",
        "1.强化刚性约束",
        "2023年，健全用水总量控制指标体系。",
        "2024年，落实分行业用水指标。（责任单位：县水务局）",
        "（一）加强再生水利用",
        f"2.配置再生水资源。{BODY}（责任单位：县住建局）",
    )
    assert _outline(plan) == [
        (NodeKind.GROUP, "一、", "重点任务"),
        (NodeKind.TASK, "1.", "强化刚性约束"),
        (NodeKind.MEASURE, "", "2023年，健全用水总量控制指标体系。\n2024年，落实分行业用水指标。"),
        (NodeKind.GROUP, "（一）", "加强再生水利用"),
        (NodeKind.TASK, "2.", "配置再生水资源"),
        (NodeKind.MEASURE, "", BODY),
    ]
    assert _tasks(plan)[0].children[0].lead_text == "县水务局"


@pytest.mark.parametrize("labels", [("（1）", "（2）"), ("1、", "2、"), ("1．", "2．")])
def test_items_numbered_in_other_styles(tmp_path, labels):
    plan = _prose(
        tmp_path,
        TITLE,
        "一、重点任务",
        "（一）严格取用水管理",
        f"{labels[0]}强化刚性约束。{BODY}（责任单位：县水务局）",
        f"{labels[1]}严格水资源论证。{BODY}（责任单位：县发改委）",
    )
    assert _outline(plan) == [
        (NodeKind.GROUP, "一、", "重点任务"),
        (NodeKind.GROUP, "（一）", "严格取用水管理"),
        (NodeKind.TASK, labels[0], "强化刚性约束"),
        (NodeKind.MEASURE, "", BODY),
        (NodeKind.TASK, labels[1], "严格水资源论证"),
        (NodeKind.MEASURE, "", BODY),
    ]


def test_sub_items_under_an_item_belong_to_its_measure(tmp_path):
    plan = _prose(
        tmp_path,
        TITLE,
        "一、重点任务",
        "1.强化刚性约束。明确用水总量：",
        "（1）落实分行业用水指标；",
        "（2）严格用水定额管理。（责任单位：县水务局）",
    )
    (task,) = _tasks(plan)
    assert [child.text for child in task.children] == [
        "明确用水总量：\n（1）落实分行业用水指标；\n（2）严格用水定额管理。"
    ]


def test_run_in_sections_with_units_are_tasks(tmp_path):
    plan = _prose(
        tmp_path,
        TITLE,
        "一、重点任务",
        f"1.强化刚性约束。{BODY}（责任单位：县水务局）",
        "二、保障措施",
        "（一）加强组织领导。成立攻坚行动领导小组。（责任单位：县政府办）",
        "（二）开展宣传教育。普及节水知识。（责任单位：县委宣传部）",
    )
    assert _outline(plan)[3:] == [
        (NodeKind.GROUP, "二、", "保障措施"),
        (NodeKind.TASK, "（一）", "加强组织领导"),
        (NodeKind.MEASURE, "", "成立攻坚行动领导小组。"),
        (NodeKind.TASK, "（二）", "开展宣传教育"),
        (NodeKind.MEASURE, "", "普及节水知识。"),
    ]


def test_without_any_units_the_chapters_about_tasks_are_kept(tmp_path):
    plan = _prose(
        tmp_path,
        TITLE,
        "一、总体要求",
        "1.坚持节水优先。统筹推进。",
        "二、主要任务",
        f"1.强化刚性约束。{BODY}",
        "三、保障措施",
        "（一）加强组织领导。成立领导小组。",
    )
    assert [(n.kind, n.text) for n in plan.walk()] == [
        (NodeKind.GROUP, "主要任务"),
        (NodeKind.TASK, "强化刚性约束"),
        (NodeKind.MEASURE, BODY),
    ]
    assert _messages(plan) == [
        READ_BY_HEADINGS,
        "第一章“总体要求”不是任务章节，未导入",
        "第三章“保障措施”不是任务章节，未导入",
    ]


def test_a_section_without_tasks_in_a_kept_chapter_is_left_out_with_a_warning(tmp_path):
    plan = _prose(
        tmp_path,
        TITLE,
        "一、重点任务",
        "（一）总体安排",
        "全县统筹推进。",
        "（二）严格取用水管理",
        f"1.强化刚性约束。{BODY}（责任单位：县水务局）",
    )
    assert [n.source_label for n in plan.walk()] == ["一、", "（二）", "1.", ""]
    assert "“（一）总体安排”下没有任务，未导入" in _messages(plan)


def test_title_and_attachment_label(tmp_path):
    plan = _prose(
        tmp_path,
        "附件2",
        "某县推进水资源节约集约利用",
        "三年攻坚行动方案",
        "为落实节水优先方针，制定本方案。",
        "一、重点任务",
        f"1.强化刚性约束。{BODY}（责任单位：县水务局）",
    )
    assert (plan.title, plan.attachment_label) == ("某县推进水资源节约集约利用三年攻坚行动方案", "附件2")


def test_without_title_lines_the_file_name_is_the_title(tmp_path):
    plan = _prose(tmp_path, "一、重点任务", f"1.强化刚性约束。{BODY}（责任单位：县水务局）", name="节水方案.docx")
    assert (plan.title, plan.attachment_label) == ("节水方案", "")


def test_neither_table_nor_numbered_items_keeps_the_no_table_error(tmp_path):
    path = write_docx(
        tmp_path / "通知.docx",
        document(paragraph(TITLE), paragraph("一、总体要求"), paragraph("（一）指导思想"), paragraph("坚持节水优先。")),
    )
    with pytest.raises(ExchangeError) as caught:
        read_plan_workbook(path)
    assert "没有表格" in str(caught.value) and "通知.docx" in str(caught.value)


def test_numbered_items_outside_any_task_chapter_are_no_plan(tmp_path):
    path = write_docx(
        tmp_path / "通知.docx",
        document(paragraph(TITLE), paragraph("一、总体要求"), paragraph("1.坚持节水优先。统筹推进。")),
    )
    with pytest.raises(ExchangeError, match="没有表格"):
        read_plan_workbook(path)


def test_a_document_with_a_task_table_is_read_from_the_table(tmp_path):
    division = table(
        [["序号", "重点任务", "具体落实措施", "牵头单位"], ["1", "严格用水定额管理", "修订行业用水定额", "水务局"]]
    )
    path = write_docx(
        tmp_path / "分工.docx",
        document(
            paragraph("一、重点任务"),
            paragraph(f"1.强化刚性约束。{BODY}（责任单位：县水务局）"),
            paragraph("附件"),
            paragraph("任务分工表"),
            division,
        ),
    )
    plan = read_plan_workbook(path)
    assert _outline(plan) == [
        (NodeKind.TASK, "1", "严格用水定额管理"),
        (NodeKind.MEASURE, "", "修订行业用水定额"),
    ]
    assert READ_BY_HEADINGS not in _messages(plan)


def test_an_indicator_table_of_a_prose_plan_is_kept(tmp_path):
    indicators = table(
        [
            ["序号", "指标类型", "指标名称", "单位", "指标属性", "2025年目标", "责任单位"],
            ["1", "总体目标", "用水总量", "亿立方米", "约束性", "0.6", "水务局"],
        ]
    )
    path = write_docx(
        tmp_path / "方案.docx",
        document(
            paragraph(TITLE),
            paragraph("一、重点任务"),
            paragraph(f"1.强化刚性约束。{BODY}（责任单位：县水务局）"),
            paragraph("附表"),
            indicators,
            paragraph("说明"),
            table([["备注"], ["无"]]),
        ),
    )
    plan = read_plan_workbook(path)
    assert plan.counts() == {"groups": 1, "tasks": 1, "measures": 1, "indicators": 1}
    assert plan.indicators[0].name == "用水总量"
    assert _messages(plan) == [READ_BY_HEADINGS, "表格“表2”：未找到表头，这个表格已跳过"]


def test_a_paragraph_past_the_cell_limit_is_refused(tmp_path):
    path = write_docx(
        tmp_path / "长段落.docx",
        document(paragraph("一、重点任务"), paragraph("1.强化刚性约束。" + "节水" * 40 + "（责任单位：县水务局）")),
    )
    with pytest.raises(ExchangeError, match="第 2 段超过 50 个字符"):
        read_plan_workbook(path, ReadLimits(max_cell_chars=50))
