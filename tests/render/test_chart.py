"""The briefing's charts: PNGs at print size, every text in the bundled Chinese font, no glyph missing."""

from __future__ import annotations

import io
import logging
import warnings

import pytest
from matplotlib.text import Text
from PIL import Image

from sisiding_desktop.machine.fonts import BUNDLED
from sisiding_desktop.render.chart import (
    DPI,
    briefing_charts,
    chapter_chart,
    chapter_figure,
    chart_font_path,
    unit_chart,
    unit_figure,
    wrap_label,
)
from sisiding_desktop.reports.briefing import ChapterProgress, UnitLights, build_briefing
from tests.reports.sample_plan import PLAN, Q3, build_tree, sample_progress

CHAPTERS = (
    ChapterProgress(1, "一、", "坚持以水定人定城，优化城镇空间格局", 11, 3, 49.1),
    ChapterProgress(2, "二、", "强化以水定产，构建节水型产业体系", 16, 0, 12.0),
    ChapterProgress(3, "三、", "落实以水定地，促进水土资源协调（垚堃喆玥昇珺）", 12, 12, 100.0),
)
UNITS = (
    UnitLights("水务局", 37, 11, 4, 22, 11),
    UnitLights("石嘴山市生态环境局平罗分局", 3, 0, 1, 2, 0),
    UnitLights("（未指定牵头单位）", 1, 0, 0, 1, 0),
)


@pytest.fixture
def no_glyph_missing(caplog):
    """Fails the test on any "Glyph … missing" (a warning, or a log record of matplotlib's)."""
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING, logger="matplotlib"):
        warnings.simplefilter("always")
        yield
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "missing" in m.lower() or "findfont" in m.lower()], messages


def decoded(png: bytes) -> Image.Image:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


@pytest.mark.parametrize("draw, data", [(chapter_chart, CHAPTERS), (unit_chart, UNITS)])
def test_png_at_print_size(draw, data, no_glyph_missing):
    image = decoded(draw(data))
    assert image.format == "PNG" and image.mode in ("RGB", "RGBA")
    width_px = round(15 / 2.54 * DPI)
    assert abs(image.width - width_px) <= 2  # 15 cm at 200 dpi
    assert 4 / 2.54 * DPI < image.height < 12 / 2.54 * DPI
    assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.01)
    # not blank: the bars' colours are there
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 20


def test_width_and_resolution_follow_the_arguments(no_glyph_missing):
    image = decoded(unit_chart(UNITS, width_cm=10, dpi=100))
    assert abs(image.width - round(10 / 2.54 * 100)) <= 2


@pytest.mark.parametrize("figure", [lambda: chapter_figure(CHAPTERS), lambda: unit_figure(UNITS)])
def test_every_text_is_drawn_in_the_bundled_font(figure, no_glyph_missing):
    fig = figure()
    decoded_png = io.BytesIO()
    fig.savefig(decoded_png, format="png", dpi=50)  # draws: the ticks and labels are made
    assert chart_font_path() == str(BUNDLED["fallback"].path)
    shown = [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]
    chinese = [t for t in shown if any("\u4e00" <= ch <= "\u9fff" for ch in t.get_text())]
    assert chinese, "the chart has its Chinese labels"
    for text in shown:
        assert text.get_fontproperties().get_file() == chart_font_path(), text.get_text()


def test_long_labels_wrap_as_chinese_does():
    label = wrap_label("一、坚持以水定人定城，优化城镇空间格局")
    assert label == "一、坚持以水定人定城，优化\n城镇空间格局"
    assert all(not line.startswith(("，", "、")) for line in wrap_label("，".join(["水资源节约"] * 6)).split("\n"))


def test_briefing_charts_follow_its_chart_blocks(no_glyph_missing):
    tree = build_tree()
    progress, lights = sample_progress(tree)
    assert len(briefing_charts(build_briefing(PLAN, tree, Q3, progress, lights))) == 2
    assert len(briefing_charts(build_briefing(PLAN, tree, Q3, {}, {}))) == 1  # no red or yellow: no unit chart
