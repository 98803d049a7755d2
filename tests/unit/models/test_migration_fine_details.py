"""Migration 0006: charges written before it (their fine only in an English sentence) get the
structured fine details, read once from the sentence; other charges keep none."""

from __future__ import annotations

from datetime import datetime, timezone

from alembic import command
from sqlalchemy import insert, select

from desk.models import Base
from desk.models.database import alembic_config, make_engine, upgrade

NOW = datetime(2026, 11, 24, 2, 0)          # naive UTC, as stored: 10:00 in Taipei


def _seed_before_0006(url: str) -> None:
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "0005")
    tables = Base.metadata.tables
    with engine.begin() as connection:
        connection.execute(insert(tables["locations"]).values(id=1, code="MAIN", name="Main"))
        connection.execute(insert(tables["patron_categories"]).values(code="student", name="S"))
        connection.execute(insert(tables["patrons"]).values(
            id=1, barcode="P1", name="A", category="student", blocked=False, lifetime_loans=0,
            created_at=NOW.replace(tzinfo=timezone.utc)))
        rows = [
            (1, "overdue", 90, "B001 書名 1: 18 day(s) late, due 2026-11-06 23:59, "
                               "returned 2026-11-24 10:00 (capped)"),
            (2, "overdue_renewal", 30, "B002 Python 入門: 3 hour(s) late, due 2026-11-24 07:00, "
                                       "returned 2026-11-24 10:00"),
            (3, "lost_compensation", 450, "B003 書名 3: price"),
            (4, "ill_fee", 20, "館際 2 冊"),
        ]
        for charge_id, kind, amount, description in rows:
            connection.exec_driver_sql(
                "INSERT INTO charges (id, patron_id, kind, amount, paid, waived, created_at, "
                "description) VALUES (?, 1, ?, ?, 0, 0, ?, ?)",
                (charge_id, kind, amount, NOW.isoformat(sep=" "), description))
    engine.dispose()


def test_old_fine_sentences_become_fine_details(sqlite_url: str) -> None:
    _seed_before_0006(sqlite_url)
    engine = make_engine(sqlite_url)
    upgrade(engine)
    charges = Base.metadata.tables["charges"]
    with engine.connect() as connection:
        rows = {row.id: row for row in connection.execute(select(charges))}
    engine.dispose()
    day = rows[1]
    assert (day.fine_units, day.fine_unit, day.fine_capped) == (18, "day", True)
    assert day.fine_rate is None                 # capped: the rate is not in the sentence
    assert day.fine_due_at.replace(tzinfo=timezone.utc) == datetime(
        2026, 11, 6, 15, 59, tzinfo=timezone.utc)
    assert day.fine_returned_at.replace(tzinfo=timezone.utc) == datetime(
        2026, 11, 24, 2, 0, tzinfo=timezone.utc)
    hour = rows[2]
    assert (hour.fine_units, hour.fine_unit, hour.fine_rate, hour.fine_capped) == (
        3, "hour", 10, False)
    assert hour.fine_due_at.replace(tzinfo=timezone.utc) == datetime(
        2026, 11, 23, 23, 0, tzinfo=timezone.utc)
    for other in (rows[3], rows[4]):
        assert (other.fine_units, other.fine_unit, other.fine_rate, other.fine_due_at,
                other.fine_returned_at, other.fine_capped) == (None,) * 6
        assert other.description in ("B003 書名 3: price", "館際 2 冊")
