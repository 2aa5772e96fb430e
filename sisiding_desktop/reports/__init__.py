"""Report layouts: rows, cells, spans, styles and page set-up built from plan data.

One layout feeds every output (xlsx, PDF, print preview), so a table looks the
same on screen, on paper and in Excel.
"""
