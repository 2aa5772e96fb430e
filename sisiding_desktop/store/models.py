"""SQLAlchemy 2.x typed models: the tables of the plan database.

Kept dialect-neutral (no SQLite-only types); enum values are stored as their
string values and checked by constraints. Services turn rows into domain
values; rows never leave the store and services layers.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from sisiding_desktop.store.text_order import code_point_order

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def version_column() -> Mapped[int]:
    """A row's version for optimistic locking: SQLAlchemy adds ``AND version = <read>`` to every UPDATE and
    DELETE of the row and raises StaleDataError when another desk changed it first; services compare it with
    the version the desk showed (``services.conflicts``)."""
    return mapped_column(Integer, nullable=False, default=1, server_default="1")


# Rows whose place changes with their siblings' (renumbering after an insert, a move, a delete): their version
# counts edits of their content only and is moved on by the services (``services.conflicts.bump``), so that a
# desk's edit of a row is not refused because a sibling moved. Every UPDATE still checks the version read.
CONTENT_VERSIONS = {"version_id_generator": False}


class PlanRow(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    region: Mapped[str] = mapped_column(String(100), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    doc_number: Mapped[str] = mapped_column(String(100), default="")
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    attachment_label: Mapped[str] = mapped_column(String(50), default="")
    source_file: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    task_numbering: Mapped[str] = mapped_column(String(10), default="plan")
    section_numbering: Mapped[str] = mapped_column(String(10), default="plan")
    keep_source_numbers: Mapped[bool] = mapped_column(Boolean, default=False)  # numbers as the source wrote them
    number_styles: Mapped[str] = mapped_column(String(200), default="")  # chosen label styles by level, or detected
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version, **CONTENT_VERSIONS}

    nodes: Mapped[list[NodeRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )
    indicators: Mapped[list[IndicatorRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        CheckConstraint("task_numbering IN ('plan', 'parent')", name="task_numbering"),
        CheckConstraint("section_numbering IN ('plan', 'parent')", name="section_numbering"),
    )


class NodeRow(Base):
    """One row of a plan's tree: a group (一、/（一）), a task or a measure."""

    __tablename__ = "nodes"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    source_label: Mapped[str] = mapped_column(String(50), default="")
    deadline_text: Mapped[str] = mapped_column(String(200), default="")
    deadline_start: Mapped[date | None] = mapped_column(Date)
    deadline_end: Mapped[date | None] = mapped_column(Date)
    remarks: Mapped[str] = mapped_column(Text, default="")  # 备注 as the source wrote it
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version, **CONTENT_VERSIONS}

    plan: Mapped[PlanRow] = relationship(back_populates="nodes")
    parent: Mapped[NodeRow | None] = relationship(remote_side="NodeRow.id")
    assignments: Mapped[list[AssignmentRow]] = relationship(
        back_populates="node",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(AssignmentRow.role, AssignmentRow.position)",
    )

    __table_args__ = (
        CheckConstraint("kind IN ('group', 'task', 'measure')", name="kind"),
        Index("ix_nodes_plan_parent_position", "plan_id", "parent_id", "position"),
    )


class UnitRow(Base):
    """A unit (单位) shared by all plans of the database."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version, **CONTENT_VERSIONS}

    aliases: Mapped[list[UnitAliasRow]] = relationship(
        back_populates="unit",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=lambda: code_point_order(UnitAliasRow.alias),
    )


class UnitAliasRow(Base):
    __tablename__ = "unit_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200), unique=True)

    unit: Mapped[UnitRow] = relationship(back_populates="aliases")


class AssignmentRow(Base):
    """A unit's role on a node: lead (牵头), support (配合) or local (责任单位: the local governments), in order."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}

    node: Mapped[NodeRow] = relationship(back_populates="assignments")
    unit: Mapped[UnitRow] = relationship()

    __table_args__ = (
        UniqueConstraint("node_id", "unit_id", "role"),
        CheckConstraint("role IN ('lead', 'support', 'local')", name="role"),
    )


class IndicatorRow(Base):
    """One line of a plan's 主要指标表."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(200), default="")
    name: Mapped[str] = mapped_column(String(500))
    measure_unit: Mapped[str] = mapped_column(String(50), default="")
    attribute: Mapped[str | None] = mapped_column(String(10))
    base_value: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version, **CONTENT_VERSIONS}

    plan: Mapped[PlanRow] = relationship(back_populates="indicators")
    targets: Mapped[list[IndicatorTargetRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="IndicatorTargetRow.year"
    )
    responsible: Mapped[list[IndicatorResponsibleRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="IndicatorResponsibleRow.position"
    )

    __table_args__ = (CheckConstraint("attribute IN ('binding', 'expected')", name="attribute"),)


class IndicatorTargetRow(Base):
    __tablename__ = "indicator_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200), default="")
    value: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (UniqueConstraint("indicator_id", "year"),)


class IndicatorResponsibleRow(Base):
    __tablename__ = "indicator_responsibles"

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    unit: Mapped[UnitRow] = relationship()


class PeriodRow(Base):
    """A reporting period; quarter 0 is the whole year."""

    __tablename__ = "periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        UniqueConstraint("year", "quarter"),
        CheckConstraint("quarter BETWEEN 0 AND 4", name="quarter"),
    )


class IndicatorActualRow(Base):
    __tablename__ = "indicator_actuals"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="RESTRICT"), index=True)
    text: Mapped[str] = mapped_column(String(200), default="")
    value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")

    period: Mapped[PeriodRow] = relationship()

    __table_args__ = (UniqueConstraint("indicator_id", "period_id"),)


class ProgressFields:
    """What a progress entry says, the office's own (``ProgressRow``) or a reporting body's (``BodyProgressRow``)."""

    status: Mapped[str] = mapped_column(String(20), default="not_started")
    percent: Mapped[int] = mapped_column(Integer, default=0)
    progress_text: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    remarks: Mapped[str] = mapped_column(Text, default="")


def progress_checks() -> tuple[CheckConstraint, ...]:
    """The checks on a progress entry's status and percent, named per table."""
    return (
        CheckConstraint("status IN ('not_started', 'in_progress', 'done', 'behind', 'suspended')", name="status"),
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent"),
    )


class ProgressRow(ProgressFields, Base):
    """Progress of one node in one period; every period's row is kept."""

    __tablename__ = "progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="RESTRICT"), index=True)
    reported_by: Mapped[str] = mapped_column(String(200), default="")
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}

    period: Mapped[PeriodRow] = relationship()

    __table_args__ = (UniqueConstraint("node_id", "period_id"), *progress_checks())


class ChangeLogRow(Base):
    """The office's audit trail: who changed what, when, old → new.

    ``plan_id`` is a plain column (no foreign key) so the trail outlives a
    deleted plan.
    """

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    user: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(50), default="")
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    plan_id: Mapped[int | None] = mapped_column(Integer, index=True)


class SettingRow(Base):
    """Office-wide settings kept with the data (light thresholds, office name)."""

    __tablename__ = "office_settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class ReportingBodyRow(Base):
    """A body that reports to a plan (a 县/区 or a 市直单位), with its other names, kept in the plan's order."""

    __tablename__ = "reporting_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="")  # 县, 区, 市直单位 … as the office calls it
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version, **CONTENT_VERSIONS}

    aliases: Mapped[list[ReportingBodyAliasRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ReportingBodyAliasRow.id"
    )

    __table_args__ = (UniqueConstraint("plan_id", "name"),)


class ReportingBodyAliasRow(Base):
    __tablename__ = "reporting_body_aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("reporting_bodies.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))

    __table_args__ = (UniqueConstraint("body_id", "alias"),)


class BodyReturnRow(Base):
    """A body's return for a period: which file it came from, when it was read, what did not match."""

    __tablename__ = "body_returns"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("reporting_bodies.id", ondelete="CASCADE"))
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="RESTRICT"), index=True)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    read_at: Mapped[datetime] = mapped_column(DateTime)
    read_by: Mapped[str] = mapped_column(String(200), default="")
    matched: Mapped[int] = mapped_column(Integer, default=0)
    unmatched: Mapped[str] = mapped_column(Text, default="")  # one sentence per line: the rows that found no measure
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (UniqueConstraint("body_id", "period_id"),)


class BodyProgressRow(ProgressFields, Base):
    """One body's progress on one of the plan's nodes in one period, as its return said; the 市's remarks on it."""

    __tablename__ = "body_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("reporting_bodies.id", ondelete="CASCADE"))
    node_id: Mapped[int] = mapped_column(ForeignKey("nodes.id", ondelete="CASCADE"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("periods.id", ondelete="RESTRICT"), index=True)
    city_remarks: Mapped[str] = mapped_column(Text, default="")  # what the 市 says back on it
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = version_column()
    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (UniqueConstraint("body_id", "node_id", "period_id"), *progress_checks())
