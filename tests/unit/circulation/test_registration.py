"""Registering patrons and keeping their records (SOP 5.3.3, DESIGN.md section 9): each
category's needs, the registration check, a guarantor's standing, a deposit's receipt and its
refund in the day's settlement, duplicates, bad input saving nothing, before/after in the
audit, extending by the term. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desk.circulation import CirculationRefused, Library
from desk.circulation.queries.money import open_day_report, payment_receipt
from desk.circulation.queries.registration import deposit_to_refund
from desk.models import AuditEvent, Charge, Patron, Payment, StaffUser
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


@pytest.fixture
def reg(any_desk: Desk) -> Desk:
    """The small library with registration declared: students need their registration
    checked and an e-mail (a 180-day term); externals a guarantor or a NT$1,000 deposit (a
    year); virtual cards keep their 3 days."""
    library = any_desk.library
    library.add_category("student", "Student", term_days=180, registration="check",
                         required_fields=["email"])
    library.add_category("external", "External borrower", term_days=365,
                         registration="guarantee", deposit=1000)
    library.set_rule("external", "book", loan_days=14, max_items=3, renewals=1,
                     renewal_days=14, fine_per_day=5)
    return any_desk


def refused(call) -> CirculationRefused:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as info:
        call()
    return info.value


def keys(error: CirculationRefused) -> dict[str, str]:
    return {n.params.get("key", ""): n.code for n in error.reasons}


def counts(library: Library) -> tuple[int, int, int, int]:
    with library.read_sessions() as session:
        return tuple(int(session.scalar(select(func.count()).select_from(model)) or 0)
                     for model in (Patron, Charge, Payment, AuditEvent))  # type: ignore[return-value]


def patron(library: Library, barcode: str) -> Patron:
    with library.read_sessions() as session:
        found = session.scalars(select(Patron).where(Patron.barcode == barcode)).one()
        session.expunge(found)
        return found


def test_a_student_needs_the_registration_check_recorded_and_gets_the_term(
        reg: Desk, clock: FakeClock) -> None:
    error = refused(lambda: reg.main.register_patron("S100", "林同學", "student",
                                                     email="lin@nccu.edu.tw"))
    assert keys(error) == {"registration_checked": "registration_check_required"}
    patron_id = reg.main.register_patron("S100", "林同學", "student", email="Lin@NCCU.edu.tw",
                                         registration_checked=True)
    row = patron(reg.library, "S100")
    assert row.id == patron_id
    assert row.email == "lin@nccu.edu.tw"
    assert row.registration_checked_by == reg.main.staff_id
    assert row.registration_checked_at == clock()
    assert (row.expires_on - clock().astimezone(reg.library.policy.tz).date()).days == 180
    # and the new patron can borrow at once
    assert reg.main.checkout("S100", "B001").loan_id


def test_required_fields_and_bad_input_are_refused_all_at_once_and_save_nothing(
        reg: Desk) -> None:
    before = counts(reg.library)
    error = refused(lambda: reg.main.register_patron(
        "4000000000000", " ", "student", email="not-an-email", phone="call me",
        birth_date=date(2999, 1, 1), registration_checked=True))
    assert keys(error) == {"name": "text_empty", "email": "email_invalid",
                           "phone": "phone_invalid", "birth_date": "birth_date_in_future"}
    error = refused(lambda: reg.main.register_patron("S101", "林同學", "student",
                                                     registration_checked=True))
    assert keys(error) == {"email": "field_required"}
    assert "e-mail" in error.reasons[0].message
    error = refused(lambda: reg.main.register_patron("P001", "Someone", "student",
                                                     email="x@y.tw", registration_checked=True))
    assert keys(error) == {"barcode": "duplicate_code"}
    error = refused(lambda: reg.main.register_patron("S102", "Someone", "nosuch"))
    assert keys(error) == {"category": "category_unknown"}
    # a library number with a wrong check digit
    error = refused(lambda: reg.main.register_patron("20000000000001", "Someone", "faculty"))
    assert keys(error) == {"barcode": "barcode_check_digit"}
    after = counts(reg.library)
    assert after[:3] == before[:3]
    # every refusal is audited, and nothing else was written
    assert after[3] == before[3] + 5


def test_a_guarantor_must_exist_and_be_in_good_standing(reg: Desk) -> None:
    error = refused(lambda: reg.main.register_patron("E100", "校外人士", "external"))
    assert keys(error) == {"guarantor": "guarantor_or_deposit_required"}
    assert "NT$1,000" in error.reasons[0].message
    error = refused(lambda: reg.main.register_patron("E100", "校外人士", "external",
                                                     guarantor="P999"))
    assert keys(error) == {"guarantor": "guarantor_not_found"}
    for bad, why in (("P004", "expired"), ("P007", "blocked")):
        error = refused(lambda: reg.main.register_patron("E100", "校外人士", "external",
                                                         guarantor=bad))
        assert keys(error) == {"guarantor": "guarantor_not_in_good_standing"}
        assert why in error.reasons[0].message
    reg.main.register_patron("E100", "校外人士", "external", guarantor="P003")
    row = patron(reg.library, "E100")
    assert row.guarantor_id == patron(reg.library, "P003").id
    assert row.registration_checked_by is None and row.deposit_receipt_no is None


def test_a_deposit_is_a_payment_with_a_receipt_refunded_in_the_settlement_on_closing(
        reg: Desk) -> None:
    error = refused(lambda: reg.main.register_patron("E200", "押金讀者", "external",
                                                     deposit=500, deposit_method="cash"))
    assert keys(error) == {"deposit": "deposit_too_small"}
    error = refused(lambda: reg.main.register_patron("E200", "押金讀者", "external",
                                                     deposit=1000))
    assert keys(error) == {"deposit_method": "deposit_method_required"}
    reg.main.register_patron("E200", "押金讀者", "external", deposit=1000, deposit_method="cash")
    row = patron(reg.library, "E200")
    receipt = payment_receipt(reg.library, row.deposit_receipt_no or "")
    assert (receipt.amount, receipt.method, receipt.patron_barcode) == (1000, "cash", "E200")
    assert [line.kind for line in receipt.lines] == ["card_deposit"]
    assert receipt.balance_after == 0
    assert reg.main.balance("E200") == 0
    report = open_day_report(reg.library, "MAIN-1")
    assert {line.method: line.expected for line in report.lines}["cash"] == 1000

    # closing the card pays the deposit back: a supervisor and a reason, in the settlement
    held = deposit_to_refund(reg.library, "E200")
    assert held is not None
    assert (held.amount, held.method, held.receipt_no) == (1000, "cash", row.deposit_receipt_no)
    error = refused(lambda: reg.main.close_card("E200"))
    assert error.codes == ["supervisor_required"]
    closed = reg.main.close_card("E200", "moving away", supervisor=reg.boss)
    assert (closed.refund, closed.method, closed.receipt_no) == (1000, "cash",
                                                                 row.deposit_receipt_no)
    report = open_day_report(reg.library, "MAIN-1")
    assert {line.method: line.expected for line in report.lines}["cash"] == 0
    [adjustment] = report.adjustments
    assert adjustment.amount == -1000 and adjustment.receipt_no == row.deposit_receipt_no
    assert "E200" in adjustment.reason
    assert deposit_to_refund(reg.library, "E200") is None     # refunded once, never twice
    settlement = reg.main.close_day({"cash": 0}, supervisor=reg.boss)
    assert settlement.expected["cash"] == 0
    # a closed card lends no more and is closed once
    assert "patron_expired" in refused(lambda: reg.main.checkout("E200", "B001")).codes
    assert refused(lambda: reg.main.close_card("E200", "again",
                                               supervisor=reg.boss)).codes == ["card_closed"]


def test_a_card_with_loans_or_a_balance_is_not_closed(reg: Desk) -> None:
    reg.main.checkout("P003", "B001")
    assert refused(lambda: reg.main.close_card("P003")).codes == ["card_has_loans"]
    reg.main.checkin("B001")
    reg.main.add_charge("P003", "ill_fee", 20)
    assert refused(lambda: reg.main.close_card("P003")).codes == ["card_balance_owed"]
    reg.main.pay("P003", 20, "cash")
    assert deposit_to_refund(reg.library, "P003") is None
    assert reg.main.close_card("P003").refund == 0   # no deposit: no supervisor needed


def test_a_supervisor_given_for_a_card_without_a_deposit_is_still_checked(reg: Desk) -> None:
    """Found by the boundary fuzz: closing a card with no deposit took any ``supervisor=``
    (a date, the clerk, a record built by hand) without a word, and closed the card."""
    forged = StaffUser(id=reg.boss.id, login="boss")
    for bad, code in ((date(2026, 1, 1), "approval_not_authenticated"),
                      (forged, "approval_not_authenticated"), (reg.clerk, "supervisor_required")):
        error = refused(lambda: reg.main.close_card("P003", "moving", supervisor=bad))
        assert error.codes == [code]
        assert patron(reg.library, "P003").closed_at is None
    reg.main.close_card("P003", "moving", supervisor=reg.boss)
    with reg.library.read_sessions() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "close_card", AuditEvent.outcome == "done")).one()
    assert event.supervisor_id == reg.boss.id and patron(reg.library, "P003").closed_at


def test_duplicates_are_refused_naming_the_record_unless_confirmed(reg: Desk) -> None:
    reg.library.add_patron("P050", "陳大文", "faculty", email="chen@nccu.edu.tw",
                           phone="0912345678")
    reg.main.update_patron("P050", birth_date=date(1990, 5, 1))
    for details in ({"email": "CHEN@nccu.edu.tw"}, {"phone": "0912-345-678"},
                    {"birth_date": date(1990, 5, 1)}):
        error = refused(lambda: reg.main.register_patron("F100", "陳大文", "faculty", **details))
        assert error.codes == ["patron_duplicate"]
        assert "陳大文 (P050)" in error.reasons[0].message
        assert keys(error) == {"duplicate": "patron_duplicate"}
    assert reg.main.register_patron("F100", "陳大文", "faculty", birth_date=date(1990, 5, 1),
                                    confirm_duplicate=True)
    with reg.library.read_sessions() as session:
        detail = session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "register_patron", AuditEvent.outcome == "done",
            AuditEvent.patron_barcode == "F100")).one()
    assert detail["confirmed_duplicate"] is True


def test_update_records_before_and_after_and_extend_adds_the_term(
        reg: Desk, clock: FakeClock) -> None:
    reg.main.register_patron("S300", "王同學", "student", email="wang@nccu.edu.tw",
                             registration_checked=True, expires=date(2027, 1, 31))
    change = reg.main.update_patron("S300", phone="02 2939 3091", category="faculty",
                                    email="wang@nccu.edu.tw")
    assert change == {"before": {"phone": None, "category": "student"},
                      "after": {"phone": "0229393091", "category": "faculty"}}
    with reg.library.read_sessions() as session:
        detail = session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "update_patron", AuditEvent.outcome == "done")).one()
    assert detail == change
    assert refused(lambda: reg.main.update_patron("S300", email="wang@nccu.edu.tw")).codes == [
        "nothing_to_change"]
    assert keys(refused(lambda: reg.main.update_patron("S300", email="wang@"))) == {
        "email": "email_invalid"}
    reg.main.update_patron("S300", category="student")
    # the term counts from the later of today and the expiry, in one call
    assert reg.main.extend_patron("S300") == date(2027, 7, 30)    # 2027-01-31 + 180
    reg.main.update_patron("S300", expires=date(2026, 1, 1))      # long expired
    today = clock().astimezone(reg.library.policy.tz).date()
    assert (reg.main.extend_patron("S300") - today).days == 180
    assert refused(lambda: reg.main.extend_patron("P005")).codes == ["category_has_no_term"]


def test_unknown_details_and_wrong_types_are_refused_before_the_database(reg: Desk) -> None:
    assert refused(lambda: reg.main.register_patron("X1", "x", "faculty", shoe_size=42)
                   ).codes == ["choice_unknown"]
    assert keys(refused(lambda: reg.main.register_patron("X1", "x", "faculty", deposit=-5))) == {
        "deposit": "amount_negative"}
    assert keys(refused(lambda: reg.main.register_patron("X1", "x", "faculty",
                                                         expires="2027-01-01"))) == {
        "expires": "argument_type"}
    assert refused(lambda: reg.main.update_patron("P001", nickname="x")).codes == [
        "choice_unknown"]


def test_a_replaced_card_cannot_be_given_to_a_new_patron(reg: Desk) -> None:
    """A card replaced as lost is refused everywhere: registering it again would hand the
    finder's card to a new record."""
    reg.main.replace_card("P001", "P901")
    before = counts(reg.library)
    error = refused(lambda: reg.main.register_patron("P001", "陳先生", "faculty"))
    assert keys(error) == {"barcode": "duplicate_code"}
    assert counts(reg.library)[:3] == before[:3]
