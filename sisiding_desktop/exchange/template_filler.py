"""Front door for fill-back: write a period's progress into a copy of the workbook the prefecture sent.

Loads openpyxl: import it where the filling happens, not at start.
"""

from sisiding_desktop.exchange.fill_back.template import ADDED_COLUMNS, FillReport, FillValues, fill_template

__all__ = ["ADDED_COLUMNS", "FillReport", "FillValues", "fill_template"]
