"""Where the program keeps its data and finds its bundled resources.

The data directory comes from platformdirs (the OS convention); the
``SISIDING_DATA_DIR`` environment variable overrides it, which tests and
portable installs use. Resources are found next to the source tree, or inside
a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

from sisiding_desktop import APP_NAME, ORG_NAME

DATA_DIR_ENV = "SISIDING_DATA_DIR"
DEFAULT_DB_NAME = "sisiding.sqlite"


def project_root() -> Path:
    """The folder holding ``resources/`` and ``db/`` (the bundle root when frozen)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, wherever the program runs from."""
    return project_root().joinpath("resources", *parts)


def migrations_path() -> Path:
    """The Alembic environment (``db/``)."""
    return project_root() / "db"


def data_dir() -> Path:
    """The per-user data directory, created on first use."""
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(user_data_dir(APP_NAME, ORG_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_NAME


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
