"""Files dragged onto the window from the desktop or Explorer: a plan table is imported, a database opened,
several tables (or a folder of them) read in as the bodies' returned tables."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

PLAN_SUFFIXES = (".xlsx", ".xlsm", ".docx")
DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
RETURN_SUFFIXES = (".xlsx", ".xlsm")
IMPORT, OPEN, RETURNS = "import", "open", "returns"


def dropped_files(mime: QMimeData) -> tuple[str, list[Path]] | None:
    """(what to do, the files): one plan table or database file, or several xlsx tables or folders (returns)."""
    if not mime.hasUrls():
        return None
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    if len(files) > 1 or (files and files[0].is_dir()):
        if all(f.is_dir() or f.suffix.lower() in RETURN_SUFFIXES for f in files):
            return RETURNS, files
        return None
    found = dropped_file(mime)
    return (found[0], [found[1]]) if found else None


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
