"""A plan written as a prose Word document (方案, no task table), imported end to end on the command line."""

from __future__ import annotations

import json
import re

from tests.cli.test_cli import run
from tests.exchange.docx_files import GUYANG_SEED, prose_docx, prose_lines


def test_import_of_the_guyang_prose_docx_then_show(tmp_path, db_target):
    lines = [line.strip() for line in prose_lines(GUYANG_SEED.read_text(encoding="utf-8"))]
    chapter = lines[lines.index("二、重点任务") + 1 : lines.index("三、保障措施")]
    items = [line for line in chapter if re.match(r"^\d{1,3}[.．、]", line)]
    sections = [line for line in chapter if re.match(r"^（[一二三四五六七八九十]+）", line)]
    docx = prose_docx(tmp_path / "固阳县攻坚行动方案.docx")
    db = db_target

    result = run("--db", str(db), "import", str(docx), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["groups"], summary["tasks"], summary["measures"]) == (1 + len(sections), len(items), len(items))
    assert summary["warnings"][0] == "这份 Word 文档没有任务分工表，已按标题层级读取重点任务，请核对"
    assert "第一章“总体要求”没有带责任单位的任务，未导入" in summary["warnings"]

    shown = run("--db", str(db), "show", str(summary["plan_id"]), "--json")
    assert shown.returncode == 0, shown.stderr
    plan = json.loads(shown.stdout)
    assert plan["plan"]["title"] == "固阳县推进水资源节约集约利用三年攻坚行动方案（2023-2025年）"
    (chapter_node,) = plan["nodes"]
    assert (chapter_node["source_label"], chapter_node["text"]) == ("二、", "重点任务")
    assert [node["source_label"] + node["text"] for node in chapter_node["children"]] == sections
    task = chapter_node["children"][0]["children"][0]
    assert (task["kind"], task["text"]) == ("task", "强化刚性约束")
    (measure,) = task["children"]
    assert measure["kind"] == "measure" and measure["text"].startswith("2023年，健全用水总量")
    assert "责任单位" not in measure["text"]
    assert measure["lead"] == ["县发改委", "县工信局", "县水务局"]
    assert measure["support"] == ["县生态环境局", "县农牧局", "县林草局", "金山产业园区管理办公室"]
