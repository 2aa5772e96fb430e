"""The files that travel between county and prefecture: plans and returned progress in, the received template filled.

Three front doors, one per journey; everything outside this package imports only these (and the two
vocabularies every door speaks, :mod:`errors` and :mod:`parsed`):

- :mod:`plan_reader`: an .xlsx or .docx 任务分工表 (or a prose 方案) → a :class:`parsed.ParsedPlan`;
- :mod:`progress_reader`: a filled-in progress table → its rows, and those rows matched to a plan's measures;
- :mod:`template_filler`: a period's progress → a copy of the workbook the prefecture sent, filled in.

Behind the doors, the rooms, each importing only the ones listed after it:

- ``fill_back/``   writing into a received template: its progress columns found or added, cells, row heights;
- ``progress/``    returned progress: its columns, status and percent values, rows matched to measures;
- ``prose/``       a plan written as prose: headings, numbered items, unit annotations;
- ``plan_table/``  a grid → a plan tree: the header and column vocabulary, labels, page-split repeats, indicators;
- ``opening/``     a file opened safely: package checks, limits, sheets and Word tables streamed into grids;
- ``grid/``        what every room reads: a sheet or Word table as a grid of texts, and cell values as text.

``plan_table`` and ``opening`` do not know each other: a tree is built from grids, wherever they came from.
"""
