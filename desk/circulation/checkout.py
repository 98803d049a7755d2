"""Checkout (SOP 5.3): read the facts, let the rules decide, then the loan and filling holds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from desk.circulation.context import OpContext
from desk.circulation.facts import ItemRow, PatronRow, patron_facts, read_item, read_patron
from desk.circulation.notices import CirculationRefused, Notice, Override
from desk.circulation.results import CheckoutResult
from desk.circulation.rules import eligibility
from desk.circulation.rules.facts import RuleFacts
from desk.models import Hold, Loan, Patron, Proxy


def patron_block_reasons(ctx: OpContext, patron: Patron) -> list[Notice]:
    """Why this patron may not borrow now (each overridable by a supervisor)."""
    return eligibility.patron_block_reasons(patron_facts(ctx, patron, ctx.now), ctx.today,
                                            ctx.policy)


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
             override: Override | None = None, proxy_barcode: str | None = None,
             as_of: datetime | None = None) -> CheckoutResult:
    """Lend the item, judged by the rules as of ``as_of`` (default now: a replayed slip passes
    its own time, so the patron's record is read as it stood then)."""
    at = as_of or ctx.now
    patron = read_patron(ctx, patron_barcode, at, lock=True)
    item = read_item(ctx, item_barcode, patron, lock=True)
    try:
        return _lend(ctx, patron, item, at, override=override, proxy_barcode=proxy_barcode)
    except CirculationRefused as refused:
        refused.item_title = item.facts.title       # so the refused row names the book
        raise


def _lend(ctx: OpContext, patron_row: PatronRow, item_row: ItemRow, at: datetime, *,
          override: Override | None, proxy_barcode: str | None) -> CheckoutResult:
    patron, item = patron_row.patron, item_row.item
    proxy = _check_proxy(ctx, patron, proxy_barcode)
    rule = ctx.library.rule(ctx.session, patron.category, item.item_type)
    calendar = ctx.desk_calendar
    decision = eligibility.decide_checkout(
        patron_row.facts, item_row.facts, RuleFacts.of(rule) if rule is not None else None,
        now=at, calendar=calendar, policy=ctx.policy)
    if decision.refusal is not None:
        raise CirculationRefused([decision.refusal])
    ctx.enforce(decision.reasons, override)
    assert rule is not None and decision.due_at is not None  # no refusal: there is a rule

    if item_row.trapped_hold_id is not None:  # overridden: the hold goes back in line
        trapped = ctx.session.get_one(Hold, item_row.trapped_hold_id)
        trapped.status = "pending"
        trapped.item_id = None
        trapped.waiting_since = None
        trapped.shelf_expires_at = None
    # A replayed slip (``as_of``) is lent now and dated from the slip by the replay.
    due_at = decision.due_at if at == ctx.now else eligibility.checkout_due(
        item_row.facts, RuleFacts.of(rule), ctx.now, calendar)
    loan = Loan(item_id=item.id, patron_id=patron.id, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
                proxy_id=proxy.id if proxy else None, out_at=ctx.now, due_at=due_at,
                hourly=rule.loan_hours is not None)
    ctx.session.add(loan)
    item.status = "on_loan"
    item.current_location_id = None
    patron.lifetime_loans += 1
    hold_filled = None
    if item_row.own_hold_id is not None:
        own_hold = ctx.session.get_one(Hold, item_row.own_hold_id)
        own_hold.status = "fulfilled"
        own_hold.item_id = item.id
        own_hold.closed_at = ctx.now
        hold_filled = own_hold.id
        ctx.notice("hold_filled", hold_id=own_hold.id)
    ctx.session.flush()

    ctx.notices.extend(decision.warnings)
    return CheckoutResult(loan_id=loan.id, due_at=due_at, warnings=list(ctx.notices),
                          item_barcode=item.barcode, title=item_row.facts.title,
                          patron_barcode=patron.barcode, hold_filled=hold_filled,
                          has_strip=item.has_strip, hourly=loan.hourly,
                          due_day=ctx.desk_calendar.local_date(due_at))
