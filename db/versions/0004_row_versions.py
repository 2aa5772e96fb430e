"""A version number on every row two desks can edit (optimistic locking).

A save carries the version the desk read; the row's version must still be that, or the save is refused
(``services.conflicts``). Existing rows start at version 1.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

VERSIONED_TABLES = ("plans", "nodes", "assignments", "units", "indicators", "progress")


def upgrade() -> None:
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
