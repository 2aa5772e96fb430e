"""Reports exported as Word documents on the command line, and the division document imported back."""

from __future__ import annotations

import json

from docx import Document

from tests.cli import test_cli
from tests.cli.test_cli import _assert_user_error, run
from tests.conftest import PINGLUO_XLSX

filled_db = test_cli.filled_db  # the plan the other command-line tests use


def test_export_division_as_docx_and_import_it_back(tmp_path):
    db = tmp_path / "docx.sqlite"
    imported = json.loads(run("--db", str(db), "import", str(PINGLUO_XLSX), "--json").stdout)
    out = tmp_path / "分工表.docx"
    result = run("--db", str(db), "export", str(imported["plan_id"]), "--report", "division", "--format", "docx",
                 "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    table = Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"]
    again = json.loads(run("--db", str(db), "import", str(out), "--json").stdout)
    assert (again["groups"], again["tasks"], again["measures"]) == (
        imported["groups"], imported["tasks"], imported["measures"],
    )  # fmt: skip
    assert again["warnings"] == [] and again["title"] == imported["title"]


def test_progress_report_as_docx_and_the_format_in_the_help(filled_db, tmp_path):
    path, plan_id = filled_db
    out = tmp_path / "推进情况.docx"
    result = run("--db", str(path), "export", str(plan_id), "--report", "progress", "--period", "2024Q3",
                 "--format", "docx", "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    document = Document(str(out))
    assert "（2024年第3季度）" in [p.text for p in document.paragraphs]
    assert "做好城镇开发边界管控工作。" in [c.text for row in document.tables[0].rows for c in row.cells]
    assert "docx" in run("export", "--help").stdout


def test_an_unknown_format_is_refused_in_chinese(filled_db, tmp_path):
    path, plan_id = filled_db
    result = run("--db", str(path), "export", str(plan_id), "--report", "division", "--format", "doc",
                 "--out", str(tmp_path / "a.doc"))  # fmt: skip
    _assert_user_error(result)
    assert "docx" in result.stderr
    assert not (tmp_path / "a.doc").exists()
