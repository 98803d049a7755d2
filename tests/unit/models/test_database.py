"""SQLite transactions: writers take the write lock at BEGIN, readers never wait for it."""

from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from desk.models.database import SQLITE_MMAP_BYTES, make_engine, read_only, upgrade


def test_reader_is_not_blocked_by_a_writer(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with engine.connect() as writer:
        writer.begin()
        writer.execute(text("INSERT INTO locations (code, name) VALUES ('X', 'x')"))
        started = time.monotonic()
        with read_only(engine).connect() as reader:
            assert reader.execute(text("SELECT count(*) FROM locations")).scalar() == 0
        assert time.monotonic() - started < 1.0
        writer.commit()
    engine.dispose()


def test_second_writer_waits_for_the_first(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    impatient = make_engine(sqlite_url)
    with engine.connect() as first:
        first.begin()
        first.execute(text("INSERT INTO locations (code, name) VALUES ('X', 'x')"))
        with impatient.connect() as second:
            # Set on the driver connection: a statement through SQLAlchemy would begin first.
            second.connection.driver_connection.execute("PRAGMA busy_timeout=100")
            try:
                second.begin()
            except OperationalError as error:
                assert "locked" in str(error)
            else:
                raise AssertionError("BEGIN IMMEDIATE should wait for the first writer")
        first.commit()
    engine.dispose()
    impatient.dispose()


def test_connections_read_through_a_memory_map(sqlite_url: str) -> None:
    """Every connection of the desk's engine maps the file (reads are then page-cache hits, not
    a read() per page), readers and writers alike, and sees what the other writes."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with engine.begin() as writer:
        assert writer.exec_driver_sql("PRAGMA mmap_size").scalar() == SQLITE_MMAP_BYTES
        writer.execute(text("INSERT INTO locations (code, name) VALUES ('X', 'x')"))
    with read_only(engine).connect() as reader:
        assert reader.exec_driver_sql("PRAGMA mmap_size").scalar() == SQLITE_MMAP_BYTES
        assert reader.execute(text("SELECT name FROM locations WHERE code = 'X'")).scalar() == "x"
    engine.dispose()
