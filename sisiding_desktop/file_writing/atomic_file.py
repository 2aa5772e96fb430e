"""Write a file so that its target is never half-written: a temporary file beside it, flushed, then renamed.

The temporary file is created as any new file is (mode 0666 less the user's umask), so the finished file has
the permissions a user expects of a file they saved, not a private temporary file's 0600. A write that was
killed half-way (power cut, task manager) leaves its hidden ``.NAME.XXXXXXXX.tmp`` behind; the next write to
the same target removes such leftovers once nobody has touched them for :data:`STALE_AFTER` seconds.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

STALE_AFTER = 10 * 60  # seconds untouched before a leftover temporary file counts as abandoned
_NEW_FILE_MODE = 0o666  # the kernel takes the umask off, as for any new file
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def replaced_atomically(out: Path) -> Iterator[BinaryIO]:
    """A binary handle whose bytes replace ``out`` when the block ends; on any error ``out`` stays as it was
    and the temporary file is removed."""
    out = Path(out)
    remove_leftovers(out)
    fd, tmp = _create_beside(out)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _leftover_pattern(out: Path) -> re.Pattern[str]:
    """The names our temporary files beside ``out`` have (and had, when the tag was tempfile's)."""
    return re.compile(re.escape(f".{out.name}.") + r"[0-9a-z_]{6,16}" + re.escape(".tmp"))


def remove_leftovers(out: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files an interrupted write to ``out`` left behind; return those removed.

    Only files named as :func:`replaced_atomically` names them and untouched for :data:`STALE_AFTER` seconds are
    removed, so a write still running elsewhere keeps its file. A file that cannot be removed is left alone.
    """
    now = time.time() if now is None else now
    removed = []
    pattern = _leftover_pattern(out)
    with contextlib.suppress(OSError):
        for entry in os.scandir(out.parent):
            if not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > STALE_AFTER:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _create_beside(out: Path) -> tuple[int, str]:
    while True:
        tmp = str(out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp"))
        try:
            return os.open(tmp, _FLAGS, _NEW_FILE_MODE), tmp
        except FileExistsError:
            continue
