"""Save an openpyxl workbook so that the target is never half-written (our reports and fill-back alike).

The workbook goes to a temporary file beside the target, is flushed to the disk, and then replaces the target in
one rename. openpyxl's own ``Workbook.save`` leaves its zip archive open when the disk refuses a write; this one
closes it, and removes the temporary file, before the error goes on to the caller.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter


def save_atomically(wb: Workbook, out: Path) -> None:
    """Write ``wb`` to ``out``; on any error ``out`` is as it was and no temporary file is left."""
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                wb.properties.modified = datetime.now(tz=timezone.utc).replace(tzinfo=None)
                ExcelWriter(wb, archive).save()
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
