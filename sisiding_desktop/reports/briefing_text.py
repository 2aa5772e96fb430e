"""The words of the 季度推进情况报告: a ``Briefing`` as titled paragraphs, from templates an office can edit.

The wording lives in text files under ``resources/briefing/`` (``document.txt`` the title and the 附件 line,
``overview.txt`` 一、总体进展, ``problems.txt`` 二、存在的主要问题, ``next_steps.txt`` 三、下步工作安排), one
``[name]`` per piece with ``{placeholders}`` filled by ``str.format``.  Lines starting with ``#`` are comments;
the lines of a paragraph are joined without a space (Chinese has none); a blank line starts another paragraph
of the same piece.  ``load_templates(folder)`` reads the bundled files and lays an office's own copies from
``folder`` over them, piece by piece: a piece the office's file lacks, or one that does not format (a brace
left open, an index), is taken from the bundled file instead, so a slip in editing never stops a report.  An
unknown placeholder is left as written, for the person to see and correct.

Texts from the database are only ever values put into the templates, never templates themselves, so braces
in a measure's text are printed as they are.  The result is a list of ``(kind, text)`` blocks, the editor's
and the writers' shared form: ``title``, ``heading1`` (一、), ``heading2`` (（一）), ``body``, ``chart`` (its text
is the caption; the n-th chart block shows the n-th picture of ``chart_kinds``) and ``attachment``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sisiding_desktop.domain.model import Light, Period, Status
from sisiding_desktop.domain.numbering import chinese_numeral
from sisiding_desktop.machine.paths import resource_path
from sisiding_desktop.reports.briefing import Briefing, IndicatorLine, MeasureLine

log = logging.getLogger(__name__)

BlockKind = Literal["title", "heading1", "heading2", "body", "chart", "attachment"]
Block = tuple[BlockKind, str]
TEMPLATE_FILES = ("document", "overview", "problems", "next_steps")
TEMPLATE_FOLDER = ("briefing",)  # under resources/
CHAPTER_CHART = "chapters"  # progress by chapter
UNIT_CHART = "units"  # lights by lead unit

_KEY = re.compile(r"^\[([A-Za-z_][A-Za-z0-9_]*)\]\s*$")
_ENDS_SENTENCE = "。！？…"
_ENDS_CLAUSE = "。！？…；：，、）》”’"
_LEADING_NUMBER = re.compile(r"^\s*(?:[（(]?\d{1,3}[)）]|\d{1,3}[.．、])\s*")
_SHORT_MAX = 60
_STATUS_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.BEHIND, Status.SUSPENDED)


def parse_templates(text: str) -> dict[str, tuple[str, ...]]:
    """``[name]`` → its paragraphs, from one template file's text."""
    pieces: dict[str, list[list[str]]] = {}
    current: list[list[str]] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            continue
        key = _KEY.match(line)
        if key:
            current = pieces.setdefault(key.group(1), [[]])
        elif current is not None:
            if line:
                current[-1].append(line)
            elif current[-1]:
                current.append([])
    return {key: tuple("".join(lines) for lines in paragraphs if lines) for key, paragraphs in pieces.items()}


class _Values(dict):
    """Placeholder values; an unknown placeholder stays as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class BriefingTemplates:
    """The pieces of every template file: (file, name) → paragraphs, with the bundled ones to fall back on."""

    pieces: Mapping[tuple[str, str], tuple[str, ...]]
    bundled: Mapping[tuple[str, str], tuple[str, ...]]

    def paragraphs(self, file: str, name: str, values: Mapping[str, object]) -> list[str]:
        """The piece's paragraphs with ``values`` put in (the bundled piece where the office's does not format)."""
        filled = _Values({k: str(v) for k, v in values.items()})
        own = self.pieces.get((file, name))
        if own is not None:
            try:
                return [p.format_map(filled) for p in own]
            except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
                log.warning(
                    "briefing template %s.txt [%s] does not format (%s); using the bundled one", file, name, exc
                )
        return [p.format_map(filled) for p in self.bundled.get((file, name), ())]

    def text(self, file: str, name: str, values: Mapping[str, object]) -> str:
        """The piece as one paragraph (its paragraphs joined)."""
        return "".join(self.paragraphs(file, name, values))


def load_templates(folder: Path | None = None) -> BriefingTemplates:
    """The bundled templates (``resources/briefing/``), the pieces of an office's copies in ``folder`` over them."""
    bundled = _read_folder(resource_path(*TEMPLATE_FOLDER))
    pieces = dict(bundled)
    if folder is not None:
        pieces.update(_read_folder(Path(folder)))
    return BriefingTemplates(pieces, bundled)


def _read_folder(folder: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for file in TEMPLATE_FILES:
        path = folder / f"{file}.txt"
        try:
            text = path.read_text(encoding="utf-8-sig")  # Notepad writes a BOM
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("briefing template %s cannot be read (%s); using the bundled one", path, exc)
            continue
        found.update({(file, name): paragraphs for name, paragraphs in parse_templates(text).items()})
    return found


def chart_kinds(briefing: Briefing) -> tuple[str, ...]:
    """The charts the report shows, in the order of its chart blocks."""
    kinds = []
    if briefing.chapters:
        kinds.append(CHAPTER_CHART)
    if briefing.units:
        kinds.append(UNIT_CHART)
    return tuple(kinds)


def briefing_blocks(
    briefing: Briefing, *, attachment: str | None = None, templates: BriefingTemplates | None = None
) -> list[Block]:
    """The report as (kind, text) blocks; ``attachment``: the name of the table attached (附件：…), if any."""
    t = templates or load_templates()
    values = common_values(briefing, attachment)
    blocks: list[Block] = [("title", t.text("document", "title", values))]
    charts = iter(range(1, len(chart_kinds(briefing)) + 1))
    blocks += _overview(briefing, t, values, charts)
    blocks += _problems(briefing, t, values, charts)
    blocks += _next_steps(briefing, t, values)
    if attachment:
        blocks.append(("attachment", t.text("document", "attachment", values)))
    return [(kind, text) for kind, text in blocks if text.strip()]


def common_values(briefing: Briefing, attachment: str | None = None) -> dict[str, object]:
    """The placeholders every template may use."""
    b = briefing
    late = b.red + b.yellow
    return {
        "plan": b.plan_name,
        "plan_title": b.plan_title,
        "period": b.period_label,
        "period_end": period_end_text(b.period),
        "previous": b.previous.label,
        "year": b.period.year,
        "tasks": b.tasks,
        "measures": b.items,
        "done": b.done,
        "on_time": b.on_time,
        "yellow": b.yellow,
        "red": b.red,
        "late": late,
        "unlit": b.unlit,
        "done_share": share_text(b.done, b.items),
        "on_time_share": share_text(b.on_time, b.items),
        "yellow_share": share_text(b.yellow, b.items),
        "red_share": share_text(b.red, b.items),
        "reported": b.reported,
        "unreported": b.items - b.reported,
        "attachment": attachment or "",
    }


def _overview(b: Briefing, t: BriefingTemplates, values: dict[str, object], charts: Iterator[int]) -> list[Block]:
    blocks: list[Block] = [("heading1", t.text("overview", "heading", values))]
    summary = t.text("overview", "summary", values)
    if b.unlit:
        summary += t.text("overview", "unlit", values)
    blocks.append(("body", summary))
    statuses = [(s.label, b.by_status.get(s, 0)) for s in _STATUS_ORDER if b.by_status.get(s, 0)]
    status_list = "、".join(t.text("overview", "status", {"status": s, "count": n}) for s, n in statuses)
    reporting = t.text("overview", "reporting", {**values, "status_list": status_list}) if b.reported else ""
    if b.reported < b.items:
        reporting += t.text("overview", "unreported", values)
    blocks.append(("body", reporting))
    if b.chapters:
        chapter_list = "；".join(
            t.text(
                "overview",
                "chapter",
                {
                    **values,
                    "chapter": c.text,
                    "number": c.number.rstrip("、.．"),
                    "total": c.total,
                    "done": c.done,
                    "done_share": share_text(c.done, c.total),
                    "mean_percent": percent_text(c.mean_percent),
                },
            )
            for c in b.chapters
        )
        blocks.append(("body", t.text("overview", "chapters", {**values, "chapter_list": chapter_list})))
        blocks.append(("chart", t.text("overview", "chart", {**values, "n": next(charts)})))
    blocks.append(("body", _change(b, t, values)))
    indicator_list = "；".join(filter(None, (_indicator(line, t, values) for line in b.indicators)))
    if indicator_list:
        blocks.append(("body", t.text("overview", "indicators", {**values, "indicator_list": indicator_list})))
    return blocks


def _change(b: Briefing, t: BriefingTemplates, values: dict[str, object]) -> str:
    if not b.had_previous:
        return t.text("overview", "change_first", values)
    numbers = "、".join(line.number for line in b.newly_done if line.number)
    listed = t.text("overview", "newly_done_numbers", {**values, "numbers": numbers}) if numbers else ""
    change = {**values, "newly_done": len(b.newly_done), "newly_done_numbers": listed, "newly_late": len(b.newly_late)}
    return t.text("overview", "change", change)


def _indicator(line: IndicatorLine, t: BriefingTemplates, values: dict[str, object]) -> str:
    target = with_unit(line.target, line.measure_unit)
    actual = with_unit(line.actual, line.measure_unit)
    if not target and not actual:
        return ""
    name = "indicator" if target and actual else "indicator_no_actual" if target else "indicator_no_target"
    period = line.actual_period.label if line.actual_period else ""
    return t.text(
        "overview", name, {**values, "name": line.name, "target": target, "actual": actual, "actual_period": period}
    )


def _problems(b: Briefing, t: BriefingTemplates, values: dict[str, object], charts: Iterator[int]) -> list[Block]:
    blocks: list[Block] = [("heading1", t.text("problems", "heading", values))]
    if not b.late:
        blocks.append(("body", t.text("problems", "none", values)))
        return blocks
    units = []
    for unit in b.units:
        lights = [
            t.text("problems", name, {"red": unit.red, "yellow": unit.yellow})
            for name, count in (("unit_red", unit.red), ("unit_yellow", unit.yellow))
            if count
        ]
        units.append(t.text("problems", "unit", {"unit": unit.unit, "lights": "、".join(lights)}))
    blocks.append(("body", t.text("problems", "summary", {**values, "unit_list": "、".join(units)})))
    if b.units:
        blocks.append(("chart", t.text("problems", "chart", {**values, "n": next(charts)})))
    groups = [(light, [line for line in b.late if line.light is light]) for light in (Light.RED, Light.YELLOW)]
    n = 0
    for light, lines in groups:
        if not lines:
            continue
        n += 1
        heading = "red_heading" if light is Light.RED else "yellow_heading"
        blocks.append(("heading2", t.text("problems", heading, {**values, "n": chinese_numeral(n)})))
        blocks += [
            ("body", t.text("problems", "item", item_values(line, i, t, "problems", values)))
            for i, line in enumerate(lines, 1)
        ]
    return blocks


def _next_steps(b: Briefing, t: BriefingTemplates, values: dict[str, object]) -> list[Block]:
    blocks: list[Block] = [("heading1", t.text("next_steps", "heading", values))]
    blocks += [("body", p) for p in t.paragraphs("next_steps", "intro", values)]
    n = 0
    if b.late:
        n += 1
        blocks.append(("heading2", t.text("next_steps", "late_heading", {**values, "n": chinese_numeral(n)})))
        blocks += [
            ("body", t.text("next_steps", "item", item_values(line, i, t, "next_steps", values)))
            for i, line in enumerate(b.late, 1)
        ]
    general = t.paragraphs("next_steps", "general", values)
    if general:
        n += 1
        blocks.append(("heading2", t.text("next_steps", "general_heading", {**values, "n": chinese_numeral(n)})))
        blocks += [("body", p) for p in general]
    return blocks


def item_values(
    line: MeasureLine, index: int, t: BriefingTemplates, file: str, values: Mapping[str, object]
) -> dict[str, object]:
    """The placeholders of one red or yellow measure; texts not reported say so (``[empty]`` of ``file``)."""
    empty = t.text(file, "empty", values)
    return {
        **values,
        "index": index,
        "number": line.number,
        "text": sentence(line.text, ""),
        "short": short_text(line.text),
        "lead": line.lead,
        "percent": f"{line.percent}%",
        "progress": sentence(line.progress_text, empty),
        "problems": sentence(line.problems, empty),
        "next_steps": sentence(line.next_steps, empty),
    }


def one_line(text: str) -> str:
    """A text of several lines as one paragraph: lines joined, with ； where a line ended without punctuation."""
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
    out = ""
    for line in lines:
        if out and out[-1] not in _ENDS_CLAUSE:
            out += "；"
        out += line
    return out


def sentence(text: str, empty: str) -> str:
    """``text`` in one line ending with a full stop; ``empty`` when there is none."""
    text = one_line(text).rstrip("，；、,;： ")
    if not text:
        return empty
    return text if text[-1] in _ENDS_SENTENCE or text.endswith(("。”", "。）")) else text + "。"


def short_text(text: str) -> str:
    """The first sentence of a measure, without its leading 1. (at most ``_SHORT_MAX`` characters)."""
    text = _LEADING_NUMBER.sub("", one_line(text))
    end = min((i for i in (text.find("。"), text.find("；")) if i >= 0), default=len(text))
    first = text[:end].rstrip("，、,;： ")
    return first if len(first) <= _SHORT_MAX else first[: _SHORT_MAX - 1] + "…"


def with_unit(text: str, unit: str) -> str:
    """An indicator value with its unit, unless it already carries one (94 → 94%, 94% stays)."""
    text, unit = text.strip(), unit.strip()
    return text + unit if text and unit and text[-1].isdigit() else text


def share_text(part: int, whole: int) -> str:
    return percent_text(part / whole * 100 if whole else 0.0)


def percent_text(value: float) -> str:
    """12.5% or 40% (one decimal, none when whole)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def period_end_text(period: Period) -> str:
    """2024年9月底, or 2024年底 for a year."""
    return f"{period.year}年{period.end.month}月底" if period.quarter and period.quarter < 4 else f"{period.year}年底"
