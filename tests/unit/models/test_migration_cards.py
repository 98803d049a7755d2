"""Migration 0011: the old single ``patrons.message`` becomes the first message of the messages
table (still readable in its column), and an item may then be ``claims_returned``; on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic import command
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from desk.models import Base
from desk.models.database import alembic_config, make_engine, upgrade

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)


def test_old_messages_are_carried_over(any_url: str) -> None:
    engine = make_engine(any_url)
    command.upgrade(alembic_config(engine), "0009")
    tables = Base.metadata.tables
    patrons = tables["patrons"]
    with engine.begin() as connection:
        connection.execute(insert(tables["locations"]).values(id=1, code="MAIN", name="Main"))
        connection.execute(insert(tables["patron_categories"]).values(code="student", name="S"))
        connection.execute(insert(tables["item_types"]).values(code="book", name="Book"))
        connection.execute(insert(tables["biblios"]).values(id=1, title="T", foreign=False))
        connection.execute(insert(tables["items"]).values(
            id=1, barcode="B1", biblio_id=1, item_type="book", location_id=1,
            status="on_loan", price=0, has_strip=True, loanable=True))
        for patron_id, message in ((1, "請補證件"), (2, None), (3, "  ")):
            connection.execute(insert(patrons).values(
                id=patron_id, barcode=f"P{patron_id}", name="A", category="student",
                blocked=False, lifetime_loans=0, created_at=NOW, message=message))
    upgrade(engine)
    with engine.begin() as connection:
        rows = connection.execute(select(tables["patron_messages"])).all()
        assert [(r.patron_id, r.text, r.author_id, r.acknowledged_at) for r in rows] == [
            (1, "請補證件", None, None)]
        assert rows[0].created_at.replace(tzinfo=timezone.utc) == NOW
        assert connection.execute(select(patrons.c.message).where(
            patrons.c.id == 1)).scalar() == "請補證件"          # the column stays readable
        connection.execute(update(tables["items"]).values(status="claims_returned"))
    with pytest.raises(IntegrityError), engine.begin() as connection:   # still checked
        connection.execute(update(tables["items"]).values(status="nonsense"))
    engine.dispose()
