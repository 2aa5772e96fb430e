"""Fill-back: a period's progress written into a copy of the workbook the prefecture sent, its layout kept.

In: the received template (opened through :mod:`~sisiding_desktop.exchange.opening`), the plan's measures and
their progress. Out: the filled copy, saved atomically, and a report of what was written and what was not.
The template's own progress columns are matched to the values (:mod:`template`), or new ones are added in
its style (:mod:`column_adding`) and sized so the table still prints readable (:mod:`page_fit`); cells keep text
as text and wrap (:mod:`cell_write`); rows grow to fit (:mod:`row_fit`), texts and columns measured by :mod:`widths`.
"""
