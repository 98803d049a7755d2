"""Backup file names: ``<library>-<YYYYmmdd-HHMMSS>.sqlite`` (or ``.pgdump``), the library named
after its database (the SQLite file's stem, the PostgreSQL database's name), the time the local
time of the copy's snapshot. Only a checked backup carries such a name; a copy being written has
a hidden temporary name (``.<final name>.<pid>.partial``) in the same folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

SQLITE_SUFFIX = ".sqlite"
PG_SUFFIX = ".pgdump"
PARTIAL_SUFFIX = ".partial"
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<library>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
                   r"(?P<suffix>\.sqlite|\.pgdump)$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, order=True)
class BackupFile:
    """A backup found in a folder: when it was taken (``sequence``: 1, or the ``-N`` of a
    later backup within the same second), and where it is."""

    taken_at: datetime
    sequence: int
    path: Path


def library_name(url: str) -> str:
    """The library's name in backup file names: the database file's stem or the database name,
    reduced to letters, digits, ``.``, ``_`` and ``-``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        name = Path(parsed.database or "library").stem
    else:
        name = parsed.database or "library"
    return _UNSAFE.sub("_", name).strip("._-") or "library"


def suffix_for(url: str) -> str:
    return SQLITE_SUFFIX if make_url(url).get_backend_name() == "sqlite" else PG_SUFFIX


def final_path(directory: Path, library: str, taken_at: datetime, suffix: str) -> Path:
    """A name for a new backup, newer than any other of that second: ``-2``, ``-3`` ... after
    the highest sequence already used (even if rotation removed the earlier ones)."""
    base = f"{library}-{taken_at.strftime(STAMP)}"
    used = [parsed[2] for path in directory.glob(f"{base}*")
            if (parsed := parse(path)) is not None and parsed[0] == library]
    number = max(used, default=0) + 1
    return directory / (f"{base}{suffix}" if number == 1 else f"{base}-{number}{suffix}")


def partial_path(final: Path, pid: int) -> Path:
    """The temporary name a backup is written under before it is checked."""
    return final.with_name(f".{final.name}.{pid}{PARTIAL_SUFFIX}")


def parse(path: Path) -> tuple[str, datetime, int] | None:
    """(library, time taken, sequence) of a backup's file name, or None for any other file."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        return match["library"], datetime.strptime(match["stamp"], STAMP), int(match["n"] or 1)
    except ValueError:
        return None


def backups_in(directory: Path, library: str | None = None) -> list[BackupFile]:
    """The backups in ``directory`` (of ``library`` only, when given), oldest first."""
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        parsed = parse(path)
        if parsed is not None and (library is None or parsed[0] == library) and path.is_file():
            found.append(BackupFile(parsed[1], parsed[2], path))
    return sorted(found)


def latest_backup(directory: Path, library: str | None = None) -> BackupFile | None:
    found = backups_in(directory, library)
    return found[-1] if found else None
