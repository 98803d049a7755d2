"""One backup of a library into a folder: copy under a temporary name, check, rename, rotate.

``run_backup(url, directory, keep_daily=..., keep_weekly=...)`` is what ``python -m desk
backup`` and the desk's timer call. Until every check passed the copy has only its hidden
temporary name, so a crash, a kill or a full disk mid-way leaves earlier backups untouched and
no file that looks like a backup; a failed copy is removed. Leftovers of killed runs older than
``STALE_PARTIAL`` are removed by the next backup.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
import sqlite3

from desk.backup import naming, pg, sqlite_copy
from desk.backup.checks import Snapshot
from desk.backup.errors import BackupError
from desk.backup.rotation import rotate
from desk.backup.status import writable_problem
from desk.durable import fsync_directory

STALE_PARTIAL = timedelta(days=1)


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    seconds: float
    snapshot: Snapshot
    removed: list[Path] = field(default_factory=list)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def remove_stale_partials(directory: Path, *, now: float | None = None) -> list[Path]:
    now = time.time() if now is None else now
    removed = []
    for path in directory.glob(f".*{naming.PARTIAL_SUFFIX}"):
        try:
            if now - path.stat().st_mtime > STALE_PARTIAL.total_seconds():
                path.unlink()
                removed.append(path)
        except FileNotFoundError:
            continue
    return removed


def run_backup(url: str, directory: Path, *, keep_daily: int, keep_weekly: int,
               now: datetime | None = None) -> BackupResult:
    """Back up the library at ``url`` into ``directory``, then rotate its backups there."""
    started = time.monotonic()
    problem = writable_problem(directory)
    if problem:
        raise BackupError("backup_dir_unwritable", directory=str(directory), detail=problem)
    remove_stale_partials(directory)
    library = naming.library_name(url)
    final = naming.final_path(directory, library, now or datetime.now(), naming.suffix_for(url))
    partial = naming.partial_path(final, os.getpid())
    try:
        snapshot = _copy_and_check(url, partial)
        os.replace(partial, final)
        fsync_directory(directory)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    size = final.stat().st_size
    removed = rotate(directory, library, keep_daily=keep_daily, keep_weekly=keep_weekly)
    return BackupResult(final, size, time.monotonic() - started, snapshot,
                        removed)


def _copy_and_check(url: str, partial: Path) -> Snapshot:
    source = sqlite_path(url)
    if source is None and make_url(url).get_backend_name() == "sqlite":
        raise BackupError("backup_no_file", url=url)
    try:
        if source is not None:
            if not source.is_file():
                raise BackupError("backup_no_file", url=url)
            snapshot = sqlite_copy.copy_database(source, partial)
            problems = sqlite_copy.check_copy(partial, snapshot)
        else:
            snapshot = pg.dump(url, partial)
            found = pg.read_dump(partial)
            problems = [] if found == snapshot else [_dump_difference(found, snapshot)]
    except OSError as error:
        raise BackupError("backup_write_failed", path=str(partial),
                          detail=error.strerror or str(error)) from None
    except (DBAPIError, sqlite3.Error) as error:
        raise BackupError("backup_source_failed",
                          detail=str(getattr(error, "orig", None) or error).splitlines()[0]) from None
    if problems:
        raise BackupError("backup_check_refused", detail=" ".join(problems))
    return snapshot


def _dump_difference(found: Snapshot, expected: Snapshot) -> str:
    from desk.wording import text
    if found.revision != expected.revision:
        return text("backup_check_revision", found=found.revision or "-",
                    expected=expected.revision or "-")
    names = sorted(set(found.counts) | set(expected.counts))
    return text("backup_check_counts", detail=", ".join(
        f"{name} {found.counts.get(name, '-')}≠{expected.counts.get(name, '-')}"
        for name in names if found.counts.get(name) != expected.counts.get(name)))
