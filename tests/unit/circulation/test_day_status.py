"""A desk's business day before counting (issue 10 item 6): whether today is already closed, by
whom and when, and the day a payment taken now is booked to; the day overview lists the payments
booked to a day, and says which payments taken on a calendar day were booked to a later one."""

from __future__ import annotations

from datetime import date

import pytest

from desk.circulation import CirculationRefused
from desk.circulation.queries.money import day_overview, desk_day_status
from desk.models import Payment
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def owing(desk: Desk, clock: FakeClock) -> None:
    """P001 owes 2 x NT$50; the clock ends on 2026-12-12 10:00."""
    for item in ("B001", "B002"):
        desk.main.checkout("P001", item)
    clock.set(2026, 12, 12)
    for item in ("B001", "B002"):
        desk.main.checkin(item)


def test_an_open_day_books_payments_to_today(desk: Desk, clock: FakeClock) -> None:
    owing(desk, clock)
    status = desk_day_status(desk.library, "MAIN-1")
    assert status.closed is False
    assert status.today == date(2026, 12, 12) and status.business_date == date(2026, 12, 12)
    assert status.settlement_id is None and status.closed_at is None and status.supervisor == ""


def test_a_closed_day_says_who_closed_it_when_and_where_payments_go(desk: Desk,
                                                                     clock: FakeClock) -> None:
    owing(desk, clock)
    desk.main.pay("P001", 30, "cash")
    clock.set(2026, 12, 12, 17, 32)
    result = desk.main.close_day({"cash": 30}, supervisor=desk.boss)
    clock.set(2026, 12, 12, 17, 40)
    status = desk_day_status(desk.library, "MAIN-1")
    assert status.closed is True
    assert status.settlement_id == result.id
    assert status.closed_day == date(2026, 12, 12)
    assert status.business_date == date(2026, 12, 13)
    assert status.supervisor == "張主任"
    assert f"{status.closed_at:%Y-%m-%d %H:%M}" == "2026-12-12 17:32"   # local time
    # the other desk is not closed
    assert desk_day_status(desk.library, "LAW-1").closed is False
    # a payment now is booked where the status said
    receipt = desk.main.pay("P001", 20, "cash")
    with desk.library.sessions() as session:
        booked = session.query(Payment.business_date).filter_by(receipt_no=receipt).scalar()
    assert booked == status.business_date
    clock.set(2026, 12, 13, 9, 0)                        # the next morning is open again
    assert desk_day_status(desk.library, "MAIN-1").closed is False


def test_an_unknown_desk_is_refused(desk: Desk) -> None:
    with pytest.raises(CirculationRefused) as error:
        desk_day_status(desk.library, "NOPE-9")
    assert error.value.codes == ["desk_not_found"]


def test_the_day_overview_lists_the_payments_booked_to_the_day(desk: Desk,
                                                               clock: FakeClock) -> None:
    owing(desk, clock)
    first = desk.main.pay("P001", 30, "cash")
    clock.set(2026, 12, 12, 17, 32)
    desk.main.close_day({"cash": 30}, supervisor=desk.boss)
    clock.set(2026, 12, 12, 17, 45)
    late = desk.main.pay("P001", 20, "easycard")          # after the close: booked to 12-13
    today = day_overview(desk.library)
    assert [p.receipt_no for p in today.payments] == [first]
    assert today.payments[0].business_date == date(2026, 12, 12)
    assert [(p.receipt_no, p.business_date) for p in today.booked_later] == [
        (late, date(2026, 12, 13))]
    assert today.totals == {"cash": 30}
    tomorrow = day_overview(desk.library, date(2026, 12, 13))
    assert tomorrow.day == date(2026, 12, 13)
    assert [(p.receipt_no, p.desk, p.method, p.amount) for p in tomorrow.payments] == [
        (late, "MAIN-1", "easycard", 20)]
    assert f"{tomorrow.payments[0].paid_at:%Y-%m-%d %H:%M}" == "2026-12-12 17:45"
    assert tomorrow.booked_later == []
    assert tomorrow.totals == {"easycard": 20}
    assert [(d.desk, d.open_payments) for d in tomorrow.desks] == [("LAW-1", 0), ("MAIN-1", 1)]
