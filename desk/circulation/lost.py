"""Lost items (SOP 5.9): the compensation claim, its deadline, and settling it."""

from __future__ import annotations

import calendar as month_calendar
from datetime import date

from sqlalchemy import select

from desk.circulation.checkin import charge_overdue
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.models import Charge, Hold, Item, Loan, LostClaim, Patron
from desk.models.hold import TRAPPED_HOLD_STATUSES

SETTLE_HOW = ("replacement", "payment")


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def declare_lost(ctx: OpContext, item_barcode: str) -> int:
    """Open a compensation claim for an item on loan; returns the claim id."""
    item = ctx.item(item_barcode, lock=True)
    loan = ctx.session.scalars(select(Loan).where(
        Loan.item_id == item.id, Loan.returned_at.is_(None))).first()
    if loan is None:
        raise CirculationRefused.one("item_not_on_loan", barcode=item.barcode)
    existing = ctx.session.scalars(select(LostClaim.id).where(
        LostClaim.loan_id == loan.id, LostClaim.status == "open")).first()
    if existing is not None:
        raise CirculationRefused.one("lost_claim_exists", barcode=item.barcode)
    months = (ctx.policy.lost_deadline_months_foreign if item.biblio.foreign
              else ctx.policy.lost_deadline_months_domestic)
    claim = LostClaim(loan_id=loan.id, item_id=item.id, patron_id=loan.patron_id,
                      opened_at=ctx.now, deadline=add_months(ctx.today, months))
    ctx.session.add(claim)
    item.status = "lost"
    ctx.session.flush()
    return claim.id


def late_compensation(ctx: OpContext, deadline: date, on: date) -> int:
    """NT$5 for each day past the deadline, at most NT$1,000 (the defaults)."""
    days = (on - deadline).days
    if days <= 0:
        return 0
    return min(days * ctx.policy.lost_late_fee_per_day, ctx.policy.lost_late_fee_cap)


def settle_lost(ctx: OpContext, item_barcode: str, how: str) -> list[int]:
    """Settle the open claim by a replacement copy (handling fee) or by paying the price.

    The loan closes on the claim's date (SOP 5.9.3.2); the overdue fine up to that date is billed,
    the compensation period is free, and days past the deadline add the late charge. Returns the
    ids of the charges made (to be paid at once or later)."""
    if how not in SETTLE_HOW:
        raise ValueError(f"how must be one of {SETTLE_HOW}, not {how!r}")
    item = ctx.item(item_barcode, lock=True)
    claim = ctx.session.scalars(select(LostClaim).where(
        LostClaim.item_id == item.id, LostClaim.status == "open")).first()
    if claim is None:
        raise CirculationRefused.one("lost_claim_not_found", barcode=item.barcode)
    loan = claim.loan
    patron = ctx.session.get_one(Patron, loan.patron_id)
    before = set(ctx.session.scalars(select(Charge.id).where(Charge.patron_id == patron.id)))
    loan.returned_at = claim.opened_at
    loan.return_desk_id = ctx.desk.id
    loan.origin = "lost_claim"
    charge_overdue(ctx, loan, item, patron, claim.opened_at, "billed_overdue")

    def add(kind: str, amount: int, description: str) -> None:
        if amount > 0:
            ctx.session.add(Charge(patron_id=patron.id, kind=kind, amount=amount, loan_id=loan.id,
                                   item_id=item.id, created_at=ctx.now, desk_id=ctx.desk.id,
                                   staff_id=ctx.staff.id, description=description))

    label = f"{item.barcode} {item.biblio.title[:80]}"
    if how == "replacement":
        add("lost_handling_fee", ctx.policy.lost_handling_fee, f"{label}: replacement copy")
    else:
        add("lost_compensation", item.price, f"{label}: price")
    add("lost_late", late_compensation(ctx, claim.deadline, ctx.today),
        f"{label}: compensated after the deadline {claim.deadline.isoformat()}")
    claim.status = "replaced" if how == "replacement" else "paid"
    claim.closed_at = ctx.now
    item.status = "withdrawn"
    # SOP 5.9.4.8: the other patrons' holds on this copy are cancelled.
    for hold in ctx.session.scalars(select(Hold).where(
            Hold.item_id == item.id, Hold.status.in_(TRAPPED_HOLD_STATUSES))):
        hold.status, hold.item_id = "pending", None
    ctx.session.flush()
    return sorted(set(ctx.session.scalars(
        select(Charge.id).where(Charge.patron_id == patron.id))) - before)


def claim_items(ctx: OpContext) -> list[Item]:
    return list(ctx.session.scalars(select(Item).join(LostClaim, LostClaim.item_id == Item.id)
                                    .where(LostClaim.status == "open")))
