"""Renewal (SOP 5.4)."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused, Override
from desk.models import Charge
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


def codes(call) -> list[str]:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as info:
        call()
    return info.value.codes


def test_new_due_date_counts_from_renewal_day(any_desk: Desk, clock: FakeClock) -> None:
    any_desk.main.checkout("P001", "B001")
    clock.set(2026, 11, 20)
    result = any_desk.main.renew("B001")
    assert result.due_at == datetime(2026, 12, 20, 23, 59, tzinfo=TAIPEI)
    assert (result.renewals, result.renewals_left, result.fine) == (1, 1, 0)


def test_renewal_limit_then_override(desk: Desk) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.renew("B001")
    desk.main.renew("B001")
    assert codes(lambda: desk.main.renew("B001")) == ["renewal_limit"]
    result = desk.main.renew("B001", override=Override({"renewal_limit"}, desk.boss, "thesis"))
    assert result.renewals == 3


def test_hold_by_another_patron_blocks_renewal(any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "B001")
    any_desk.main.place_hold("P002", "B001")
    assert codes(lambda: any_desk.main.renew("B001")) == ["renewal_on_hold"]


def test_overdue_renewal_charges_the_fine(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")  # due 2026-12-02
    clock.set(2026, 12, 5)
    result = desk.main.renew("B001")
    assert result.fine == 15
    with desk.library.sessions() as s:
        assert s.scalars(select(Charge.kind)).one() == "overdue_renewal"
    assert result.due_at == datetime(2027, 1, 4, 23, 59, tzinfo=TAIPEI)


def test_no_renewals_for_consortium_and_hourly_loans(desk: Desk) -> None:
    desk.main.checkout("P005", "B001")
    assert codes(lambda: desk.main.renew("B001")) == ["renewal_not_allowed"]
    desk.main.checkout("P001", "R001")
    assert codes(lambda: desk.main.renew("R001")) == ["renewal_not_allowed"]
    override = Override({"renewal_not_allowed"}, desk.boss, "x")
    assert codes(lambda: desk.main.renew("B001", override=override)) == ["renewal_not_allowed"]


def test_renewing_an_item_not_on_loan(desk: Desk) -> None:
    assert codes(lambda: desk.main.renew("B001")) == ["item_not_on_loan"]
