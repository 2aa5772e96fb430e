"""A grid → a plan tree, read as a person reads a 任务分工表 or a 主要指标表.

In: grids (from :mod:`~sisiding_desktop.exchange.opening`, never read here directly).
Out: :class:`~sisiding_desktop.exchange.parsed.ParsedNode` trees and indicators, with warnings.
Where things live: the header row and the column vocabulary (:mod:`header`, :mod:`task_columns`);
numbering labels 一、（一）1. (:mod:`labels`); groups, tasks, measures and the page-split repeats joined
(:mod:`tree_builder`); the title and 附件 above a table (:mod:`sheet_meta`); indicators (:mod:`indicator_reader`).
"""
