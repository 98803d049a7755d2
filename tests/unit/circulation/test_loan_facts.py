"""What loans and overrides tell their front ends, so no screen guesses a rule: the due day and
the hourly flag of a loan, the book-drop return time, which refusals are about the patron."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desk.circulation import CirculationRefused, Override
from desk.circulation.calendar import bookdrop_returned_at
from desk.circulation.notices import OVERRIDABLE, PATRON_LEVEL_CODES
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


def test_day_loan_carries_its_due_day_and_is_not_hourly(any_desk: Desk) -> None:
    result = any_desk.main.checkout("P001", "B001")
    assert result.due_day == date(2026, 12, 2) and result.hourly is False


def test_hourly_loan_says_so(desk: Desk, clock: FakeClock) -> None:
    result = desk.main.checkout("P001", "R001")
    assert result.hourly is True and result.due_day == date(2026, 11, 2)


def test_hourly_loan_due_just_before_midnight_is_still_hourly(desk: Desk,
                                                              clock: FakeClock) -> None:
    clock.set(2026, 11, 2, 21, 59)                  # a 2-hour reserve: due at 23:59 exactly
    result = desk.main.checkout("P001", "R001")
    assert result.due_at == datetime(2026, 11, 2, 23, 59, tzinfo=TAIPEI)
    assert result.hourly is True


def test_hourly_loan_due_after_midnight_has_the_next_day(desk: Desk, clock: FakeClock) -> None:
    clock.set(2026, 11, 2, 23, 0)
    result = desk.main.checkout("P001", "R001")
    assert result.due_day == date(2026, 11, 3)


def test_renewal_carries_the_new_due_day(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.main.checkout("P001", "B001")
    clock.set(2026, 11, 20)
    result = any_desk.main.renew("B001")
    assert result.due_day == date(2026, 12, 20) and result.hourly is False


def test_bookdrop_return_is_dated_at_the_end_of_the_chosen_day(desk: Desk,
                                                               clock: FakeClock) -> None:
    desk.library.set_closed_days("MAIN", [date(2026, 12, 5), date(2026, 12, 6)])
    clock.set(2026, 12, 7, 8, 30)
    assert desk.main.bookdrop_returned_at(date(2026, 12, 4)) == datetime(
        2026, 12, 4, 23, 59, tzinfo=TAIPEI)
    assert desk.main.bookdrop_returned_at() == datetime(2026, 12, 4, 23, 59, tzinfo=TAIPEI)


def test_bookdrop_return_of_today_is_never_in_the_future(desk: Desk, clock: FakeClock) -> None:
    now = clock.set(2026, 12, 7, 8, 30)
    assert desk.main.bookdrop_returned_at(date(2026, 12, 7)) == now
    assert bookdrop_returned_at(date(2026, 12, 7), TAIPEI, now + timedelta(days=1)) == datetime(
        2026, 12, 7, 23, 59, tzinfo=TAIPEI)


def test_patron_refusals_are_patron_level(desk: Desk, clock: FakeClock) -> None:
    with pytest.raises(CirculationRefused) as expired:
        desk.main.checkout("P004", "B001")
    assert set(expired.value.codes) <= PATRON_LEVEL_CODES
    for code in ("B001", "B002", "B003"):          # P004's loan limit of books, overridden
        desk.main.checkout("P004", code, override=Override({"patron_expired"}, desk.boss, "x"))
    with pytest.raises(CirculationRefused) as limit:
        desk.main.checkout("P004", "B004",
                           override=Override({"patron_expired"}, desk.boss, "x"))
    assert "patron_loan_limit" in limit.value.codes
    assert set(limit.value.codes) <= PATRON_LEVEL_CODES


def test_item_and_renewal_refusals_are_not_patron_level() -> None:
    assert PATRON_LEVEL_CODES <= OVERRIDABLE
    for code in ("item_on_hold_for_other", "renewal_limit", "renewal_on_hold",
                 "item_checked_out", "patron_message"):
        assert code not in PATRON_LEVEL_CODES
