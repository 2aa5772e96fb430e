"""Text sorted the same on every database: by code point.

SQLite compares text byte by byte (BINARY), which for UTF-8 is code-point order. A PostgreSQL server sorts by
its database's collation, often a language's rules (en_US, zh_CN: ``a A b B``, pinyin). ``code_point_order``
asks PostgreSQL for its ``"C"`` collation, which is code-point order too, so lists come out the same on both.
"""

from __future__ import annotations

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class code_point_order(FunctionElement):  # noqa: N801 - used like a SQL function
    """``ORDER BY code_point_order(column)``: the column's text in code-point order, whatever the database."""

    inherit_cache = True
    name = "code_point_order"


@compiles(code_point_order)
def _as_is(element: code_point_order, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(code_point_order, "postgresql")
def _in_c_collation(element: code_point_order, compiler, **kw) -> str:
    return f'{compiler.process(element.clauses, **kw)} COLLATE "C"'
