"""Composition root: paths → database (migrated) → services → main window."""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from types import TracebackType

from sisiding_desktop.machine import paths
from sisiding_desktop.machine.desk import desk_name
from sisiding_desktop.services import Services
from sisiding_desktop.store import Database

LOG_FILE_NAME = "sisiding.log"


def open_services(db_path: Path | str | None = None, *, daily_backup: bool = True) -> Services:
    """Open (creating and migrating if needed) the database and bind the services to it.

    ``db_path`` is a file, a server database's URL (``postgresql+psycopg://…``), or None for the default file.
    The day's first automatic backup is made here unless the caller makes it later (the window does, once it
    is on screen).
    """
    services = Services(Database.open(db_path or paths.default_db_path()), user=desk_name())
    if daily_backup:
        try:
            services.backups.daily_backup()
        except Exception:
            services.db.close()
            raise
    return services


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


def log_unexpected(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> Path:
    """Write an unexpected error to the log file and return its path."""
    target = log_file()
    logger = logging.getLogger("sisiding_desktop")
    if not any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        handler = logging.FileHandler(target, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.error("未预料的错误：\n%s", "".join(traceback.format_exception(kind, value, tb)))
    return target
