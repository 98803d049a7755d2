"""Restoring a backup: into a new database next to the target, checked, then swapped in.

SQLite: the backup is copied (online backup API) to a hidden new file beside the library file,
checked against what the backup holds, switched to WAL, and only then put in the library file's
place. The old file is kept as ``<name>.before-restore-<time>`` (a hard link made before the
swap, so at every instant the library's name is a whole database). A desk still running on the
file is detected by SQLite's lock (an exclusive lock cannot be had) and the restore refused.

PostgreSQL: ``pg_restore`` into the target when it is empty; when it holds data, into a new
database on the same server, checked, then the two are renamed (the old one kept as
``<name>_before_restore_<time>``), refused while any desk is connected to the target.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, text as sql
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desk.backup import naming, pg, sqlite_copy
from desk.backup.checks import Snapshot, run_checks, take_snapshot
from desk.backup.errors import BackupError
from desk.backup.service import sqlite_path
from desk.backup.summary import LibrarySummary, summarize
from desk.durable import fsync_directory

LOCK_WAIT_S = 2
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreResult:
    target: str               # the library file or database name restored
    kept: str | None          # where the library it replaced was kept (None: there was none)
    summary: LibrarySummary   # what the restored library holds


def is_pg_dump(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            return file.read(len(pg.PGDUMP_MAGIC)) == pg.PGDUMP_MAGIC
    except OSError:
        return False


def inspect_backup(path: Path, url: str) -> Snapshot:
    """What the backup at ``path`` holds, checked, and that it suits the database at ``url``
    (a SQLite backup for a SQLite library, a dump for PostgreSQL)."""
    if not path.is_file():
        raise BackupError("backup_unreadable", path=str(path), detail="no such file")
    on_sqlite = make_url(url).get_backend_name() == "sqlite"
    if is_pg_dump(path):
        if on_sqlite:
            raise BackupError("restore_kind_mismatch", path=str(path))
        return pg.read_dump(path)
    snapshot = sqlite_copy.read_backup(path)
    if not on_sqlite:       # a sound SQLite backup, but the library is on PostgreSQL
        raise BackupError("restore_kind_mismatch", path=str(path))
    return snapshot


def holds_data(url: str) -> bool:
    """True when the library at ``url`` exists and has any row in any table."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return False
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            return take_snapshot(connection).rows > 0
    finally:
        engine.dispose()


def restore(path: Path, url: str, expected: Snapshot, *, now: datetime | None = None
            ) -> RestoreResult:
    """Restore the backup at ``path`` (already read by ``inspect_backup`` as ``expected``) into
    the library at ``url``. The caller decides whether replacing a library is allowed."""
    stamp = (now or datetime.now()).strftime(naming.STAMP)
    target = sqlite_path(url)
    if target is not None:
        kept = _restore_sqlite(path, target, expected, stamp)
        name = str(target)
    else:
        kept = _restore_pg(path, url, expected, stamp)
        name = str(make_url(url).database)
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            summary = summarize(connection)
    finally:
        engine.dispose()
    return RestoreResult(name, kept, summary)


def _engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        return create_engine(f"sqlite:///{path}", connect_args={"timeout": LOCK_WAIT_S})
    return create_engine(url)


# --- SQLite ---------------------------------------------------------------------------------
def _restore_sqlite(backup: Path, target: Path, expected: Snapshot, stamp: str) -> str | None:
    target.parent.mkdir(parents=True, exist_ok=True)
    new = target.with_name(f".{target.name}.restoring-{stamp}")
    new.unlink(missing_ok=True)
    try:
        sqlite_copy.copy_database(backup, new)
        problems = sqlite_copy.check_copy(new, expected)
        if problems:
            raise BackupError("restore_check_refused", detail=" ".join(problems))
        connection = sqlite3.connect(new, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        finally:
            connection.close()
        sqlite_copy.fsync_file(new)
        kept = None
        if target.exists():
            release_sqlite(target)
            kept_path = target.with_name(f"{target.name}.before-restore-{stamp}")
            try:
                os.link(target, kept_path)
            except OSError:    # no hard links here (FAT, some shares): rename, then swap
                os.replace(target, kept_path)
            kept = str(kept_path)
        os.replace(new, target)
        fsync_directory(target.parent)
        return kept
    except OSError as error:
        raise BackupError("restore_write_failed", path=str(target),
                          detail=error.strerror or str(error)) from None
    finally:
        new.unlink(missing_ok=True)


def release_sqlite(target: Path) -> None:
    """Make sure nobody uses the library file ``target``: take SQLite's exclusive lock (refused
    while any desk has the file open), fold its WAL into the file and let go, so the file alone
    is the whole library."""
    connection = sqlite3.connect(target, isolation_level=None, timeout=LOCK_WAIT_S)
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("COMMIT")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.OperationalError:
        raise BackupError("restore_target_in_use", path=str(target)) from None
    except sqlite3.DatabaseError as error:
        # The library being replaced is itself damaged: it is kept as it is, and replaced.
        log.warning("the library being replaced (%s) is damaged: %s", target, error)
    finally:
        connection.close()


# --- PostgreSQL -----------------------------------------------------------------------------
def _restore_pg(dump: Path, url: str, expected: Snapshot, stamp: str) -> str | None:
    database = make_url(url).database or ""
    if pg.database_is_empty(url):
        pg.restore_into(dump, url)
        _check_pg(url, expected)
        return None
    new, kept = f"{database}_restore_{stamp}", f"{database}_before_restore_{stamp}"
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    preparer = server.dialect.identifier_preparer
    try:
        with server.connect() as connection:
            connection.execute(sql(f"CREATE DATABASE {preparer.quote(new)}"))
        try:
            pg.restore_into(dump, url, new)
            _check_pg(make_url(url).set(database=new).render_as_string(hide_password=False),
                      expected)
            with server.connect() as connection:
                users = connection.execute(sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = :name "
                    "AND pid <> pg_backend_pid()"), {"name": database}).scalar_one()
                if users:
                    raise BackupError("restore_target_in_use", path=database)
                connection.execute(sql(f"ALTER DATABASE {preparer.quote(database)} "
                                       f"RENAME TO {preparer.quote(kept)}"))
                connection.execute(sql(f"ALTER DATABASE {preparer.quote(new)} "
                                       f"RENAME TO {preparer.quote(database)}"))
        except BaseException:
            with server.connect() as connection:
                connection.execute(sql(f"DROP DATABASE IF EXISTS {preparer.quote(new)}"))
            raise
    except DBAPIError as error:
        raise BackupError("restore_write_failed", path=database,
                          detail=str(error.orig).splitlines()[0] if error.orig else "") from None
    finally:
        server.dispose()
    return kept


def _check_pg(url: str, expected: Snapshot) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            problems = run_checks(connection, expected)
    finally:
        engine.dispose()
    if problems:
        raise BackupError("restore_check_refused", detail=" ".join(problems))
