"""Many rows of one table in a few statements, inside the caller's transaction.

For large writes (an imported plan of thousands of nodes) where one ORM
object per row would cost far more than the rows themselves. Plain Core
statements, so they work on every database SQLAlchemy supports.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, bindparam, insert, update
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict]) -> None:
    """Insert ``rows`` (column → value) with one executemany."""
    if rows:
        session.execute(insert(table), list(rows))


def insert_returning_ids(session: Session, table: Table, rows: Sequence[dict]) -> list[int]:
    """Insert ``rows`` and return their new ids, in the order of ``rows``."""
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.execute(statement, list(rows)).scalars())


def update_column(session: Session, table: Table, column: str, values: dict[int, object]) -> None:
    """Set ``column`` of each row id in ``values`` to its value, with one executemany."""
    if not values:
        return
    statement = update(table).where(table.c.id == bindparam("row_id")).values({column: bindparam("new_value")})
    session.execute(statement, [{"row_id": row_id, "new_value": value} for row_id, value in values.items()])


def row_values(row) -> dict:
    """Every column of an ORM row, by name: what ``put_back`` puts back."""
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}


def put_back(session: Session, model: type, rows: Sequence[dict]) -> None:
    """Insert rows of ``model`` exactly as they were read, versions included (an undone delete).

    An ORM insert would start each versioned row again at version 1, and a desk still showing the row as it
    was before the delete could then save over a later change; a Core insert of the table keeps every column.
    """
    if rows:
        session.execute(insert(model.__table__), list(rows))
