"""A table re-saved by another office suite (LibreOffice here: other styles, other merge records, other string
tables) reads exactly as the original; a task an export marked （续） on its next page is the same task."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sisiding_desktop.exchange.plan_reader import read_plan_workbook
from tests.exchange.city_table import write_city_table
from tests.exchange.workbooks import merge, put_rows, save, sheet


def _outline(nodes, depth=0):
    for node in nodes:
        yield (depth, node.kind, node.source_label, node.text, node.lead_text, node.support_text, node.local_text)
        yield from _outline(node.children, depth + 1)


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_a_table_re_saved_by_libreoffice_reads_the_same(tmp_path):
    source = write_city_table(tmp_path)
    out = tmp_path / "resaved"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "xlsx",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    original, resaved = read_plan_workbook(source), read_plan_workbook(out / source.name)
    assert list(_outline(resaved.nodes)) == list(_outline(original.nodes))
    assert [str(w) for w in resaved.warnings] == [str(w) for w in original.warnings]


def test_a_task_marked_continued_on_the_next_page_is_one_task(tmp_path):
    wb, ws = sheet()
    header = ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"]
    put_rows(
        ws,
        [
            header,
            [5, "实施用水全过程管理", "1.严格取水许可管理。", "水利局", "/"],
            header,
            [5, "实施用水全过程管理（续）", "2.强化计划用水管理。", "水利局", "/"],
            [6, "推进节水型社会建设", "1.开展县域节水型社会达标建设。", "水利局", "各成员单位"],
        ],
    )
    merge(ws, "A2:A2")
    plan = read_plan_workbook(save(wb, tmp_path, "continued.xlsx"))
    assert [(n.source_label, n.text, len(n.children)) for n in plan.nodes] == [
        ("5", "实施用水全过程管理", 2),
        ("6", "推进节水型社会建设", 1),
    ]


def test_the_same_city_table_as_a_word_table_reads_the_same(tmp_path):
    from tests.exchange.docx_files import below, document, down, page_break, paragraph, table, write_docx

    local = "各县（市、区）人民政府"
    header = ["序号", "类别", "主要任务", "细化措施", "牵头单位", "参与单位", "责任单位", "备注"]
    rows = [
        header,
        ["1", down("（一）坚持以水定城，优化城市布局"), "推进节水型城市建设", "1.创建国家节水型城市。",
         "市住建局", "市水利局", local, "2025年完成"],
        ["2", below(), "加强供水管网改造", "2.实施供水管网漏损治理。\n3.推进二次供水设施改造。",
         "市住建局", "市发展改革委市财政局", local, ""],
    ]  # fmt: skip
    page2 = [
        header,
        ["", "（一）坚持以水定城，\n优化城市布局", "加强供水管网\n改造", "4.推广高效节水灌溉。", "市农业农村局",
         "市水利局", local, ""],
        ["", "（二）保障措施", "", "1.加强组织领导。", "市水利局", "", local, ""],
    ]  # fmt: skip
    body = document(paragraph("长治市重点任务分工表"), table(rows), page_break(), table(page2))
    plan = read_plan_workbook(write_docx(tmp_path / "city.docx", body))
    outline = [(d, label, text) for d, _, label, text, *_ in _outline(plan.nodes)]
    assert outline == [
        (0, "（一）", "坚持以水定城，优化城市布局"),
        (1, "1", "推进节水型城市建设"),
        (2, "1.", "创建国家节水型城市。"),
        (1, "2", "加强供水管网改造"),
        (2, "", "2.实施供水管网漏损治理。\n3.推进二次供水设施改造。"),
        (2, "4.", "推广高效节水灌溉。"),
        (0, "（二）", "保障措施"),
        (1, "", ""),
        (2, "1.", "加强组织领导。"),
    ]
    assert all(node.local_text == local for node in plan.walk() if node.kind.value == "measure")
