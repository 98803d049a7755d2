"""The printed receipt names the business date a payment is booked to when it is not the date
printed on the receipt: a payment taken after the desk's day was closed (issue 10 item 6)."""

from __future__ import annotations

from desk.circulation.queries.money import payment_receipt
from desk.receipts.payment_slip import BOOKED_TO, receipt_slip
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def lines(desk: Desk, receipt_no: str) -> dict[str, str]:
    slip = receipt_slip(payment_receipt(desk.library, receipt_no), library="總圖書館")
    return {line.label: line.value for line in slip.lines}


def test_booked_to_is_printed_only_after_the_close(desk: Desk, clock: FakeClock) -> None:
    for item in ("B001", "B002"):
        desk.main.checkout("P001", item)
    clock.set(2026, 12, 12)
    for item in ("B001", "B002"):
        desk.main.checkin(item)
    before = desk.main.pay("P001", 30, "cash")
    assert BOOKED_TO not in lines(desk, before)
    clock.set(2026, 12, 12, 17, 32)
    desk.main.close_day({"cash": 30}, supervisor=desk.boss)
    clock.set(2026, 12, 12, 17, 40)
    after = desk.main.take_payment("P001", 20, "cash", tendered=50)
    printed = lines(desk, after)
    assert printed[BOOKED_TO] == "2026-12-13"
    assert BOOKED_TO == "入帳日 Booked to"
    # after the change lines, before the balance
    labels = list(printed)
    assert labels.index("找零 Change") < labels.index(BOOKED_TO)
