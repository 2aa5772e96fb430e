"""A quarter's round trip: export the progress table, units fill it in, read it back, fill the 市's table."""

from __future__ import annotations

import json

from openpyxl import load_workbook

from tests.cli.test_cli import _assert_user_error, run
from tests.conftest import PINGLUO_XLSX


def _header(sheet):
    for row in sheet.iter_rows(max_row=10):
        values = [c.value for c in row]
        if "具体落实措施" in values:
            return row[0].row, values
    raise AssertionError("no header")


def test_progress_round_trip_and_fill_back(tmp_path, db_target):
    db = db_target
    plan_id = json.loads(run("--db", str(db), "import", str(PINGLUO_XLSX), "--json").stdout)["plan_id"]
    blank = tmp_path / "推进情况.xlsx"
    assert run("--db", str(db), "export", str(plan_id), "--report", "progress", "--period", "2024Q3",
               "--format", "xlsx", "--out", str(blank)).returncode == 0  # fmt: skip

    workbook = load_workbook(blank)
    sheet = workbook.active
    header_row, header = _header(sheet)
    filled = 0
    for row in sheet.iter_rows(min_row=header_row + 1):
        if row[header.index("具体落实措施")].value and filled < 5:
            row[header.index("进展情况")].value = f"第{filled + 1}项已完成招标"
            row[header.index("完成率")].value = "80%"
            problems = row[header.index("存在问题")]
            problems.value = "=资金到位慢"
            problems.data_type = "s"  # typed as text in Excel, as a clerk would with a leading apostrophe
            filled += 1
    units_reply = tmp_path / "单位填报.xlsx"
    workbook.save(units_reply)

    result = run("--db", str(db), "progress-import", str(plan_id), str(units_reply), "--period", "2024Q3", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recorded"] == 5

    out = tmp_path / "报市里.xlsx"
    result = run("--db", str(db), "fill-back", str(plan_id), str(PINGLUO_XLSX), "--period", "2024Q3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "已填写 5 行" in result.stdout
    cells = [c for row in load_workbook(out).active.iter_rows() for c in row if c.value]
    texts = {c.value: c for c in cells}
    assert "第1项已完成招标" in texts and "第5项已完成招标" in texts
    assert texts["=资金到位慢"].data_type == "s"


def test_progress_import_of_an_unrelated_table_is_refused(tmp_path, db_target):
    db = db_target
    plan_id = json.loads(run("--db", str(db), "import", str(PINGLUO_XLSX), "--json").stdout)["plan_id"]
    _assert_user_error(run("--db", str(db), "progress-import", str(plan_id), str(tmp_path / "无.xlsx"),
                           "--period", "2024Q3"))  # fmt: skip
    _assert_user_error(run("--db", str(db), "fill-back", str(plan_id), str(PINGLUO_XLSX), "--period", "2024Q3",
                           "--out", str(PINGLUO_XLSX)))  # fmt: skip
