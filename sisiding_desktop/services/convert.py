"""Rows → domain values. Services hand out only these."""

from __future__ import annotations

from sisiding_desktop.domain.model import (
    Deadline,
    Indicator,
    IndicatorActual,
    IndicatorAttribute,
    IndicatorTarget,
    Period,
    Plan,
    Progress,
    Status,
    Unit,
    UnitRef,
)
from sisiding_desktop.store.models import IndicatorRow, PlanRow, ProgressFields, ProgressRow, UnitRow


def plan_value(row: PlanRow) -> Plan:
    return Plan(
        id=row.id,
        title=row.title,
        region=row.region,
        issuer=row.issuer,
        doc_number=row.doc_number,
        year_from=row.year_from,
        year_to=row.year_to,
        attachment_label=row.attachment_label,
        source_file=row.source_file,
        notes=row.notes,
        task_numbering=row.task_numbering,
        section_numbering=row.section_numbering,
        keep_source_numbers=bool(row.keep_source_numbers),
        number_styles=row.number_styles or "",
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def unit_value(row: UnitRow) -> Unit:
    return Unit(
        id=row.id,
        name=row.name,
        short_name=row.short_name,
        kind=row.kind,
        aliases=tuple(a.alias for a in row.aliases),
        version=row.version,
    )


def unit_ref(row: UnitRow) -> UnitRef:
    return UnitRef(row.id, row.name)


def deadline_value(text: str, start, end) -> Deadline:
    return Deadline(text=text, start=start, end=end)


def progress_value(row: ProgressRow) -> Progress:
    return progress_in(row, Period(row.period.year, row.period.quarter))


def progress_in(row: ProgressFields, period: Period) -> Progress:
    """A progress entry's fields (the office's own or a body's) as the value for ``period``."""
    return Progress(
        node_id=row.node_id,  # type: ignore[attr-defined]
        period=period,
        status=Status(row.status),
        percent=row.percent,
        progress_text=row.progress_text,
        problems=row.problems,
        next_steps=row.next_steps,
        remarks=row.remarks,
        reported_by=getattr(row, "reported_by", ""),
        reported_at=getattr(row, "reported_at", None),
        version=row.version,  # type: ignore[attr-defined]
    )


def indicator_value(row: IndicatorRow, actuals: list) -> Indicator:
    return Indicator(
        id=row.id,
        plan_id=row.plan_id,
        position=row.position,
        category=row.category,
        name=row.name,
        measure_unit=row.measure_unit,
        attribute=IndicatorAttribute(row.attribute) if row.attribute else None,
        base_value=row.base_value,
        targets=tuple(IndicatorTarget(t.year, t.text, t.value) for t in row.targets),
        responsible=tuple(unit_ref(r.unit) for r in row.responsible),
        actuals=tuple(
            IndicatorActual(Period(a.period.year, a.period.quarter), a.text, a.value, a.note)
            for a in sorted(actuals, key=lambda a: (a.period.year, a.period.quarter))
        ),
        notes=row.notes,
        version=row.version,
    )
