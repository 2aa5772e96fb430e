"""Errors a service reports to the user: one Chinese sentence each."""


class ServiceError(Exception):
    """The request cannot be carried out; the database is unchanged."""


class NotFound(ServiceError):
    """The plan, node, unit or indicator asked for does not exist."""


class NoTableFound(ServiceError):
    """The file has no table the importer knows; ``sheets`` are the sheets where the clerk may name the header."""

    def __init__(self, message: str, sheets: tuple[str, ...]) -> None:
        super().__init__(message)
        self.sheets = sheets
