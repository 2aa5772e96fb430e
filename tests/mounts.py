"""Small real file systems for tests of full and read-only disks (tmpfs mounts; needs the right to mount)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def tmpfs(where: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of ``size_kb`` KiB mounted at ``where``; the test is skipped where mounting is not allowed."""
    if not sys.platform.startswith("linux"):
        pytest.skip("needs Linux tmpfs mounts")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)


def remount_read_write(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,rw", str(where)], check=True, capture_output=True)
