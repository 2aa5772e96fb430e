"""Where the database lives: network shares refused, read-only media and full disks reported, nothing half-written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sisiding_desktop.domain.model import NodeKind, Period
from sisiding_desktop.services import ServiceError, Services
from sisiding_desktop.store import Database, WriteFailed
from sisiding_desktop.store.location import ReadOnlyLocation, network_share, share_in_mount_table
from tests.conftest import PINGLUO_XLSX
from tests.mounts import remount_read_only, remount_read_write, tmpfs

pytestmark = pytest.mark.sqlite_only  # the disk and the place of the database file

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
//fileserver/水务 /mnt/share cifs rw,vers=3.0 0 0
/dev/sdb1 /mnt/share/local\\040disk ext4 rw 0 0
server:/export /home/office nfs4 rw 0 0
user@host:/data /media/remote fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "share"),
    [
        ("/home/office/计划.sqlite", "server:/export，nfs4"),
        ("/mnt/share/2024/计划.sqlite", "//fileserver/水务，cifs"),
        ("/media/remote/a.sqlite", "user@host:/data，fuse.sshfs"),
        ("/mnt/share/local disk/计划.sqlite", ""),  # a local disk mounted inside a share
        ("/mnt/shared/计划.sqlite", ""),  # a name that only starts like the share
        ("/home/officer/计划.sqlite", ""),
        ("/tmp/计划.sqlite", ""),
    ],
)
def test_network_shares_are_recognised_from_the_mount_table(path, share):
    assert share_in_mount_table(Path(path), MOUNTS) == share


def test_a_local_folder_is_not_a_network_share(tmp_path):
    assert network_share(tmp_path / "plans.sqlite") == ""


def _plan_database(path: Path) -> int:
    with Database.open(path) as db:
        plan, _ = Services(db).importing.import_plan(PINGLUO_XLSX)
        return plan.id


def test_a_database_on_a_read_only_medium_is_refused_and_left_as_it_was(tmp_path):
    with tmpfs(tmp_path / "usb", 8192) as usb:
        path = usb / "计划.sqlite"
        _plan_database(path)
        before = {p.name: p.read_bytes() for p in usb.iterdir() if p.is_file()}
        remount_read_only(usb)
        try:
            with pytest.raises(ReadOnlyLocation) as caught:
                Database.open(path)
            message = str(caught.value)
            assert "计划.sqlite" in message and "只读" in message and "复制到本机磁盘" in message
            assert {p.name: p.read_bytes() for p in usb.iterdir() if p.is_file()} == before
        finally:
            remount_read_write(usb)


def test_a_full_disk_during_a_save_is_reported_and_every_earlier_save_is_kept(tmp_path):
    with tmpfs(tmp_path / "small", 1024) as small:
        path = small / "计划.sqlite"
        db = Database.open(path)
        services = Services(db)
        plan = services.plans.create_plan("磁盘将满的计划")
        saved: list[int] = []
        with pytest.raises(WriteFailed) as caught:
            for _ in range(200):
                node = services.nodes.add_node(plan.id, None, NodeKind.GROUP, "节水" * 5000)
                saved.append(node.id)
        assert "磁盘空间已满" in str(caught.value) and "没有保存" in str(caught.value)
        assert saved, "some saves must have fitted before the disk filled"
        # After the failure the open database still works for reading, and after closing it is whole.
        assert {n.id for n in services.plans.tree(plan.id)} == set(saved)
        db.close()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            stored = {r[0] for r in conn.execute("SELECT id FROM nodes WHERE plan_id = ?", (plan.id,))}
        assert stored == set(saved)


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_an_export_onto_a_full_disk_says_so_and_leaves_no_file(services, tmp_path, fmt):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    with tmpfs(tmp_path / "full", 16) as full:
        with pytest.raises(ServiceError) as caught:
            services.exporting.export(plan.id, "progress", fmt, full / f"推进情况.{fmt}", period=Period(2024, 3))
        assert "磁盘空间已满" in str(caught.value)
        assert list(full.iterdir()) == []


def test_an_export_onto_a_read_only_medium_says_so_and_leaves_no_file(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    with tmpfs(tmp_path / "cd", 4096) as cd:
        remount_read_only(cd)
        try:
            with pytest.raises(ServiceError) as caught:
                services.exporting.export(plan.id, "division", "xlsx", cd / "分工表.xlsx")
            assert "只读" in str(caught.value)
            assert list(cd.iterdir()) == []
        finally:
            remount_read_write(cd)


def test_an_export_onto_a_read_only_file_says_so_and_keeps_the_file(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    with tmpfs(tmp_path / "cd", 4096) as cd:
        target = cd / "分工表.xlsx"
        target.write_bytes(b"an earlier export")
        remount_read_only(cd)
        try:
            with pytest.raises(ServiceError) as caught:
                services.exporting.export(plan.id, "division", "xlsx", target)
            assert "分工表.xlsx" in str(caught.value)
            assert target.read_bytes() == b"an earlier export"
            assert [p.name for p in cd.iterdir()] == ["分工表.xlsx"]
        finally:
            remount_read_write(cd)
