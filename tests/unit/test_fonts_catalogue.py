"""The font catalogue: bundled faces print every character of the real plans; office fonts win."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from sisiding_desktop.machine import fonts
from sisiding_desktop.machine.fonts import (
    BUNDLED,
    LICENCES,
    POINT_SIZES,
    ROLES,
    FontFace,
    bundled_font_files,
    face_for,
    fallback_chain,
    find_system_font,
    xlsx_font_name,
)
from tests.conftest import REPO, SEEDS

TRUETYPE = b"\x00\x01\x00\x00" + b"\x00" * 60
CFF = b"OTTO" + b"\x00" * 60


def ttc(first_face: bytes) -> bytes:
    """A tiny collection header whose one face starts at byte 16."""
    return b"ttcf" + b"\x00\x01\x00\x00" + (1).to_bytes(4, "big") + (16).to_bytes(4, "big") + first_face


@pytest.fixture(autouse=True)
def _system_fonts_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fonts.BUNDLED_ONLY_ENV, raising=False)


def seed_chars() -> set[str]:
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    return {c for c in text if not c.isspace()}


def cmap(face: FontFace) -> set[int]:
    assert face.path is not None
    return set(TTFont(f"t-{face.path.name}-{face.subfont_index}", str(face.path), face.subfont_index).face.charToGlyph)


def test_the_bundled_fonts_ship_with_their_licences_and_a_readme():
    files = bundled_font_files()
    assert [f.name for f in files] == ["gbsn00lp.ttf", "wqy-microhei.ttc", "gkai00mp.ttf"]
    readme = (REPO / "resources" / "fonts" / "README.md").read_text(encoding="utf-8")
    for path in files:
        assert path.is_file() and path.stat().st_size > 1_000_000
        licence = path.with_name(LICENCES[path.name])
        assert licence.is_file() and licence.stat().st_size > 1000
        assert path.name in readme and licence.name in readme


@pytest.mark.parametrize("role", ROLES)
def test_reportlab_embeds_each_roles_bundled_face(role: str):
    face = BUNDLED[role]
    assert face.path is not None and fonts.is_truetype(face.path, face.subfont_index)
    loaded = TTFont(f"bundled-{role}", str(face.path), subfontIndex=face.subfont_index)
    assert loaded.face.familyName.decode() == face.family


def test_every_character_of_both_seed_plans_prints_in_the_bundled_fonts():
    chars = seed_chars()
    assert len(chars) > 500
    fallback = cmap(BUNDLED["fallback"])
    for role in ROLES:
        covered = cmap(BUNDLED[role]) | fallback
        missing = sorted(c for c in chars if ord(c) not in covered)
        assert not missing, f"{role}: {''.join(missing)}"


def test_the_fallback_face_fills_the_rare_characters_arphic_lacks():
    song, kai, hei = cmap(BUNDLED["body"]), cmap(BUNDLED["kai"]), cmap(BUNDLED["fallback"])
    for rare in "釆堃喆玥昇珺垚㎡²":
        assert ord(rare) not in song and ord(rare) not in kai
        assert ord(rare) in hei
    assert all(code in hei for code in range(0x4E00, 0x9FA6)), "all CJK unified ideographs of GBK"


def test_without_office_fonts_every_role_uses_the_bundled_face(tmp_path: Path):
    for role in ROLES:
        assert face_for(role, dirs=[tmp_path]) == BUNDLED[role]
    assert fallback_chain("body", dirs=[tmp_path]) == (BUNDLED["body"], BUNDLED["fallback"])
    assert fallback_chain("heading", dirs=[tmp_path]) == (BUNDLED["heading"],)


def test_an_installed_office_font_wins_in_preference_order(tmp_path: Path):
    (tmp_path / "SIMFANG.TTF").write_bytes(TRUETYPE)
    face = face_for("body", dirs=[tmp_path])
    assert (face.family, face.path, face.bundled) == ("仿宋", tmp_path / "SIMFANG.TTF", False)
    assert fallback_chain("body", dirs=[tmp_path]) == (face, BUNDLED["body"], BUNDLED["fallback"])

    (tmp_path / "fangzheng").mkdir()
    (tmp_path / "fangzheng" / "仿宋_GB2312.ttf").write_bytes(TRUETYPE)
    fonts._index_dir.cache_clear()
    assert face_for("body", dirs=[tmp_path]).family == "仿宋_GB2312"


def test_a_truetype_collection_face_is_found_with_its_index(tmp_path: Path):
    (tmp_path / "simsun.ttc").write_bytes(ttc(TRUETYPE))
    assert find_system_font(["宋体"], dirs=[tmp_path]) == FontFace("宋体", tmp_path / "simsun.ttc", 0, False)
    assert face_for("title", dirs=[tmp_path]).family == "宋体"


def test_cff_outlines_that_reportlab_rejects_are_skipped(tmp_path: Path):
    (tmp_path / "simhei.ttf").write_bytes(CFF)
    (tmp_path / "simsun.ttc").write_bytes(ttc(CFF))
    assert face_for("heading", dirs=[tmp_path]) == BUNDLED["heading"]
    assert face_for("title", dirs=[tmp_path]) == BUNDLED["title"]


def test_bundled_only_switch_ignores_office_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "simhei.ttf").write_bytes(TRUETYPE)
    monkeypatch.setenv(fonts.BUNDLED_ONLY_ENV, "1")
    assert face_for("heading", dirs=[tmp_path]) == BUNDLED["heading"]


def test_xlsx_cells_name_the_official_windows_fonts():
    assert [xlsx_font_name(r) for r in ("title", "heading", "body", "kai")] == [
        "方正小标宋简体",
        "黑体",
        "仿宋_GB2312",
        "楷体_GB2312",
    ]
    assert xlsx_font_name("fallback") == "黑体"
    with pytest.raises(ValueError, match="unknown font role"):
        xlsx_font_name("bold")


def test_chinese_point_sizes():
    assert POINT_SIZES == {"二号": 22, "三号": 16, "四号": 14, "小四": 12, "五号": 10.5}


def test_the_catalogue_imports_no_qt():
    code = "import sys, sisiding_desktop.machine.fonts; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
