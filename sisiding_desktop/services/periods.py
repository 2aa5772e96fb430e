"""Reporting periods as rows: found or created on demand."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sisiding_desktop.domain.model import Period
from sisiding_desktop.store.models import PeriodRow


def ensure_period(s: Session, period: Period) -> PeriodRow:
    """The period's row, made when it is missing.

    Two desks saving the first entry of a quarter at the same moment both find no row: the second insert
    meets the unique key (on a server, once the first desk commits), so the row is made inside a savepoint
    and, when that happens, the other desk's row is read instead; the rest of the save goes on.
    """
    row = find_period(s, period)
    if row is not None:
        return row
    try:
        with s.begin_nested():
            row = PeriodRow(year=period.year, quarter=period.quarter)
            s.add(row)
    except IntegrityError:
        row = find_period(s, period)
        if row is None:
            raise
    return row


def find_period(s: Session, period: Period) -> PeriodRow | None:
    return s.scalar(select(PeriodRow).where(PeriodRow.year == period.year, PeriodRow.quarter == period.quarter))
