"""What other desks saved: the change log read as a feed, newer lines since the last look.

Every save writes its change-log lines in the same transaction, so the log is a cheap change counter that
also says what changed (which plan, which node, which kind of row). On a server two transactions can commit
their lines out of id order (a sequence hands out ids before the commit), so each look reads again a margin
of ids below the newest one seen and drops the lines already handed out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from sisiding_desktop.services.base import Service
from sisiding_desktop.store.models import ChangeLogRow

LOOKBACK = 500  # ids below the newest seen read again: lines of transactions still open at the last look
_LOG = ChangeLogRow.__table__.c


@dataclass(frozen=True)
class Change:
    """One change-log line as a notice: what kind of row changed, where, and by whom."""

    id: int
    action: str  # progress, update, add, delete, move, assign, import, restore …
    entity: str  # node, plan, unit, indicator, setting, database
    entity_id: int | None
    plan_id: int | None
    user: str


class ChangeFeed(Service):
    """The lines written since the feed started, each handed out once (``news``)."""

    def __init__(self, db, user: str = "") -> None:
        super().__init__(db, user)
        self._newest: int | None = None
        self._seen: set[int] = set()

    def start(self) -> None:
        """From now on: only lines committed after this call are news."""
        self._newest = 0
        self._seen = set()
        self._read()

    def news(self) -> list[Change]:
        """The lines committed since the last look (by any desk), in id order."""
        if self._newest is None:
            self.start()
            return []
        return self._read()

    def _read(self) -> list[Change]:
        low = max(self._newest - LOOKBACK, 0)
        query = (
            select(_LOG.id, _LOG.action, _LOG.entity, _LOG.entity_id, _LOG.plan_id, _LOG.user)
            .where(_LOG.id > low)
            .order_by(_LOG.id)
        )
        with self.db.reading() as s:
            if self._newest == 0:  # the first look: the newest lines only, as already seen
                query = query.where(_LOG.id > (s.scalar(select(func.max(ChangeLogRow.id))) or 0) - LOOKBACK)
            rows = s.execute(query).all()
        fresh = [Change(*row) for row in rows if row[0] not in self._seen]
        self._seen.update(change.id for change in fresh)
        if fresh:
            self._newest = max(self._newest, fresh[-1].id)
        self._seen = {i for i in self._seen if i > self._newest - LOOKBACK}
        return fresh
