"""The low store of an open library database: engine, sessions, clock, policy and the cached
reference data (rules, calendars, location names).

``Store`` is the concrete store; the operations, queries and reports depend on the
``LibraryStore`` protocol it satisfies rather than on ``Library`` (the setup and sign-in facade
of ``desk.circulation.library``), because ``Library`` hands out the desk sessions of
``desk.circulation.service`` and so sits above them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Protocol, TypeVar, overload

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk.circulation.calendar import Calendar
from desk.circulation.issued import IssuedStaff
from desk.circulation.policy import Policy
from desk.models import CirculationRule, ClosedDay, Desk, Location, StaffUser
from desk.models.database import read_only

Clock = Callable[[], datetime]
CACHE_SECONDS = 60.0
R = TypeVar("R", Desk, StaffUser)


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


class LibraryStore(Protocol):
    """An open library database as the circulation operations use it."""

    @property
    def policy(self) -> Policy: ...

    @property
    def sessions(self) -> sessionmaker[Session]: ...

    @property
    def read_sessions(self) -> sessionmaker[Session]:
        """For queries that only read (on SQLite they do not take the write lock)."""
        ...

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

    def issued_staff_id(self, staff: object) -> int | None:
        """The staff id of ``staff`` if this library issued that very object from a sign-in
        (``desk.circulation.issued``), else ``None``."""
        ...


@overload
def location_id_of(session: Session, code: str) -> int: ...


@overload
def location_id_of(session: Session, code: None) -> None: ...


@overload
def location_id_of(session: Session, code: str | None) -> int | None: ...


def location_id_of(session: Session, code: str | None) -> int | None:
    """The id of the location with this code (``None`` for ``None``), or ``ValueError``."""
    if code is None:
        return None
    found = session.scalars(select(Location.id).where(Location.code == code)).first()
    if found is None:
        raise ValueError(f"unknown location {code!r}")
    return found


class Store:
    """One library database. Thread-safe to share; each operation opens its own session."""

    def __init__(self, engine: Engine, *, policy: Policy | None = None,
                 clock: Clock | None = None) -> None:
        self.engine = engine
        self.policy = policy or Policy()
        self.clock = clock or system_clock
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        # For queries that only read: on SQLite they do not take the write lock.
        self.read_sessions = sessionmaker(read_only(engine), expire_on_commit=False)
        self._calendars: dict[int, tuple[float, Calendar]] = {}
        self._rules: tuple[float, dict[tuple[str, str], CirculationRule]] | None = None
        self._location_names: dict[int, str] = {}
        # desk and staff rows by id, detached: every operation needs them, none changes them
        self._desks: dict[int, Desk] = {}
        self._staff: dict[int, StaffUser] = {}
        # the staff objects sign-ins returned: the only ones approvals and sessions accept
        self.issued = IssuedStaff()

    @property
    def url(self) -> str:
        """The database, to show staff: no password, and an SQLite file by its path as written
        (a rendered URL would show ``C:\\Users\\陳`` as ``C%3A%5CUsers%5C%E9%99%B3``)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database:
            return f"sqlite:///{url.database}"
        return url.render_as_string(hide_password=True)

    def now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None:
            raise ValueError("the clock must return aware datetimes")
        return moment

    def local_today(self) -> date:
        return self.now().astimezone(self.policy.tz).date()

    def close(self) -> None:
        self.engine.dispose()

    # --- cached reference data (rules, calendars, location names) ----------------------------
    def rule(self, session: Session, category: str, item_type: str) -> CirculationRule | None:
        if self._rules is None or time.monotonic() - self._rules[0] > CACHE_SECONDS:
            rules = {(r.patron_category, r.item_type): r
                     for r in session.scalars(select(CirculationRule))}
            for rule in rules.values():
                session.expunge(rule)
            self._rules = (time.monotonic(), rules)
        return self._rules[1].get((category, item_type))

    def calendar(self, session: Session, location_id: int) -> Calendar:
        cached = self._calendars.get(location_id)
        if cached is None or time.monotonic() - cached[0] > CACHE_SECONDS:
            days = session.scalars(select(ClosedDay.day).where(ClosedDay.location_id == location_id))
            cached = (time.monotonic(), Calendar(set(days), self.policy.tz))
            self._calendars[location_id] = cached
        return cached[1]

    def location_name(self, session: Session, location_id: int) -> str:
        if location_id not in self._location_names:
            location = session.get(Location, location_id)
            self._location_names[location_id] = location.name if location else str(location_id)
        return self._location_names[location_id]

    def desk_row(self, session: Session, desk_id: int) -> Desk:
        """The desk with ``desk_id`` (read once; setup writes forget it)."""
        return _cached_row(self._desks, session, Desk, desk_id)

    def staff_row(self, session: Session, staff_id: int) -> StaffUser:
        """The staff user with ``staff_id`` (read once; setup writes forget it)."""
        return _cached_row(self._staff, session, StaffUser, staff_id)

    def issued_staff_id(self, staff: object) -> int | None:
        return self.issued.staff_id(staff)

    def forget_cached(self) -> None:
        """Drop the cached reference data (after a setup write changed it)."""
        self._calendars.clear()
        self._rules = None
        self._location_names.clear()
        self._desks.clear()
        self._staff.clear()

    def previous_open_day(self, location: str, day: date) -> date:
        with self.read_sessions() as session:
            return self.calendar(session, location_id_of(session, location)).previous_open_before(day)


def _cached_row(cache: dict[int, R], session: Session, model: type[R], key: int) -> R:
    row = cache.get(key)
    if row is None:
        row = session.get_one(model, key)
        session.expunge(row)
        cache[key] = row
    return row


__all__ = ["CACHE_SECONDS", "Clock", "LibraryStore", "Store", "location_id_of", "system_clock"]
