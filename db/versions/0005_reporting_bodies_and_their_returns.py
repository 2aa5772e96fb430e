"""The bodies that report to a plan (县/区, 市直单位) with their other names, each body's return for a period
(the file it came from, what did not match) and the progress that return gave for each of the plan's nodes,
with the 市's remarks on it.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reporting_bodies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_reporting_bodies_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_bodies")),
        sa.UniqueConstraint("plan_id", "name", name=op.f("uq_reporting_bodies_plan_id_name")),
    )
    with op.batch_alter_table("reporting_bodies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reporting_bodies_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "body_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("progress_text", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("remarks", sa.Text(), nullable=False),
        sa.Column("city_remarks", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'done', 'behind', 'suspended')",
            name=op.f("ck_body_progress_status"),
        ),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name=op.f("ck_body_progress_percent")),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["reporting_bodies.id"],
            name=op.f("fk_body_progress_body_id_reporting_bodies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["node_id"], ["nodes.id"], name=op.f("fk_body_progress_node_id_nodes"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["period_id"], ["periods.id"], name=op.f("fk_body_progress_period_id_periods"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_progress")),
        sa.UniqueConstraint("body_id", "node_id", "period_id", name=op.f("uq_body_progress_body_id_node_id_period_id")),
    )
    with op.batch_alter_table("body_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_body_progress_node_id"), ["node_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_body_progress_period_id"), ["period_id"], unique=False)

    op.create_table(
        "body_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("period_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.Column("read_by", sa.String(length=200), nullable=False),
        sa.Column("matched", sa.Integer(), nullable=False),
        sa.Column("unmatched", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["reporting_bodies.id"],
            name=op.f("fk_body_returns_body_id_reporting_bodies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["period_id"], ["periods.id"], name=op.f("fk_body_returns_period_id_periods"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body_returns")),
        sa.UniqueConstraint("body_id", "period_id", name=op.f("uq_body_returns_body_id_period_id")),
    )
    with op.batch_alter_table("body_returns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_body_returns_period_id"), ["period_id"], unique=False)

    op.create_table(
        "reporting_body_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"],
            ["reporting_bodies.id"],
            name=op.f("fk_reporting_body_aliases_body_id_reporting_bodies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reporting_body_aliases")),
        sa.UniqueConstraint("body_id", "alias", name=op.f("uq_reporting_body_aliases_body_id_alias")),
    )
    with op.batch_alter_table("reporting_body_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reporting_body_aliases_body_id"), ["body_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reporting_body_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_body_aliases_body_id"))

    op.drop_table("reporting_body_aliases")
    with op.batch_alter_table("body_returns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_body_returns_period_id"))

    op.drop_table("body_returns")
    with op.batch_alter_table("body_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_body_progress_period_id"))
        batch_op.drop_index(batch_op.f("ix_body_progress_node_id"))

    op.drop_table("body_progress")
    with op.batch_alter_table("reporting_bodies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reporting_bodies_plan_id"))

    op.drop_table("reporting_bodies")
