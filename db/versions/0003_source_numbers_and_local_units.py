"""The source's own numbering kept, a third unit role (责任单位: the local governments responsible) and a
node's 备注.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_source_numbers", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("number_styles", sa.String(length=200), nullable=False, server_default=""))
    with op.batch_alter_table("nodes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remarks", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_assignments_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_assignments_role"), "role IN ('lead', 'support', 'local')")


def downgrade() -> None:
    op.execute("DELETE FROM assignments WHERE role = 'local'")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_assignments_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_assignments_role"), "role IN ('lead', 'support')")
    with op.batch_alter_table("nodes", schema=None) as batch_op:
        batch_op.drop_column("remarks")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("number_styles")
        batch_op.drop_column("keep_source_numbers")
