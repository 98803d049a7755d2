"""``LeadingJoin``: an inner join whose left table SQLite must read first.

SQLite's planner picks the join order from its statistics, and a library file that has never
been analysed has none: it may then read a big table first and look the small one up for each
of its rows. ``CROSS JOIN`` is SQLite's documented way to keep the order as written; on other
databases ``LeadingJoin`` is a plain ``JOIN`` (PostgreSQL keeps its statistics up to date itself).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, FromClause, Join, Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler


class LeadingJoin(Join):
    """``left JOIN right ON onclause``, ``left`` read first on SQLite."""

    inherit_cache = True

    def __init__(self, left: FromClause, right: FromClause, onclause: ColumnElement[bool]) -> None:
        # two tables (a model's ``__table__``): the SQLite rendering below relies on it
        if not isinstance(left, Table) or not isinstance(right, Table):
            raise TypeError("LeadingJoin joins two tables")
        super().__init__(left, right, onclause)


@compiles(LeadingJoin, "sqlite")
def _cross_join_on_sqlite(join: LeadingJoin, compiler: SQLCompiler, **kw: Any) -> str:
    # "<left table> JOIN <right table> ON ...": both sides are tables, so the first " JOIN "
    # is the join's own
    rendered: str = compiler.visit_join(join, **kw)
    return rendered.replace(" JOIN ", " CROSS JOIN ", 1)
