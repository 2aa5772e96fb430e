"""Bad workbooks on the command line: exit 2, one Chinese sentence naming the file, database unchanged."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database
from tests.cli.test_cli import _assert_user_error, run
from tests.exchange.workbooks import rewrite_member

SHEET_XML = "xl/worksheets/sheet1.xml"
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def _table(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "重点任务", "具体落实措施", "牵头单位", "配合单位"])
    ws.append([1, "推进节水型机关建设", "2024年县级以上公共机构节水型单位建成率达94%。", "机关事务服务中心", "水务局"])
    wb.save(path)
    return path


def _garbage(path):
    path.write_bytes(bytes(range(256)) * 40)


def _old_xls(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)


def _empty_workbook(path):
    Workbook().save(path)


def _no_header(path):
    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "13800000000"])
    wb.save(path)


def _zip_bomb(path):
    _table(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/image1.bin", "w") as member:
            for _ in range(30):
                member.write(b"\x00" * 1024**2)


def _entity_bomb(path):
    _table(path)
    rewrite_member(path, SHEET_XML, lambda xml: ENTITY_BOMB + xml[xml.index(b"<worksheet") :])


def _million_rows(path):
    _table(path)
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(3, 60_003))
    rewrite_member(path, SHEET_XML, lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"))


@pytest.mark.parametrize(
    "make", [_garbage, _old_xls, _empty_workbook, _no_header, _zip_bomb, _entity_bomb, _million_rows]
)
def test_bad_workbook_is_refused_and_the_database_is_unchanged(tmp_path, db_target, make):
    db_path = db_target
    with Database.open(db_path) as db:
        Services(db).plans.create_plan("平罗县“四水四定”年度重点任务表")
    before = json.loads(run("--db", str(db_path), "show", "1", "--json").stdout)
    digest = _file_digest(db_path)

    bad = tmp_path / f"市里发来的{make.__name__}.xlsx"
    make(bad)
    result = run("--db", str(db_path), "import", str(bad))
    _assert_user_error(result)
    assert bad.name in result.stderr

    assert json.loads(run("--db", str(db_path), "plans", "--json").stdout) == [
        {k: before["plan"][k] for k in ("id", "title", "region", "year_from", "year_to")}
    ]
    assert _file_digest(db_path) == digest


def _file_digest(target: Path | str) -> str | None:
    """The database file's bytes, unchanged to the last one (a server database: its content, checked above)."""
    return hashlib.sha256(target.read_bytes()).hexdigest() if isinstance(target, Path) else None
