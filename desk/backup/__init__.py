"""Backups and restores of a library database, without Qt.

``run_backup`` (``service``) makes one checked backup and rotates; ``backup_status`` (``status``)
says how old the newest is; ``inspect_backup``/``holds_data``/``restore`` (``restore``) bring one
back. Names in ``naming``, checks in ``checks`` (a list of named checks), the SQLite copy in
``sqlite_copy``, ``pg_dump``/``pg_restore`` in ``pg``, what to keep in ``rotation``. Every refusal
is a ``BackupError`` with a stable code and a message in the user's language.
"""

from __future__ import annotations

from desk.backup.checks import CHECKS, Check, Snapshot
from desk.backup.errors import BackupError
from desk.backup.naming import BackupFile, backups_in, latest_backup, library_name
from desk.backup.restore import RestoreResult, holds_data, inspect_backup, restore
from desk.backup.service import BackupResult, run_backup
from desk.backup.status import BackupStatus, backup_status

__all__ = ["CHECKS", "BackupError", "BackupFile", "BackupResult", "BackupStatus", "Check",
           "RestoreResult", "Snapshot", "backup_status", "backups_in", "holds_data",
           "inspect_backup", "latest_backup", "library_name", "restore", "run_backup"]
