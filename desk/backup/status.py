"""Is the library backed up? The age of the newest good backup in the folder and whether the
folder can be written, for the desk's status-bar warning and the timer (a backup is due when the
newest is older than ``backup_every_hours``, whichever desk made it)."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from desk.backup.naming import BackupFile, latest_backup
from desk.config import Config, data_dir


@dataclass(frozen=True)
class BackupStatus:
    """``latest`` is None when the folder holds no backup of the library; ``unwritable`` says
    why the folder cannot be written ("" when it can)."""

    directory: Path
    latest: BackupFile | None
    age: timedelta | None
    unwritable: str

    def older_than(self, hours: int) -> bool:
        """No backup, or the newest is older than ``hours`` (0: never too old)."""
        if hours <= 0:
            return False
        return self.age is None or self.age > timedelta(hours=hours)


def writable_problem(directory: Path) -> str:
    """Why ``directory`` cannot take a backup ("" when a file can be created and removed)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".write-test-", dir=directory)
        os.close(fd)
        os.unlink(name)
    except OSError as error:
        return error.strerror or str(error)
    return ""


def backup_status(directory: Path, library: str, *, now: datetime | None = None) -> BackupStatus:
    """The state of ``library``'s backups in ``directory``, at ``now`` (local, naive)."""
    now = now or datetime.now()
    latest = latest_backup(directory, library)
    age = now - latest.taken_at if latest is not None else None
    return BackupStatus(directory, latest, age, writable_problem(directory))


def configured_directory(config: Config) -> Path:
    """The backup folder of the settings (``backup_dir``; empty: ``backups`` in the user data
    directory)."""
    value = str(config.get("backup_dir")).strip()
    return Path(value).expanduser() if value else data_dir() / "backups"
