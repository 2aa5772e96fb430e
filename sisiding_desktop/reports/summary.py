"""汇总表: a 市's summary of its bodies' returns (a ranking, then every measure with each body's word), and the
反馈清单 that goes back to one body (its red and yellow measures with the 市's remarks).

Built from a ``services.summary.Summary`` into the same layouts as every other table (official look, page
breaks, xlsx/PDF/docx alike).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sisiding_desktop.domain.model import Light, NodeKind, ReportingBody, Status
from sisiding_desktop.reports.assemble import assemble
from sisiding_desktop.reports.briefing import walk
from sisiding_desktop.reports.columns import TASK_COLUMNS, compact
from sisiding_desktop.reports.layout import Cell, Column, ReportLayout, Row, full_width_row
from sisiding_desktop.reports.styles import SMALL_BODY_PT, body_style, light_style
from sisiding_desktop.reports.task_table import RowData, TaskBlock, block_rows, header_row, tree_rows
from sisiding_desktop.reports.text import report_base_name

STATUS_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.BEHIND, Status.NOT_STARTED, Status.SUSPENDED)
NOT_REPORTED = "未报送"

RANKING_COLUMNS = (
    Column("rank", "排名", 5, "center", "seq"),
    Column("body", "报送单位", 16, "center", "units"),
    Column("reported", "报送措施", 6, "center", "value"),
    *(Column(f"status:{s.value}", s.label, 6, "center", "value") for s in STATUS_ORDER),
    Column("red", "红灯", 5, "center", "value"),
    Column("yellow", "黄灯", 5, "center", "value"),
    Column("on_time", "按时完成率", 8, "center", "percent"),
    Column("mean", "平均完成率", 8, "center", "percent"),
    Column("file", "报送文件", 24, "left", "text"),
)
_TASK_PART = compact([TASK_COLUMNS[key] for key in ("seq", "task", "measure", "deadline")])
MEASURE_COLUMNS = (
    *_TASK_PART,
    Column("bodies", "各单位推进情况", 50, "left", "text"),
    Column("tally", "汇总", 10, "left", "units"),  # one status and its count a line, kept whole
    Column("light", "总体", 7, "center", "status"),
)
FEEDBACK_COLUMNS = (
    *_TASK_PART,
    *compact([TASK_COLUMNS["status"], TASK_COLUMNS["percent"]]),
    replace(compact([TASK_COLUMNS["progress"]])[0], header="报送的进展情况"),
    Column("city", "市级意见", 24, "left", "text"),
)
RANKING_NOTE = (
    "注：按时完成率为完成时限在本期末以前的措施中已完成的比例；"
    "排名先看按时完成率，再看平均完成率，红灯少者在前，三者都相同的并列。"
)


def build_summary(summary, office: str = "", chart: bytes | None = None) -> list[ReportLayout]:
    """The ranking of the bodies (with ``chart``, its picture, below it), then the measures with every body's
    word: two tables, in that order."""
    return [build_ranking(summary, office, chart), build_measures(summary, office)]


def build_ranking(summary, office: str = "", chart: bytes | None = None) -> ReportLayout:
    plan, period = summary.plan, summary.period
    rows = [_ranking_row(s) for s in summary.standings]
    notes = [RANKING_NOTE]
    if summary.not_reported:
        notes.append(f"尚未报送（{len(summary.not_reported)}个）：{'、'.join(b.name for b in summary.not_reported)}。")
    layout = assemble(
        "summary",
        plan,
        title=f"{report_base_name(plan.title)}推进情况汇总表",
        subtitle=f"（{period.label}，各单位报送情况及排名）",
        columns=RANKING_COLUMNS,
        header_rows=[header_row(RANKING_COLUMNS, SMALL_BODY_PT)],
        rows=rows,
        notes=notes,
        office=office,
        attachment_label="",
        sheet="报送情况及排名",
    )
    return replace(layout, figures=(chart,)) if chart else layout


def build_measures(summary, office: str = "") -> ReportLayout:
    plan, period = summary.plan, summary.period
    bodies_text, tally, lights = {}, {}, {}
    for node_id, measure in summary.measures.items():
        bodies_text[node_id] = "\n".join(word_text(w) for w in measure.words)
        tally[node_id] = tally_text(measure)
        lights[node_id] = measure.light
    data = RowData(lights=lights, body_pt=SMALL_BODY_PT, texts={"bodies": bodies_text, "tally": tally})
    return assemble(
        "summary",
        plan,
        title=f"{report_base_name(plan.title)}各项措施推进情况汇总表",
        subtitle=f"（{period.label}）",
        columns=MEASURE_COLUMNS,
        header_rows=[header_row(MEASURE_COLUMNS, SMALL_BODY_PT)],
        rows=tree_rows(summary.nodes, MEASURE_COLUMNS, data),
        office=office,
        attachment_label="",
        sheet="各项措施汇总",
    )


def build_feedback(summary, body: ReportingBody, office: str = "") -> ReportLayout:
    """One body's red and yellow measures, with what it reported and the 市's remarks: to send back to it."""
    plan, period = summary.plan, summary.period
    tasks = {node.id: node for node in walk(summary.nodes)}  # a measure's task, by its parent id
    blocks: list[TaskBlock] = []  # the measures of one task together, its cells merged over them
    progress, lights, remarks = {}, {}, {}
    for measure in summary.measures.values():
        word = next((w for w in measure.words if w.body.id == body.id), None)
        if word is None or word.light not in (Light.RED, Light.YELLOW):
            continue
        node, task = measure.node, tasks.get(measure.node.parent_id)
        if node.kind is not NodeKind.MEASURE or task is None:
            blocks.append(TaskBlock(node))
        elif blocks and blocks[-1].task is task:
            blocks[-1] = TaskBlock(task, (*blocks[-1].measures, node))
        else:
            blocks.append(TaskBlock(task, (node,)))
        progress[node.id], lights[node.id], remarks[node.id] = word.entry.progress, word.light, word.entry.city_remarks
    data = RowData(progress=progress, lights=lights, body_pt=SMALL_BODY_PT, texts={"city": remarks})
    rows: list[Row] = [row for block in blocks for row in block_rows(block, FEEDBACK_COLUMNS, data)]
    if not rows:
        rows = [_nothing_row(len(FEEDBACK_COLUMNS))]
    return assemble(
        "feedback",
        plan,
        title=f"{body.name}红黄灯措施反馈清单",
        subtitle=f"（{plan.title}，{period.label}）",
        columns=FEEDBACK_COLUMNS,
        header_rows=[header_row(FEEDBACK_COLUMNS, SMALL_BODY_PT)],
        rows=rows,
        notes=[
            "注：红灯为已过完成时限仍未完成，黄灯为滞后或临近完成时限；请对照市级意见抓紧推进，并在下期报送中说明。"
        ],
        office=office,
        attachment_label="",
        sheet=f"{body.name}反馈清单",
    )


def _nothing_row(ncols: int) -> Row:
    return full_width_row("measure", "本期没有红灯、黄灯措施。", body_style("center", SMALL_BODY_PT), ncols)


def _ranking_row(standing) -> Row:
    style = body_style("center", SMALL_BODY_PT, True)
    returned = standing.returned
    values: dict[str, str] = {
        "rank": str(standing.rank) if standing.rank else "—",
        "body": standing.body.name,
        "reported": str(standing.reported) if returned else NOT_REPORTED,
        "red": str(standing.red) if returned else "",
        "yellow": str(standing.yellow) if returned else "",
        "on_time": _share(standing.on_time_share) if returned else "",
        "mean": f"{standing.mean_percent:.0f}%" if returned and standing.mean_percent is not None else "",
        "file": returned.file_name if returned else "",
    }
    for status in STATUS_ORDER:
        values[f"status:{status.value}"] = str(standing.by_status.get(status, 0)) if returned else ""
    cells = []
    for column in RANKING_COLUMNS:
        cell_style = style if column.key != "file" else body_style("left", SMALL_BODY_PT)
        if column.key == "red" and standing.red:
            cell_style = light_style(cell_style, Light.RED)
        elif column.key == "yellow" and standing.yellow:
            cell_style = light_style(cell_style, Light.YELLOW)
        cells.append(Cell(values[column.key], style=cell_style))
    return Row("measure", tuple(cells))


def _share(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def word_text(word) -> str:
    """惠农区：已完成（100%）全面完成节水型城市创建。"""
    progress = word.entry.progress
    text = progress.progress_text.replace("\n", " ").strip()
    light = f"，{word.light.label}" if word.light in (Light.RED, Light.YELLOW) else ""
    return f"{word.body.name}：{progress.status.label}（{progress.percent}%{light}）{text}"


def tally_text(measure) -> str:
    parts = [f"{s.label}{measure.count(s)}" for s in STATUS_ORDER if measure.count(s)]
    if measure.missing:
        parts.append(f"{NOT_REPORTED}{len(measure.missing)}")
    return "\n".join(parts) + (f"\n（{measure.state}）" if measure.words else "")


def ranking_labels(standings: Sequence) -> tuple[str, list[tuple[str, float, str]]]:
    """The ranking chart's axis and its bars: (body, share 0–1, label) for the ranked bodies — 按时完成率, or the
    mean percent when no measure is due yet."""
    ranked = [s for s in standings if s.rank is not None]
    if any(s.due for s in ranked):
        bars = [(s.body.name, s.on_time_share or 0.0, f"{s.done_on_time}/{s.due}条（{_share(s.on_time_share)}）")
                for s in ranked]  # fmt: skip
        return "按时完成率", bars
    return "平均完成率", [(s.body.name, (s.mean_percent or 0) / 100, f"{s.mean_percent or 0:.0f}%") for s in ranked]


__all__ = ["build_feedback", "build_measures", "build_ranking", "build_summary", "ranking_labels"]
