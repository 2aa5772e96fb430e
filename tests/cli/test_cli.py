"""The command line as scripts use it: real processes, exit codes, Chinese messages."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from sisiding_desktop.domain.model import NodeKind, Role
from sisiding_desktop.services import Services
from sisiding_desktop.store import Database, migrate
from tests.conftest import REPO


def run(*args: str, env_dir=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        encoding="utf-8",
    )


def _assert_user_error(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.sqlite_only
def test_plans_on_a_new_file_prints_an_empty_list_and_creates_the_newest_schema(tmp_path):
    path = tmp_path / "new.sqlite"
    result = run("--db", str(path), "plans", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(migrate.head_revision(),)]


@pytest.fixture
def filled_db(db_target):
    path = db_target
    with Database.open(path) as db:
        services = Services(db)
        plan = services.plans.create_plan("平罗县“四水四定”年度重点任务表", region="平罗县")
        chapter = services.nodes.add_node(plan.id, None, NodeKind.GROUP, "坚持以水定人定城，优化城镇空间格局")
        task = services.nodes.add_node(plan.id, chapter.id, NodeKind.TASK, "强化城镇开发边界管控")
        measure = services.nodes.add_node(plan.id, task.id, NodeKind.MEASURE, "做好城镇开发边界管控工作。")
        services.units.assign_units(measure.id, Role.LEAD, ["自然资源局"])
        services.units.assign_units(measure.id, Role.SUPPORT, ["住建局", "发改局", "各乡镇（农场）"])
        services.indicators.add_indicator(
            plan.id,
            "用水总量",
            category="总体目标",
            measure_unit="亿立方米",
            targets={2025: "6.17"},
            responsible=["水务局"],
        )
    return path, plan.id


def test_show_json_has_the_documented_shape(filled_db):
    path, plan_id = filled_db
    result = run("--db", str(path), "show", str(plan_id), "--json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["plan"]["title"] == "平罗县“四水四定”年度重点任务表"
    chapter = document["nodes"][0]
    assert (chapter["kind"], chapter["label"]) == ("group", "一、")
    measure = chapter["children"][0]["children"][0]
    assert measure["text"] == "做好城镇开发边界管控工作。"
    assert measure["lead"] == ["自然资源局"] and measure["support"] == ["住建局", "发改局", "各乡镇（农场）"]
    assert {"kind", "label", "text", "lead", "support", "deadline", "children"} <= set(measure)
    indicator = document["indicators"][0]
    assert indicator["targets"] == {"2025": "6.17"} and indicator["responsible"] == ["水务局"]
    assert {"category", "name", "unit", "attribute"} <= set(indicator)


def test_plans_lists_titles(filled_db):
    path, plan_id = filled_db
    result = run("--db", str(path), "plans")
    assert result.returncode == 0
    assert f"{plan_id}\t平罗县“四水四定”年度重点任务表" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("show", "999", "--json"),
        ("show", "abc"),
        ("show",),
        ("frobnicate",),
        ("plans", "--colour"),
        ("restore", "no-such-backup.sqlite"),
    ],
)
def test_user_errors_exit_2_with_one_chinese_sentence(db_target, args):
    _assert_user_error(run("--db", str(db_target), *args))


@pytest.mark.sqlite_only
def test_a_damaged_database_is_an_error_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    _assert_user_error(run("--db", str(bad), "plans"))


@pytest.mark.sqlite_only
def test_backup_and_restore_round_trip(filled_db, tmp_path):
    path, plan_id = filled_db
    copy = tmp_path / "copy.sqlite"
    assert run("--db", str(path), "backup", "--out", str(copy)).returncode == 0
    with Database.open(path) as db:
        Services(db).plans.delete_plan(plan_id)
    assert json.loads(run("--db", str(path), "plans", "--json").stdout) == []
    result = run("--db", str(path), "restore", str(copy))
    assert result.returncode == 0, result.stderr
    assert [p["id"] for p in json.loads(run("--db", str(path), "plans", "--json").stdout)] == [plan_id]
    assert "before-restore" in result.stdout


def test_help_is_in_chinese():
    result = run("--help")
    assert result.returncode == 0
    assert "用法" in result.stdout and "选项" in result.stdout


def test_import_json_summary_then_show(db_target):
    from tests.conftest import PINGLUO_XLSX

    path = db_target
    result = run("--db", str(path), "import", str(PINGLUO_XLSX), "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["tasks"] == 40 and summary["units"] > 10
    assert {"groups", "tasks", "measures", "units", "indicators", "warnings"} <= set(summary)
    shown = json.loads(run("--db", str(path), "show", str(summary["plan_id"]), "--json").stdout)
    assert shown["nodes"][0]["label"] == "一、"


def test_import_of_a_text_file_is_refused_in_chinese(tmp_path, db_target):
    fake = tmp_path / "任务表.xlsx"
    fake.write_text("序号,重点任务\n1,节水\n", encoding="utf-8")
    _assert_user_error(run("--db", str(db_target), "import", str(fake)))
