"""Renewal (SOP 5.4): refused when others wait or the limit is reached; an overdue item's fine
is charged at the desk; the new due date counts from the renewal day."""

from __future__ import annotations

from desk.circulation.checkin import charge_overdue
from desk.circulation.context import OpContext
from desk.circulation.facts import read_renewal
from desk.circulation.notices import CirculationRefused, Override
from desk.circulation.results import RenewResult
from desk.circulation.rules import eligibility
from desk.circulation.rules.facts import LoanFacts, RuleFacts
from desk.circulation.write_back import write_back
from desk.wording import text


def renew(ctx: OpContext, item_barcode: str, *, override: Override | None = None) -> RenewResult:
    renewal = read_renewal(ctx, item_barcode)
    ctx.clock_after_lock()
    item, loan, patron = renewal.item, renewal.loan, renewal.patron
    if loan is None or patron is None:
        raise CirculationRefused.one("item_not_on_loan", barcode=item.barcode)
    if loan.claimed_at is not None:     # disputed (SOP 5.10): not renewed while it lasts
        raise CirculationRefused.one("renewal_not_allowed", detail=text("claimed_loan"))
    rule = ctx.library.rule(ctx.session, patron.category, item.item_type)
    decision = eligibility.decide_renewal(
        LoanFacts(due_at=loan.due_at, hourly=loan.hourly, renewals=loan.renewals,
                  others_waiting=renewal.others_waiting),
        RuleFacts.of(rule) if rule is not None else None, now=ctx.now,
        calendar=ctx.desk_calendar)
    if decision.refusal is not None:
        raise CirculationRefused([decision.refusal])
    ctx.enforce(decision.reasons, override)
    assert rule is not None and decision.due_at is not None  # no refusal: there is a rule

    previous_due_at = loan.due_at
    fine = 0
    if decision.overdue:
        fine = charge_overdue(ctx, loan, item, patron, ctx.now, "overdue_renewal").amount
    loan.due_at = decision.due_at
    loan.renewals += 1
    write_back(ctx, loan)
    return RenewResult(due_at=loan.due_at, renewals=loan.renewals,
                       renewals_left=max(rule.renewals - loan.renewals, 0), fine=fine,
                       notices=list(ctx.notices), item_barcode=item.barcode,
                       title=item.biblio.title, hourly=loan.hourly,
                       due_day=ctx.desk_calendar.local_date(loan.due_at),
                       previous_due_at=previous_due_at)
