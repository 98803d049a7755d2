"""Fines, payments, receipts, voids and waivers (SOP 5.7)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.circulation import CirculationRefused
from desk.models import AuditEvent, Charge, Payment, Waiver
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def codes(call) -> list[str]:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as info:
        call()
    return info.value.codes


@pytest.fixture
def owing(desk: Desk, clock: FakeClock) -> Desk:
    """P001 owes 25 (B001, 5 days late) and 50 (B002, 10 days late)."""
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    clock.set(2026, 12, 7)
    desk.main.checkin("B001")
    clock.set(2026, 12, 12)
    desk.main.checkin("B002")
    return desk


def test_partial_payments_pay_oldest_first(owing: Desk) -> None:
    assert owing.main.balance("P001") == 75
    first = owing.main.pay("P001", 30, "cash")
    second = owing.main.pay("P001", 45, "easycard")
    assert (first, second) == ("MAIN-1-2026-000001", "MAIN-1-2026-000002")
    assert owing.main.balance("P001") == 0
    with owing.library.sessions() as s:
        assert [(c.amount, c.paid) for c in s.scalars(select(Charge).order_by(Charge.id))] == [
            (25, 25), (50, 50)]


def test_bad_payments_change_nothing(owing: Desk) -> None:
    assert codes(lambda: owing.main.pay("P001", 76, "cash")) == ["payment_exceeds_balance"]
    assert codes(lambda: owing.main.pay("P001", 0, "cash")) == ["payment_invalid_amount"]
    assert codes(lambda: owing.main.pay("P001", -5, "cash")) == ["payment_invalid_amount"]
    assert codes(lambda: owing.main.pay("P001", 5, "bitcoin")) == ["payment_method_unknown"]
    assert codes(lambda: owing.main.pay("NOPE", 5, "cash")) == ["patron_not_found"]
    assert owing.main.balance("P001") == 75
    with owing.library.sessions() as s:
        assert s.scalars(select(Payment)).all() == []


def test_void_restores_charges_and_keeps_the_receipt(owing: Desk) -> None:
    receipt = owing.main.pay("P001", 75, "cash")
    assert codes(lambda: owing.main.void_payment(receipt, "wrong patron",
                                                 supervisor=owing.clerk)) == ["supervisor_required"]
    assert codes(lambda: owing.main.void_payment(receipt, "", supervisor=owing.boss)) == [
        "reason_required"]
    owing.main.void_payment(receipt, "wrong patron", supervisor=owing.boss)
    assert owing.main.balance("P001") == 75
    with owing.library.sessions() as s:
        payment = s.scalars(select(Payment)).one()
        assert payment.voided_at is not None and payment.void_reason == "wrong patron"
    assert codes(lambda: owing.main.void_payment(receipt, "again", supervisor=owing.boss)) == [
        "receipt_already_void"]
    assert owing.main.pay("P001", 10, "cash") == "MAIN-1-2026-000002"  # no gap, no reuse


def test_waiver_needs_supervisor_and_reason(owing: Desk) -> None:
    with owing.library.sessions() as s:
        charge_id = s.scalars(select(Charge.id).order_by(Charge.id)).first()
    assert codes(lambda: owing.main.waive(charge_id, "system down", supervisor=owing.clerk)) == [
        "supervisor_required"]
    assert codes(lambda: owing.main.waive(charge_id, " ", supervisor=owing.boss)) == [
        "reason_required"]
    assert owing.main.waive(charge_id, "late keying-in after outage", supervisor=owing.boss) == 25
    assert owing.main.balance("P001") == 50
    assert codes(lambda: owing.main.waive(charge_id, "again", supervisor=owing.boss)) == [
        "nothing_to_waive"]
    with owing.library.sessions() as s:
        waiver = s.scalars(select(Waiver)).one()
        assert waiver.supervisor_id == owing.boss.id and waiver.staff_id == owing.clerk.id
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "waive",
                                                   AuditEvent.outcome == "done")).one()
        assert event.reason == "late keying-in after outage"


def test_cash_change_and_receipt(owing: Desk) -> None:
    from desk.circulation.queries.money import payment_receipt
    receipt = owing.main.take_payment("P001", 75, "cash", tendered=100)
    printed = payment_receipt(owing.library, receipt)
    assert (printed.amount, printed.tendered, printed.change) == (75, 100, 25)
    assert [line.amount for line in printed.lines] == [25, 50]
    assert printed.balance_after == 0 and printed.cashier == "林館員"
    assert codes(lambda: owing.main.take_payment("P001", 5, "cash", tendered=4)) == [
        "tendered_too_little"]


def test_tendered_only_for_cash_and_chosen_charges_first(owing: Desk) -> None:
    assert codes(lambda: owing.main.take_payment("P001", 10, "easycard", tendered=20)) == [
        "tendered_not_cash"]
    with owing.library.sessions() as s:
        first, second = s.scalars(select(Charge.id).order_by(Charge.id)).all()
    assert codes(lambda: owing.main.take_payment("P001", 10, "cash", charge_ids=[999])) == [
        "charge_not_owed_by_patron"]
    owing.main.take_payment("P001", 60, "easycard", charge_ids=[second])
    with owing.library.sessions() as s:
        assert [(c.id, c.paid) for c in s.scalars(select(Charge).order_by(Charge.id))] == [
            (first, 10), (second, 50)]


def test_receipt_numbers_per_desk_and_year(owing: Desk, clock: FakeClock) -> None:
    assert owing.main.pay("P001", 5, "cash") == "MAIN-1-2026-000001"
    assert owing.law.pay("P001", 5, "cash") == "LAW-1-2026-000001"
    assert owing.main.pay("P001", 5, "cash") == "MAIN-1-2026-000002"
    clock.set(2027, 1, 4)
    assert owing.main.pay("P001", 5, "cash") == "MAIN-1-2027-000001"


def test_waiver_of_partly_paid_charge_and_void_after(owing: Desk) -> None:
    receipt = owing.main.pay("P001", 30, "cash")        # 25 of the first, 5 of the second
    with owing.library.sessions() as s:
        second = s.scalars(select(Charge.id).order_by(Charge.id.desc())).first()
    assert owing.main.waive(second, "staff error", supervisor=owing.boss, amount=20) == 20
    assert owing.main.balance("P001") == 25
    owing.main.void_payment(receipt, "wrong amount", supervisor=owing.boss)
    assert owing.main.balance("P001") == 55


def test_closed_receipt_is_corrected_on_the_open_day(owing: Desk, clock: FakeClock) -> None:
    receipt = owing.main.pay("P001", 75, "cash")
    assert codes(lambda: owing.main.correct_receipt(receipt, "refund",
                                                    supervisor=owing.boss)) == ["receipt_not_closed"]
    owing.main.close_day({"cash": 75}, supervisor=owing.boss)
    assert codes(lambda: owing.main.correct_receipt(receipt, "refund",
                                                    supervisor=owing.clerk)) == ["supervisor_required"]
    assert codes(lambda: owing.main.correct_receipt(receipt, "",
                                                    supervisor=owing.boss)) == ["reason_required"]
    owing.main.correct_receipt(receipt, "charged twice, refunded", supervisor=owing.boss)
    assert owing.main.balance("P001") == 75
    assert codes(lambda: owing.main.correct_receipt(receipt, "again", supervisor=owing.boss)) == [
        "receipt_already_corrected"]
    clock.advance(days=1)
    result = owing.main.close_day({"cash": 0}, supervisor=owing.boss, note="refund")
    assert result.expected["cash"] == -75 and result.difference["cash"] == 75
