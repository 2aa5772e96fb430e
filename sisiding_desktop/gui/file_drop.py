"""A file dragged onto the window from the desktop or Explorer: a plan table is imported, a database opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

PLAN_SUFFIXES = (".xlsx", ".xlsm", ".docx")
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
IMPORT, OPEN = "import", "open"


def dropped_file(mime: QMimeData) -> tuple[str, Path] | None:
    """(what to do, the file) for one local plan table or database file; None for anything else."""
    if not mime.hasUrls():
        return None
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    if len(files) != 1:
        return None
    suffix = files[0].suffix.lower()
    if suffix in PLAN_SUFFIXES:
        return IMPORT, files[0]
    if suffix in DATABASE_SUFFIXES:
        return OPEN, files[0]
    return None
