"""The migration chain produces exactly the models' schema, and the schema guards the data."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, insert, text
from sqlalchemy.exc import IntegrityError

from desk.circulation.service import _is_open_loan_race
from desk.models import Base
from desk.models.database import make_engine, upgrade

NOW = datetime(2026, 11, 2, tzinfo=timezone.utc)


def test_migrations_match_models(any_url: str) -> None:
    engine = make_engine(any_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_upgrade_twice_is_harmless(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    upgrade(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_sqlite_connection_settings(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10000
    engine.dispose()


def _seed(connection) -> None:  # noqa: ANN001
    tables = Base.metadata.tables
    connection.execute(insert(tables["locations"]).values(id=1, code="MAIN", name="Main"))
    connection.execute(insert(tables["desks"]).values(id=1, code="D", location_id=1))
    connection.execute(insert(tables["staff_users"]).values(
        id=1, login="s", name="S", role="staff", password_hash="x", active=True))
    connection.execute(insert(tables["patron_categories"]).values(code="student", name="S"))
    connection.execute(insert(tables["item_types"]).values(code="book", name="Book"))
    connection.execute(insert(tables["patrons"]).values(
        id=1, barcode="P1", name="A", category="student", blocked=False, lifetime_loans=0,
        created_at=NOW))
    connection.execute(insert(tables["biblios"]).values(id=1, title="T", foreign=False))
    connection.execute(insert(tables["items"]).values(
        id=1, barcode="I1", biblio_id=1, item_type="book", location_id=1, status="on_loan",
        price=0, has_strip=True, loanable=True))


def _loan(connection, returned_at=None) -> None:  # noqa: ANN001
    connection.execute(insert(Base.metadata.tables["loans"]).values(
        item_id=1, patron_id=1, desk_id=1, staff_id=1, out_at=NOW, due_at=NOW, hourly=False,
        renewals=0, returned_at=returned_at, origin="desk"))


def test_schema_allows_one_open_loan_per_item(any_url: str) -> None:
    engine = make_engine(any_url)
    upgrade(engine)
    with engine.begin() as connection:
        _seed(connection)
        _loan(connection, returned_at=NOW)
        _loan(connection, returned_at=NOW)  # closed loans may repeat
        _loan(connection)
    with pytest.raises(IntegrityError) as error:
        with engine.begin() as connection:
            _loan(connection)
    assert _is_open_loan_race(error.value)  # the service tells this apart from other failures
    with engine.connect() as connection:
        open_loans = connection.execute(
            text("SELECT count(*) FROM loans WHERE returned_at IS NULL")).scalar()
    assert open_loans == 1
    engine.dispose()


@pytest.mark.parametrize("table,values", [
    ("charges", dict(patron_id=1, kind="overdue", amount=-5, paid=0, waived=0, created_at=NOW,
                     description="")),
    ("charges", dict(patron_id=1, kind="overdue", amount=5, paid=6, waived=0, created_at=NOW,
                     description="")),
    ("payments", dict(receipt_no="R1", patron_id=1, desk_id=1, staff_id=1, method="cash",
                      amount=-1, paid_at=NOW, business_date=NOW.date())),
    ("items", dict(barcode="I2", biblio_id=1, item_type="book", location_id=1,
                   status="available", price=-1, has_strip=True, loanable=True)),
])
def test_schema_refuses_negative_money(any_url: str, table: str, values: dict) -> None:
    engine = make_engine(any_url)
    upgrade(engine)
    with engine.begin() as connection:
        _seed(connection)
    with pytest.raises(IntegrityError) as error:
        with engine.begin() as connection:
            connection.execute(insert(Base.metadata.tables[table]).values(**values))
    assert not _is_open_loan_race(error.value)
    engine.dispose()
