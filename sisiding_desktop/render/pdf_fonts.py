"""TrueType fonts for the PDF, one chain per font role, with glyph-by-glyph fallback.

Each role (``title``, ``heading``, ``body``, ``kai``) draws with the face
``sisiding_desktop.machine.fonts.fallback_chain`` names first; a character that face
lacks is drawn from the next face of the chain that has it (the bundled face,
then WenQuanYi Micro Hei).  Only TrueType files are registered with reportlab,
so every font is embedded as a subset; reportlab's CID fonts are never used.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sisiding_desktop.machine.fonts import BUNDLED, FontFace, fallback_chain

log = logging.getLogger(__name__)

_lock = threading.Lock()
_registered: dict[tuple[Path, int], TTFont] = {}
_unusable: set[FontFace] = set()


class Run(NamedTuple):
    """A piece of text drawn in one font: ``font`` is the reportlab name, ``face`` the file."""

    font: str
    face: FontFace
    text: str


def register(face: FontFace) -> TTFont:
    """The reportlab TTFont for ``face``, registered once per process."""
    if face.path is None:
        raise ValueError(f"font {face.family!r} has no file to embed")
    key = (face.path, face.subfont_index)
    with _lock:
        font = _registered.get(key)
        if font is None:
            name = f"ssd-font-{len(_registered)}"  # ASCII: file names may be Chinese
            font = TTFont(name, str(face.path), subfontIndex=face.subfont_index)
            pdfmetrics.registerFont(font)
            _registered[key] = font
    return font


def _usable(face: FontFace) -> TTFont | None:
    """``face`` registered, or None when reportlab cannot load it (a damaged or unsupported file)."""
    if face in _unusable:
        return None
    try:
        return register(face)
    except Exception as exc:  # a damaged font file fails in many ways inside reportlab
        log.warning("font %s (%s) cannot be embedded in a PDF, using the next one: %s", face.family, face.path, exc)
        _unusable.add(face)
        return None


class _RoleFonts:
    """The fonts of one role's chain and, per character, which one draws it and how wide it is."""

    def __init__(self, faces: Sequence[FontFace]) -> None:
        usable = [(face, font) for face in faces if (font := _usable(face)) is not None]
        if not usable:  # the bundled fallback always loads
            usable = [(BUNDLED["fallback"], register(BUNDLED["fallback"]))]
        self.faces = tuple(face for face, _ in usable)
        self.fonts = tuple(font for _, font in usable)
        self._pick: dict[str, int] = {}
        self._advance: dict[str, float] = {}  # 1/1000 em
        self._primary: set[str] = set()  # characters the first font draws
        self.missing: set[str] = set()

    def pick(self, ch: str) -> int:
        """Index in the chain of the first font that has ``ch`` (the last one when none has it)."""
        index = self._pick.get(ch)
        if index is None:
            code = ord(ch)
            index = next((i for i, f in enumerate(self.fonts) if code in f.face.charToGlyph), -1)
            if index < 0:
                index = len(self.fonts) - 1
                if not ch.isspace():
                    self.missing.add(ch)
            self._pick[ch] = index
            if index == 0:
                self._primary.add(ch)
            face = self.fonts[index].face
            self._advance[ch] = face.charWidths.get(code, face.defaultWidth)
        return index

    def width(self, text: str) -> float:
        """Advance width of ``text`` in 1/1000 em."""
        try:
            return sum(map(self._advance.__getitem__, text))
        except KeyError:
            for ch in text:
                self.pick(ch)
            return sum(map(self._advance.__getitem__, text))

    def runs(self, text: str) -> list[tuple[Run, float]]:
        """Pieces of ``text`` drawn in one font each, with their widths in 1/1000 em."""
        if self._primary.issuperset(text):  # the usual case: the main font has every character
            return [(self._run(0, text), self.width(text))] if text else []
        pick, advance = self._pick, self._advance
        out: list[tuple[Run, float]] = []
        start, current, width = 0, -1, 0.0
        for i, ch in enumerate(text):
            index = pick.get(ch)
            if index is None:
                index = self.pick(ch)
            if index != current:
                if i > start:
                    out.append((self._run(current, text[start:i]), width))
                start, current, width = i, index, 0.0
            width += advance[ch]
        if text:
            out.append((self._run(current, text[start:]), width))
        return out

    def _run(self, index: int, text: str) -> Run:
        return Run(self.fonts[index].fontName, self.faces[index], text)


class FontBook:
    """The PDF's fonts by role: text runs per font and text widths in points.

    ``dirs``: font folders to look in for the office fonts (default: the OS's);
    with ``SISIDING_BUNDLED_FONTS_ONLY=1`` only the bundled faces are used.
    """

    def __init__(self, dirs: Sequence[Path] | None = None) -> None:
        self._dirs = dirs
        self._roles: dict[str, _RoleFonts] = {}

    def _role(self, role: str) -> _RoleFonts:
        fonts = self._roles.get(role)
        if fonts is None:
            chain = [f for f in fallback_chain(role, self._dirs) if f.path is not None]
            fonts = self._roles[role] = _RoleFonts(chain or [BUNDLED["fallback"]])
        return fonts

    def width(self, text: str, role: str, size: float) -> float:
        """Width of ``text`` in points at ``size``."""
        return self._role(role).width(text) * size / 1000.0

    def measure(self, role: str, size: float) -> Callable[[str], float]:
        """A function giving the width in points of a text in ``role`` at ``size``."""
        fonts, scale = self._role(role), size / 1000.0
        return lambda text: fonts.width(text) * scale

    def runs(self, text: str, role: str, size: float) -> list[tuple[Run, float]]:
        """``text`` cut into pieces each drawn in one font of ``role``'s chain, with their widths in points."""
        scale = size / 1000.0
        return [(run, width * scale) for run, width in self._role(role).runs(text)]

    def initial_font(self) -> str:
        """A registered font to start every page with, so no unembedded standard font appears."""
        return self._role("body").fonts[0].fontName

    def missing(self) -> set[str]:
        """Characters no font of any used chain has (drawn as the last font's empty box)."""
        return set().union(*(r.missing for r in self._roles.values()))
