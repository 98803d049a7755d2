"""Read-only money views for the screens and reports: a payment receipt, whether a desk's day is
closed already (asked before the blind count), the open takings of a
desk (shown after the blind count), a closed settlement in full, the history of closed days,
and the supervisor's view of the day (running totals, open desks, collections by hour).

No Qt. Each function opens its own short session and returns frozen dataclasses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from desk.circulation.charges import kind_name
from desk.circulation.notices import CirculationRefused
from desk.circulation.queries.balance import outstanding_balance
from desk.circulation.queries.common import query_context
from desk.circulation.payments import booked_day, last_closed
from desk.circulation.settlement import payment_scope, takings
from desk.models import (AuditEvent, Charge, Desk, Hold, Loan, Patron, Payment,
                         PaymentAllocation, Settlement, SettlementLine, SipTerminal, StaffUser,
                         Waiver)
from desk.models.settlement import DeskFloat, SettlementAdjustment, SettlementBreakdown

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


@dataclass(frozen=True)
class ReceiptLine:
    kind: str
    kind_name: str
    description: str
    amount: int


@dataclass(frozen=True)
class PaymentReceipt:
    receipt_no: str
    desk: str
    cashier: str
    patron_barcode: str
    patron_name: str
    paid_at: datetime
    business_date: date
    method: str
    amount: int
    tendered: int | None
    change: int
    lines: list[ReceiptLine]
    balance_after: int
    voided: bool = False
    void_reason: str | None = None


def payment_receipt(library: "LibraryStore", receipt_no: str) -> PaymentReceipt:
    """Everything a printed receipt shows (also for reprints)."""
    with library.read_sessions() as session:
        payment = session.scalars(select(Payment).where(Payment.receipt_no == receipt_no)).first()
        if payment is None:
            raise CirculationRefused.one("receipt_not_found", receipt_no=receipt_no)
        patron = session.get_one(Patron, payment.patron_id)
        lines = [ReceiptLine(charge.kind, kind_name(charge.kind), charge.description, amount)
                 for amount, charge in session.execute(
                     select(PaymentAllocation.amount, Charge)
                     .join(Charge, Charge.id == PaymentAllocation.charge_id)
                     .where(PaymentAllocation.payment_id == payment.id)
                     .order_by(PaymentAllocation.id))]
        return PaymentReceipt(
            receipt_no=payment.receipt_no, desk=session.get_one(Desk, payment.desk_id).code,
            cashier=session.get_one(StaffUser, payment.staff_id).name,
            patron_barcode=patron.barcode, patron_name=patron.name,
            paid_at=payment.paid_at.astimezone(library.policy.tz),
            business_date=payment.business_date, method=payment.method, amount=payment.amount,
            tendered=payment.tendered,
            change=(payment.tendered - payment.amount) if payment.tendered is not None else 0,
            lines=lines, balance_after=outstanding_balance(session, patron.id),
            voided=payment.voided_at is not None, void_reason=payment.void_reason)


@dataclass(frozen=True)
class VoidRow:
    receipt_no: str
    method: str
    amount: int
    cashier: str
    voided_by: str
    reason: str


@dataclass(frozen=True)
class WaiverRow:
    charge_kind: str
    patron_barcode: str
    amount: int
    reason: str
    staff: str
    supervisor: str
    waived_at: datetime


@dataclass(frozen=True)
class AdjustmentRow:
    method: str
    amount: int
    reason: str
    receipt_no: str | None
    supervisor: str
    business_date: date


@dataclass(frozen=True)
class MethodLine:
    method: str
    expected: int
    counted: int

    @property
    def difference(self) -> int:
        return self.counted - self.expected

    @property
    def booked_as(self) -> str:
        return "surplus" if self.difference > 0 else "deficit" if self.difference < 0 else "balanced"


@dataclass(frozen=True)
class SettlementReport:
    """A closed desk-day, as its report prints it (or, with ``settlement_id`` None, a preview)."""

    settlement_id: int | None
    desk: str
    business_date: date
    closed_at: datetime | None
    supervisor: str
    closed_by: str
    note: str
    float_amount: int
    drawer_cash: int | None
    denominations: dict[int, int]
    lines: list[MethodLine]
    breakdowns: dict[str, dict[str, tuple[int, int]]]
    voids: list[VoidRow]
    waivers: list[WaiverRow]
    adjustments: list[AdjustmentRow]
    # Blind counts recorded for the day (``Circulation.count_takings``): more than one means the
    # money was recounted after the expected takings had been shown.
    counts: int = 0

    @property
    def total_expected(self) -> int:
        return sum(line.expected for line in self.lines)

    @property
    def total_counted(self) -> int:
        return sum(line.counted for line in self.lines)

    @property
    def total_difference(self) -> int:
        return self.total_counted - self.total_expected


def _detail_rows(session: Session, settlement: Settlement | None, desk_id: int,
                 day: date) -> tuple[list[VoidRow], list[WaiverRow], list[AdjustmentRow]]:
    """Voids, waivers and adjustments of a settlement (or, with None, of the desk's open day)."""
    cashier, approver = aliased(StaffUser), aliased(StaffUser)
    after = settlement.opened_after if settlement is not None else last_closed(session, desk_id)
    payments = payment_scope(desk_id, after, day)

    def scope(model: Any) -> tuple[ColumnElement[bool], ...]:    # Payment, Waiver or adjustment
        if model is Payment:
            return payments
        if settlement is not None:
            return (model.settlement_id == settlement.id,)
        return (model.desk_id == desk_id, model.settlement_id.is_(None), model.business_date <= day)

    voids = [VoidRow(p.receipt_no, p.method, p.amount, c, a or "", p.void_reason or "")
             for p, c, a in session.execute(
                 select(Payment, cashier.name, approver.name)
                 .join(cashier, cashier.id == Payment.staff_id)
                 .outerjoin(approver, approver.id == Payment.voided_by_id)
                 .where(*scope(Payment), Payment.voided_at.is_not(None))
                 .order_by(Payment.receipt_no))]
    waivers = [WaiverRow(kind, barcode, w.amount, w.reason, c, a, w.waived_at)
               for w, kind, barcode, c, a in session.execute(
                   select(Waiver, Charge.kind, Patron.barcode, cashier.name, approver.name)
                   .join(Charge, Charge.id == Waiver.charge_id)
                   .join(Patron, Patron.id == Charge.patron_id)
                   .join(cashier, cashier.id == Waiver.staff_id)
                   .join(approver, approver.id == Waiver.supervisor_id)
                   .where(*scope(Waiver)).order_by(Waiver.waived_at, Waiver.id))]
    adjustments = [AdjustmentRow(a.method, a.amount, a.reason, a.receipt_no, name, a.business_date)
                   for a, name in session.execute(
                       select(SettlementAdjustment, approver.name)
                       .join(approver, approver.id == SettlementAdjustment.supervisor_id)
                       .where(*scope(SettlementAdjustment))
                       .order_by(SettlementAdjustment.id))]
    return voids, waivers, adjustments


def _closed_before(session: Session, desk_id: int, until: datetime | None) -> datetime | None:
    """When the desk's previous day was closed (before ``until``, or the last one)."""
    query = select(func.max(Settlement.closed_at)).where(Settlement.desk_id == desk_id)
    if until is not None:
        query = query.where(Settlement.closed_at < until)
    return session.scalar(query)


def blind_counts(session: Session, desk: Desk, until: datetime | None = None) -> int:
    """The blind counts recorded at ``desk`` since its previous close, up to ``until``."""
    query = select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "blind_count", AuditEvent.outcome == "done",
        AuditEvent.desk_code == desk.code)
    after = _closed_before(session, desk.id, until)
    if after is not None:
        query = query.where(AuditEvent.at > after)
    if until is not None:
        query = query.where(AuditEvent.at <= until)
    return int(session.scalar(query) or 0)


def settlement_report(library: "LibraryStore", settlement_id: int) -> SettlementReport:
    """A closed settlement, from its frozen totals."""
    with library.read_sessions() as session:
        settlement = session.get(Settlement, settlement_id)
        if settlement is None:
            raise CirculationRefused.one("settlement_not_found", settlement_id=settlement_id)
        breakdowns: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
        for row in session.scalars(select(SettlementBreakdown).where(
                SettlementBreakdown.settlement_id == settlement_id)
                .order_by(SettlementBreakdown.dimension, SettlementBreakdown.key)):
            breakdowns[row.dimension][row.key] = (row.count, row.amount)
        lines = [MethodLine(line.method, line.expected, line.counted)
                 for line in session.scalars(select(SettlementLine).where(
                     SettlementLine.settlement_id == settlement_id).order_by(SettlementLine.method))]
        voids, waivers, adjustments = _detail_rows(session, settlement, settlement.desk_id,
                                                   settlement.business_date)
        return SettlementReport(
            settlement_id=settlement.id, desk=session.get_one(Desk, settlement.desk_id).code,
            business_date=settlement.business_date,
            closed_at=settlement.closed_at.astimezone(library.policy.tz),
            supervisor=session.get_one(StaffUser, settlement.supervisor_id).name,
            closed_by=session.get_one(StaffUser, settlement.staff_id).name,
            note=settlement.note or "", float_amount=settlement.float_amount,
            drawer_cash=settlement.drawer_cash,
            denominations={int(k): v for k, v in (settlement.denominations or {}).items()},
            lines=lines, breakdowns=dict(breakdowns), voids=voids, waivers=waivers,
            adjustments=adjustments,
            counts=blind_counts(session, session.get_one(Desk, settlement.desk_id),
                                settlement.closed_at))


def open_day_report(library: "LibraryStore", desk: str, counted: dict[str, int] | None = None, *,
                    drawer_cash: int | None = None,
                    denominations: dict[int, int] | None = None) -> SettlementReport:
    """The desk's open takings as a report, with ``counted`` filled in: what the screen shows
    after the blind count (``Circulation.count_takings``), before the supervisor closes the
    day."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, desk)
        day = ctx.today
        taken = takings(session, ctx.desk.id, day)
        float_amount = int(session.scalar(select(DeskFloat.amount).where(
            DeskFloat.desk_id == ctx.desk.id)) or 0)
        counted = counted or {}
        methods = sorted(set(library.policy.payment_methods) | set(taken.expected) | set(counted))
        lines = [MethodLine(m, taken.expected.get(m, 0), counted.get(m, 0)) for m in methods]
        voids, waivers, adjustments = _detail_rows(session, None, ctx.desk.id, day)
        return SettlementReport(
            settlement_id=None, desk=ctx.desk.code, business_date=day, closed_at=None,
            supervisor="", closed_by="", note="", float_amount=float_amount,
            drawer_cash=drawer_cash, denominations=dict(denominations or {}), lines=lines,
            breakdowns={k: v for k, v in taken.breakdowns.items() if v}, voids=voids,
            waivers=waivers, adjustments=adjustments, counts=blind_counts(session, ctx.desk))


@dataclass(frozen=True)
class DeskDayStatus:
    """Where a desk's business day stands now, asked before the blind count: whether today is
    closed already (by whom, when) and the day a payment taken now is booked to."""

    desk: str
    today: date
    business_date: date                # the day a payment taken now is booked to
    settlement_id: int | None = None   # the settlement that closed today (None while open)
    closed_day: date | None = None     # the business date of that settlement
    closed_at: datetime | None = None  # local time
    supervisor: str = ""

    @property
    def closed(self) -> bool:
        return self.settlement_id is not None


def desk_day_status(library: "LibraryStore", desk: str) -> DeskDayStatus:
    """Whether ``desk``'s business day is closed already; uses the same rule as a payment
    (``payments.booked_day``), so the day it names is the day the next payment is booked to."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, desk)
        today = ctx.today
        row = session.execute(
            select(Settlement, StaffUser.name)
            .join(StaffUser, StaffUser.id == Settlement.supervisor_id)
            .where(Settlement.desk_id == ctx.desk.id, Settlement.business_date >= today)
            .order_by(Settlement.business_date.desc()).limit(1)).first()
        last = last_closed(session, ctx.desk.id)
        if row is None:
            return DeskDayStatus(ctx.desk.code, today, booked_day(today, last))
        settlement, supervisor = row
        return DeskDayStatus(
            ctx.desk.code, today, booked_day(today, last), settlement_id=settlement.id,
            closed_day=settlement.business_date,
            closed_at=settlement.closed_at.astimezone(library.policy.tz), supervisor=supervisor)


def current_float(library: "LibraryStore", desk: str) -> int:
    """The starting float set for ``desk`` (0 when none was set)."""
    with library.read_sessions() as session:
        return int(session.scalar(select(DeskFloat.amount).join(Desk, Desk.id == DeskFloat.desk_id)
                                  .where(Desk.code == desk)) or 0)


@dataclass(frozen=True)
class SettlementSummary:
    settlement_id: int
    desk: str
    business_date: date
    closed_at: datetime
    supervisor: str
    expected: int
    counted: int
    note: str

    @property
    def difference(self) -> int:
        return self.counted - self.expected


def settlement_history(library: "LibraryStore", *, desk: str | None = None,
                       limit: int = 200) -> list[SettlementSummary]:
    """Closed days, newest first (one desk, or all)."""
    with library.read_sessions() as session:
        query = (select(Settlement, Desk.code, StaffUser.name,
                        func.coalesce(func.sum(SettlementLine.expected), 0),
                        func.coalesce(func.sum(SettlementLine.counted), 0))
                 .join(Desk, Desk.id == Settlement.desk_id)
                 .join(StaffUser, StaffUser.id == Settlement.supervisor_id)
                 .outerjoin(SettlementLine, SettlementLine.settlement_id == Settlement.id)
                 .group_by(Settlement.id, Desk.code, StaffUser.name)
                 .order_by(Settlement.business_date.desc(), Desk.code).limit(limit))
        if desk is not None:
            query = query.where(Desk.code == desk)
        return [SettlementSummary(s.id, code, s.business_date,
                                  s.closed_at.astimezone(library.policy.tz), name, int(e), int(c),
                                  s.note or "")
                for s, code, name, e, c in session.execute(query)]


@dataclass(frozen=True)
class DeskDay:
    desk: str
    closed: bool                       # this day's settlement exists
    open_payments: int                 # payments not yet in a settlement
    totals: dict[str, int]             # today's collections per method (voids excluded)
    count: int


@dataclass(frozen=True)
class DayPayment:
    """A payment in the day view: when it was taken and the business day it is booked to."""

    receipt_no: str
    paid_at: datetime                  # local time
    business_date: date
    desk: str
    method: str
    amount: int
    voided: bool = False


@dataclass(frozen=True)
class TerminalDay:
    """What one self-check terminal (desk.sip2) did on a business day."""

    login: str
    desk: str
    checkouts: int
    checkins: int
    renewals: int
    refused: int                       # circulation the rules refused at the machine
    payments: int
    totals: dict[str, int]             # fees paid at the machine, per method (voids excluded)


@dataclass(frozen=True)
class DayActivity:
    """What the counters did on one calendar day, all desks: books lent and returned (a
    book-drop return counts on the day it is dated), holds placed and books put on the holds
    shelf for a patron."""

    loans: int = 0
    returns: int = 0
    holds_placed: int = 0
    holds_trapped: int = 0


def day_activity(session: Session, start: datetime, end: datetime) -> DayActivity:
    def count(column: Any) -> int:
        return int(session.scalar(select(func.count()).where(column >= start, column < end))
                   or 0)
    return DayActivity(loans=count(Loan.out_at), returns=count(Loan.returned_at),
                       holds_placed=count(Hold.placed_at), holds_trapped=count(Hold.waiting_since))


@dataclass(frozen=True)
class DayOverview:
    day: date
    desks: list[DeskDay]
    by_hour: dict[int, dict[str, int]] = field(default_factory=dict)   # local hour -> method
    # the payments booked to this business day (voided ones too, marked)
    payments: list[DayPayment] = field(default_factory=list)
    # payments taken on this calendar day but booked to a later business day (after a close)
    booked_later: list[DayPayment] = field(default_factory=list)
    terminals: list[TerminalDay] = field(default_factory=list)
    activity: DayActivity | None = None      # the counter's work that day, beside the money

    @property
    def totals(self) -> dict[str, int]:
        merged: dict[str, int] = defaultdict(int)
        for desk in self.desks:
            for method, amount in desk.totals.items():
                merged[method] += amount
        return dict(merged)

    @property
    def open_desks(self) -> list[str]:
        return [d.desk for d in self.desks if not d.closed]


def day_overview(library: "LibraryStore", day: date | None = None) -> DayOverview:
    """The supervisor's view of a business day (default today) over every desk."""
    tz = library.policy.tz
    with library.read_sessions() as session:
        day = day or library.now().astimezone(tz).date()
        desks = {d.id: d.code for d in session.scalars(select(Desk).order_by(Desk.code))}
        totals: dict[int, dict[str, int]] = defaultdict(dict)
        counts: dict[int, int] = defaultdict(int)
        for desk_id, method, count, total in session.execute(
                select(Payment.desk_id, Payment.method, func.count(), func.sum(Payment.amount))
                .where(Payment.business_date == day, Payment.voided_at.is_(None))
                .group_by(Payment.desk_id, Payment.method)):
            totals[desk_id][method] = int(total)
            counts[desk_id] += int(count)
        open_counts = {desk_id: int(session.scalar(
            select(func.count()).select_from(Payment)
            .where(*payment_scope(desk_id, last_closed(session, desk_id), day))) or 0)
            for desk_id in desks}
        closed = set(session.scalars(select(Settlement.desk_id).where(
            Settlement.business_date == day)))
        start = datetime.combine(day, time(0), tz)
        by_hour: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for paid_at, method, amount in session.execute(
                select(Payment.paid_at, Payment.method, Payment.amount).where(
                    Payment.business_date == day, Payment.voided_at.is_(None),
                    Payment.paid_at >= start, Payment.paid_at < start + timedelta(days=1))):
            by_hour[paid_at.astimezone(tz).hour][method] += amount

        def listed(*where: ColumnElement[bool]) -> list[DayPayment]:
            return [DayPayment(p.receipt_no, p.paid_at.astimezone(tz), p.business_date,
                               desks[p.desk_id], p.method, p.amount, p.voided_at is not None)
                    for p in session.scalars(select(Payment).where(*where)
                                             .order_by(Payment.paid_at, Payment.id))]
        return DayOverview(
            day=day,
            desks=[DeskDay(code, desk_id in closed, int(open_counts.get(desk_id, 0)),
                           totals.get(desk_id, {}), counts.get(desk_id, 0))
                   for desk_id, code in desks.items()],
            by_hour={hour: dict(methods) for hour, methods in sorted(by_hour.items())},
            payments=listed(Payment.business_date == day),
            booked_later=listed(Payment.business_date > day, Payment.paid_at >= start,
                                Payment.paid_at < start + timedelta(days=1)),
            terminals=terminal_days(session, day, start, start + timedelta(days=1)),
            activity=day_activity(session, start, start + timedelta(days=1)))


TERMINAL_ACTIONS = {"checkout": "checkouts", "checkin": "checkins", "renew": "renewals"}


def terminal_days(session: Session, day: date, start: datetime,
                  end: datetime) -> list[TerminalDay]:
    """Each self-check terminal's circulation (from the audit log, ``start`` to ``end``) and
    the fees it took, booked to ``day``."""
    terminals = session.execute(
        select(SipTerminal.staff_id, StaffUser.login, Desk.code)
        .join(StaffUser, StaffUser.id == SipTerminal.staff_id)
        .join(Desk, Desk.id == SipTerminal.desk_id).order_by(Desk.code, StaffUser.login)).all()
    if not terminals:
        return []
    ids = [t.staff_id for t in terminals]
    done: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for staff_id, action, outcome, count in session.execute(
            select(AuditEvent.staff_id, AuditEvent.action, AuditEvent.outcome, func.count())
            .where(AuditEvent.staff_id.in_(ids), AuditEvent.at >= start, AuditEvent.at < end,
                   AuditEvent.action.in_(TERMINAL_ACTIONS))
            .group_by(AuditEvent.staff_id, AuditEvent.action, AuditEvent.outcome)):
        if staff_id is not None:   # always: the query picks the terminals' rows
            key = "refused" if outcome == "refused" else TERMINAL_ACTIONS[action]
            done[staff_id][key] += int(count)
    paid: dict[int, dict[str, int]] = defaultdict(dict)
    payments: dict[int, int] = defaultdict(int)
    for staff_id, method, count, total in session.execute(
            select(Payment.staff_id, Payment.method, func.count(), func.sum(Payment.amount))
            .where(Payment.staff_id.in_(ids), Payment.business_date == day,
                   Payment.voided_at.is_(None))
            .group_by(Payment.staff_id, Payment.method)):
        paid[staff_id][method] = int(total)
        payments[staff_id] += int(count)
    return [TerminalDay(login=t.login, desk=t.code, checkouts=done[t.staff_id]["checkouts"],
                        checkins=done[t.staff_id]["checkins"],
                        renewals=done[t.staff_id]["renewals"],
                        refused=done[t.staff_id]["refused"], payments=payments[t.staff_id],
                        totals=paid[t.staff_id]) for t in terminals]
