"""Consistent copies of a SQLite library while desks keep working, and their checks.

The copy is SQLite's online backup API run in one step inside a read transaction on the source:
in WAL mode writers go on meanwhile, and the copy is the snapshot that transaction sees, the
same one the row counts were read from. The copy is switched to a rollback journal (one
self-contained file), fsynced, then opened read-only and checked (``desk.backup.checks``).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from desk.backup.checks import Snapshot, run_checks, take_snapshot
from desk.backup.errors import BackupError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 30


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?mode={mode}"


@contextmanager
def sqlalchemy_on(raw: sqlite3.Connection) -> Iterator[Connection]:
    """A SQLAlchemy connection over an open sqlite3 connection (which stays the caller's)."""
    engine = create_engine("sqlite://", creator=lambda: raw, poolclass=StaticPool,
                           pool_reset_on_return=None)
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose(close=False)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def raw_snapshot(connection: sqlite3.Connection) -> Snapshot:
    """``take_snapshot`` on a sqlite3 connection, inside the transaction it has open (a
    SQLAlchemy connection over it would end that transaction when it first connects)."""
    names = sorted(row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite~_%' "
        "ESCAPE '~'"))
    counts = {name: int(connection.execute(
        f'SELECT count(*) FROM "{name.replace(chr(34), chr(34) * 2)}"').fetchone()[0])
        for name in names}
    revision = None
    if "alembic_version" in counts:
        revision = ",".join(sorted(row[0] for row in connection.execute(
            "SELECT version_num FROM alembic_version"))) or None
    return Snapshot(revision, counts)


def copy_database(source: Path, target: Path, *, journal_mode: str = "DELETE") -> Snapshot:
    """Copy the database ``source`` to the new file ``target``; the snapshot of what was copied.

    ``target`` is left in ``journal_mode`` and fsynced; the caller checks and renames it."""
    src = sqlite3.connect(_uri(source, "ro"), uri=True, isolation_level=None,
                          timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    try:
        src.execute("BEGIN")
        snapshot = raw_snapshot(src)
        dst = sqlite3.connect(target, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute(f"PRAGMA journal_mode={journal_mode}")
        finally:
            dst.close()
        src.execute("COMMIT")
    finally:
        src.close()
    fsync_file(target)
    return snapshot


def check_copy(path: Path, expected: Snapshot) -> list[str]:
    """The problems of the copy at ``path`` (opened read-only) against ``expected``."""
    raw = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False)
    try:
        with sqlalchemy_on(raw) as connection:
            return run_checks(connection, expected)
    finally:
        raw.close()


def read_backup(path: Path) -> Snapshot:
    """What the backup file at ``path`` holds, after checking it is a sound library database;
    ``BackupError`` for a missing, truncated, corrupted or foreign file."""
    try:
        with open(path, "rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupError("backup_unreadable", path=str(path), detail=error.strerror) from None
    if header != SQLITE_HEADER:
        raise BackupError("backup_not_a_database", path=str(path))
    raw = sqlite3.connect(_uri(path, "ro"), uri=True, check_same_thread=False)
    try:
        with sqlalchemy_on(raw) as connection:
            snapshot = take_snapshot(connection)
            problems = run_checks(connection, snapshot)
    except (sqlite3.DatabaseError, DBAPIError) as error:
        raise BackupError("backup_damaged", path=str(path),
                          detail=str(getattr(error, "orig", None) or error)) from None
    finally:
        raw.close()
    if snapshot.revision is None:
        raise BackupError("backup_not_a_library", path=str(path))
    if problems:
        raise BackupError("backup_damaged", path=str(path), detail=" ".join(problems))
    return snapshot
