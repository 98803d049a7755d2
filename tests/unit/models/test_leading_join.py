"""``LeadingJoin``: CROSS JOIN (SQLite's fixed join order) on SQLite, a plain JOIN elsewhere."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from desk.models import Hold, Item
from desk.models.leading_join import LeadingJoin


def _holds_then_items() -> object:
    return select(Hold.id, Item.barcode).select_from(
        LeadingJoin(Hold.__table__, Item.__table__, Item.biblio_id == Hold.biblio_id))


def test_sqlite_reads_the_left_table_first() -> None:
    sql = str(_holds_then_items().compile(dialect=sqlite.dialect()))  # type: ignore[attr-defined]
    assert "FROM holds CROSS JOIN items ON items.biblio_id = holds.biblio_id" in sql


def test_other_databases_get_a_plain_join() -> None:
    sql = str(_holds_then_items().compile(dialect=postgresql.dialect()))  # type: ignore[attr-defined]
    assert "FROM holds JOIN items ON items.biblio_id = holds.biblio_id" in sql
    assert "CROSS" not in sql


def test_only_tables_are_joined() -> None:
    holds = select(Hold.id, Hold.biblio_id).subquery()
    with pytest.raises(TypeError):
        LeadingJoin(holds, Item.__table__, Item.biblio_id == holds.c.biblio_id)
