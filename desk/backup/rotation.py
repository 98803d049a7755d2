"""Which backups to keep: the newest of each of the last ``keep_daily`` days that have one, the
newest of each of the last ``keep_weekly`` ISO weeks that have one, and always the newest of all.
Everything else of that library in the folder is removed; other files are never touched."""

from __future__ import annotations

from pathlib import Path

from desk.backup.naming import BackupFile, backups_in


def to_keep(backups: list[BackupFile], *, keep_daily: int, keep_weekly: int) -> set[Path]:
    """The paths of ``backups`` the settings keep."""
    newest_first = sorted(backups, reverse=True)
    keep = {newest_first[0].path} if newest_first else set()
    days: set[object] = set()
    weeks: set[object] = set()
    for backup in newest_first:
        day = backup.taken_at.date()
        week = backup.taken_at.isocalendar()[:2]
        if day not in days and len(days) < keep_daily:
            days.add(day)
            keep.add(backup.path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            keep.add(backup.path)
    return keep


def rotate(directory: Path, library: str, *, keep_daily: int, keep_weekly: int) -> list[Path]:
    """Remove the backups of ``library`` in ``directory`` that the settings do not keep; the
    removed paths."""
    backups = backups_in(directory, library)
    keep = to_keep(backups, keep_daily=keep_daily, keep_weekly=keep_weekly)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed
