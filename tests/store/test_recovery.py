"""A damaged database file: refused on open, the newest sound backup offered, the damaged file kept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sisiding_desktop.services import ServiceError, Services
from sisiding_desktop.store import Database, DatabaseDamaged
from sisiding_desktop.store.backup import list_backups
from sisiding_desktop.store.recovery import backup_time, newest_good_backup, replace_with_backup
from tests.conftest import PINGLUO_XLSX

pytestmark = pytest.mark.sqlite_only  # a damaged file, its backups and their replacing

PAGE = 4096


def damage_middle_pages(path: Path, pages: int = 3) -> None:
    """Overwrite whole pages in the middle of the file with garbage, as a failing disk would."""
    size = path.stat().st_size
    start = (size // PAGE // 2) * PAGE
    with open(path, "r+b") as handle:
        handle.seek(start)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(PAGE * pages)))


def _database_with_backups(path: Path, backups: int) -> tuple[int, list[Path]]:
    with Database.open(path) as db:
        services = Services(db)
        plan, _ = services.importing.import_plan(PINGLUO_XLSX)
        made = []
        for n in range(backups):
            services.plans.update_plan(plan.id, title=f"第{n + 1}版")
            made.append(services.backups.make_automatic_backup("daily"))
            time.sleep(0.01)
        services.plans.update_plan(plan.id, title="损坏前的最后修改")
    return plan.id, made


def test_a_file_with_overwritten_pages_is_refused_with_a_clear_message(db_path):
    _database_with_backups(db_path, 1)
    damage_middle_pages(db_path)
    with pytest.raises(DatabaseDamaged) as caught:
        Database.open(db_path)
    assert db_path.name in str(caught.value) and "损坏" in str(caught.value)


def test_the_newest_sound_backup_replaces_the_damaged_file_which_is_kept(db_path):
    plan_id, made = _database_with_backups(db_path, 3)
    damage_middle_pages(made[-1])  # the newest backup is damaged too
    damage_middle_pages(db_path)
    damaged_bytes = db_path.read_bytes()

    good = newest_good_backup(db_path)
    assert good == made[-2]
    assert "年" in backup_time(good) and "月" in backup_time(good)

    kept = replace_with_backup(db_path, good)
    assert kept.read_bytes() == damaged_bytes  # never overwritten, never deleted
    assert kept.parent == db_path.parent and "损坏" in kept.name
    with Database.open(db_path) as db:
        assert Services(db).plans.get_plan(plan_id).title == "第2版"


def test_no_sound_backup_means_no_offer(db_path):
    _, made = _database_with_backups(db_path, 1)
    damage_middle_pages(made[0])
    assert newest_good_backup(db_path) is None
    assert newest_good_backup(db_path.with_name("从未备份.sqlite")) is None


def test_replacing_refuses_a_damaged_backup_and_touches_nothing(db_path):
    _, made = _database_with_backups(db_path, 1)
    damage_middle_pages(made[0])
    damage_middle_pages(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamaged):
        replace_with_backup(db_path, made[0])
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.is_file() and "损坏" in p.name) == []


def test_automatic_backups_keep_as_many_copies_as_the_office_set(services):
    services.importing.import_plan(PINGLUO_XLSX)
    assert services.settings.backup_keep() == 20
    services.settings.set_backup_keep(3)
    for _ in range(6):
        services.backups.make_automatic_backup("daily")
    assert len(list_backups(services.db.path)) == 3
    with pytest.raises(ServiceError, match="1 到 999"):
        services.settings.set_backup_keep(0)
