"""End-of-day settlement (SOP 5.7.4): expected against counted, per method; closed days lock."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.models import Payment
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def make_debt(desk: Desk, clock: FakeClock, patron: str, items: list[str]) -> None:
    for item in items:
        desk.main.checkout(patron, item)
    clock.advance(days=40)
    for item in items:
        desk.main.checkin(item)


def test_close_day_expected_counted_difference(any_desk: Desk, clock: FakeClock) -> None:
    make_debt(any_desk, clock, "P001", ["B001", "B002"])   # 2 x 50
    any_desk.main.pay("P001", 60, "cash")
    receipt = any_desk.main.pay("P001", 30, "easycard")
    any_desk.main.pay("P001", 10, "cash")
    any_desk.main.void_payment(receipt, "card declined", supervisor=any_desk.boss)
    with pytest.raises(CirculationRefused) as error:
        any_desk.main.close_day({"cash": 70}, supervisor=any_desk.clerk)
    assert error.value.codes == ["supervisor_required"]
    result = any_desk.main.close_day({"cash": 65, "easycard": 0}, supervisor=any_desk.boss)
    assert result.expected == {"cash": 70, "easycard": 0}
    assert result.counted == {"cash": 65, "easycard": 0}
    assert result.difference == {"cash": -5, "easycard": 0}
    assert result.voided == [receipt]


def test_closed_day_cannot_be_changed(desk: Desk, clock: FakeClock) -> None:
    make_debt(desk, clock, "P001", ["B001", "B002"])
    receipt = desk.main.pay("P001", 50, "cash")
    desk.main.close_day({"cash": 50}, supervisor=desk.boss)
    with pytest.raises(CirculationRefused) as error:
        desk.main.close_day({"cash": 50}, supervisor=desk.boss)
    assert error.value.codes == ["day_closed"]
    with pytest.raises(CirculationRefused) as error:
        desk.main.void_payment(receipt, "typo", supervisor=desk.boss)
    assert error.value.codes == ["day_closed"]
    late = desk.main.pay("P001", 50, "cash")  # taken after closing: the next day's takings
    with desk.library.sessions() as s:
        payment = s.scalars(select(Payment).where(Payment.receipt_no == late)).one()
        assert payment.settlement_id is None
        assert payment.business_date > clock.now.date()


def test_other_desks_are_not_in_this_desks_settlement(desk: Desk, clock: FakeClock) -> None:
    make_debt(desk, clock, "P001", ["B001", "B002"])
    desk.main.pay("P001", 40, "cash")
    desk.law.pay("P001", 25, "cash")
    assert desk.main.close_day({"cash": 40}, supervisor=desk.boss).expected["cash"] == 40
    assert desk.law.close_day({"cash": 25}, supervisor=desk.boss).expected["cash"] == 25


def test_totals_match_independent_sum_of_random_day(desk: Desk, clock: FakeClock) -> None:
    make_debt(desk, clock, "P003", [f"B{n:03d}" for n in range(1, 13)])
    rng = random.Random(7)
    independent = {"cash": 0, "easycard": 0}
    while desk.main.balance("P003") > 0:
        amount = min(rng.randint(1, 37), desk.main.balance("P003"))
        method = rng.choice(["cash", "easycard"])
        receipt = desk.main.pay("P003", amount, method)
        if rng.random() < 0.1:
            desk.main.void_payment(receipt, "test void", supervisor=desk.boss)
        else:
            independent[method] += amount
    result = desk.main.close_day(dict(independent), supervisor=desk.boss)
    assert result.expected == independent and set(result.difference.values()) == {0}


def test_bad_counts_refused(desk: Desk) -> None:
    for counted, code in [({"gold": 5}, "payment_method_unknown"),
                          ({"cash": -1}, "payment_invalid_amount")]:
        with pytest.raises(CirculationRefused) as error:
            desk.main.close_day(counted, supervisor=desk.boss)
        assert error.value.codes == [code]
