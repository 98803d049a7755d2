"""Payments with gap-free receipt numbers, voids, waivers and corrections of closed days (SOP 5.7).

A payment pays the charges the staff chose first (or the oldest first), records the cash handed
over (the change is the difference), and gets the next receipt number of its desk and year in
the same transaction. A receipt of an open day is voided (kept, marked void, its charges owed
again); a receipt of a closed day is corrected by an adjustment booked on the open day.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.queries.balance import outstanding_balance
from desk.models import Charge, Desk, Payment, PaymentAllocation, ReceiptCounter, Settlement, StaffUser, Waiver
from desk.models.settlement import DeskFloat, SettlementAdjustment


def last_closed(session: Session, desk_id: int) -> date | None:
    """The desk's last closed business day (None before its first settlement)."""
    return session.scalar(select(func.max(Settlement.business_date)).where(
        Settlement.desk_id == desk_id))


def lock_desk(ctx: OpContext, desk_id: int | None = None) -> None:
    """Serialise this desk's money operations with its day closing (a row lock on PostgreSQL;
    SQLite transactions are serialised already), so no payment slips into a day being closed."""
    desk = ctx.desk.id if desk_id is None else desk_id
    ctx.session.execute(select(Desk.id).where(Desk.id == desk).with_for_update())


def booked_day(today: date, last: date | None) -> date:
    """The business day money taken ``today`` is booked to, the desk's last closed day being
    ``last``: today, or the day after ``last`` when today is closed already."""
    if last is not None and today <= last:
        return last + timedelta(days=1)
    return today


def business_date(ctx: OpContext) -> date:
    """Today, unless this desk's day is already closed: then the day after the last closed one
    (so a payment never falls into a closed day; corrections become the next day's). Takes the
    desk's lock first."""
    lock_desk(ctx)
    return booked_day(ctx.today, last_closed(ctx.session, ctx.desk.id))


def is_closed(session: Session, payment: Payment) -> bool:
    """Whether the payment's desk-day is in a settlement."""
    last = last_closed(session, payment.desk_id)
    return last is not None and payment.business_date <= last


def next_receipt_number(ctx: OpContext, year: int) -> str:
    counter = ctx.session.scalars(select(ReceiptCounter).where(
        ReceiptCounter.desk_id == ctx.desk.id, ReceiptCounter.year == year)
        .with_for_update()).one_or_none()
    if counter is None:
        counter = ReceiptCounter(desk_id=ctx.desk.id, year=year, last_number=0)
        ctx.session.add(counter)
    counter.last_number += 1
    return f"{ctx.desk.code}-{year}-{counter.last_number:06d}"


def pay(ctx: OpContext, patron_barcode: str, amount: int, method: str, *,
        tendered: int | None = None, charge_ids: list[int] | None = None) -> str:
    """Take ``amount`` from the patron; returns the receipt number.

    ``tendered`` is the cash handed over (cash only, at least ``amount``). ``charge_ids`` are
    paid first, in that order; anything left pays the oldest charges."""
    patron = ctx.patron(patron_barcode, lock=True)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise CirculationRefused.one("payment_invalid_amount")
    if method not in ctx.policy.payment_methods:
        raise CirculationRefused.one("payment_method_unknown", method=method)
    if tendered is not None:
        if method != "cash":
            raise CirculationRefused.one("tendered_not_cash")
        if not isinstance(tendered, int) or isinstance(tendered, bool) or tendered < amount:
            raise CirculationRefused.one("tendered_too_little", tendered=ctx.money(tendered)
                                         if isinstance(tendered, int) else str(tendered),
                                         amount=ctx.money(amount))
    balance = outstanding_balance(ctx.session, patron.id)
    if amount > balance:
        raise CirculationRefused.one("payment_exceeds_balance", amount=ctx.money(amount),
                                     balance=ctx.money(balance))
    open_charges = list(ctx.session.scalars(select(Charge).where(
        Charge.patron_id == patron.id, Charge.amount > Charge.paid + Charge.waived)
        .order_by(Charge.created_at, Charge.id).with_for_update()))
    by_id = {charge.id: charge for charge in open_charges}
    chosen = []
    for charge_id in charge_ids or []:
        if charge_id not in by_id:
            raise CirculationRefused.one("charge_not_owed_by_patron", charge_id=charge_id)
        chosen.append(by_id[charge_id])
    order = chosen + [c for c in open_charges if c not in chosen]
    day = business_date(ctx)
    payment = Payment(receipt_no=next_receipt_number(ctx, day.year), patron_id=patron.id,
                      desk_id=ctx.desk.id, staff_id=ctx.staff.id, method=method, amount=amount,
                      tendered=tendered, paid_at=ctx.now, business_date=day)
    ctx.session.add(payment)
    ctx.session.flush()
    left = amount
    for charge in order:
        share = min(left, charge.outstanding)
        if share <= 0:
            continue
        charge.paid += share
        ctx.session.add(PaymentAllocation(payment_id=payment.id, charge_id=charge.id, amount=share))
        left -= share
        if left == 0:
            break
    ctx.session.flush()
    return payment.receipt_no


def _receipt_not_void(ctx: OpContext, receipt_no: str) -> Payment:
    """The payment of ``receipt_no``, locked; refused when unknown or already void."""
    payment = ctx.session.scalars(select(Payment).where(
        Payment.receipt_no == receipt_no).with_for_update()).one_or_none()
    if payment is None:
        raise CirculationRefused.one("receipt_not_found", receipt_no=receipt_no)
    if payment.voided_at is not None:
        raise CirculationRefused.one("receipt_already_void", receipt_no=receipt_no)
    return payment


def _owe_again(payment: Payment) -> None:
    """The charges the payment paid are owed again (a void or a correction)."""
    for allocation in payment.allocations:
        allocation.charge.paid -= allocation.amount


def void_payment(ctx: OpContext, receipt_no: str, reason: str, *, supervisor: StaffUser) -> None:
    """Void a receipt: kept, marked void, and its amounts owed again. A receipt of a closed day
    cannot be voided; correct it with an adjustment on an open day."""
    approver = ctx.require_approval(supervisor, reason)
    payment = _receipt_not_void(ctx, receipt_no)
    lock_desk(ctx, payment.desk_id)
    if is_closed(ctx.session, payment):
        raise CirculationRefused.one("day_closed", business_date=payment.business_date.isoformat(),
                                     desk=ctx.session.get_one(Desk, payment.desk_id).code)
    _owe_again(payment)
    payment.voided_at = ctx.now
    payment.voided_by_id = approver.id
    payment.void_reason = reason.strip()
    ctx.supervisor = approver
    ctx.override_reason = reason.strip()


def waive(ctx: OpContext, charge_id: int, reason: str, *, supervisor: StaffUser,
          amount: int | None = None) -> int:
    """Waive what is left of a charge (or ``amount`` of it); returns the amount waived."""
    approver = ctx.require_approval(supervisor, reason)
    charge = ctx.session.get(Charge, charge_id, with_for_update=True)
    if charge is None:
        raise CirculationRefused.one("charge_not_found", charge_id=charge_id)
    waived = charge.outstanding if amount is None else amount
    if waived <= 0 or waived > charge.outstanding:
        raise CirculationRefused.one("nothing_to_waive", charge_id=charge_id)
    charge.waived += waived
    ctx.session.add(Waiver(charge_id=charge.id, amount=waived, reason=reason.strip(),
                           staff_id=ctx.staff.id, supervisor_id=approver.id, desk_id=ctx.desk.id,
                           waived_at=ctx.now, business_date=business_date(ctx)))
    ctx.supervisor = approver
    ctx.override_reason = reason.strip()
    return waived


def correct_receipt(ctx: OpContext, receipt_no: str, reason: str, *,
                    supervisor: StaffUser) -> int:
    """Correct a receipt of a closed day without touching that day: its amount is booked as a
    negative adjustment (a refund) on this desk's open day and its charges are owed again.
    Returns the adjustment id."""
    approver = ctx.require_approval(supervisor, reason)
    payment = _receipt_not_void(ctx, receipt_no)
    if not is_closed(ctx.session, payment):
        raise CirculationRefused.one("receipt_not_closed", receipt_no=receipt_no)
    earlier = ctx.session.scalars(select(SettlementAdjustment).where(
        SettlementAdjustment.receipt_no == receipt_no)).first()
    if earlier is not None:
        raise CirculationRefused.one("receipt_already_corrected", receipt_no=receipt_no,
                                     business_date=earlier.business_date.isoformat())
    _owe_again(payment)
    adjustment = SettlementAdjustment(
        desk_id=ctx.desk.id, business_date=business_date(ctx), method=payment.method,
        amount=-payment.amount, reason=reason.strip(), receipt_no=receipt_no,
        patron_id=payment.patron_id, staff_id=ctx.staff.id, supervisor_id=approver.id,
        created_at=ctx.now)
    ctx.session.add(adjustment)
    ctx.session.flush()
    ctx.supervisor, ctx.override_reason = approver, reason.strip()
    return adjustment.id


def set_float(ctx: OpContext, amount: int, *, supervisor: StaffUser) -> int:
    """Set this desk's starting cash (float); it is not part of the takings."""
    approver = ctx.require_supervisor(supervisor)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise CirculationRefused.one("float_invalid")
    row = ctx.session.scalars(select(DeskFloat).where(
        DeskFloat.desk_id == ctx.desk.id).with_for_update()).one_or_none()
    if row is None:
        row = DeskFloat(desk_id=ctx.desk.id, amount=amount, set_at=ctx.now, staff_id=approver.id)
        ctx.session.add(row)
    row.amount, row.set_at, row.staff_id = amount, ctx.now, approver.id
    ctx.supervisor = approver
    return amount


def desk_float(ctx: OpContext) -> int:
    amount = ctx.session.scalar(select(DeskFloat.amount).where(DeskFloat.desk_id == ctx.desk.id))
    return int(amount or 0)
