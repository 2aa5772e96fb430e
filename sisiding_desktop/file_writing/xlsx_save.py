"""Save an openpyxl workbook so that the target is never half-written (our reports and fill-back alike).

The workbook goes to a temporary file beside the target, which replaces the target in one rename
(:mod:`~sisiding_desktop.file_writing.atomic_file`). openpyxl's own ``Workbook.save`` leaves its zip archive open
when the disk refuses a write; this one is closed before the error goes on to the caller.
"""

from __future__ import annotations

import zipfile
from datetime import datetime, timezone
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from sisiding_desktop.file_writing.atomic_file import replaced_atomically


def save_atomically(wb: Workbook, out: Path) -> None:
    """Write ``wb`` to ``out``; on any error ``out`` is as it was and no temporary file is left."""
    with replaced_atomically(out) as handle:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            wb.properties.modified = datetime.now(tz=timezone.utc).replace(tzinfo=None)
            ExcelWriter(wb, archive).save()
