"""Deliveries between locations (圖書代借, SOP 5.3.9).

At the pickup desk a patron asks for items of ONE other location (the form F-K08-042); the fee
(``delivery_fee`` a book) is charged and paid at once, on one numbered temporary receipt
(F-K08-034). The owning location sees each request on its pull list and must pull it within
``delivery_pull_open_days`` open days; pulling it (scanning it) sets the item ``in_delivery``
under a hold of kind ``delivery`` for the patron at the pickup location, and the desk prints
the delivery slip (F-K08-043). Checked in at the pickup location, the hold traps it for
``delivery_shelf_open_days`` and tells the patron (``desk.circulation.holds.trap``); not
collected by then, clearing the shelf sends it home, fee kept. Not found or not supplied
(``fail_delivery``), the patron is told and the fee is refundable for
``delivery_refund_open_days`` open days (``refund_delivery``: a payment out on this desk's day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desk import wording
from desk.circulation import payments as payments_op
from desk.circulation.checkout import patron_block_reasons
from desk.circulation.context import OpContext
from desk.circulation.holds import mask_name
from desk.circulation.notices import CirculationRefused, Notice
from desk.circulation.outbox import queue_notice
from desk.models import Charge, Hold, Item, Location, Patron, Payment
from desk.models.delivery import DeliveryRequest
from desk.models.settlement import SettlementAdjustment
from desk.wording import delivery_status_name, status_name

# A form (F-K08-042) lists a handful of books; more is a scanning mistake, not a request.
MAX_FORM_ITEMS = 20


@dataclass(frozen=True)
class DeliveryRequested:
    """The requests made from one form, in the order of its items, and the fee's receipt."""

    request_ids: tuple[int, ...]
    receipt_no: str
    fee_total: int


@dataclass(frozen=True)
class DeliveryPulled:
    """What the delivery slip (F-K08-043) tucked into the pulled book says."""

    request_id: int
    item_barcode: str
    title: str
    call_number: str
    from_location: str
    pickup_location: str
    patron_shown: str        # masked (陳○明), as on a hold slip
    patron_card: str
    requested_at: datetime
    pulled_at: datetime


@dataclass(frozen=True)
class DeliveryRefund:
    """A refunded delivery fee: a payment out booked on this desk's open day."""

    request_id: int
    receipt_no: str
    amount: int
    method: str
    adjustment_id: int
    patron_name: str
    patron_barcode: str
    title: str
    refunded_at: datetime


def _end_of_open_days(ctx: OpContext, location_id: int, days: int) -> datetime:
    calendar = ctx.calendar(location_id)
    return calendar.end_of_day(calendar.add_open_days(ctx.today, days))


def _item_reasons(ctx: OpContext, item: Item, pickup: Location) -> list[Notice]:
    """Why ``item`` cannot be delivered to ``pickup`` (none: it can)."""
    if item.location_id == pickup.id:
        return [Notice.make("delivery_same_location", barcode=item.barcode, location=pickup.name)]
    if item.status == "on_loan":
        return [Notice.make("delivery_item_on_loan", barcode=item.barcode)]
    if not item.loanable:
        return [Notice.make("delivery_item_not_lendable", barcode=item.barcode)]
    if item.status != "available":
        return [Notice.make("delivery_item_unavailable", barcode=item.barcode,
                            status=status_name(item.status))]
    open_request = ctx.session.scalar(select(DeliveryRequest.id).where(
        DeliveryRequest.item_id == item.id, DeliveryRequest.status == "requested"))
    if open_request is not None:
        return [Notice.make("delivery_exists", barcode=item.barcode, request_id=open_request)]
    return []


def request_deliveries(ctx: OpContext, patron_barcode: str, item_barcodes: list[str],
                       pickup_location: str, method: str) -> DeliveryRequested:
    """One form: a request per item, all of one location, the fees paid on one receipt."""
    if not item_barcodes:
        raise CirculationRefused.one("delivery_no_items")
    if len(item_barcodes) > MAX_FORM_ITEMS:
        raise CirculationRefused.one("delivery_too_many_items", count=MAX_FORM_ITEMS)
    patron = ctx.patron(patron_barcode, lock=True)
    blocks = [r for r in patron_block_reasons(ctx, patron)
              if r.code in ("patron_expired", "patron_blocked")]
    if blocks:
        raise CirculationRefused(blocks)
    pickup = ctx.location(pickup_location)
    items: list[Item] = []
    reasons: list[Notice] = []
    for barcode in item_barcodes:
        item = ctx.item(barcode, lock=True)
        if any(seen.id == item.id for seen in items):
            raise CirculationRefused.one("delivery_duplicate_item", barcode=item.barcode)
        if items and item.location_id != items[0].location_id:
            reasons.append(Notice.make(
                "delivery_mixed_locations", barcode=item.barcode,
                location=ctx.location_name(item.location_id),
                first=ctx.location_name(items[0].location_id)))
        reasons += _item_reasons(ctx, item, pickup)
        items.append(item)
    if reasons:
        raise CirculationRefused(reasons)
    ctx.clock_after_lock()
    fee = ctx.policy.delivery_fee
    charges = []
    for item in items:
        charge = Charge(patron_id=patron.id, kind="delivery_fee", amount=fee, item_id=item.id,
                        created_at=ctx.now, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
                        description=wording.text("delivery_fee_description", barcode=item.barcode,
                                                 title=item.biblio.title[:80],
                                                 location=pickup.name)[:500])
        ctx.session.add(charge)
        charges.append(charge)
    ctx.session.flush()
    receipt_no = payments_op.pay(ctx, patron.barcode, fee * len(items), method,
                                 charge_ids=[c.id for c in charges])
    act_by = _end_of_open_days(ctx, items[0].location_id, ctx.policy.delivery_pull_open_days)
    requests = [DeliveryRequest(
        patron_id=patron.id, item_id=item.id, owning_location_id=item.location_id,
        pickup_location_id=pickup.id, status="requested", fee=fee, receipt_no=receipt_no,
        charge_id=charge.id, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
        requested_at=ctx.now, act_by=act_by) for item, charge in zip(items, charges)]
    ctx.session.add_all(requests)
    ctx.session.flush()
    return DeliveryRequested(tuple(r.id for r in requests), receipt_no, fee * len(items))


def pull_delivery(ctx: OpContext, item_barcode: str) -> DeliveryPulled:
    """The owning location scanned a requested item on its pull list: it leaves as
    ``in_delivery``, kept by a delivery hold for the patron at the pickup location."""
    item = ctx.item(item_barcode, lock=True)
    here = ctx.desk.location_id
    request = ctx.session.scalars(select(DeliveryRequest).where(
        DeliveryRequest.item_id == item.id, DeliveryRequest.status == "requested",
        DeliveryRequest.owning_location_id == here).with_for_update()).first()
    if request is None:
        raise CirculationRefused.one("delivery_not_on_pull_list", barcode=item.barcode,
                                     location=ctx.location_name(here))
    if item.status == "on_loan":
        raise CirculationRefused.one("delivery_item_on_loan", barcode=item.barcode)
    if item.status != "available":
        raise CirculationRefused.one("delivery_item_unavailable", barcode=item.barcode,
                                     status=status_name(item.status))
    ctx.clock_after_lock()
    hold = Hold(patron_id=request.patron_id, biblio_id=item.biblio_id, item_id=item.id,
                pickup_location_id=request.pickup_location_id, kind="delivery",
                status="in_transit", placed_at=request.requested_at)
    ctx.session.add(hold)
    ctx.session.flush()
    item.status = "in_delivery"
    item.current_location_id = request.pickup_location_id
    request.status = "pulled"
    request.pulled_at = ctx.now
    request.hold_id = hold.id
    patron = ctx.session.get_one(Patron, request.patron_id)
    return DeliveryPulled(
        request_id=request.id, item_barcode=item.barcode, title=item.biblio.title,
        call_number=item.call_number or "", from_location=ctx.location_name(here),
        pickup_location=ctx.location_name(request.pickup_location_id),
        patron_shown=mask_name(patron.name), patron_card=patron.barcode,
        requested_at=request.requested_at, pulled_at=ctx.now)


def _request(ctx: OpContext, request_id: int) -> DeliveryRequest:
    request = ctx.session.get(DeliveryRequest, request_id, with_for_update=True)
    if request is None:
        raise CirculationRefused.one("delivery_not_found", request_id=request_id)
    return request


def fail_delivery(ctx: OpContext, request_id: int, reason: str) -> datetime:
    """The item was not found or cannot be supplied: the patron is told, and the fee is
    refundable until the returned moment."""
    request = _request(ctx, request_id)
    if request.status != "requested":
        raise CirculationRefused.one("delivery_not_open", request_id=request_id,
                                     status=delivery_status_name(request.status))
    ctx.clock_after_lock()
    until = _end_of_open_days(ctx, request.pickup_location_id,
                              ctx.policy.delivery_refund_open_days)
    request.status = "failed"
    request.failed_at = ctx.now
    request.fail_reason = reason.strip()
    request.refund_until = until
    tz = ctx.calendar(request.pickup_location_id).tz
    queue_notice(ctx.session, request.patron_id, "delivery_failed",
                 {"title": request.item.biblio.title, "fee": ctx.money(request.fee),
                  "until": f"{until.astimezone(tz):%Y-%m-%d}"}, now=ctx.now)
    return until


def refund_delivery(ctx: OpContext, request_id: int) -> DeliveryRefund:
    """Refund the fee of a request that could not be met, within its refund period: a payment
    out of the fee's method, booked on this desk's open day (it shows in the settlement)."""
    request = _request(ctx, request_id)
    if request.status != "failed":
        raise CirculationRefused.one("delivery_not_refundable", request_id=request_id,
                                     status=delivery_status_name(request.status))
    ctx.clock_after_lock()
    tz = ctx.calendar(request.pickup_location_id).tz
    if request.refund_until is None or ctx.now > request.refund_until:
        until = request.refund_until or ctx.now
        raise CirculationRefused.one("delivery_refund_expired", request_id=request_id,
                                     until=f"{until.astimezone(tz):%Y-%m-%d}")
    payment = ctx.session.scalars(select(Payment).where(
        Payment.receipt_no == request.receipt_no)).one()
    if payment.voided_at is not None:
        raise CirculationRefused.one("delivery_receipt_void", receipt_no=payment.receipt_no)
    patron = ctx.session.get_one(Patron, request.patron_id)
    # The SOP gives the patron the refund (5.3.9.7): no supervisor approves it, so the staff
    # member who pays it out is recorded as its approver.
    adjustment = SettlementAdjustment(
        desk_id=ctx.desk.id, business_date=payments_op.business_date(ctx),
        method=payment.method, amount=-request.fee,
        reason=wording.text("delivery_refund_reason", request_id=request.id,
                            receipt_no=payment.receipt_no),
        receipt_no=payment.receipt_no, patron_id=patron.id, staff_id=ctx.staff.id,
        supervisor_id=ctx.staff.id, created_at=ctx.now)
    ctx.session.add(adjustment)
    ctx.session.flush()
    request.status = "refunded"
    request.refunded_at = ctx.now
    request.refund_adjustment_id = adjustment.id
    return DeliveryRefund(request.id, payment.receipt_no, request.fee, payment.method,
                          adjustment.id, patron.name, patron.barcode,
                          request.item.biblio.title, ctx.now)


__all__ = ["DeliveryPulled", "DeliveryRefund", "DeliveryRequested", "MAX_FORM_ITEMS",
           "fail_delivery", "pull_delivery", "refund_delivery", "request_deliveries"]
