"""Holds (SOP 5.6): placing them, trapping returned copies, temporary holds, clearing the shelf."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from desk.circulation.checkout import patron_block_reasons
from desk.circulation.context import OpContext
from desk.wording import status_name
from desk.circulation.notices import CirculationRefused
from desk.circulation.outbox import queue_notice
from desk.circulation.results import ClearShelfResult
from desk.circulation.return_rows import ReturnHold, ReturnItem
from desk.models import Hold, Item, Loan
from desk.models.hold import ACTIVE_HOLD_STATUSES


def mask_name(name: str) -> str:
    """陳小明 -> 陳○明, 王明 -> 王○, Ann Lee -> A○○○○○e: enough for the patron, not for others."""
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "○"
    return name[0] + "○" * (len(name) - 2) + name[-1]


def shelf_deadline(ctx: OpContext, location_id: int, days: int | None = None) -> datetime:
    calendar = ctx.calendar(location_id)
    count = ctx.policy.holds_shelf_open_days if days is None else days
    return calendar.end_of_day(calendar.add_open_days(ctx.today, count))


def next_pending_hold(ctx: OpContext, item: Item, *, exclude_patron: int | None = None) -> Hold | None:
    query = (select(Hold).where(Hold.biblio_id == item.biblio_id, Hold.status == "pending")
             .order_by(Hold.placed_at, Hold.id))
    for hold in ctx.session.scalars(query):
        if hold.patron_id != exclude_patron:
            return hold
    return None


def trap(ctx: OpContext, hold: Hold | ReturnHold, item: Item | ReturnItem,
         at_location_id: int) -> str:
    """Put ``item``, now at ``at_location_id``, aside for ``hold``: on that location's holds
    shelf, or in transit to the pickup location. Returns 'holds_shelf' or 'transit'."""
    hold.item_id = item.id
    if hold.pickup_location_id == at_location_id:
        # a delivered item (SOP 5.3.9.6) waits fewer open days than a hold (5.6.1.3)
        delivery = hold.kind == "delivery"
        hold.status = "waiting"
        hold.waiting_since = ctx.now
        hold.shelf_expires_at = shelf_deadline(
            ctx, at_location_id, ctx.policy.delivery_shelf_open_days if delivery else None)
        item.status = "on_holds_shelf"
        item.current_location_id = at_location_id
        tz = ctx.calendar(at_location_id).tz
        # the patron is told in the same transaction: the notice exists if the trap does
        queue_notice(ctx.session, hold.patron_id, "delivery_arrived" if delivery else "hold_ready",
                     {"title": item.biblio.title, "location": ctx.location_name(at_location_id),
                      "until": f"{hold.shelf_expires_at.astimezone(tz):%Y-%m-%d}"},
                     now=ctx.now)
        return "holds_shelf"
    hold.status = "in_transit"
    item.status = "in_transit"
    item.current_location_id = hold.pickup_location_id
    return "transit"


def place_hold(ctx: OpContext, patron_barcode: str, item_barcode: str,
               pickup_location: str | None = None) -> int:
    patron = ctx.patron(patron_barcode)
    item = ctx.item(item_barcode)
    rule = ctx.rule(patron, item)
    if rule is None or not rule.holds_allowed:
        raise CirculationRefused.one("holds_not_allowed")
    if item.status in ("lost", "missing", "withdrawn"):
        raise CirculationRefused.one("item_status", barcode=item.barcode,
                                     status=status_name(item.status))
    reasons = [r for r in patron_block_reasons(ctx, patron)
               if r.code in ("patron_expired", "patron_blocked")]
    if reasons:
        raise CirculationRefused(reasons)
    existing = ctx.session.scalars(select(Hold.id).where(
        Hold.patron_id == patron.id, Hold.biblio_id == item.biblio_id,
        Hold.status.in_(ACTIVE_HOLD_STATUSES))).first()
    if existing is not None:
        raise CirculationRefused.one("hold_exists")
    own_loan = ctx.session.scalars(select(Loan.id).join(Item, Loan.item_id == Item.id).where(
        Loan.patron_id == patron.id, Loan.returned_at.is_(None),
        Item.biblio_id == item.biblio_id)).first()
    if own_loan is not None:
        raise CirculationRefused.one("hold_on_own_loan")
    pickup = ctx.location(pickup_location).id if pickup_location else ctx.desk.location_id
    hold = Hold(patron_id=patron.id, biblio_id=item.biblio_id, pickup_location_id=pickup,
                placed_at=ctx.now)
    ctx.session.add(hold)
    ctx.session.flush()
    return hold.id


def temporary_hold(ctx: OpContext, patron_barcode: str, item_barcode: str) -> int:
    """Put a book aside for a patron who cannot borrow now, until the close of the next open
    day (SOP 5.3.5, the temporary hold slip)."""
    patron = ctx.patron(patron_barcode)
    item = ctx.item(item_barcode, lock=True)
    if item.status not in ("available", "holds_cleared"):
        raise CirculationRefused.one("item_status", barcode=item.barcode,
                                     status=status_name(item.status))
    hold = Hold(patron_id=patron.id, biblio_id=item.biblio_id, item_id=item.id,
                pickup_location_id=ctx.desk.location_id, kind="temporary", status="waiting",
                placed_at=ctx.now, waiting_since=ctx.now,
                shelf_expires_at=shelf_deadline(ctx, ctx.desk.location_id, days=1))
    ctx.session.add(hold)
    item.status = "on_holds_shelf"
    item.current_location_id = ctx.desk.location_id
    ctx.session.flush()
    return hold.id


def _release_item(ctx: OpContext, hold: Hold) -> None:
    """The hold no longer keeps its trapped item: staff pull it from the shelf."""
    if hold.item is not None and hold.item.status == "on_holds_shelf":
        hold.item.status = "holds_cleared"


def cancel_hold(ctx: OpContext, hold_id: int) -> None:
    hold = ctx.session.get(Hold, hold_id)
    if hold is None or hold.status not in ACTIVE_HOLD_STATUSES:
        raise CirculationRefused.one("hold_not_found", hold_id=hold_id)
    hold.status = "cancelled"
    hold.closed_at = ctx.now
    _release_item(ctx, hold)


def clear_holds_shelf(ctx: OpContext, location_code: str) -> ClearShelfResult:
    """Cancel every expired waiting hold at the location; retrap each freed copy for the next
    patron in line, or list it to pull and reshelve (SOP 5.6.2.2)."""
    location = ctx.location(location_code)
    expired_holds = list(ctx.session.scalars(
        select(Hold).where(Hold.pickup_location_id == location.id, Hold.status == "waiting",
                           Hold.shelf_expires_at < ctx.now).order_by(Hold.id)))
    expired: list[str] = []
    retrapped: list[str] = []
    to_reshelve: list[str] = []
    to_transit: list[str] = []
    for hold in expired_holds:
        hold.status = "expired"
        hold.closed_at = ctx.now
        item = hold.item
        if item is None:
            continue
        expired.append(item.barcode)
        if hold.kind == "delivery":
            # not collected: it goes back to its own location, the fee kept (SOP 5.3.9.6)
            item.status = "in_transit"
            item.current_location_id = item.location_id
            to_transit.append(item.barcode)
            continue
        following = next_pending_hold(ctx, item, exclude_patron=hold.patron_id)
        if following is None:
            item.status = "holds_cleared"
            to_reshelve.append(item.barcode)
            continue
        if trap(ctx, following, item, location.id) == "holds_shelf":
            retrapped.append(item.barcode)
        else:
            to_transit.append(item.barcode)
        ctx.session.flush()
    return ClearShelfResult(expired=expired, retrapped=retrapped, to_reshelve=to_reshelve,
                            to_transit=to_transit)

