"""Excel page breaks: fitting only the rows a cut changed gives exactly what fitting every row again gives."""

from __future__ import annotations

from dataclasses import replace

from sisiding_desktop.domain.model import Light, NodeKind, Progress, Status
from sisiding_desktop.render.xlsx_pages import _page_room_pt, paginate_for_excel
from sisiding_desktop.reports.division import build_division
from sisiding_desktop.reports.layout import ReportLayout
from sisiding_desktop.reports.pagination import page_breaks, split_at_breaks
from sisiding_desktop.reports.progress import build_progress
from sisiding_desktop.reports.row_heights import fit_row_heights
from tests.reports.sample_plan import PLAN, Q3, G, M, T, build_tree, walk

LONG = "持续推进节水认证工作，严格落实水效标识制度，持续开展水效标识产品符合性监督检查。依法对纳入《实施强制管理的计量器具目录》的水计量器具开展强制检定。"  # noqa: E501


def long_plan():
    tasks = [
        T(str(n), f"第{n}项重点任务：实施公共建筑用水设施节水改造。" + LONG * (n % 4),
          *(M(f"{i}.", LONG * (1 + (i * n) % 4), "水务局", "住建局") for i in range(1, 3 + n % 9)))
        for n in range(1, 41)
    ]  # fmt: skip
    return build_tree([G("一、", "坚持以水定人定城", *tasks[:20]), G("二、", "坚持以水定产", *tasks[20:])])


def progress_of(tree):
    measures = [n for n in walk(tree) if n.kind is NodeKind.MEASURE]
    progress = {
        m.id: Progress(m.id, Q3, Status.IN_PROGRESS, 10 * (i % 10), LONG[: 7 * (i % 9)], LONG[: 5 * (i % 4)])
        for i, m in enumerate(measures)
    }
    lights = {m.id: (Light.GREEN, Light.YELLOW, Light.RED, None)[i % 4] for i, m in enumerate(measures)}
    return progress, lights


def refitting_everything(layout: ReportLayout, header_heights, heading_pt):
    """The plain way: fit every row and split every span again in each round."""
    heights = fit_row_heights(layout.rows, layout.columns)
    room = _page_room_pt(layout) - sum(header_heights)
    rows, breaks = layout.rows, []
    for _ in range(4):
        breaks = page_breaks(layout.rows, heights, room, room - heading_pt)
        rows = split_at_breaks(layout.rows, breaks, layout.columns)
        new_heights = fit_row_heights(rows, layout.columns)
        if new_heights == heights:
            break
        heights = new_heights
    return rows, heights, breaks


def test_breaks_heights_and_cut_rows_are_those_of_refitting_every_row():
    tree = long_plan()
    progress, lights = progress_of(tree)
    layouts = [build_division(PLAN, tree), build_progress(PLAN, tree, Q3, progress, lights)]
    layouts.append(replace(layouts[0], page=replace(layouts[0].page, orientation="portrait")))
    for layout in layouts:
        header = fit_row_heights(layout.header_rows, layout.columns)
        for heading_pt in (0.0, 60.0):
            rows, heights, breaks = paginate_for_excel(layout, header, heading_pt)
            assert len(breaks) >= 3 and any(c.continued for row in rows for c in row.cells)
            assert (rows, heights, breaks) == refitting_everything(layout, header, heading_pt)
