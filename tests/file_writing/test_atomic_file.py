"""A file written atomically gets a new file's normal permissions, and a write killed half-way is cleaned up later."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time

import pytest

from sisiding_desktop.file_writing.atomic_file import STALE_AFTER, remove_leftovers, replaced_atomically
from tests.conftest import REPO

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and umask are POSIX")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """``os.umask`` for the test; the process's own umask comes back afterwards."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


@posix_only
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_the_written_file_has_the_permissions_of_a_new_file(tmp_path, umask, mask, expected):
    umask(mask)
    out = tmp_path / "报表.xlsx"
    with replaced_atomically(out) as handle:
        handle.write(b"data")
    assert out.read_bytes() == b"data"
    assert _mode(out) == expected


@posix_only
def test_replacing_a_file_gives_the_new_one_the_same_normal_permissions(tmp_path, umask):
    umask(0o022)
    out = tmp_path / "报表.pdf"
    out.write_bytes(b"old")
    out.chmod(0o600)  # as an earlier version wrote it
    with replaced_atomically(out) as handle:
        handle.write(b"new")
    assert out.read_bytes() == b"new" and _mode(out) == 0o644


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path):
    out = tmp_path / "报表.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError), replaced_atomically(out) as handle:
        handle.write(b"half")
        raise RuntimeError("disk full")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报表.xlsx"]


def _killed_write(out) -> None:
    """A real process writing ``out`` is killed half-way, as by the task manager or a power cut."""
    script = (
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from sisiding_desktop.file_writing.atomic_file import replaced_atomically\n"
        "with replaced_atomically(Path(sys.argv[1])) as handle:\n"
        "    handle.write(b'half'); handle.flush(); print('writing', flush=True); time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(out)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()


def test_a_leftover_of_a_killed_write_is_removed_by_the_next_write_once_stale(tmp_path):
    out = tmp_path / "任务分工表.xlsx"
    _killed_write(out)
    (leftover,) = [p for p in tmp_path.iterdir() if p.name.startswith(".任务分工表.xlsx.")]
    assert leftover.name.endswith(".tmp") and not out.exists()

    with replaced_atomically(out) as handle:  # a fresh leftover may be another write still running: kept
        handle.write(b"first")
    assert leftover.exists()

    old = time.time() - STALE_AFTER - 5
    os.utime(leftover, (old, old))
    with replaced_atomically(out) as handle:
        handle.write(b"second")
    assert not leftover.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["任务分工表.xlsx"]
    assert out.read_bytes() == b"second"


def test_only_our_own_temporary_files_for_that_target_are_removed(tmp_path):
    out = tmp_path / "a.xlsx"
    names = [".a.xlsx.k3j_9x2a.tmp", ".a.xlsx.0f3e21ab.tmp", ".b.xlsx.0f3e21ab.tmp", ".a.xlsx.notes.txt", "a.xlsx.tmp"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    old = time.time() - STALE_AFTER - 5
    for path in tmp_path.iterdir():
        os.utime(path, (old, old))
    removed = remove_leftovers(out)
    assert sorted(p.name for p in removed) == [".a.xlsx.0f3e21ab.tmp", ".a.xlsx.k3j_9x2a.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.xlsx.notes.txt", ".b.xlsx.0f3e21ab.tmp", "a.xlsx.tmp"]
