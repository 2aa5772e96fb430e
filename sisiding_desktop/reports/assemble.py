"""Put heading lines, columns and rows together into a ``ReportLayout``."""

from __future__ import annotations

from collections.abc import Sequence

from sisiding_desktop.domain.model import Plan
from sisiding_desktop.reports.layout import Column, ReportLayout, ReportMetadata, Row
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
    """A layout with the office as author; ``attachment_label`` None means the plan's own (附件1)."""
    label = plan.attachment_label if attachment_label is None else attachment_label
    return ReportLayout(
        title=title,
        columns=tuple(columns),
        header_rows=tuple(header_rows),
        rows=tuple(rows),
        attachment_label=label,
        subtitle=subtitle,
        notes=tuple(notes),
        metadata=ReportMetadata(author=office, office=office, subject=plan.title, report=report),
        sheet_name=sheet_name(sheet or title),
    )
