"""End-of-day settlement (SOP 5.7.4): expected takings per method against the counted money."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select, update

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.results import Settlement as SettlementResult
from desk.models import Payment, Settlement, SettlementLine, StaffUser, Waiver


def close_day(ctx: OpContext, counted: dict[str, int], *, supervisor: StaffUser,
              note: str | None = None) -> SettlementResult:
    approver = ctx.require_supervisor(supervisor)
    methods = set(ctx.policy.payment_methods)
    for method, amount in counted.items():
        if method not in methods:
            raise CirculationRefused.one("payment_method_unknown", method=method)
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise CirculationRefused.one("payment_invalid_amount")
    day = ctx.today
    if ctx.session.scalars(select(Settlement.id).where(
            Settlement.desk_id == ctx.desk.id, Settlement.business_date == day)).first():
        raise CirculationRefused.one("day_closed", business_date=day.isoformat(), desk=ctx.desk.code)
    open_payments = (Payment.desk_id == ctx.desk.id, Payment.settlement_id.is_(None),
                     Payment.business_date <= day)
    expected: dict[str, int] = defaultdict(int)
    for method, total in ctx.session.execute(
            select(Payment.method, func.sum(Payment.amount))
            .where(*open_payments, Payment.voided_at.is_(None)).group_by(Payment.method)):
        expected[method] = int(total)
    voided = list(ctx.session.scalars(select(Payment.receipt_no).where(
        *open_payments, Payment.voided_at.is_not(None)).order_by(Payment.receipt_no)))
    settlement = Settlement(desk_id=ctx.desk.id, business_date=day, closed_at=ctx.now,
                            supervisor_id=approver.id, staff_id=ctx.staff.id, note=note)
    ctx.session.add(settlement)
    ctx.session.flush()
    all_methods = sorted(methods | set(expected) | set(counted))
    for method in all_methods:
        ctx.session.add(SettlementLine(settlement_id=settlement.id, method=method,
                                       expected=expected.get(method, 0),
                                       counted=counted.get(method, 0)))
    ctx.session.execute(update(Payment).where(*open_payments).values(settlement_id=settlement.id))
    waiver_filter = (Waiver.desk_id == ctx.desk.id, Waiver.settlement_id.is_(None),
                     Waiver.business_date <= day)
    waived = int(ctx.session.scalar(select(func.coalesce(func.sum(Waiver.amount), 0))
                                    .where(*waiver_filter)) or 0)
    ctx.session.execute(update(Waiver).where(*waiver_filter).values(settlement_id=settlement.id))
    ctx.supervisor = approver
    return SettlementResult(
        id=settlement.id, desk=ctx.desk.code, business_date=day,
        expected={m: expected.get(m, 0) for m in all_methods},
        counted={m: counted.get(m, 0) for m in all_methods},
        difference={m: counted.get(m, 0) - expected.get(m, 0) for m in all_methods},
        voided=voided, waived=waived)
