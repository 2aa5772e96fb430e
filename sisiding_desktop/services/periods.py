"""Reporting periods as rows: found or created on demand."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sisiding_desktop.domain.model import Period
from sisiding_desktop.store.models import PeriodRow


def ensure_period(s: Session, period: Period) -> PeriodRow:
    row = find_period(s, period)
    if row is None:
        row = PeriodRow(year=period.year, quarter=period.quarter)
        s.add(row)
        s.flush()
    return row


def find_period(s: Session, period: Period) -> PeriodRow | None:
    return s.scalar(select(PeriodRow).where(PeriodRow.year == period.year, PeriodRow.quarter == period.quarter))
