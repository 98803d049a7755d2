"""End-of-day settlement (SOP 5.7.4): expected takings per method against the counted money.

A supervisor closes one desk's business day. The takings are every payment of the desk not yet
in a settlement (voided ones listed, not counted) plus the adjustments booked on the day; the
cash counted in the drawer (by denomination, if given) less the desk's starting float is
compared with them, and any difference, a surplus or a deficit, needs a written note. The
totals per method, per cashier and per fee type are frozen with the settlement, and the closed
day is locked: later payments, waivers and corrections belong to the next day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused
from desk.circulation.payments import desk_float, last_closed, lock_desk
from desk.circulation.results import Settlement as SettlementResult
from desk.models import (Charge, Payment, PaymentAllocation, Settlement, SettlementLine,
                         SipTerminal, StaffUser, Waiver)
from desk.models.settlement import SettlementAdjustment, SettlementBreakdown

# Banknotes and coins of the cash count (NT$).
DENOMINATIONS = (1000, 500, 200, 100, 50, 10, 5, 1)
# "terminal": the payments taken by each self-check terminal of the desk (desk.sip2), by login.
DIMENSIONS = ("method", "cashier", "fee", "void", "waiver", "adjustment", "terminal")


@dataclass(frozen=True)
class Takings:
    """What a desk took in since its last settlement, up to a day (nothing is written)."""

    expected: dict[str, int]
    breakdowns: dict[str, dict[str, tuple[int, int]]]   # dimension -> key -> (count, amount)
    voided: list[str]


def payment_scope(desk_id: int, after: date | None,
                  day: date) -> tuple[ColumnElement[bool], ...]:
    """The desk's payments of the business days after ``after`` up to ``day``."""
    clauses = [Payment.desk_id == desk_id, Payment.business_date <= day]
    if after is not None:
        clauses.append(Payment.business_date > after)
    return tuple(clauses)


def takings(session: Session, desk_id: int, day: date) -> Takings:
    """The desk's open takings up to ``day``: per method, cashier, fee type, self-check
    terminal; voids; waivers."""
    open_payments = payment_scope(desk_id, last_closed(session, desk_id), day)
    valid = (*open_payments, Payment.voided_at.is_(None))
    breakdowns: dict[str, dict[str, tuple[int, int]]] = {d: {} for d in DIMENSIONS}
    expected: dict[str, int] = defaultdict(int)
    by_cashier: dict[int, tuple[int, int]] = {}
    voided_count = voided_total = 0
    # one pass over the open payments: per method and cashier, voids apart
    for method, staff_id, void, count, total in session.execute(
            select(Payment.method, Payment.staff_id, Payment.voided_at.is_not(None),
                   func.count(), func.sum(Payment.amount))
            .where(*open_payments)
            .group_by(Payment.method, Payment.staff_id, Payment.voided_at.is_not(None))):
        count, total = int(count), int(total)
        if void:
            voided_count, voided_total = voided_count + count, voided_total + total
            continue
        expected[method] += total
        before = breakdowns["method"].get(method, (0, 0))
        breakdowns["method"][method] = (before[0] + count, before[1] + total)
        before = by_cashier.get(staff_id, (0, 0))
        by_cashier[staff_id] = (before[0] + count, before[1] + total)
    if by_cashier:
        logins = dict(session.execute(select(StaffUser.id, StaffUser.login)
                                      .where(StaffUser.id.in_(by_cashier))).all())
        breakdowns["cashier"] = {logins[sid]: value for sid, value in by_cashier.items()}
        terminals = set(session.scalars(select(SipTerminal.staff_id).where(
            SipTerminal.staff_id.in_(by_cashier))))
        breakdowns["terminal"] = {logins[sid]: value for sid, value in by_cashier.items()
                                  if sid in terminals}
    for kind, count, total in session.execute(
            select(Charge.kind, func.count(), func.sum(PaymentAllocation.amount))
            .select_from(Payment)
            .join(PaymentAllocation, PaymentAllocation.payment_id == Payment.id)
            .join(Charge, Charge.id == PaymentAllocation.charge_id)
            .where(*valid).group_by(Charge.kind)):
        breakdowns["fee"][kind] = (int(count), int(total))
    voided: list[str] = []
    if voided_count:
        voided = list(session.scalars(select(Payment.receipt_no).where(
            *open_payments, Payment.voided_at.is_not(None)).order_by(Payment.receipt_no)))
        breakdowns["void"]["void"] = (voided_count, voided_total)
    for kind, count, total in session.execute(
            select(Charge.kind, func.count(), func.sum(Waiver.amount))
            .join(Charge, Charge.id == Waiver.charge_id)
            .where(Waiver.desk_id == desk_id, Waiver.settlement_id.is_(None),
                   Waiver.business_date <= day).group_by(Charge.kind)):
        breakdowns["waiver"][kind] = (int(count), int(total))
    for method, count, total in session.execute(
            select(SettlementAdjustment.method, func.count(), func.sum(SettlementAdjustment.amount))
            .where(SettlementAdjustment.desk_id == desk_id,
                   SettlementAdjustment.settlement_id.is_(None),
                   SettlementAdjustment.business_date <= day)
            .group_by(SettlementAdjustment.method)):
        breakdowns["adjustment"][method] = (int(count), int(total))
        expected[method] += int(total)
    return Takings(dict(expected), breakdowns, voided)


def cash_from_denominations(denominations: Mapping[int, int]) -> int:
    """The cash of a count by denomination ({1000: 3, 100: 4, ...}); refuses anything else."""
    total = 0
    for face, count in denominations.items():
        try:
            face_value = int(face)
        except (TypeError, ValueError):
            raise CirculationRefused.one("denomination_invalid", detail=repr(face)) from None
        if face_value not in DENOMINATIONS:
            raise CirculationRefused.one("denomination_invalid", detail=f"NT${face}")
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise CirculationRefused.one("denomination_invalid", detail=f"{face} x {count!r}")
        total += face_value * count
    return total


@dataclass(frozen=True)
class Count:
    """A blind count, checked: per method (cash less the float when counted by denomination)."""

    counted: dict[str, int]
    drawer_cash: int | None
    float_amount: int


def check_count(ctx: OpContext, counted: Mapping[str, int],
                denominations: Mapping[int, int] | None) -> Count:
    """Refuses unknown methods, negative or non-whole amounts and unknown banknotes; with
    ``denominations`` the counted cash is the drawer's count less the desk's float."""
    methods = set(ctx.policy.payment_methods)
    for method, amount in counted.items():
        if method not in methods:
            raise CirculationRefused.one("payment_method_unknown", method=method)
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise CirculationRefused.one("payment_invalid_amount")
    counted = dict(counted)
    float_amount = desk_float(ctx)
    drawer = None
    if denominations is not None:
        drawer = cash_from_denominations(denominations)
        cash = drawer - float_amount
        if "cash" in counted and counted["cash"] != cash:
            raise CirculationRefused.one("count_mismatch", by_denomination=ctx.money(cash),
                                         entered=ctx.money(counted["cash"]))
        counted["cash"] = cash
    return Count(counted, drawer, float_amount)


def _refuse_closed_day(ctx: OpContext) -> date | None:
    """The desk's last closed day; refuses when today is already closed."""
    last = last_closed(ctx.session, ctx.desk.id)
    if last is not None and ctx.today <= last:
        raise CirculationRefused.one("day_closed", business_date=ctx.today.isoformat(),
                                     desk=ctx.desk.code)
    return last


def record_count(ctx: OpContext, counted: Mapping[str, int],
                 denominations: Mapping[int, int] | None) -> Count:
    """A blind count before the expected takings are shown (SOP 5.7.4). The facade audits it
    as ``blind_count``, so every count of a day, recounts included, is on record and the
    settlement report says how many there were."""
    count = check_count(ctx, counted, denominations)
    _refuse_closed_day(ctx)
    return count


def close_day(ctx: OpContext, counted: dict[str, int], *, supervisor: StaffUser,
              note: str | None = None,
              denominations: Mapping[int, int] | None = None) -> SettlementResult:
    """Close this desk's day. ``counted`` is the takings counted per method; with
    ``denominations`` (the drawer's cash by banknote and coin, float included) the counted cash
    is that count less the desk's float. A difference needs ``note``."""
    approver = ctx.require_supervisor(supervisor)
    day = ctx.today
    lock_desk(ctx)   # before the float is read: a payment or float change waits for the close
    count = check_count(ctx, counted, denominations)
    counted, drawer, float_amount = count.counted, count.drawer_cash, count.float_amount
    methods = set(ctx.policy.payment_methods)
    last = _refuse_closed_day(ctx)
    taken = takings(ctx.session, ctx.desk.id, day)
    expected = taken.expected
    all_methods = sorted(methods | set(expected) | set(counted))
    difference = {m: counted.get(m, 0) - expected.get(m, 0) for m in all_methods}
    if any(difference.values()) and not (note or "").strip():
        total = sum(difference.values())
        raise CirculationRefused.one("note_required", difference=ctx.money(total))
    settlement = Settlement(
        desk_id=ctx.desk.id, business_date=day, closed_at=ctx.now, supervisor_id=approver.id,
        staff_id=ctx.staff.id, note=(note or "").strip() or None, opened_after=last,
        float_amount=float_amount,
        drawer_cash=drawer,
        denominations={str(int(k)): v for k, v in denominations.items()} if denominations else None)
    ctx.session.add(settlement)
    ctx.session.flush()
    ctx.session.add_all(
        SettlementLine(settlement_id=settlement.id, method=m, expected=expected.get(m, 0),
                       counted=counted.get(m, 0)) for m in all_methods)
    ctx.session.add_all(
        SettlementBreakdown(settlement_id=settlement.id, dimension=dimension, key=key[:64],
                            count=count, amount=amount)
        for dimension, rows in taken.breakdowns.items() for key, (count, amount) in rows.items())
    for model in (Waiver, SettlementAdjustment):   # payments need no mark: see payment_scope
        ctx.session.execute(
            update(model).where(model.desk_id == ctx.desk.id, model.settlement_id.is_(None),
                                model.business_date <= day)
            .values(settlement_id=settlement.id).execution_options(synchronize_session=False))
    ctx.supervisor = approver
    ctx.override_reason = settlement.note
    return SettlementResult(
        id=settlement.id, desk=ctx.desk.code, business_date=day,
        expected={m: expected.get(m, 0) for m in all_methods},
        counted={m: counted.get(m, 0) for m in all_methods},
        difference=difference, voided=taken.voided,
        waived=sum(amount for _, amount in taken.breakdowns["waiver"].values()))
