"""The desk's automatic backup, Qt-free: back up when due (or when asked, after a day close),
then say how things stand. ``desk.ui.backup_schedule`` runs it off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk.backup.errors import BackupError
from desk.backup.naming import library_name
from desk.backup.service import BackupResult, run_backup
from desk.backup.status import BackupStatus, backup_status


@dataclass(frozen=True)
class AutoOutcome:
    """``result``: the backup made (None when none was due or it failed); ``error``: why it
    failed; ``status``: the folder afterwards."""

    status: BackupStatus
    result: BackupResult | None = None
    error: BackupError | None = None


def auto_backup(url: str, directory: Path, *, every_hours: int, keep_daily: int,
                keep_weekly: int, now_due: bool = False) -> AutoOutcome:
    """Back the library at ``url`` up into ``directory`` when ``now_due`` or when its newest
    backup there is older than ``every_hours`` (0: only when ``now_due``)."""
    library = library_name(url)
    status = backup_status(directory, library)
    due = now_due or (every_hours > 0 and status.older_than(every_hours))
    if not due or status.unwritable:
        return AutoOutcome(status)
    try:
        result = run_backup(url, directory, keep_daily=keep_daily, keep_weekly=keep_weekly)
    except BackupError as error:
        return AutoOutcome(backup_status(directory, library), error=error)
    return AutoOutcome(backup_status(directory, library), result=result)
