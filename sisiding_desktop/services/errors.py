"""Errors a service reports to the user: one Chinese sentence each."""


class ServiceError(Exception):
    """The request cannot be carried out; the database is unchanged."""


class NotFound(ServiceError):
    """The plan, node, unit or indicator asked for does not exist."""
