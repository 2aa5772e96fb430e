"""Put heading lines, columns and rows together into a ``ReportLayout``."""

from __future__ import annotations

from collections.abc import Sequence

from sisiding_desktop.domain.model import Plan
from sisiding_desktop.reports.column_widths import fit_columns
from sisiding_desktop.reports.layout import Column, PageSetup, ReportLayout, ReportMetadata, Row
from sisiding_desktop.reports.text import sheet_name


def assemble(
    report: str,
    plan: Plan,
    *,
    title: str,
    columns: Sequence[Column],
    header_rows: Sequence[Row],
    rows: Sequence[Row],
    subtitle: str = "",
    notes: Sequence[str] = (),
    office: str = "",
    attachment_label: str | None = None,
    sheet: str = "",
) -> ReportLayout:
    """A layout with the office as author; ``attachment_label`` None means the plan's own (附件1).

    The columns' widths are fitted to the page and to the words they hold (``column_widths``).
    """
    label = plan.attachment_label if attachment_label is None else attachment_label
    page = PageSetup()
    return ReportLayout(
        title=title,
        columns=fit_columns(columns, header_rows, rows, page),
        header_rows=tuple(header_rows),
        rows=tuple(rows),
        attachment_label=label,
        subtitle=subtitle,
        notes=tuple(notes),
        page=page,
        metadata=ReportMetadata(author=office, office=office, subject=plan.title, report=report),
        sheet_name=sheet_name(sheet or title),
    )
