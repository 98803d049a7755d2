"""Checkout (SOP 5.3): the patron checks, the item checks, the loan, and filling holds."""

from __future__ import annotations

from sqlalchemy import func, select

from desk.circulation.context import OpContext
from desk.circulation.fines_query import outstanding_balance
from desk.circulation.messages import status_name
from desk.circulation.messages import text as message_text
from desk.circulation.notices import CirculationRefused, Notice, Override
from desk.circulation.results import CheckoutResult
from desk.circulation.rules import is_shortened, loan_due
from desk.models import Hold, Item, ItemType, Loan, LostClaim, Patron, PatronCategory, Proxy


def patron_block_reasons(ctx: OpContext, patron: Patron) -> list[Notice]:
    """Why this patron may not borrow now (each overridable by a supervisor)."""
    reasons: list[Notice] = []
    if patron.expires_on is not None and patron.expires_on < ctx.today:
        reasons.append(Notice.make("patron_expired", expires=patron.expires_on.isoformat()))
    if patron.blocked:
        reasons.append(Notice.make("patron_blocked", message=patron.block_message or ""))
    overdue = ctx.session.scalar(
        select(func.count()).select_from(Loan).where(
            Loan.patron_id == patron.id, Loan.returned_at.is_(None), Loan.due_at < ctx.now))
    if overdue:
        reasons.append(Notice.make("patron_has_overdue", count=overdue))
    owed = outstanding_balance(ctx.session, patron.id)
    if owed > ctx.policy.max_outstanding_fines:
        reasons.append(Notice.make("patron_owes_fines", amount=ctx.money(owed)))
    late_claim = ctx.session.scalars(
        select(LostClaim.deadline).where(
            LostClaim.patron_id == patron.id, LostClaim.status == "open",
            LostClaim.deadline < ctx.today).order_by(LostClaim.deadline).limit(1)).first()
    if late_claim is not None:
        reasons.append(Notice.make("patron_lost_item_pending", deadline=late_claim.isoformat()))
    return reasons


def _limit_reasons(ctx: OpContext, patron: Patron, item: Item, max_items: int) -> list[Notice]:
    reasons: list[Notice] = []
    # Counting the open loans alone reads one index; the count per item type joins every open
    # loan to its item (2-4 ms for a patron with 500 loans), so it runs only when the patron
    # has at least max_items loans in all and could be at this type's limit.
    total = ctx.session.scalar(select(func.count()).select_from(Loan).where(
        Loan.patron_id == patron.id, Loan.returned_at.is_(None))) or 0
    same_type = 0
    if total >= max_items:
        same_type = ctx.session.scalar(
            select(func.count()).select_from(Loan).join(Item, Loan.item_id == Item.id).where(
                Loan.patron_id == patron.id, Loan.returned_at.is_(None),
                Item.item_type == item.item_type)) or 0
    if same_type >= max_items:
        item_type = ctx.session.get(ItemType, item.item_type)
        reasons.append(Notice.make("patron_loan_limit", count=same_type, limit=max_items,
                                   item_type=item_type.name if item_type else item.item_type))
    category = ctx.session.get(PatronCategory, patron.category)
    if category is not None and category.max_items_total is not None:
        if total >= category.max_items_total and not reasons:
            reasons.append(Notice.make("patron_loan_limit", count=total,
                                       limit=category.max_items_total,
                                       item_type=message_text("all_item_types")))
    if category is not None and category.lifetime_item_limit is not None \
            and patron.lifetime_loans >= category.lifetime_item_limit:
        reasons.append(Notice.make("card_lifetime_limit", count=patron.lifetime_loans,
                                   limit=category.lifetime_item_limit))
    return reasons


def _holds_for_title(ctx: OpContext, item: Item) -> list[Hold]:
    return list(ctx.session.scalars(
        select(Hold).where(Hold.biblio_id == item.biblio_id,
                           Hold.status.in_(("pending", "in_transit", "waiting")))
        .order_by(Hold.placed_at, Hold.id)))


def _check_proxy(ctx: OpContext, patron: Patron, proxy_barcode: str | None) -> Patron | None:
    if proxy_barcode is None:
        return None
    proxy = ctx.patron(proxy_barcode)
    authorised = ctx.session.scalars(select(Proxy).where(
        Proxy.patron_id == patron.id, Proxy.proxy_id == proxy.id)).first()
    if authorised is None or (authorised.valid_until is not None
                              and authorised.valid_until < ctx.today):
        raise CirculationRefused.one("proxy_not_authorised", proxy=proxy.name, patron=patron.name)
    return proxy


def checkout(ctx: OpContext, patron_barcode: str, item_barcode: str, *,
             override: Override | None = None, proxy_barcode: str | None = None) -> CheckoutResult:
    patron = ctx.patron(patron_barcode, lock=True)
    item = ctx.item(item_barcode, lock=True)
    try:
        return _lend(ctx, patron, item, override=override, proxy_barcode=proxy_barcode)
    except CirculationRefused as refused:
        refused.item_title = item.biblio.title       # so the refused row names the book
        raise


def _lend(ctx: OpContext, patron: Patron, item: Item, *, override: Override | None,
          proxy_barcode: str | None) -> CheckoutResult:
    proxy = _check_proxy(ctx, patron, proxy_barcode)

    open_loan = ctx.session.scalars(
        select(Loan).where(Loan.item_id == item.id, Loan.returned_at.is_(None))).first()
    if open_loan is not None:
        to = "" if open_loan.patron_id != patron.id else message_text("loan_to_this_patron")
        raise CirculationRefused.one("item_checked_out", barcode=item.barcode, to=to)
    if item.status in ("lost", "missing", "withdrawn", "in_transit"):
        raise CirculationRefused.one("item_status", barcode=item.barcode,
                                     status=status_name(item.status))
    rule = ctx.rule(patron, item)
    if not item.loanable:
        raise CirculationRefused.one("item_not_loanable", barcode=item.barcode,
                                     detail="in-library use only")
    if rule is None or rule.max_items == 0:
        raise CirculationRefused.one(
            "item_not_loanable", barcode=item.barcode,
            detail=f"no loans of {item.item_type} to {patron.category} patrons")

    reasons = patron_block_reasons(ctx, patron)
    reasons += _limit_reasons(ctx, patron, item, rule.max_items)
    holds = _holds_for_title(ctx, item)
    own_hold = next((h for h in holds if h.patron_id == patron.id
                     and (h.item_id in (None, item.id))), None)
    trapped_for_other = next((h for h in holds if h.item_id == item.id
                              and h.status in ("waiting", "in_transit")
                              and h.patron_id != patron.id), None)
    if trapped_for_other is not None:
        reasons.append(Notice.make("item_on_hold_for_other", barcode=item.barcode))
    ctx.enforce(reasons, override)

    if trapped_for_other is not None:  # overridden: the other patron's hold goes back in line
        trapped_for_other.status = "pending"
        trapped_for_other.item_id = None
        trapped_for_other.waiting_since = None
        trapped_for_other.shelf_expires_at = None
    others_waiting = any(h.patron_id != patron.id and h.status == "pending" for h in holds)
    due_at = loan_due(rule, ctx.now, ctx.desk_calendar, others_waiting=others_waiting)
    loan = Loan(item_id=item.id, patron_id=patron.id, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
                proxy_id=proxy.id if proxy else None, out_at=ctx.now, due_at=due_at,
                hourly=rule.loan_hours is not None)
    ctx.session.add(loan)
    item.status = "on_loan"
    item.current_location_id = None
    patron.lifetime_loans += 1
    hold_filled = None
    if own_hold is not None:
        own_hold.status = "fulfilled"
        own_hold.item_id = item.id
        own_hold.closed_at = ctx.now
        hold_filled = own_hold.id
        ctx.notice("hold_filled", hold_id=own_hold.id)
    ctx.session.flush()

    if others_waiting and is_shortened(rule):
        ctx.notice("due_shortened_by_holds",
                   due=due_at.astimezone(ctx.desk_calendar.tz).strftime("%Y-%m-%d"))
    if item.accessories:
        ctx.notice("accessories", accessories=item.accessories)
    if patron.message:
        ctx.notice("patron_message", message=patron.message)
    return CheckoutResult(loan_id=loan.id, due_at=due_at, warnings=list(ctx.notices),
                          item_barcode=item.barcode, title=item.biblio.title,
                          patron_barcode=patron.barcode, hold_filled=hold_filled,
                          has_strip=item.has_strip)
