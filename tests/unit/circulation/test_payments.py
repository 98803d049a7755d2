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
