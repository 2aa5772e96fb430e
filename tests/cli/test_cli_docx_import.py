"""A 任务分工表 sent as a Word document, imported end to end on the command line."""

from __future__ import annotations

import json

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database
from tests.cli.test_cli import _assert_user_error, run
from tests.exchange.docx_files import seed_docx


def test_import_of_the_pingluo_docx_then_show(tmp_path, db_target):
    docx = seed_docx(tmp_path / "平罗县四水四定年度重点任务表.docx")
    db = db_target
    result = run("--db", str(db), "import", str(docx), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["groups"], summary["tasks"], summary["measures"]) == (24, 40, 66)
    assert summary["warnings"] == []
    shown = json.loads(run("--db", str(db), "show", str(summary["plan_id"]), "--json").stdout)
    assert shown["plan"]["title"] == "平罗县“四水四定”年度重点任务表"
    assert [node["label"] for node in shown["nodes"]] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    task = shown["nodes"][0]["children"][0]["children"][0]
    assert task["kind"] == "task" and task["children"][0]["lead"] == ["自然资源局"]


def test_an_old_doc_is_refused_and_nothing_is_stored(tmp_path, db_target):
    db = db_target
    doc = tmp_path / "任务表.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024 + "WordDocument".encode("utf-16-le"))
    result = run("--db", str(db), "import", str(doc))
    _assert_user_error(result)
    assert "任务表.doc" in result.stderr and "*.docx" in result.stderr
    with Database.open(db) as database:
        assert Services(database).plans.list_plans() == []
