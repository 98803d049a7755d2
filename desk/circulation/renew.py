"""Renewal (SOP 5.4): refused when others wait or the limit is reached; an overdue item's fine
is charged at the desk; the new due date counts from the renewal day."""

from __future__ import annotations

from sqlalchemy import select

from desk.circulation.checkin import charge_overdue
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused, Notice, Override
from desk.circulation.results import RenewResult
from desk.circulation.rules import renewal_due
from desk.models import Hold, Loan, Patron


def renew(ctx: OpContext, item_barcode: str, *, override: Override | None = None) -> RenewResult:
    item = ctx.item(item_barcode, lock=True)
    loan = ctx.session.scalars(select(Loan).where(
        Loan.item_id == item.id, Loan.returned_at.is_(None))).first()
    if loan is None:
        raise CirculationRefused.one("item_not_on_loan", barcode=item.barcode)
    patron = ctx.session.get_one(Patron, loan.patron_id)
    rule = ctx.library.rule(ctx.session, patron.category, item.item_type)
    if rule is None or rule.renewals == 0:
        raise CirculationRefused.one("renewal_not_allowed", detail="no renewals for this card")
    if loan.hourly:
        raise CirculationRefused.one("renewal_not_allowed", detail="hourly loan")
    reasons: list[Notice] = []
    if loan.renewals >= rule.renewals:
        reasons.append(Notice.make("renewal_limit", count=loan.renewals, limit=rule.renewals))
    others = ctx.session.scalars(select(Hold.id).where(
        Hold.biblio_id == item.biblio_id, Hold.status == "pending",
        Hold.patron_id != patron.id)).first()
    if others is not None:
        reasons.append(Notice.make("renewal_on_hold"))
    ctx.enforce(reasons, override)

    fine = 0
    if loan.due_at < ctx.now:  # SOP 5.4.2.2: overdue renewals only at the desk, fine charged
        fine = charge_overdue(ctx, loan, item, patron, ctx.now, "overdue_renewal").amount
    loan.due_at = renewal_due(rule, ctx.now, ctx.desk_calendar)
    loan.renewals += 1
    ctx.session.flush()
    return RenewResult(due_at=loan.due_at, renewals=loan.renewals,
                       renewals_left=max(rule.renewals - loan.renewals, 0), fine=fine,
                       notices=list(ctx.notices), item_barcode=item.barcode,
                       title=item.biblio.title)
