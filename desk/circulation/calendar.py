"""Open and closed days per location, and the date arithmetic the rules need.

Due dates on a closed day move to the next open day; the holds shelf counts open days; book-drop
returns are dated to the previous open day; overdue fines count open days only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# A calendar that is closed every day would loop for ever; no library closes this long.
MAX_CLOSED_RUN = 370
DAY_END = time(23, 59)


class Calendar:
    """The closed days of one location."""

    def __init__(self, closed: set[date] | list[date], tz: ZoneInfo) -> None:
        self._closed = sorted(set(closed))
        self._closed_set = set(self._closed)
        self.tz = tz

    def is_open(self, day: date) -> bool:
        return day not in self._closed_set

    def _step_to_open(self, day: date, step: int) -> date:
        for _ in range(MAX_CLOSED_RUN):
            if self.is_open(day):
                return day
            day += timedelta(days=step)
        raise ValueError(f"no open day within {MAX_CLOSED_RUN} days of {day}")

    def next_open_on_or_after(self, day: date) -> date:
        return self._step_to_open(day, 1)

    def previous_open_before(self, day: date) -> date:
        return self._step_to_open(day - timedelta(days=1), -1)

    def add_open_days(self, day: date, count: int) -> date:
        """The ``count``-th open day after ``day``."""
        for _ in range(count):
            day = self._step_to_open(day + timedelta(days=1), 1)
        return day

    def open_days_between(self, start: date, end: date) -> int:
        """Open days d with start < d <= end."""
        if end <= start:
            return 0
        closed = bisect_right(self._closed, end) - bisect_left(self._closed, start + timedelta(days=1))
        return (end - start).days - closed

    # --- local time helpers ----------------------------------------------------------------
    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    def end_of_day(self, day: date) -> datetime:
        """23:59 local on ``day``, the moment day loans fall due."""
        return end_of_day(day, self.tz)


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """23:59 in ``tz`` on ``day``: when day loans fall due and book-drop returns are dated."""
    return datetime.combine(day, DAY_END, tzinfo=tz)


def bookdrop_returned_at(day: date, tz: ZoneInfo, now: datetime) -> datetime:
    """When a book-drop return found on ``day``'s drop is dated: the end of that day, never
    later than ``now`` (a return cannot be dated in the future)."""
    return min(end_of_day(day, tz), now)
