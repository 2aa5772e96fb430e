"""Errors of the store layer; each message is one Chinese sentence for the user."""


class StoreError(Exception):
    """Something about the database file the user must know."""


class DatabaseLocked(StoreError):
    """Another instance of the program has the database file open."""


class DatabaseDamaged(StoreError):
    """The file is not a readable database, or its integrity check failed."""


class MigrationFailed(StoreError):
    """A schema upgrade failed; the file was left as it was before."""


class NewerSchema(MigrationFailed):
    """The file was written by a newer version of the program; it is left untouched."""


class WriteFailed(StoreError):
    """The disk refused a write (full, read-only, removed); the transaction was rolled back."""


class WriteRaced(WriteFailed):
    """Another desk wrote the same rows at the same moment (the server gave up one of the two); rolled back."""
