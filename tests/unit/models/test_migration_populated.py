"""A library in use upgrades: migrations that rebuild a table on SQLite (``batch_alter_table``
copies it and drops the old one) must not trip over the rows that point at it — a loan at its
item, a hold at its patron — and must leave every foreign key whole and enforced."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from desk.models import Base
from desk.models.database import alembic_config, make_engine, upgrade

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)


def test_a_library_with_loans_upgrades_from_0009(any_url: str) -> None:
    engine = make_engine(any_url)
    command.upgrade(alembic_config(engine), "0009")
    tables = Base.metadata.tables
    with engine.begin() as connection:
        connection.execute(insert(tables["locations"]).values(id=1, code="MAIN", name="Main"))
        connection.execute(insert(tables["desks"]).values(id=1, code="MAIN-1", location_id=1))
        connection.execute(insert(tables["staff_users"]).values(
            id=1, login="clerk", name="Clerk", role="staff", password_hash="x", active=True))
        connection.execute(insert(tables["patron_categories"]).values(code="student", name="S"))
        connection.execute(insert(tables["item_types"]).values(code="book", name="Book"))
        connection.execute(insert(tables["biblios"]).values(id=1, title="T", foreign=False))
        connection.execute(insert(tables["items"]).values(
            id=1, barcode="B1", biblio_id=1, item_type="book", location_id=1,
            status="on_loan", price=0, has_strip=True, loanable=True))
        connection.execute(insert(tables["patrons"]).values(
            id=1, barcode="P1", name="A", category="student", blocked=False,
            lifetime_loans=1, created_at=NOW))
        connection.execute(insert(tables["loans"]).values(
            id=1, item_id=1, patron_id=1, desk_id=1, staff_id=1, out_at=NOW,
            due_at=NOW + timedelta(days=14), hourly=False, renewals=0, origin="desk"))
    upgrade(engine)
    with engine.begin() as connection:
        loan = connection.execute(select(tables["loans"])).one()
        assert (loan.item_id, loan.patron_id) == (1, 1)
        assert connection.execute(select(tables["items"].c.barcode)).scalar() == "B1"
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    # and the keys are still enforced on the connections the desk opens afterwards
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(tables["loans"]).values(
            id=2, item_id=99, patron_id=1, desk_id=1, staff_id=1, out_at=NOW,
            due_at=NOW, hourly=False, renewals=0, origin="desk"))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()
