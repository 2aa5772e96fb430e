"""A plan written as prose (方案) → a plan tree, for a Word document that has no task table.

In: a document's paragraphs, in order. Out: a :class:`~sisiding_desktop.exchange.parsed.ParsedPlan` built from
its headings and numbered items, with the units and deadlines its annotations name (:mod:`units`).
"""
