"""Checkin (SOP 5.5): close the loan, charge the fine, and route the item to its trolley."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert, select

from desk.circulation import accessories, claims, validation
from desk.circulation.context import OpContext
from desk.circulation.fine_details import fine_columns
from desk.circulation.facts import ReturnRow, read_return
from desk.circulation.return_rows import (ReturnHold, ReturnItem, ReturnLoan, ReturnPatron,
                                          write_rows)
from desk.circulation.holds import mask_name, trap
from desk.circulation.requests.reading_return import READING_ORIGIN, reading_returned
from desk.wording import unit_name
from desk.circulation.notices import CirculationRefused
from desk.circulation.results import CheckinResult
from desk.circulation.rules import Fine, overdue_fine
from desk.models import Charge, Hold, Item, Loan, LostClaim, Patron, ProblemEntry

STAFF_FLAGS = ("withdrawn_area", "cataloguing", "transfer")
# Set at the counter, not in the catalogue: accessories did not come back (see accessories).
COUNTER_FLAGS = (accessories.MISSING_FLAG,)
_INSERT_CHARGE = insert(Charge)  # a Core insert: no unit-of-work flush
# How far ahead of this desk's clock a given return time may be (another PC's clock).
RETURN_CLOCK_SLACK = timedelta(minutes=1)


def charge_overdue(ctx: OpContext, loan: Loan | ReturnLoan, item: Item | ReturnItem,
                   patron: Patron | ReturnPatron, returned_at: datetime, kind: str) -> Fine:
    """Charge the overdue fine of ``loan`` as of ``returned_at`` (nothing when on time)."""
    rule = ctx.library.rule(ctx.session, patron.category, item.item_type)
    if rule is None:
        return Fine(0, 0, "day")
    fine = overdue_fine(rule, loan.due_at, returned_at, ctx.desk_calendar, hourly=loan.hourly,
                        stopped_at=loan.claimed_at)
    if fine.amount > 0:
        tz = ctx.desk_calendar.tz
        ctx.session.connection().execute(_INSERT_CHARGE, dict(
            patron_id=patron.id, kind=kind, amount=fine.amount, loan_id=loan.id, item_id=item.id,
            created_at=ctx.now, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
            description=(f"{item.barcode} {item.biblio.title[:80]}: {fine.units} {fine.unit}(s) late, "
                         f"due {loan.due_at.astimezone(tz):%Y-%m-%d %H:%M}, "
                         f"returned {returned_at.astimezone(tz):%Y-%m-%d %H:%M}"
                         + (" (capped)" if fine.capped else "")),
            **fine_columns(fine.units, fine.unit, rule.fine_per_day, loan.due_at, returned_at,
                           fine.capped)))
        ctx.notice("fine_charged", amount=ctx.money(fine.amount), units=fine.units,
                   unit=unit_name(fine.unit))
    return fine


def returned_when(ctx: OpContext, returned_at: datetime | None, loan: ReturnLoan | None, *,
                  bookdrop: bool = False) -> datetime:
    """When the item counts as returned: ``returned_at`` (aware; not before the loan began, not
    more than ``RETURN_CLOCK_SLACK`` ahead of now, and never later than now), or now, and never
    before the loan began (another desk's clock may run a little ahead of this one's). A
    book-drop return is dated by a rule of thumb (the previous open day), so one of an item
    lent since is dated when it was lent instead of being refused."""
    if returned_at is None:
        return max(ctx.now, loan.out_at) if loan is not None else ctx.now
    tz = ctx.desk_calendar.tz
    if returned_at.tzinfo is None or returned_at.utcoffset() is None:
        raise validation.wrong_type("returned_at", "aware_datetime", returned_at)
    if returned_at > ctx.now + RETURN_CLOCK_SLACK:
        raise CirculationRefused.one(
            "returned_at_in_future", returned_at=f"{returned_at.astimezone(tz):%Y-%m-%d %H:%M}")
    if loan is not None and returned_at < loan.out_at:
        if bookdrop:
            return loan.out_at
        raise CirculationRefused.one(
            "returned_at_out_of_range",
            returned_at=f"{returned_at.astimezone(tz):%Y-%m-%d %H:%M}",
            out_at=f"{loan.out_at.astimezone(tz):%Y-%m-%d %H:%M}")
    return min(returned_at, ctx.now)


def _route(ctx: OpContext, item: ReturnItem,
           returned: ReturnRow) -> tuple[str, ReturnHold | None]:
    here = ctx.desk.location_id
    if item.staff_flag in STAFF_FLAGS + COUNTER_FLAGS:
        item.status = "available"
        item.current_location_id = here if item.location_id != here else None
        ctx.notice(item.staff_flag)
        return "staff", None
    hold = returned.hold  # read with the item, and its patron too
    if hold is not None:
        route = trap(ctx, hold, item, here)
        patron = returned.hold_patron
        location = ctx.location_name(hold.pickup_location_id)
        code = "hold_trapped" if route == "holds_shelf" else "hold_in_transit"
        ctx.notice(code, patron=mask_name(patron.name) if patron else "?", location=location)
        return route, hold
    if item.location_id != here:
        item.status = "in_transit"
        item.current_location_id = item.location_id
        ctx.notice("other_location", location=ctx.location_name(item.location_id))
        return "transit", None
    item.status = "available"
    item.current_location_id = None
    if item.item_type in ctx.policy.reserve_item_types:
        ctx.notice("course_reserve_shelf")   # its own shelf, not the open stacks
    return "shelve", None


def checkin(ctx: OpContext, item_barcode: str, *, returned_at: datetime | None = None,
            bookdrop: bool = False) -> CheckinResult:
    """Return ``item_barcode`` (at ``returned_at``, default now). ``bookdrop``: it came through
    the book drop, so an item with accessories goes to staff to check them (SOP 5.3.6)."""
    returned = read_return(ctx, item_barcode)
    ctx.clock_after_lock()
    item, loan = returned.item, returned.loan
    when = returned_when(ctx, returned_at, loan, bookdrop=bookdrop)
    fine_amount = 0
    patron: ReturnPatron | None = None
    # The counter check of a book-drop return with accessories: not a "not on loan" problem.
    staff_check = item.staff_flag == accessories.CHECK_FLAG and item.status == "available"
    if item.staff_flag == accessories.CHECK_FLAG and not bookdrop:
        item.staff_flag = None

    if item.status == "on_holds_shelf" and loan is None:
        waiting = ctx.session.scalars(select(Hold).where(
            Hold.item_id == item.id, Hold.status == "waiting")).first()
        if waiting is not None:
            holder = ctx.session.get(Patron, waiting.patron_id)
            ctx.notice("already_on_holds_shelf", patron=mask_name(holder.name) if holder else "?")
            write_rows(ctx, item)
            return _result(ctx, item, "holds_shelf", 0, waiting, holder, None, None)

    if loan is not None:
        patron = returned.patron
        assert patron is not None  # read with the loan
        loan.returned_at = when
        loan.return_desk_id = ctx.desk.id
        claim = (ctx.session.get(LostClaim, returned.claim_id)
                 if returned.claim_id is not None else None)
        if claim is not None:  # SOP 5.9.4.4: the claim is void, the real fine is charged
            claim.status = "void"
            claim.closed_at = ctx.now
            ctx.notice("lost_item_found")
        fine_amount = charge_overdue(ctx, loan, item, patron, when, "overdue").amount
        if loan.claimed_at is not None:     # SOP 5.10: the disputed item is back
            claims.resolve_on_checkin(ctx, loan.id)
        if loan.origin == READING_ORIGIN:   # SOP 5.12.5.1: the patron's ID goes back
            reading_returned(ctx, loan.id)
    elif staff_check:
        pass  # staff check the accessories of a book-drop return: route it as usual below
    elif item.status in ("lost", "withdrawn", "missing", "available"):
        if item.status == "lost":
            ctx.notice("lost_item_found")
        else:
            ctx.notice("not_on_loan")
            ctx.session.add(ProblemEntry(at=ctx.now, item_barcode=item.barcode, code="not_on_loan",
                                         desk_code=ctx.desk.code, staff_id=ctx.staff.id,
                                         note=f"status was {item.status}"))
        if item.status in ("lost", "withdrawn"):
            item.status = "available"
            item.current_location_id = None
            accessories.notice(ctx, item)
            write_rows(ctx, item)
            return _result(ctx, item, "staff", 0, None, None, None, None)
    if bookdrop and item.accessories:
        route, hold = accessories.hold_for_check(ctx, item), None
    else:
        route, hold = _route(ctx, item, returned)
        accessories.notice(ctx, item)
    write_rows(ctx, item, loan, returned.hold)
    return _result(ctx, item, route, fine_amount, hold,
                   returned.hold_patron if hold is not None else None, patron, loan)


def _result(ctx: OpContext, item: ReturnItem, route: str, fine: int,
            hold: Hold | ReturnHold | None, hold_patron: Patron | ReturnPatron | None,
            patron: ReturnPatron | None, loan: ReturnLoan | None) -> CheckinResult:
    destination = None
    if route == "transit":
        destination = ctx.location_name(item.current_location_id or item.location_id)
    elif route == "holds_shelf" and hold is not None:
        destination = ctx.location_name(hold.pickup_location_id)
    return CheckinResult(
        route=route, fine=fine, hold_id=hold.id if hold else None, notices=list(ctx.notices),
        item_barcode=item.barcode, title=item.biblio.title,
        patron_barcode=patron.barcode if patron else None,
        patron_name=patron.name if patron else None, loan_id=loan.id if loan else None,
        destination=destination,
        hold_patron_name=hold_patron.name if hold_patron else None,
        hold_patron_barcode=hold_patron.barcode if hold_patron else None,
        shelf_expires_at=hold.shelf_expires_at if hold else None, has_strip=item.has_strip,
        accessories=item.accessories or None,
        hold_patron_shown=mask_name(hold_patron.name) if hold_patron else None)
