"""Qt side of the fonts: register the bundled faces and pick the UI font.

A fresh Linux machine has no Chinese font at all, so the bundled files are
always registered; on Windows the office's own fonts (微软雅黑, 宋体, 仿宋_GB2312 …)
come first and the bundled faces only fill in missing characters.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from sisiding_desktop.machine.fonts import BUNDLED, bundled_font_files, fallback_chain

log = logging.getLogger(__name__)

# Preferred UI families, the first installed one wins; else the bundled Hei.
UI_FAMILIES = ("Microsoft YaHei", "微软雅黑", "SimSun", "宋体")

_registered: dict[Path, list[str]] = {}


def register_bundled_fonts() -> list[str]:
    """Add every bundled font file to Qt once; return their family names."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("register_bundled_fonts() needs a QGuiApplication")
    for path in bundled_font_files():
        if path in _registered:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load bundled font %s", path)
            continue
        _registered[path] = list(QFontDatabase.applicationFontFamilies(font_id))
    return list(dict.fromkeys(name for names in _registered.values() for name in names))


def _fallback_families() -> list[str]:
    """Bundled families that cover every Chinese character, widest coverage first."""
    return list(dict.fromkeys([BUNDLED["fallback"].family, BUNDLED["body"].family, BUNDLED["kai"].family]))


def ui_family() -> str:
    """The Chinese family for menus, tables and dialogs."""
    installed = set(QFontDatabase.families())
    for name in UI_FAMILIES:
        if name in installed:
            return name
    return BUNDLED["fallback"].family


def ui_font(point_size: float = 10) -> QFont:
    """The UI font, with the bundled faces as fallbacks so no character shows as a box."""
    register_bundled_fonts()
    font = QFont()
    font.setFamilies(list(dict.fromkeys([ui_family(), *_fallback_families()])))
    font.setPointSizeF(point_size)
    return font


def role_font(role: str, point_size: float) -> QFont:
    """A print font for a table role (``title``, ``heading``, ``body``, ``kai``) in Qt."""
    register_bundled_fonts()
    families = [face.family for face in fallback_chain(role)]
    font = QFont()
    font.setFamilies(list(dict.fromkeys([*families, *_fallback_families()])))
    font.setPointSizeF(point_size)
    return font


def apply_app_font(app: QGuiApplication) -> None:
    """Register the bundled fonts and make the Chinese UI font the application default."""
    size = app.font().pointSizeF()
    app.setFont(ui_font(size if size > 0 else 10))
