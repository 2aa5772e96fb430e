"""What every service shares: the database, the user's name, and the change log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from sisiding_desktop.store.database import Database
from sisiding_desktop.store.models import ChangeLogRow


class Service:
    def __init__(self, db: Database, user: str = "") -> None:
        self.db = db
        self.user = user

    def log(
        self,
        session: Session,
        action: str,
        entity: str,
        entity_id: int | None,
        *,
        field: str = "",
        old: object = "",
        new: object = "",
        plan_id: int | None = None,
    ) -> None:
        """Add one change-log line to the current transaction."""
        session.add(
            ChangeLogRow(
                at=datetime.now(),
                user=self.user,
                action=action,
                entity=entity,
                entity_id=entity_id,
                field=field,
                old=_text(old),
                new=_text(new),
                plan_id=plan_id,
            )
        )


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _text(value: object) -> str:
    if value is None:
        return ""
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value)


def get_row(session: Session, row_type: type, row_id: int, what: str):
    """The row with ``row_id`` or NotFound naming ``what`` (计划/节点/单位/指标)."""
    from sisiding_desktop.services.errors import NotFound

    row = session.get(row_type, row_id)
    if row is None:
        raise NotFound(f"找不到编号为 {row_id} 的{what}。")
    return row
