"""``main.py --self-test``: every step runs against a temporary folder and a failure is named, in Chinese."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from sisiding_desktop.services import self_test
from sisiding_desktop.services.self_test import SelfTest, run_self_test
from tests.conftest import REPO as ROOT


def test_self_test_from_source_passes_and_leaves_the_data_folder_alone(tmp_path):
    data = tmp_path / "office-data"
    env = dict(os.environ, SISIDING_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--self-test"], cwd=tmp_path, env=env, capture_output=True,
        encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("✓") == 8 and "自检通过" in result.stdout
    assert not data.exists() or not any(data.iterdir())  # the office's own data folder is never touched


def test_a_failing_step_is_named_and_the_exit_status_says_so(monkeypatch):
    monkeypatch.setattr(self_test, "SAMPLE_NAME", "不存在的示例.xlsx")
    out = io.StringIO()
    assert run_self_test(out) == 1
    lines = out.getvalue().splitlines()
    assert lines[-2].startswith("✗ 导入示例计划：找不到示例文件")
    assert lines[-1] == "自检未通过。"
    assert "✓ 新建数据库" in out.getvalue()


def test_an_export_missing_the_recorded_progress_fails_the_check(tmp_path):
    test = SelfTest(tmp_path, io.StringIO())
    for step in (test.create_database, test.import_sample):
        step()
    try:  # no progress was recorded, so the exported table cannot contain it
        message = test.export_xlsx()
    except self_test.CheckFailed as exc:
        message = str(exc)
    finally:
        test.services.db.close()
    assert message == "导出的 Excel 文件中没有刚记录的进展"
