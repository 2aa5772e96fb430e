"""What every room reads: a sheet or a Word table as a grid of texts.

In: cell values (numbers, dates, rich text) and merged ranges, from whichever reader streamed them.
Out: :class:`sheet_grid.SheetGrid`, each cell's text as a person reads it, merges carried down.
"""
