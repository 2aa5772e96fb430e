"""Chinese text renders through the bundled fonts, never as missing-glyph boxes (tofu)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QImage, QPainter, QRawFont
from PySide6.QtWidgets import QLabel

from sisiding_desktop.gui.fonts import register_bundled_fonts, role_font, ui_font
from sisiding_desktop.machine.fonts import BUNDLED
from tests.conftest import REPO, SEEDS

TEXT = "四水四定任务分工表"
TOFU = "".join(chr(0xE000 + i) for i in range(len(TEXT)))  # private-use code points: no font has them


def render(text: str, font: QFont) -> QImage:
    """Black text on white, 8-bit grey, width a multiple of 4 so rows have no padding."""
    image = QImage(480, 64, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


def ink(image: QImage) -> int:
    """How many pixels are darker than mid-grey."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return sum(1 for value in bytes(gray.constBits()) if value < 128)


def assert_not_tofu(text_image: QImage, tofu_image: QImage) -> None:
    assert ink(text_image) > 300, "the Chinese text left almost no ink"
    assert text_image != tofu_image, "the Chinese text rendered like missing-glyph boxes"


@pytest.fixture
def bundled(qapp) -> list[str]:
    return register_bundled_fonts()


def test_registering_is_idempotent_and_names_the_bundled_families(bundled: list[str]):
    for role in ("body", "heading", "kai"):
        assert BUNDLED[role].family in bundled
    assert register_bundled_fonts() == bundled


@pytest.mark.parametrize("role", ["body", "heading", "kai"])
def test_each_bundled_family_draws_the_table_title(bundled, role: str, tmp_path: Path):
    font = QFont(BUNDLED[role].family, 24)
    assert QFontInfo(font).family() == BUNDLED[role].family
    metrics, raw = QFontMetrics(font), QRawFont.fromFont(font)
    # The int (UCS-4) overloads: PySide6 6.12 mis-converts a str argument above about U+7000.
    for char in TEXT:
        assert metrics.inFontUcs4(ord(char)) and raw.supportsCharacter(ord(char)), char
    assert not metrics.inFontUcs4(ord(TOFU[0])) and not raw.supportsCharacter(ord(TOFU[0]))
    text_image, tofu_image = render(TEXT, font), render(TOFU, font)
    text_image.save(str(tmp_path / f"{role}.png"))
    assert_not_tofu(text_image, tofu_image)


def test_the_fallback_family_has_every_seed_character(bundled):
    text = "".join(path.read_text(encoding="utf-8") for path in SEEDS.glob("*.txt"))
    raw = QRawFont.fromFont(QFont(BUNDLED["fallback"].family, 12))
    missing = sorted({c for c in text if not c.isspace() and not raw.supportsCharacter(ord(c))})
    assert not missing, "".join(missing)


def test_a_label_in_the_ui_font_shows_chinese(qtbot):
    font = ui_font(14)
    assert BUNDLED["fallback"].family in font.families()
    label, boxes = QLabel(TEXT), QLabel(TOFU)
    for widget in (label, boxes):
        widget.setFont(font)
        widget.resize(320, 48)
        qtbot.addWidget(widget)
    assert_not_tofu(label.grab().toImage(), boxes.grab().toImage())


def test_role_fonts_fall_back_to_bundled_faces(bundled):
    families = role_font("body", 16).families()
    assert families.index(BUNDLED["body"].family) < families.index(BUNDLED["fallback"].family)
    assert role_font("kai", 16).pointSizeF() == 16


ISOLATED_SCRIPT = r"""
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo, QGuiApplication, QImage, QPainter
from sisiding_desktop.gui.fonts import apply_app_font

TEXT, TOFU = sys.argv[1], sys.argv[2]

def render(text, font):
    image = QImage(480, 64, QImage.Format.Format_Grayscale8)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image

def ink(image):
    return sum(1 for value in bytes(image.constBits()) if value < 128)

app = QGuiApplication([])
system_families = QFontDatabase.families()
unregistered_is_tofu = render(TEXT, app.font()) == render(TOFU, app.font())
apply_app_font(app)
font = app.font()
font.setPointSize(24)
text_image, tofu_image = render(TEXT, font), render(TOFU, font)
text_image.save(sys.argv[3])
print(json.dumps({
    "system_families": system_families,
    "unregistered_is_tofu": unregistered_is_tofu,
    "family": QFontInfo(font).family(),
    "ink": ink(text_image),
    "same_as_tofu": text_image == tofu_image,
}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig isolation is Linux-only")
def test_a_machine_without_chinese_fonts_still_shows_chinese(tmp_path: Path):
    """A fontconfig set-up with no font folders hides every system font, as on a fresh machine."""
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n',
        encoding="utf-8",
    )
    (tmp_path / "no-fonts").mkdir()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
        "QT_QPA_FONTDIR": str(tmp_path / "no-fonts"),
    }
    png = tmp_path / "isolated.png"
    result = subprocess.run(
        [sys.executable, "-c", ISOLATED_SCRIPT, TEXT, TOFU, str(png)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["unregistered_is_tofu"], f"system fonts were not hidden: {report['system_families']}"
    assert report["family"] == BUNDLED["fallback"].family
    assert report["ink"] > 300 and not report["same_as_tofu"]
    assert png.stat().st_size > 0
