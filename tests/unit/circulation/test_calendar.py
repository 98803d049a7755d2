"""Open-day arithmetic."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from desk.circulation.calendar import Calendar

TZ = ZoneInfo("Asia/Taipei")
# Closed: Sat 7 and Sun 8 November 2026, and Tuesday 10.
CLOSED = {date(2026, 11, 7), date(2026, 11, 8), date(2026, 11, 10)}


def test_next_open_skips_closed_days() -> None:
    cal = Calendar(CLOSED, TZ)
    assert cal.next_open_on_or_after(date(2026, 11, 7)) == date(2026, 11, 9)
    assert cal.next_open_on_or_after(date(2026, 11, 6)) == date(2026, 11, 6)


def test_previous_open_day_for_book_drop() -> None:
    cal = Calendar(CLOSED, TZ)
    assert cal.previous_open_before(date(2026, 11, 9)) == date(2026, 11, 6)
    assert cal.previous_open_before(date(2026, 11, 11)) == date(2026, 11, 9)


def test_add_open_days_counts_only_open_days() -> None:
    cal = Calendar(CLOSED, TZ)
    assert cal.add_open_days(date(2026, 11, 5), 7) == date(2026, 11, 15)


def test_open_days_between() -> None:
    cal = Calendar(CLOSED, TZ)
    assert cal.open_days_between(date(2026, 11, 5), date(2026, 11, 11)) == 3
    assert cal.open_days_between(date(2026, 11, 11), date(2026, 11, 5)) == 0


def test_end_of_day_is_2359_local() -> None:
    cal = Calendar(set(), TZ)
    end = cal.end_of_day(date(2026, 11, 5))
    assert (end.hour, end.minute, end.utcoffset().total_seconds()) == (23, 59, 8 * 3600)
