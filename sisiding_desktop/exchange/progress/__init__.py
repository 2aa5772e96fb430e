"""Returned progress: a filled-in progress table read back, and its rows matched to a plan's measures.

In: grids of a progress table (推进情况表) as a unit or the prefecture filled it in.
Out: one :class:`reader.ProgressRowRead` per measure row (进展情况, 完成率, 状态, 存在问题, 下步计划),
and :mod:`row_matching`'s pairing of received rows with the plan's measures (also used by fill-back).
The progress columns are recognised in :mod:`columns`; status words and percents in :mod:`values`.
"""
