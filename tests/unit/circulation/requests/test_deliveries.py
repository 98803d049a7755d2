"""Deliveries between locations (SOP 5.3.9), on SQLite and PostgreSQL: the request and its fee
on a temporary receipt, the refusals that change nothing, pulling, the 3-open-day shelf at the
pickup location, collection, return home when not collected, failure and the 7-day refund."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from desk.circulation import CirculationRefused
from desk.circulation.queries.money import open_day_report, payment_receipt
from desk.models import (AuditEvent, Charge, DeliveryRequest, Hold, Item, Patron, PatronNotice,
                         Payment)
from tests.support.clock import FakeClock
from tests.support.small_library import Desk


def item_status(desk: Desk, barcode: str) -> str:
    with desk.library.sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def notices(desk: Desk) -> list[tuple[str, str, dict[str, str]]]:
    with desk.library.sessions() as s:
        return [(kind, barcode, json.loads(params)) for kind, barcode, params in s.execute(
            select(PatronNotice.kind, Patron.barcode, PatronNotice.params)
            .join(Patron, Patron.id == PatronNotice.patron_id).order_by(PatronNotice.id))]


def counts(desk: Desk) -> tuple[int, ...]:
    """Rows a refused request must not have written."""
    with desk.library.sessions() as s:
        return tuple(int(s.scalar(select(func.count()).select_from(model)) or 0)
                     for model in (DeliveryRequest, Charge, Payment, Hold, PatronNotice))


def refused(call: object) -> CirculationRefused:
    with pytest.raises(CirculationRefused) as error:
        call()  # type: ignore[operator]
    return error.value


def test_a_delivery_from_request_to_pickup(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    request_id, receipt_no = desk.law.request_delivery("P001", "B001", pickup_location="LAW",
                                                       method="cash")
    # the fee is paid at once, on a numbered receipt of the pickup desk
    receipt = payment_receipt(desk.library, receipt_no)
    assert receipt_no.startswith("LAW-1-2026-")
    assert (receipt.amount, receipt.method, [line.kind for line in receipt.lines]) == (
        20, "cash", ["delivery_fee"])
    assert desk.law.balance("P001") == 0
    assert item_status(desk, "B001") == "available"
    # the owning location's pull list shows it, due in 2 open days (Wed 4 Nov 23:59)
    [entry] = desk.main.pull_list()
    assert (entry.kind, entry.request_id, entry.item_barcode, entry.note) == (
        "delivery", request_id, "B001", "法學分館")
    assert entry.act_by is not None and entry.act_by.astimezone(clock.now.tzinfo).date() \
        == date(2026, 11, 4)
    assert not entry.overdue
    assert desk.law.pull_list() == []
    # pulled: in delivery, with what the slip prints
    pulled = desk.main.pull_delivery("B001")
    assert (pulled.request_id, pulled.pickup_location, pulled.patron_shown) == (
        request_id, "法學分館", "陳○明")
    assert item_status(desk, "B001") == "in_delivery"
    assert desk.main.pull_list() == []
    # another patron cannot borrow it on its way
    assert refused(lambda: desk.main.checkout("P002", "B001")).codes
    # checked in at the pickup location: trapped for 3 open days, the patron told
    clock.advance(days=1)
    result = desk.law.checkin("B001")
    assert result.route == "holds_shelf"
    assert result.shelf_expires_at is not None
    assert result.shelf_expires_at.astimezone(clock.now.tzinfo).date() == date(2026, 11, 6)
    assert item_status(desk, "B001") == "on_holds_shelf"
    [(kind, patron, params)] = notices(desk)
    assert (kind, patron, params["location"], params["until"]) == (
        "delivery_arrived", "P001", "法學分館", "2026-11-06")
    # the normal checkout lends it to the patron
    desk.law.checkout("P001", "B001")
    assert item_status(desk, "B001") == "on_loan"
    with desk.library.sessions() as s:
        request = s.get_one(DeliveryRequest, request_id)
        assert request.status == "pulled" and request.hold is not None
        assert request.hold.status == "fulfilled"
        actions = list(s.scalars(select(AuditEvent.action).where(
            AuditEvent.action.like("%delivery%")).order_by(AuditEvent.id)))
    assert actions == ["request_delivery", "pull_delivery"]


def test_one_form_one_location_one_receipt(any_desk: Desk) -> None:
    desk = any_desk
    made = desk.law.request_deliveries("P003", ["B002", "B003"], pickup_location="LAW",
                                       method="easycard")
    assert len(made.request_ids) == 2 and made.fee_total == 40
    receipt = payment_receipt(desk.library, made.receipt_no)
    assert receipt.amount == 40 and receipt.method == "easycard"
    assert [e.item_barcode for e in desk.main.pull_list()] == ["B002", "B003"]
    before = counts(desk)
    # an item of another location on one form: refused, nothing written
    error = refused(lambda: desk.main.request_deliveries(
        "P003", ["L001", "B004"], pickup_location="LAW", method="cash"))
    assert "delivery_mixed_locations" in error.codes
    assert counts(desk) == before


@pytest.mark.parametrize(("items", "pickup", "code"), [
    (["B001"], "MAIN", "delivery_same_location"),
    (["B001"], "NOWHERE", "location_not_found"),
    (["B009"], "LAW", "delivery_item_on_loan"),
    (["R001"], "LAW", "delivery_item_not_lendable"),
    (["B010"], "LAW", "delivery_exists"),
    (["B011"], "LAW", "delivery_item_unavailable"),
    (["B001", "B001"], "LAW", "delivery_duplicate_item"),
    ([], "LAW", "delivery_no_items"),
    (["NOPE"], "LAW", "item_not_found"),
])
def test_refusals_change_nothing(desk: Desk, items: list[str], pickup: str, code: str) -> None:
    desk.main.checkout("P003", "B009")
    desk.law.request_delivery("P002", "B010", pickup_location="LAW", method="cash")
    desk.main.temporary_hold("P002", "B011")
    with desk.library.sessions() as s:
        s.get_one(Item, s.scalars(select(Item.id).where(Item.barcode == "R001")).one()) \
            .loanable = False
        s.commit()
    before = counts(desk)
    error = refused(lambda: desk.law.request_deliveries("P001", items, pickup_location=pickup,
                                                        method="cash"))
    assert error.codes == [code]
    assert counts(desk) == before
    assert desk.law.balance("P001") == 0


def test_blocked_or_expired_patrons_and_bad_methods_are_refused(desk: Desk) -> None:
    for patron, code in [("P004", "patron_expired"), ("P007", "patron_blocked")]:
        assert refused(lambda: desk.law.request_delivery(
            patron, "B001", pickup_location="LAW", method="cash")).codes == [code]
    assert refused(lambda: desk.law.request_delivery(
        "P001", "B001", pickup_location="LAW", method="bitcoin")).codes
    assert desk.main.pull_list() == []


def test_pull_refusals(desk: Desk) -> None:
    assert refused(lambda: desk.main.pull_delivery("B001")).codes == ["delivery_not_on_pull_list"]
    desk.law.request_delivery("P001", "B001", pickup_location="LAW", method="cash")
    # only the owning location pulls it
    assert refused(lambda: desk.law.pull_delivery("B001")).codes == ["delivery_not_on_pull_list"]
    # lent at the owning location meanwhile: refused until staff mark it not supplied
    desk.main.checkout("P003", "B001")
    assert refused(lambda: desk.main.pull_delivery("B001")).codes == ["delivery_item_on_loan"]
    assert item_status(desk, "B001") == "on_loan"


def test_not_collected_goes_home_without_refund(any_desk: Desk, clock: FakeClock) -> None:
    desk = any_desk
    request_id, _ = desk.law.request_delivery("P001", "B001", pickup_location="LAW",
                                              method="cash")
    desk.main.pull_delivery("B001")
    desk.law.checkin("B001")              # Mon 2 Nov: kept until Thu 5 Nov
    clock.set(2026, 11, 5, 22)
    assert desk.law.clear_holds_shelf("LAW").expired == []
    clock.set(2026, 11, 6, 9)
    result = desk.law.clear_holds_shelf("LAW")
    assert result.expired == ["B001"] and result.to_transit == ["B001"]
    assert result.retrapped == [] and result.to_reshelve == []
    assert item_status(desk, "B001") == "in_transit"
    back = desk.main.checkin("B001")
    assert back.route == "shelve" and item_status(desk, "B001") == "available"
    assert refused(lambda: desk.law.refund_delivery(request_id)).codes == [
        "delivery_not_refundable"]


def test_not_supplied_is_refundable_for_seven_open_days(any_desk: Desk,
                                                        clock: FakeClock) -> None:
    desk = any_desk
    request_id, receipt_no = desk.law.request_delivery("P001", "B001", pickup_location="LAW",
                                                       method="cash")
    assert refused(lambda: desk.law.refund_delivery(request_id)).codes == [
        "delivery_not_refundable"]
    assert refused(lambda: desk.main.fail_delivery(request_id, "  ")).codes
    until = desk.main.fail_delivery(request_id, "not on the shelf")
    # 7 open days from Mon 2 Nov at LAW (open every day): Mon 9 Nov
    assert until.astimezone(clock.now.tzinfo).date() == date(2026, 11, 9)
    assert desk.main.pull_list() == []
    [(kind, patron, params)] = notices(desk)
    assert (kind, patron, params["fee"], params["until"]) == (
        "delivery_failed", "P001", "NT$20", "2026-11-09")
    assert refused(lambda: desk.main.fail_delivery(request_id, "again")).codes == [
        "delivery_not_open"]
    clock.set(2026, 11, 9, 20)
    refund = desk.law.refund_delivery(request_id)
    assert (refund.amount, refund.receipt_no, refund.method) == (20, receipt_no, "cash")
    report = open_day_report(desk.library, "LAW-1")
    [adjustment] = report.adjustments
    assert adjustment.amount == -20 and adjustment.receipt_no == receipt_no
    assert {line.method: line.expected for line in report.lines}["cash"] == 0
    assert refused(lambda: desk.law.refund_delivery(request_id)).codes == [
        "delivery_not_refundable"]
    assert item_status(desk, "B001") == "available"


def test_a_refund_after_seven_open_days_is_refused(desk: Desk, clock: FakeClock) -> None:
    request_id, _ = desk.law.request_delivery("P001", "B001", pickup_location="LAW",
                                              method="cash")
    desk.main.fail_delivery(request_id, "missing")
    clock.set(2026, 11, 10, 9)
    error = refused(lambda: desk.law.refund_delivery(request_id))
    assert error.codes == ["delivery_refund_expired"]
    assert "2026-11-09" in str(error)
    assert open_day_report(desk.library, "LAW-1").adjustments == []
    assert refused(lambda: desk.law.refund_delivery(999)).codes == ["delivery_not_found"]
