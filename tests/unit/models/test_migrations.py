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
from desk.models.database import declared_for, make_engine, upgrade

NOW = datetime(2026, 11, 2, tzinfo=timezone.utc)


def test_migrations_match_models(any_url: str) -> None:
    engine = make_engine(any_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_object": declared_for(connection.dialect.name)})
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


def test_searched_text_sorts_by_code_point_on_every_database(any_url: str) -> None:
    engine = make_engine(any_url)
    upgrade(engine)
    names = ["b", "陳", "B", "a", "é", "Z"]
    with engine.begin() as connection:
        _seed(connection)
        for n, name in enumerate(names, start=2):
            connection.execute(insert(Base.metadata.tables["patrons"]).values(
                id=n, barcode=f"P{n}", name=name, category="student", blocked=False,
                lifetime_loans=0, created_at=NOW))
        ordered = connection.execute(
            text("SELECT name FROM patrons WHERE id > 1 ORDER BY name")).scalars().all()
    engine.dispose()
    assert ordered == ["B", "Z", "a", "b", "é", "陳"]   # the same order on SQLite and PostgreSQL


@pytest.mark.postgres
def test_postgresql_answers_prefix_and_substring_searches_from_indexes(pg_url: str) -> None:
    engine = make_engine(pg_url)
    upgrade(engine)
    plans = {}
    with engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # tiny tables: force the choice
        for label, query in {
            "patron name prefix": "SELECT id FROM patrons WHERE name LIKE '陳%'",
            "card prefix": "SELECT id FROM patrons WHERE barcode LIKE '2001%'",
            "item barcode prefix": "SELECT id FROM items WHERE barcode LIKE '3001%'",
            "title prefix": "SELECT id FROM biblios WHERE title LIKE '民法%'",
            "name substring": "SELECT id FROM patrons WHERE name ILIKE '%Smith%'",
            "title substring": "SELECT id FROM biblios WHERE title ILIKE '%algorithm%'",
        }.items():
            plans[label] = "\n".join(connection.exec_driver_sql(
                "EXPLAIN " + query.replace("%", "%%")).scalars())
    engine.dispose()
    for label, plan in plans.items():
        assert "Seq Scan" not in plan, f"{label} reads the whole table:\n{plan}"
    assert "ix_patrons_name_trgm" in plans["name substring"]
    assert "ix_biblios_title_trgm" in plans["title substring"]
