"""The errors an import raises: a file that cannot be read at all, or one without any table it knows."""


class ExchangeError(Exception):
    """The file cannot be imported.

    The message is one Chinese sentence naming the file and, where it applies,
    the sheet, row or cell. Rows that merely cannot be placed never raise; they
    become :class:`~sisiding_desktop.exchange.parsed.ImportWarning` values.
    """


class NoTableFound(ExchangeError):
    """The file opened, but no sheet (or Word table) has a header the importer knows.

    ``sheets`` names the sheets or tables there are, so the clerk can say which row is the header.
    """

    def __init__(self, message: str, sheets: tuple[str, ...]) -> None:
        super().__init__(message)
        self.sheets = sheets
