"""Checkout (SOP 5.3): due dates, every refusal, overrides, holds, accessories, proxies."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from desk.circulation import CirculationRefused, Override
from desk.models import AuditEvent, Item, Loan
from tests.support.clock import TAIPEI, FakeClock
from tests.support.small_library import Desk


def refused(call) -> CirculationRefused:  # noqa: ANN001
    with pytest.raises(CirculationRefused) as info:
        call()
    return info.value


def open_loans(desk: Desk) -> int:
    with desk.library.sessions() as s:
        return s.scalar(select(func.count()).select_from(Loan).where(Loan.returned_at.is_(None)))


def test_day_loan_due_at_2359_of_due_day(any_desk: Desk) -> None:
    result = any_desk.main.checkout("P001", "B001")
    assert result.due_at == datetime(2026, 12, 2, 23, 59, tzinfo=TAIPEI)
    assert result.warnings == []
    with any_desk.library.sessions() as s:
        assert s.scalars(select(Item.status).where(Item.barcode == "B001")).one() == "on_loan"


def test_checkout_audit_row(any_desk: Desk, clock: FakeClock) -> None:
    # On PostgreSQL the row is written in the loan's own statement: it must say the same.
    plain = any_desk.main.checkout("P001", "B001")
    overridden = any_desk.main.checkout("P004", "B002", override=Override(
        {"patron_expired"}, any_desk.boss, "renewing the card"))
    with any_desk.library.sessions() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "checkout")
                           .order_by(AuditEvent.id)).all()
        assert [(e.outcome, e.patron_barcode, e.item_barcode, e.staff_id, e.at) for e in events] == [
            ("done", "P001", "B001", any_desk.clerk.id, clock.now),
            ("overridden", "P004", "B002", any_desk.clerk.id, clock.now)]
        assert events[0].desk_code == events[1].desk_code == "MAIN-1"
        assert events[0].supervisor_id is None and events[0].codes is None
        assert events[0].detail == {"loan_id": plain.loan_id, "due_at": plain.due_at.isoformat()}
        assert (events[1].supervisor_id, events[1].codes, events[1].reason) == (
            any_desk.boss.id, "patron_expired", "renewing the card")
        assert events[1].detail == {"loan_id": overridden.loan_id,
                                    "due_at": overridden.due_at.isoformat(),
                                    "notices": ["overridden"]}


def test_due_date_on_closed_day_moves_to_next_open_day(desk: Desk) -> None:
    desk.library.set_closed_days("MAIN", [date(2026, 12, 2), date(2026, 12, 3)])
    assert desk.main.checkout("P001", "B001").due_at == datetime(2026, 12, 4, 23, 59, tzinfo=TAIPEI)


def test_hourly_course_reserve_is_exact(desk: Desk, clock: FakeClock) -> None:
    result = desk.main.checkout("P001", "R001")
    assert result.due_at == clock.now.replace(hour=12)


def test_unknown_patron_and_item(any_desk: Desk) -> None:
    assert refused(lambda: any_desk.main.checkout("NOPE", "B001")).codes == ["patron_not_found"]
    assert refused(lambda: any_desk.main.checkout("P001", "NOPE")).codes == ["item_not_found"]
    assert open_loans(any_desk) == 0


def test_item_already_on_loan(any_desk: Desk) -> None:
    any_desk.main.checkout("P001", "B001")
    error = refused(lambda: any_desk.main.checkout("P002", "B001"))
    assert error.codes == ["item_checked_out"] and not error.overridable
    same = refused(lambda: any_desk.main.checkout("P001", "B001"))
    assert "renew" in same.reasons[0].message


def test_expired_card_refused_then_overridden(any_desk: Desk) -> None:
    error = refused(lambda: any_desk.main.checkout("P004", "B001"))
    assert error.codes == ["patron_expired"] and error.overridable
    assert "2026-01-31" in error.reasons[0].message
    result = any_desk.main.checkout("P004", "B001", override=Override(
        {"patron_expired"}, any_desk.boss, "renewing the card next week"))
    assert any(n.code == "overridden" for n in result.warnings)
    with any_desk.library.sessions() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "checkout",
                                                   AuditEvent.outcome == "overridden")).one()
        assert event.supervisor_id == any_desk.boss.id and event.staff_id == any_desk.clerk.id
        assert event.codes == "patron_expired" and event.reason == "renewing the card next week"
        refusal = s.scalars(select(AuditEvent).where(AuditEvent.outcome == "refused")).one()
        assert refusal.codes == "patron_expired" and refusal.patron_barcode == "P004"


def test_override_needs_a_supervisor_and_a_reason(desk: Desk) -> None:
    by_clerk = Override({"patron_expired"}, desk.clerk, "please")
    assert refused(lambda: desk.main.checkout("P004", "B001", override=by_clerk)).codes == [
        "supervisor_required"]
    no_reason = Override({"patron_expired"}, desk.boss, "  ")
    assert refused(lambda: desk.main.checkout("P004", "B001", override=no_reason)).codes == [
        "reason_required"]
    wrong_code = Override({"patron_blocked"}, desk.boss, "x")
    assert refused(lambda: desk.main.checkout("P004", "B001", override=wrong_code)).codes == [
        "patron_expired"]
    assert open_loans(desk) == 0


def test_non_overridable_code_in_override_is_refused(desk: Desk) -> None:
    desk.main.checkout("P001", "B001")
    override = Override({"item_checked_out"}, desk.boss, "just do it")
    assert refused(lambda: desk.main.checkout("P002", "B001", override=override)).codes == [
        "item_checked_out"]
    override = Override({"patron_expired", "card_lifetime_limit"}, desk.boss, "x")
    assert refused(lambda: desk.main.checkout("P004", "B002", override=override)).codes == [
        "not_overridable"]


def test_blocked_patron_with_message(desk: Desk) -> None:
    error = refused(lambda: desk.main.checkout("P007", "B001"))
    assert error.codes == ["patron_blocked"] and "證件遺失" in error.reasons[0].message


def test_overdue_items_block(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    clock.advance(days=40)
    error = refused(lambda: desk.main.checkout("P001", "B002"))
    assert error.codes == ["patron_has_overdue"]


def test_unpaid_fines_block_until_paid(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P001", "B001")
    clock.advance(days=35)
    assert desk.main.checkin("B001").fine == 25
    assert refused(lambda: desk.main.checkout("P001", "B002")).codes == ["patron_owes_fines"]
    desk.main.pay("P001", 25, "cash")
    desk.main.checkout("P001", "B002")


def test_loan_limit_per_item_type(any_desk: Desk) -> None:
    for code in ("B001", "B002", "B003"):
        any_desk.main.checkout("P001", code)
    error = refused(lambda: any_desk.main.checkout("P001", "B004"))
    assert error.codes == ["patron_loan_limit"] and "3 of 3" in error.reasons[0].message
    any_desk.main.checkout("P001", "C001")  # another item type has its own limit


def test_several_reasons_reported_together(desk: Desk, clock: FakeClock) -> None:
    for code in ("B001", "B002", "B003"):
        desk.main.checkout("P004", code, override=Override({"patron_expired"}, desk.boss, "x"))
    error = refused(lambda: desk.main.checkout("P004", "B004"))
    assert set(error.codes) == {"patron_expired", "patron_loan_limit"}


def test_no_rule_for_item_type_is_not_loanable(desk: Desk) -> None:
    error = refused(lambda: desk.main.checkout("P003", "R001"))  # no faculty x reserve rule
    assert error.codes == ["item_not_loanable"]


def test_lost_item_cannot_be_lent(desk: Desk) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.declare_lost("B001")
    assert refused(lambda: desk.main.checkout("P002", "B001")).codes == ["item_checked_out"]


def test_accessories_and_patron_message_notices(desk: Desk) -> None:
    desk.library.add_patron("P010", "留言者", "student", message="請洽櫃台領取證件")
    result = desk.main.checkout("P010", "C001")
    codes = [n.code for n in result.warnings]
    assert codes == ["accessories", "patron_message"]
    assert "1 CD-ROM" in result.warnings[0].message


def test_loan_shortened_when_others_wait(desk: Desk) -> None:
    desk.main.checkout("P002", "B100")
    desk.main.place_hold("P003", "B100")
    result = desk.main.checkout("P001", "B101")  # another copy of the held title
    assert result.due_at == datetime(2026, 11, 16, 23, 59, tzinfo=TAIPEI)  # 14 days, not 30
    assert [n.code for n in result.warnings] == ["due_shortened_by_holds"]


def test_consortium_card_limits_and_virtual_card_lifetime(desk: Desk, clock: FakeClock) -> None:
    assert desk.main.checkout("P005", "B001").due_at.date() == date(2026, 11, 16)
    for n, code in enumerate(["B002", "B003", "B004", "B005", "B006"]):
        desk.main.checkout("P006", code)
        desk.main.checkin(code)
    error = refused(lambda: desk.main.checkout("P006", "B007"))
    assert error.codes == ["card_lifetime_limit"] and not error.overridable


def test_proxy_borrowing_needs_a_recorded_authorisation(desk: Desk) -> None:
    error = refused(lambda: desk.main.checkout("P001", "B001", proxy_barcode="P002"))
    assert error.codes == ["proxy_not_authorised"]
    desk.library.add_proxy("P001", "P002", valid_until=date(2026, 12, 31))
    result = desk.main.checkout("P001", "B001", proxy_barcode="P002")
    with desk.library.sessions() as s:
        loan = s.get(Loan, result.loan_id)
        assert loan.proxy_id is not None and loan.patron.barcode == "P001"


def test_virtual_card_borrows_for_three_days_only(desk: Desk, clock: FakeClock) -> None:
    desk.main.checkout("P006", "B001")  # the card was made today: valid to 5 November
    clock.set(2026, 11, 6)
    error = refused(lambda: desk.main.checkout("P006", "B002"))
    assert error.codes == ["patron_expired"] and "2026-11-05" in error.reasons[0].message
