"""Checkout (SOP 5.3): read the facts, let the rules decide, then the loan and filling holds."""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, insert, select, update

from desk.circulation.context import OpContext
from desk.circulation.facts import ItemRow, PatronRow, patron_facts, read_checkout
from desk.circulation.notices import CirculationRefused, Notice, Override
from desk.circulation.results import CheckoutResult
from desk.circulation.rules import eligibility
from desk.circulation.rules.facts import RuleFacts
from desk.circulation.still_active import lock_head_if_active
from desk.models import AuditEvent, Hold, Item, Loan, Patron, Proxy, audit_chain


def patron_block_reasons(ctx: OpContext, patron: Patron) -> list[Notice]:
    """Why this patron may not borrow now (each overridable by a supervisor)."""
    return eligibility.patron_block_reasons(patron_facts(ctx, patron, ctx.now), ctx.today,
                                            ctx.policy)


def _check_proxy(ctx: OpContext, patron: PatronRow, proxy_barcode: str | None) -> Patron | None:
    if proxy_barcode is None:
        return None
    proxy = ctx.patron(proxy_barcode)
    authorised = ctx.session.scalars(select(Proxy).where(
        Proxy.patron_id == patron.id, Proxy.proxy_id == proxy.id)).first()
    if authorised is None or (authorised.valid_until is not None
                              and authorised.valid_until < ctx.today):
        raise CirculationRefused.one("proxy_not_authorised", proxy=proxy.name,
                                     patron=patron.facts.name)
    return proxy


# The writes of a loan, built once, run as Core statements (no unit-of-work flush).
_INSERT_LOAN = insert(Loan)
_LOAN_VALUES = ("item_id", "patron_id", "desk_id", "staff_id", "proxy_id", "out_at", "due_at",
                "hourly")
_ITEM_LENT = (update(Item).where(Item.id == bindparam("item_id"))
              .values(status="on_loan", current_location_id=None))
_COUNT_LOAN = (update(Patron).where(Patron.id == bindparam("patron_id"))
               .values(lifetime_loans=Patron.lifetime_loans + 1))
_HOLD_BACK_IN_LINE = (update(Hold).where(Hold.id == bindparam("hold_id"))
                      .values(status="pending", item_id=None, waiting_since=None,
                              shelf_expires_at=None))
_HOLD_FILLED = (update(Hold).where(Hold.id == bindparam("hold_id"))
                .values(status="fulfilled", item_id=bindparam("item_id"),
                        closed_at=bindparam("closed_at")))


def checkout(ctx: OpContext, patron_barcode: str, item_barcode: str, *,
             override: Override | None = None, proxy_barcode: str | None = None,
             as_of: datetime | None = None, parts_seen: int | None = None) -> CheckoutResult:
    """Lend the item, judged by the rules as of ``as_of`` (default now: a replayed slip passes
    its own time, so the patron's record is read as it stood then)."""
    live = as_of is None or as_of == ctx.now
    patron, item = read_checkout(ctx, patron_barcode, item_barcode, as_of or ctx.now, lock=True)
    ctx.clock_after_lock()
    at = ctx.now if live or as_of is None else as_of
    try:
        return _lend(ctx, patron, item, at, override=override, proxy_barcode=proxy_barcode,
                     parts_seen=parts_seen)
    except CirculationRefused as refused:
        refused.item_title = item.facts.title       # so the refused row names the book
        raise


def _write_loan(ctx: OpContext, write: Connection, values: dict[str, Any]) -> int:
    """Insert the loan, mark the item lent and count the patron's loan; returns the loan id.

    On PostgreSQL that is one statement (data-modifying CTEs), with the audit row when the
    service lets the operation write it (``OpContext.audit_row``): each statement is a network
    round trip there. SQLite has no such CTEs, and no round trips to save."""
    if write.dialect.name == "postgresql":
        if ctx.audit_row is None:
            return int(write.execute(_lend_in_one_statement(False), values).scalar_one())
        # The audit row as the service would write it, chained under the chain's lock, which
        # the same round trip takes while it draws the loan's id and asks whether the staff
        # member may still lend (``desk.circulation.still_active``).
        head, (loan_id,) = lock_head_if_active(write, ctx.staff.id, ctx.staff.login,
                                               _NEXT_LOAN_ID)
        extra: dict[str, Any] = {"due_at": values["due_at"].isoformat(), "loan_id": loan_id}
        if ctx.notices:
            extra["notices"] = [n.code for n in ctx.notices]
        (audit,), new_head = audit_chain.link(head, [ctx.audit_row(extra)])
        write.execute(_lend_in_one_statement(True), {
            **values, "loan_id": loan_id, **audit_chain.head_params(new_head),
            **{f"audit_{name}": value for name, value in audit.items()}})
        ctx.audit_written = True
        return int(loan_id)
    inserted = write.execute(_INSERT_LOAN, values).inserted_primary_key
    assert inserted is not None
    write.execute(_ITEM_LENT, values)
    write.execute(_COUNT_LOAN, values)
    return int(inserted[0])


_NEXT_LOAN_ID = func.nextval(func.pg_get_serial_sequence("loans", "id"))


@functools.cache
def _lend_in_one_statement(audited: bool) -> Select[int]:
    """The loan, the item lent, the patron's count and, ``audited``, the chained audit row
    (given its id, ``loan_id``) and the chain's head moved: one PostgreSQL statement."""
    columns: dict[str, Any] = {name: bindparam(name) for name in _LOAN_VALUES}
    if audited:
        columns["id"] = bindparam("loan_id")
    loan = insert(Loan).values(columns).returning(Loan.id).cte("new_loan")
    lend = (select(loan.c.id).add_cte(_ITEM_LENT.cte("lent_item"))
            .add_cte(_COUNT_LOAN.cte("counted_loan")))
    if not audited:
        return lend
    table = AuditEvent.__table__
    audit = insert(AuditEvent).values(
        {column.name: bindparam(f"audit_{column.name}", type_=column.type)
         for column in table.columns})
    return (lend.add_cte(audit.cte("audited"))
            .add_cte(audit_chain.ADVANCE_HEAD.cte("chain_head")))


def _lend(ctx: OpContext, patron: PatronRow, item: ItemRow, at: datetime, *,
          override: Override | None, proxy_barcode: str | None,
          parts_seen: int | None = None) -> CheckoutResult:
    proxy = _check_proxy(ctx, patron, proxy_barcode)
    rule = ctx.library.rule(ctx.session, patron.facts.category, item.facts.item_type)
    calendar = ctx.desk_calendar
    decision = eligibility.decide_checkout(
        patron.facts, item.facts, RuleFacts.of(rule) if rule is not None else None,
        now=at, calendar=calendar, policy=ctx.policy, parts_seen=parts_seen)
    if decision.refusal is not None:
        raise CirculationRefused([decision.refusal])
    ctx.enforce(decision.reasons, override)
    assert rule is not None and decision.due_at is not None  # no refusal: there is a rule

    write = ctx.session.connection()
    if item.trapped_hold_id is not None:  # overridden: the hold goes back in line
        write.execute(_HOLD_BACK_IN_LINE, {"hold_id": item.trapped_hold_id})
    # A replayed slip (``as_of``) is lent now and dated from the slip by the replay.
    due_at = decision.due_at if at == ctx.now else eligibility.checkout_due(
        item.facts, RuleFacts.of(rule), ctx.now, calendar)
    hourly = rule.loan_hours is not None
    # The notices before the write, which may carry them in the audit row (PostgreSQL).
    if item.own_hold_id is not None:
        ctx.notice("hold_filled", hold_id=item.own_hold_id)
    ctx.notices.extend(decision.warnings)
    # The partial unique index on open loans refuses a second open loan of this item here.
    loan_id = _write_loan(ctx, write, {
        "item_id": item.id, "patron_id": patron.id, "desk_id": ctx.desk.id,
        "staff_id": ctx.staff.id, "proxy_id": proxy.id if proxy else None, "out_at": ctx.now,
        "due_at": due_at, "hourly": hourly})
    hold_filled = None
    if item.own_hold_id is not None:
        write.execute(_HOLD_FILLED, {"hold_id": item.own_hold_id, "item_id": item.id,
                                     "closed_at": ctx.now})
        hold_filled = item.own_hold_id
    return CheckoutResult(loan_id=loan_id, due_at=due_at, warnings=list(ctx.notices),
                          item_barcode=item.facts.barcode, title=item.facts.title,
                          patron_barcode=patron.facts.barcode, hold_filled=hold_filled,
                          has_strip=item.facts.has_strip, hourly=hourly,
                          due_day=calendar.local_date(due_at))
