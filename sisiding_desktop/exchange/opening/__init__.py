"""Opening a received file safely, and streaming its sheets or Word tables into grids.

In: a path to an .xlsx/.xlsm or .docx file from anywhere (possibly broken, hostile or huge).
Out: :class:`~sisiding_desktop.exchange.grid.sheet_grid.SheetGrid` objects (and a Word document's paragraphs),
or an :class:`~sisiding_desktop.exchange.errors.ExchangeError` in Chinese; for fill-back, an openpyxl workbook
loaded only after the same checks. The package is checked (type, sizes, zip-bomb ratio) before any XML is read;
every limit (:mod:`limits`) is checked while streaming.
"""
