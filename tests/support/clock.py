"""A clock the tests move by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

TAIPEI = ZoneInfo("Asia/Taipei")


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 2, 10, 0, tzinfo=TAIPEI)  # a Monday

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
        self.now = datetime(year, month, day, hour, minute, tzinfo=TAIPEI)
        return self.now
