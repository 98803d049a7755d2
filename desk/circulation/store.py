"""What the operations need of an open library: sessions, the clock, the policy and the cached
reference data (rules, calendars, location names).

``Library`` provides it; the operations, queries and reports depend on this protocol rather
than on ``Library`` itself, because ``Library`` (the setup and sign-in facade) hands out the
desk sessions of ``desk.circulation.service`` and so sits above them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from desk.circulation.calendar import Calendar
from desk.circulation.policy import Policy
from desk.models import CirculationRule, Desk, StaffUser


class LibraryStore(Protocol):
    """An open library database as the circulation operations use it."""

    policy: Policy
    sessions: sessionmaker[Session]
    # for queries that only read (on SQLite they do not take the write lock)
    read_sessions: sessionmaker[Session]

    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...

    def local_today(self) -> date:
        """Today in the library's time zone."""
        ...

    def rule(self, session: Session, category: str, item_type: str) -> CirculationRule | None:
        ...

    def calendar(self, session: Session, location_id: int) -> Calendar:
        ...

    def location_name(self, session: Session, location_id: int) -> str:
        ...

    def desk_row(self, session: Session, desk_id: int) -> Desk:
        """The desk row, cached and detached (read its columns, do not add it to a session)."""
        ...

    def staff_row(self, session: Session, staff_id: int) -> StaffUser:
        """The staff row, cached and detached (read its columns, do not add it to a session)."""
        ...

    def previous_open_day(self, location: str, day: date) -> date:
        ...
