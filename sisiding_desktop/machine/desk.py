"""This desk's name, written with every change to the change log (who changed what).

The name is the OS login unless the clerk gave the desk another one in 设置 (办公室, 水资源股 …); it is kept on
this machine, for this user, in the data folder, not in the database: two desks on one server database each
have their own. ``SISIDING_DESK`` overrides both (a script or a benchmark playing several desks).
"""

from __future__ import annotations

import getpass
import os

from sisiding_desktop.machine.paths import data_dir

DESK_ENV = "SISIDING_DESK"
DESK_FILE = "desk-name.txt"
MAX_NAME = 100


def login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some Windows services)
        return ""


def chosen_name() -> str:
    """The name given in 设置, or ``""``."""
    try:
        return (data_dir() / DESK_FILE).read_text(encoding="utf-8").strip()[:MAX_NAME]
    except (OSError, UnicodeError):
        return ""


def desk_name() -> str:
    return os.environ.get(DESK_ENV, "").strip()[:MAX_NAME] or chosen_name() or login_name()


def set_desk_name(name: str) -> str:
    """Keep ``name`` as this desk's name (empty: the OS login again); returns the name now in use."""
    name = name.strip()[:MAX_NAME]
    target = data_dir() / DESK_FILE
    if name:
        target.write_text(name + "\n", encoding="utf-8")
    else:
        target.unlink(missing_ok=True)
    return desk_name()
