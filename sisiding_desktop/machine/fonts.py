"""Which font prints which part of an official table.

A *role* names a part of the table (``title``, ``heading``, ``body``,
``kai``, ``fallback``). Each role has the Windows font an office expects
(方正小标宋简体, 黑体, 仿宋_GB2312, 楷体_GB2312) and a bundled open-licensed
TrueType face under ``resources/fonts/`` that is used when the official font
is not installed (always the case on Linux and in CI). The PDF renderer, the
xlsx writer and the GUI all take their fonts from here; no Qt is imported.

System fonts are found by file name in the usual font folders; nothing is run
(no ``fc-match``), so the lookup behaves the same on every OS.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sisiding_desktop.machine.paths import resource_path

ROLES = ("title", "heading", "body", "kai", "fallback")

# Set to 1 to ignore installed office fonts (reproducible PDFs in tests and CI).
BUNDLED_ONLY_ENV = "SISIDING_BUNDLED_FONTS_ONLY"

POINT_SIZES: dict[str, float] = {"二号": 22, "三号": 16, "四号": 14, "小四": 12, "五号": 10.5}


@dataclass(frozen=True)
class FontFace:
    """One face of one font file; ``path`` is None for a name-only face."""

    family: str
    path: Path | None
    subfont_index: int = 0
    bundled: bool = True


SONG = FontFace("AR PL SungtiL GB", resource_path("fonts", "gbsn00lp.ttf"))
KAI = FontFace("AR PL KaitiM GB", resource_path("fonts", "gkai00mp.ttf"))
HEI = FontFace("WenQuanYi Micro Hei", resource_path("fonts", "wqy-microhei.ttc"))

BUNDLED: dict[str, FontFace] = {
    "title": SONG,
    "heading": HEI,
    "body": SONG,
    "kai": KAI,
    "fallback": HEI,  # the widest coverage: all of U+4E00–U+9FA5 and almost all of GBK
}

# Licence text shipped beside each bundled file.
LICENCES: dict[str, str] = {
    "gbsn00lp.ttf": "LICENSE-arphic.txt",
    "gkai00mp.ttf": "LICENSE-arphic.txt",
    "wqy-microhei.ttc": "LICENSE-wqy-microhei.txt",
}

OFFICE_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "小标宋", "宋体", "SimSun"),
    "heading": ("黑体", "SimHei"),
    "body": ("仿宋_GB2312", "仿宋", "FangSong"),
    "kai": ("楷体_GB2312", "楷体", "KaiTi"),
    "fallback": (),
}

# Family name → file names it is commonly installed under (case-insensitive), with the TTC index.
SYSTEM_FILES: dict[str, tuple[tuple[str, int], ...]] = {
    "方正小标宋简体": (("FZXBSJW.TTF", 0), ("方正小标宋简体.ttf", 0), ("FZXBSJW--GB1-0.ttf", 0)),
    "方正小标宋_GBK": (("FZXBSK.TTF", 0), ("方正小标宋_GBK.ttf", 0)),
    "小标宋": (("小标宋.ttf", 0), ("小标宋体.ttf", 0)),
    "宋体": (("simsun.ttc", 0), ("simsun.ttf", 0)),
    "SimSun": (("simsun.ttc", 0), ("simsun.ttf", 0)),
    "黑体": (("simhei.ttf", 0),),
    "SimHei": (("simhei.ttf", 0),),
    "仿宋_GB2312": (("仿宋_GB2312.ttf", 0), ("FS_GB2312.ttf", 0), ("FangSong_GB2312.ttf", 0)),
    "仿宋": (("simfang.ttf", 0),),
    "FangSong": (("simfang.ttf", 0),),
    "楷体_GB2312": (("楷体_GB2312.ttf", 0), ("KAI_GB2312.ttf", 0), ("KaiTi_GB2312.ttf", 0)),
    "楷体": (("simkai.ttf", 0),),
    "KaiTi": (("simkai.ttf", 0),),
}


def bundled_font_files() -> list[Path]:
    """The distinct font files under ``resources/fonts/``, in role order."""
    files: list[Path] = []
    for face in BUNDLED.values():
        if face.path is not None and face.path not in files:
            files.append(face.path)
    return files


def system_font_dirs() -> list[Path]:
    """The folders where this OS keeps installed fonts (existing ones only)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        dirs = [windir / "Fonts"]
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs = [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local/share")
        dirs = [
            data_home / "fonts",
            home / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=8)
def _index_dir(folder: Path) -> dict[str, Path]:
    """Lower-cased file name → path for every file under ``folder`` (first found wins)."""
    found: dict[str, Path] = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            found.setdefault(name.lower(), Path(root) / name)
    return found


def is_truetype(path: Path, subfont_index: int = 0) -> bool:
    """True when the face has TrueType outlines, which reportlab can embed (CFF/OTF cannot)."""
    try:
        with path.open("rb") as fh:
            tag = fh.read(4)
            if tag == b"ttcf":
                fh.seek(12 + 4 * subfont_index)
                offset = int.from_bytes(fh.read(4), "big")
                fh.seek(offset)
                tag = fh.read(4)
    except OSError:
        return False
    return tag in (b"\x00\x01\x00\x00", b"true")


def find_system_font(names: Iterable[str], dirs: Sequence[Path] | None = None) -> FontFace | None:
    """The first of ``names`` installed as a TrueType file in ``dirs`` (default: the OS font folders)."""
    folders = system_font_dirs() if dirs is None else list(dirs)
    indexes = [_index_dir(Path(d)) for d in folders]
    for family in names:
        for file_name, index in SYSTEM_FILES.get(family, ()):
            for found in indexes:
                path = found.get(file_name.lower())
                if path is not None and is_truetype(path, index):
                    return FontFace(family, path, index, bundled=False)
    return None


def bundled_only() -> bool:
    return os.environ.get(BUNDLED_ONLY_ENV, "") not in ("", "0")


def _check_role(role: str) -> None:
    if role not in BUNDLED:
        raise ValueError(f"unknown font role {role!r}; expected one of {', '.join(ROLES)}")


def face_for(role: str, dirs: Sequence[Path] | None = None) -> FontFace:
    """The official Windows font for ``role`` when installed, else the bundled face."""
    _check_role(role)
    if not bundled_only():
        face = find_system_font(OFFICE_NAMES[role], dirs)
        if face is not None:
            return face
    return BUNDLED[role]


def fallback_chain(role: str, dirs: Sequence[Path] | None = None) -> tuple[FontFace, ...]:
    """Faces to try glyph by glyph: the role's face, its bundled face, then the fallback face."""
    chain: list[FontFace] = []
    for face in (face_for(role, dirs), BUNDLED[role], BUNDLED["fallback"]):
        if face not in chain:
            chain.append(face)
    return tuple(chain)


def xlsx_font_name(role: str) -> str:
    """The font name written into xlsx cells, so Excel/WPS on an office PC shows the official font."""
    _check_role(role)
    names = OFFICE_NAMES[role]
    return names[0] if names else OFFICE_NAMES["heading"][0]
