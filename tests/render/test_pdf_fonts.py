"""The PDF's fonts: embeddable TrueType only, and a character the main font lacks comes from the fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sisiding_desktop.machine.fonts import BUNDLED, BUNDLED_ONLY_ENV
from sisiding_desktop.render.pdf_fonts import FontBook


@pytest.fixture(autouse=True)
def bundled_fonts_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUNDLED_ONLY_ENV, "1")


def test_a_rare_character_is_drawn_from_the_fallback_face():
    runs = FontBook().runs("釆集数据", "body", 12)
    assert [(run.face, run.text) for run, _ in runs] == [(BUNDLED["fallback"], "釆"), (BUNDLED["body"], "集数据")]
    assert sum(width for _, width in runs) == pytest.approx(48)


@pytest.mark.parametrize("role", ["title", "heading", "body", "kai"])
def test_every_role_draws_with_registered_truetype_fonts(role: str):
    runs = FontBook().runs("平罗县“四水四定”釆堃喆 100㎡", role, 12)
    assert "".join(run.text for run, _ in runs) == "平罗县“四水四定”釆堃喆 100㎡"
    for run, _ in runs:
        font = pdfmetrics.getFont(run.font)
        assert isinstance(font, TTFont)  # never a CID font such as STSong-Light
        assert ord(run.text[0]) in font.face.charToGlyph


def test_widths_follow_the_font_metrics():
    fonts = FontBook()
    assert fonts.width("中文", "body", 12) == pytest.approx(24)
    assert fonts.width("2024", "body", 12) == pytest.approx(24)  # half-width digits
    assert fonts.measure("body", 10)("中文") == pytest.approx(20)
    assert not fonts.missing()


def test_an_installed_office_font_comes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(BUNDLED_ONLY_ENV)
    (tmp_path / "simfang.ttf").symlink_to(BUNDLED["kai"].path)  # stands in for Windows 仿宋
    runs = FontBook(dirs=[tmp_path]).runs("仿宋釆", "body", 12)
    assert runs[0][0].face.family == "仿宋" and not runs[0][0].face.bundled
    assert runs[-1][0].face == BUNDLED["fallback"]


def test_an_office_font_that_cannot_be_loaded_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog):
    monkeypatch.delenv(BUNDLED_ONLY_ENV)
    (tmp_path / "simfang.ttf").write_bytes(BUNDLED["kai"].path.read_bytes()[:4096])  # a damaged copy
    runs = FontBook(dirs=[tmp_path]).runs("仿宋", "body", 12)
    assert [run.face for run, _ in runs] == [BUNDLED["body"]]
    assert "cannot be embedded" in caplog.text
