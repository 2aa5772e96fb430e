"""The plan database: SQLAlchemy models, the SQLite (or PostgreSQL server) engine, migrations, lock and backups."""

from sisiding_desktop.store.database import Database
from sisiding_desktop.store.errors import (
    DatabaseDamaged,
    DatabaseLocked,
    MigrationFailed,
    NewerSchema,
    StoreError,
    WriteFailed,
)

__all__ = [
    "Database",
    "DatabaseDamaged",
    "DatabaseLocked",
    "MigrationFailed",
    "NewerSchema",
    "StoreError",
    "WriteFailed",
]
