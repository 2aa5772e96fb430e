"""A unit's filled-in 推进情况表 read back: what a row without a status says."""

from __future__ import annotations

from openpyxl import load_workbook

from sisiding_desktop.domain.model import NodeKind, Period, Status
from sisiding_desktop.services.tree import walk
from tests.conftest import PINGLUO_XLSX

Q3 = Period(2024, 3)


def test_a_percent_without_a_status_moves_an_entry_on_as_a_person_reads_it(services, tmp_path):
    plan, _ = services.importing.import_plan(PINGLUO_XLSX)
    measures = [n for n in walk(services.plans.tree(plan.id)) if n.kind is NodeKind.MEASURE][:4]
    services.progress.record(measures[2].id, Q3, status=Status.BEHIND, percent=10)
    services.progress.record(measures[3].id, Q3, status=Status.IN_PROGRESS, percent=30)
    table = tmp_path / "单位填报.xlsx"
    services.exporting.export(plan.id, "progress", "xlsx", table, period=Q3)
    book = load_workbook(table)
    sheet = book.active
    header = next(row for row in sheet.iter_rows(max_row=10) if any(c.value == "具体落实措施" for c in row))
    column = {c.value: c.column for c in header if c.value}
    rows = [r for r in range(header[0].row + 1, sheet.max_row + 1) if sheet.cell(r, column["具体落实措施"]).value]
    for row, percent in zip(rows[:4], ("70%", "100%", "50%", "30%"), strict=True):
        sheet.cell(row, column["完成率"]).value = percent
        sheet.cell(row, column["状态/亮灯"]).value = None  # the unit left the status empty
    book.save(table)
    services.progress_exchange.import_progress(plan.id, table, Q3)
    entries = services.progress.for_period(plan.id, Q3)
    assert [(entries[m.id].status, entries[m.id].percent) for m in measures] == [
        (Status.IN_PROGRESS, 70),  # a new entry at 70 % is under way, not 未启动
        (Status.DONE, 100),
        (Status.BEHIND, 50),  # the office's 滞后 stands: the table did not say otherwise
        (Status.IN_PROGRESS, 30),
    ]
