"""Persistence: SQLAlchemy models, the engine and its pragmas, migrations, backups and the file lock."""
