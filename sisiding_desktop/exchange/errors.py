"""The one error an import raises: a file that cannot be read at all."""


class ExchangeError(Exception):
    """The file cannot be imported.

    The message is one Chinese sentence naming the file and, where it applies,
    the sheet, row or cell. Rows that merely cannot be placed never raise; they
    become :class:`~sisiding_desktop.exchange.parsed.ImportWarning` values.
    """
