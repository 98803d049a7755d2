"""Writing the few rows an operation changed with Core UPDATEs instead of a unit-of-work flush.

An operation reads its rows through the ORM and changes two or three of them; flushing that
through the unit of work costs more than the statements themselves, so the hot operations
(checkin, renewal) write their changed columns with one prepared UPDATE per row.
"""

from __future__ import annotations

import functools
from typing import Any, cast

from sqlalchemy import Table, Update, bindparam, inspect, update

from desk.circulation.context import OpContext


def write_back(ctx: OpContext, *rows: object) -> None:
    """Write what changed in ``rows`` (ORM objects of this session) with one Core UPDATE each
    and detach them, instead of a unit-of-work flush: for the two or three rows an operation
    changes the flush costs more than the statements. Anything else pending is flushed."""
    for row in rows:
        if row is None:
            continue
        state = inspect(row)
        if state.session is not ctx.session or not state.modified:
            continue
        changed: dict[str, Any] = {}
        columns = state.mapper.column_attrs
        # committed_state holds the value as loaded of each attribute set since: a plain
        # comparison is all the history the two or three columns need
        for key, loaded in state.committed_state.items():
            if key in columns and key in state.dict:
                value = state.dict[key]
                if value is not loaded and value != loaded:
                    changed[columns[key].columns[0].name] = value
        if changed:
            ctx.session.connection().execute(
                update_by_id(cast(Table, state.mapper.local_table), tuple(sorted(changed))),
                {"row_id": state.identity[0], **changed})
        ctx.session.expunge(row)
    ctx.session.flush()


@functools.cache
def update_by_id(table: Table, columns: tuple[str, ...]) -> Update:
    """``UPDATE table SET columns WHERE id = :row_id``, built once per table and columns."""
    return (update(table).where(table.c.id == bindparam("row_id"))
            .values({name: bindparam(name) for name in columns}))
