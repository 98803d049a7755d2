"""Rotation keeps what the settings say: the newest backup of each of the last N days, of each
of the last M weeks, and the newest of all; other libraries' backups and other files stay."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import given, settings, strategies as st

from desk.backup.naming import BackupFile, backups_in, final_path, parse
from desk.backup.rotation import rotate, to_keep

START = datetime(2026, 1, 5, 9, 0, 0)      # a Monday


def _make(directory: Path, library: str, when: datetime) -> Path:
    path = final_path(directory, library, when, ".sqlite")
    path.write_bytes(b"x")
    return path


def test_rotation_keeps_the_newest_of_each_day_and_week(tmp_path: Path) -> None:
    # two backups a day (09:00 and 18:00) for 60 days
    made = [_make(tmp_path, "library", START + timedelta(days=day, hours=hour))
            for day in range(60) for hour in (0, 9)]
    other = _make(tmp_path, "branch", START)
    (tmp_path / "notes.txt").write_text("keep me")
    removed = rotate(tmp_path, "library", keep_daily=14, keep_weekly=8)
    kept = backups_in(tmp_path, "library")
    days = {backup.taken_at.date() for backup in kept}
    last = START + timedelta(days=59)
    # the 14 most recent days, each by its evening backup
    for n in range(14):
        day = (last - timedelta(days=n)).date()
        assert day in days
        assert [b.taken_at.hour for b in kept if b.taken_at.date() == day] == [18]
    weeks = {backup.taken_at.isocalendar()[:2] for backup in kept}
    expected_weeks = {(last - timedelta(weeks=n)).isocalendar()[:2] for n in range(8)}
    assert expected_weeks <= weeks
    assert len(kept) <= 14 + 8
    assert len(removed) == len(made) - len(kept)
    assert other.exists() and (tmp_path / "notes.txt").exists()


def test_rotation_always_keeps_the_newest(tmp_path: Path) -> None:
    for day in range(5):
        _make(tmp_path, "library", START + timedelta(days=day))
    rotate(tmp_path, "library", keep_daily=0, keep_weekly=0)
    kept = backups_in(tmp_path, "library")
    assert [b.taken_at for b in kept] == [START + timedelta(days=4)]


def test_backups_within_one_second_get_distinct_names(tmp_path: Path) -> None:
    first = _make(tmp_path, "my-library", START)
    second = _make(tmp_path, "my-library", START)
    assert first != second
    assert parse(first) == ("my-library", START, 1)
    assert parse(second) == ("my-library", START, 2)
    assert [b.path for b in backups_in(tmp_path)] == [first, second]    # second is newer
    rotate(tmp_path, "my-library", keep_daily=1, keep_weekly=0)
    assert not first.exists() and second.exists()
    assert parse(tmp_path / ".my-library-20260105-090000.sqlite.12.partial") is None


@settings(max_examples=60, deadline=None)
@given(offsets=st.lists(st.integers(min_value=0, max_value=200 * 24), min_size=1, max_size=60,
                        unique=True),
       daily=st.integers(min_value=0, max_value=20), weekly=st.integers(min_value=0, max_value=10))
def test_kept_backups_follow_the_settings(offsets: list[int], daily: int, weekly: int) -> None:
    backups = [BackupFile(START + timedelta(hours=hours), 1, Path(f"{hours}.sqlite"))
               for hours in offsets]
    keep = to_keep(backups, keep_daily=daily, keep_weekly=weekly)
    newest = max(backups)
    assert newest.path in keep
    kept = [b for b in backups if b.path in keep]
    assert len(kept) <= max(1, daily + weekly)
    days = sorted({b.taken_at.date() for b in backups}, reverse=True)[:daily]
    for day in days:      # each of the last `daily` days keeps exactly its newest backup
        of_day = [b for b in backups if b.taken_at.date() == day]
        assert max(of_day).path in keep
