"""Renewal (SOP 5.4): refused when others wait or the limit is reached; an overdue item's fine
is charged at the desk; the new due date counts from the renewal day."""

from __future__ import annotations

from sqlalchemy import select

from desk.circulation.checkin import charge_overdue
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused, Override
from desk.circulation.results import RenewResult
from desk.circulation.rules import eligibility
from desk.circulation.rules.facts import LoanFacts, RuleFacts
from desk.models import Hold, Loan, Patron


def renew(ctx: OpContext, item_barcode: str, *, override: Override | None = None) -> RenewResult:
    item = ctx.item(item_barcode, lock=True)
    loan = ctx.session.scalars(select(Loan).where(
        Loan.item_id == item.id, Loan.returned_at.is_(None))).first()
    if loan is None:
        raise CirculationRefused.one("item_not_on_loan", barcode=item.barcode)
    patron = ctx.session.get_one(Patron, loan.patron_id)
    rule = ctx.library.rule(ctx.session, patron.category, item.item_type)
    others = ctx.session.scalars(select(Hold.id).where(
        Hold.biblio_id == item.biblio_id, Hold.status == "pending",
        Hold.patron_id != patron.id)).first()
    decision = eligibility.decide_renewal(
        LoanFacts(due_at=loan.due_at, hourly=loan.hourly, renewals=loan.renewals,
                  others_waiting=others is not None),
        RuleFacts.of(rule) if rule is not None else None, now=ctx.now,
        calendar=ctx.desk_calendar)
    if decision.refusal is not None:
        raise CirculationRefused([decision.refusal])
    ctx.enforce(decision.reasons, override)
    assert rule is not None and decision.due_at is not None  # no refusal: there is a rule

    fine = 0
    if decision.overdue:
        fine = charge_overdue(ctx, loan, item, patron, ctx.now, "overdue_renewal").amount
    loan.due_at = decision.due_at
    loan.renewals += 1
    ctx.session.flush()
    return RenewResult(due_at=loan.due_at, renewals=loan.renewals,
                       renewals_left=max(rule.renewals - loan.renewals, 0), fine=fine,
                       notices=list(ctx.notices), item_barcode=item.barcode,
                       title=item.biblio.title, hourly=loan.hourly,
                       due_day=ctx.desk_calendar.local_date(loan.due_at))
