"""The briefing's charts as PNG pictures: completion by chapter, and red/yellow/green lights by lead unit.

Drawn with matplotlib (its Agg canvas, no pyplot and no GUI backend, so no Qt and no global state) rather
than with rectangles drawn by hand on a reportlab or Pillow canvas: a chart is mostly what surrounds the
bars — axes with sensible tick steps and percent labels, a legend, labels placed beside or inside bars,
long Chinese chapter titles wrapped over lines and given the room they need (constrained layout measures
every text in the real font).  Doing that by hand means measuring text, choosing ticks and laying out the
legend ourselves, once for each output; the library does it once, at any resolution, for the Word file and
the PDF alike.

Every text is drawn with the bundled WenQuanYi Micro Hei (``resources/fonts/wqy-microhei.ttc``, the face
``machine.fonts`` gives the 黑体 role and the fallback), registered with matplotlib's font manager by path
and handed to each text by file, never looked up by family name: the chart looks the same on every
computer, and a character the font lacks shows in matplotlib's "Glyph … missing" warning, never silently
as a box from some system font.  Pictures are made at print resolution (200 dpi, 15 cm wide: the width
of the 公文 text block, 156 mm).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from functools import lru_cache

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from sisiding_desktop.domain.model import Light
from sisiding_desktop.machine.fonts import BUNDLED
from sisiding_desktop.render.pdf_text import clean, shown, wrap
from sisiding_desktop.reports.briefing import Briefing, ChapterProgress, UnitLights
from sisiding_desktop.reports.briefing_text import CHAPTER_CHART, UNIT_CHART, chart_kinds
from sisiding_desktop.reports.styles import LIGHT_FILLS

DPI = 200
WIDTH_CM = 15.0
CM = 1 / 2.54  # inches
LABEL_PT = 9.0
LABEL_CHARS = 13  # characters per line of a wrapped bar label
ROW_CM = 0.95  # height per bar
FRAME_CM = 2.4  # axis, ticks, legend and padding
DONE_COLOUR = "#4A7EBB"
EDGE_COLOUR = "#404040"
LIGHT_NAMES = (("red", "红灯"), ("yellow", "黄灯"), ("green", "绿灯"))


@lru_cache(maxsize=1)
def chart_font() -> font_manager.FontProperties:
    """The bundled face every text of a chart is drawn in, registered with matplotlib by its path."""
    face = BUNDLED["fallback"]
    path = str(face.path)
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path, size=LABEL_PT)


def chart_font_path() -> str:
    return str(chart_font().get_file())


def briefing_charts(briefing: Briefing, *, width_cm: float = WIDTH_CM, dpi: int = DPI) -> list[bytes]:
    """The PNGs of the briefing's charts, in the order of its chart blocks (``reports.briefing_text.chart_kinds``)."""
    drawers = {
        CHAPTER_CHART: lambda: chapter_chart(briefing.chapters, width_cm=width_cm, dpi=dpi),
        UNIT_CHART: lambda: unit_chart(briefing.units, width_cm=width_cm, dpi=dpi),
    }
    return [drawers[kind]() for kind in chart_kinds(briefing)]


def chapter_chart(chapters: Sequence[ChapterProgress], *, width_cm: float = WIDTH_CM, dpi: int = DPI) -> bytes:
    """Horizontal bars: the share of each chapter's measures done, labelled 3/11条."""
    return png_bytes(chapter_figure(chapters, width_cm=width_cm), dpi)


def unit_chart(units: Sequence[UnitLights], *, width_cm: float = WIDTH_CM, dpi: int = DPI) -> bytes:
    """Stacked horizontal bars: each lead unit's red, yellow and green measures."""
    return png_bytes(unit_figure(units, width_cm=width_cm), dpi)


def chapter_figure(chapters: Sequence[ChapterProgress], *, width_cm: float = WIDTH_CM) -> Figure:
    labels = [f"{c.done}/{c.total}条（{c.done_share:.0%}）" for c in chapters]
    return share_figure([c.title for c in chapters], [c.done_share for c in chapters], labels, "已完成措施占比",
                        width_cm=width_cm)  # fmt: skip


def ranking_chart(
    rows: Sequence[tuple[str, float, str]], *, axis: str = "按时完成率", width_cm: float = WIDTH_CM, dpi: int = DPI
) -> bytes:
    """The 汇总表's ranking, best first; ``rows`` are (body, share 0–1, label)."""
    figure = share_figure([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], axis, width_cm=width_cm)
    return png_bytes(figure, dpi)


def share_figure(
    titles: Sequence[str], shares: Sequence[float], labels: Sequence[str], axis: str, *, width_cm: float = WIDTH_CM
) -> Figure:
    """Horizontal bars of a share (0–1) on a grey whole, each labelled beside it, the first at the top."""
    font = chart_font()
    figure, ax = _figure(len(titles), width_cm)
    rows = range(len(titles))
    ax.barh(rows, [100] * len(titles), height=0.6, color="#E8E8E8", edgecolor="none")  # the whole, in grey
    bars = ax.barh(rows, [share * 100 for share in shares], height=0.6, color=DONE_COLOUR, edgecolor="none")
    ax.bar_label(bars, labels=list(labels), padding=3, fontproperties=font)
    _labels(ax, list(titles))
    ax.set_xlim(0, 100)
    _ticks(ax, range(0, 101, 20), "{:.0f}%")
    ax.set_xlabel(axis, fontproperties=font)
    return figure


def unit_figure(units: Sequence[UnitLights], *, width_cm: float = WIDTH_CM) -> Figure:
    font = chart_font()
    figure, ax = _figure(len(units), width_cm, legend=True)
    rows = range(len(units))
    left = [0] * len(units)
    for key, name in LIGHT_NAMES:
        counts = [getattr(u, key) for u in units]
        bars = ax.barh(
            rows, counts, left=left, height=0.6, label=name,
            color="#" + LIGHT_FILLS[Light(key)], edgecolor=EDGE_COLOUR, linewidth=0.5,
        )  # fmt: skip
        ax.bar_label(bars, labels=[str(n) if n else "" for n in counts], label_type="center", fontproperties=font)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    _labels(ax, [u.unit for u in units])
    most = max(left, default=0) or 1
    ax.set_xlim(0, most * 1.05)
    _ticks(ax, [t for t in MaxNLocator(integer=True).tick_values(0, most) if 0 <= t <= most * 1.05], "{:.0f}")
    ax.set_xlabel("牵头措施数（条）", fontproperties=font)
    ax.legend(
        loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False, prop=font,
        handlelength=1.2, borderaxespad=0.3,
    )  # fmt: skip
    return figure


def png_bytes(figure: Figure, dpi: int = DPI) -> bytes:
    """``figure`` as a PNG at ``dpi`` (the figure keeps its size in centimetres)."""
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def wrap_label(text: str, chars: int = LABEL_CHARS) -> str:
    """A bar label over lines of about ``chars`` characters, broken as Chinese is (never before ，。)."""
    lines = wrap(clean(text.strip()), chars, lambda piece: float(len(piece.rstrip())))
    return "\n".join(shown(line) for line in lines)


def _figure(bars: int, width_cm: float, legend: bool = False) -> tuple[Figure, Axes]:
    height_cm = FRAME_CM + ROW_CM * max(bars, 1) + (0.6 if legend else 0.0)
    figure = Figure(figsize=(width_cm * CM, height_cm * CM), layout="constrained")
    ax = figure.add_subplot()
    ax.invert_yaxis()  # the first chapter or unit on top, as in the text
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.xaxis.grid(True, color="#D0D0D0", linewidth=0.5)
    ax.set_axisbelow(True)
    return figure, ax


def _labels(ax: Axes, texts: Sequence[str]) -> None:
    ax.set_yticks(range(len(texts)), [wrap_label(t) for t in texts], fontproperties=chart_font())
    ax.tick_params(axis="y", length=0)


def _ticks(ax: Axes, values: Iterable[float], pattern: str) -> None:
    """Fixed x ticks with labels in the chart's font (ticks made at drawing time would take matplotlib's)."""
    values = list(values)
    ax.set_xticks(values, [pattern.format(v) for v in values], fontproperties=chart_font())
