"""The command line on a damaged database: the newest sound backup named, ``restore`` puts it in place."""

from __future__ import annotations

import json

import pytest

from sisiding_desktop.services import Services
from sisiding_desktop.store import Database
from tests.cli.test_cli import _assert_user_error, run
from tests.conftest import PINGLUO_XLSX
from tests.store.test_recovery import damage_middle_pages

pytestmark = pytest.mark.sqlite_only  # a damaged file and its backups


def test_a_damaged_file_names_the_newest_good_backup_and_restore_replaces_it(tmp_path):
    path = tmp_path / "计划.sqlite"
    with Database.open(path) as db:
        services = Services(db)
        services.importing.import_plan(PINGLUO_XLSX)
        good = services.backups.make_automatic_backup("daily")
    damage_middle_pages(path)
    damaged = path.read_bytes()

    refused = run("--db", str(path), "plans", "--json")
    _assert_user_error(refused)
    assert "损坏" in refused.stderr and str(good) in refused.stderr and "restore" in refused.stderr
    assert path.read_bytes() == damaged

    restored = run("--db", str(path), "restore", str(good))
    assert restored.returncode == 0, restored.stderr
    kept = [p for p in tmp_path.iterdir() if "损坏" in p.name and p.suffix == ".sqlite"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    listed = run("--db", str(path), "plans", "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 1


def test_a_damaged_file_without_backups_says_so(tmp_path):
    path = tmp_path / "计划.sqlite"
    with Database.open(path) as db:
        Services(db).importing.import_plan(PINGLUO_XLSX)
    damage_middle_pages(path)
    refused = run("--db", str(path), "plans")
    _assert_user_error(refused)
    assert "没有找到完好的自动备份" in refused.stderr
