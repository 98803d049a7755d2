"""Issue 13, item 5: the clock is read after the lock, so a checkin is never dated before the
checkout it closes; and ``returned_at`` is bounded. On SQLite and PostgreSQL.

The race, made deterministic: desk A's checkin reads the clock; at that very moment (the clock
itself starts it) desk B lends the item and commits, with a later time. A clock read before the
lock gave A's checkin the earlier time, closing B's loan before it began."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused, Policy, open_library
from desk.models import Loan
from tests.support import small_library

TAIPEI = ZoneInfo("Asia/Taipei")


class RacingClock:
    """Each call a second later than the one before. The first call made on ``trigger_thread``
    runs ``trigger`` in another thread and waits for it (at most ``wait`` seconds: with the
    fix, the other desk waits for this one's lock and cannot finish first)."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 2, 10, 0, tzinfo=TAIPEI)
        self.guard = threading.Lock()
        self.trigger_thread: int | None = None
        self.trigger: threading.Thread | None = None
        self.wait = 1.5

    def __call__(self) -> datetime:
        with self.guard:
            self.moment += timedelta(seconds=1)
            now = self.moment
            fire = self.trigger if threading.get_ident() == self.trigger_thread else None
            if fire is not None:
                self.trigger = None
        if fire is not None:
            fire.start()
            fire.join(self.wait)
        return now


def test_a_checkin_is_never_dated_before_the_checkout_it_closes(any_url: str) -> None:
    clock = RacingClock()
    library = open_library(any_url, clock=clock, policy=Policy())
    try:
        built = small_library.build(library)
        other = library.circulation("LAW-1", built.clerk)
        failures: list[BaseException] = []

        def lend() -> None:
            try:
                other.checkout("P003", "B001")
            except BaseException as error:  # noqa: BLE001 - reported by the test
                failures.append(error)

        lender = threading.Thread(target=lend)
        clock.trigger, clock.trigger_thread = lender, threading.get_ident()
        built.main.checkin("B001")              # starts the lender from inside its clock read
        lender.join(30)
        assert not failures and not lender.is_alive()
        with library.read_sessions() as session:
            loans = list(session.execute(select(Loan.out_at, Loan.returned_at)))
        assert len(loans) == 1
        out_at, returned_at = loans[0]
        assert returned_at is None or returned_at >= out_at, (out_at, returned_at)
    finally:
        library.close()


def test_returned_at_is_bounded_by_the_loan_and_the_clock(any_desk: small_library.Desk) -> None:
    desk = any_desk
    desk.main.checkout("P003", "B001")
    now = desk.library.now()
    for when, code in [(datetime(2000, 1, 1, tzinfo=TAIPEI), "returned_at_out_of_range"),
                       (now - timedelta(seconds=1), "returned_at_out_of_range"),
                       (now + timedelta(minutes=2), "returned_at_in_future")]:
        with pytest.raises(CirculationRefused) as error:
            desk.main.checkin("B001", returned_at=when)
        assert error.value.codes == [code]
    result = desk.main.checkin("B001", returned_at=now + timedelta(seconds=30))
    with desk.library.read_sessions() as session:
        returned_at = session.scalars(select(Loan.returned_at)).one()
    assert result.loan_id is not None and returned_at == now   # never later than the clock
