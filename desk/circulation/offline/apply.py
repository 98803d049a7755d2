"""Applying one offline or keyed-in transaction: the circulation operation, the slip's dates,
the late-keying waiver and the idempotency record, all in one database transaction.

``ReplayCirculation`` is the ordinary ``Circulation`` (same checks, same audit log) with two
replay operations. Each checks the line's barcodes and amount as the desk checks its arguments
(``desk.circulation.validation``), runs the core checkout or checkin inside the same
transaction wrapper as the desk does, then dates the loan from the slip (SOP 5.8.2.3.3: a loan keyed in after
closing keeps the due date the slip was written with), waives a fine caused only by late
keying-in (SOP 5.8.3.4), and records the transaction id in ``offline_transactions``, whose
unique index makes applying the same transaction twice impossible.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlalchemy import select

from desk.circulation import checkin as checkin_op
from desk.circulation import checkout as checkout_op
from desk.circulation import payments as payments_op
from desk.circulation import validation as valid
from desk.circulation.context import OpContext
from desk.circulation.notices import Override, notice
from desk.circulation.offline.journal import JournalEntry
from desk.circulation.results import CheckinResult, CheckoutResult
from desk.circulation.rules import loan_due, overdue_fine
from desk.circulation.service import Circulation
from desk.models import AuditEvent, Charge, Item, Loan, OfflineTransaction, Patron, StaffUser
from desk.wording import text

ORIGINS = {"offline": "offline", "slip": "manual_slip", "koc": "offline"}


@dataclasses.dataclass(frozen=True)
class Decision:
    """Who decided a line that needed a decision, and why (recorded with the transaction)."""

    supervisor: StaffUser
    reason: str
    override: Override | None = None


class ReplayCirculation(Circulation):
    """A ``Circulation`` that can apply journal entries (see the module docstring)."""

    def replay_checkout(self, entry: JournalEntry, replay_id: str, *,
                        decision: Decision | None = None) -> CheckoutResult:
        override = decision.override if decision else None
        with self._arguments("checkout", patron=entry.patron, item=entry.item):
            self._barcode(entry.patron, "patron_barcode")
            self._barcode(entry.item, "item_barcode")

        def work(ctx: OpContext) -> CheckoutResult:
            # Judged against the patron's record as it stood at the slip's time; what changed
            # since is a conflict the replay found before (``conflicts.overtaken``).
            result = checkout_op.checkout(ctx, entry.patron or "", entry.item, override=override,
                                          as_of=min(entry.at, ctx.now))
            loan = ctx.session.get_one(Loan, result.loan_id)
            loan.origin = ORIGINS.get(entry.source, "offline")
            due = self._slip_due(ctx, loan, entry, result)
            if due != loan.due_at:
                loan.due_at = due
                tz = ctx.desk_calendar.tz
                ctx.notices.append(notice("due_moved", due=f"{due.astimezone(tz):%Y-%m-%d %H:%M}"))
            if entry.at < loan.out_at:
                loan.out_at = entry.at
            self._record(ctx, entry, replay_id, decision, loan_id=loan.id)
            return dataclasses.replace(result, due_at=loan.due_at, warnings=list(ctx.notices),
                                       due_day=ctx.desk_calendar.local_date(due))

        return self._run("checkout", work, patron=entry.patron, item=entry.item,
                         detail=self._detail(entry),
                         audit_result=lambda r: {
                             "loan_id": r.loan_id,
                             "due_at": r.due_at.isoformat() if r.due_at else None})

    def replay_checkin(self, entry: JournalEntry, replay_id: str, *,
                       decision: Decision | None = None, at_key_in: bool = False,
                       waiver_by: StaffUser | None = None) -> CheckinResult:
        """Check the item in as of the slip's time (or, ``at_key_in``, as of now: then the
        part of the fine the delay caused is waived by ``waiver_by``)."""
        with self._arguments("checkin", item=entry.item):
            self._barcode(entry.item, "item_barcode")

        def work(ctx: OpContext) -> CheckinResult:
            returned_at = None if at_key_in or entry.at >= ctx.now else entry.at
            result = checkin_op.checkin(ctx, entry.item, returned_at=returned_at,
                                        bookdrop=entry.note == "bookdrop")
            waived = 0
            if result.fine > 0 and result.loan_id is not None:
                waived = self._waive_late_keying(ctx, entry, result, waiver_by or
                                                 (decision.supervisor if decision else None))
            self._record(ctx, entry, replay_id, decision, loan_id=result.loan_id,
                         extra={"fine": result.fine, "waived": waived} if result.fine else None)
            return dataclasses.replace(result, fine=result.fine - waived,
                                       notices=list(ctx.notices))

        return self._run("checkin", work, item=entry.item, detail=self._detail(entry),
                         audit_result=lambda r: {"route": r.route, "fine": r.fine,
                                                 "loan_id": r.loan_id})

    def replay_payment(self, entry: JournalEntry, replay_id: str, *,
                       decision: Decision | None = None, method: str = "cash") -> str:
        """A payment taken while offline (Koha's offline tool records them): a receipt now."""
        with self._arguments("pay", patron=entry.patron):
            self._barcode(entry.patron, "patron_barcode")
            valid.payment_amount(entry.amount, maximum=self.library.policy.max_amount)
            valid.payment_method(method, self.library.policy.payment_methods)

        def work(ctx: OpContext) -> str:
            receipt = payments_op.pay(ctx, entry.patron or "", entry.amount or 0, method)
            self._record(ctx, entry, replay_id, decision, extra={"receipt_no": receipt,
                                                                   "amount": entry.amount})
            return receipt

        return self._run("pay", work, patron=entry.patron,
                         detail={**self._detail(entry), "amount": entry.amount, "method": method},
                         audit_result=lambda receipt: {"receipt_no": receipt})

    def discard(self, entry: JournalEntry, replay_id: str, decision: Decision) -> None:
        """Record that a supervisor decided not to apply ``entry`` (so it is not offered again)."""
        def work(ctx: OpContext) -> None:
            ctx.supervisor = ctx.require_supervisor(decision.supervisor)
            ctx.override_reason = decision.reason
            self._record(ctx, entry, replay_id, decision, outcome="discarded")

        self._run("offline_discard", work, patron=entry.patron, item=entry.item,
                  detail=self._detail(entry))

    # --- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _detail(entry: JournalEntry) -> dict[str, Any]:
        return {"offline_txn": entry.txn_id, "slip_no": entry.slip_no,
                "occurred_at": entry.at.isoformat(), "source": entry.source}

    @staticmethod
    def _slip_due(ctx: OpContext, loan: Loan, entry: JournalEntry,
                  result: CheckoutResult) -> datetime:
        """The due date the loan had when it was made: the one written on the slip or
        receipt, else the rule's loan period counted from the slip's time."""
        if entry.due_at is not None:
            return entry.due_at
        patron = ctx.session.get_one(Patron, loan.patron_id)
        item = ctx.session.get_one(Item, loan.item_id)
        rule = ctx.rule(patron, item)
        if rule is None:
            return loan.due_at
        shortened = any(n.code == "due_shortened_by_holds" for n in result.warnings)
        return loan_due(rule, entry.at, ctx.desk_calendar, others_waiting=shortened)

    def _waive_late_keying(self, ctx: OpContext, entry: JournalEntry, result: CheckinResult,
                           supervisor: StaffUser | None) -> int:
        """Waive the part of this return's fine that only the late keying-in caused."""
        loan = ctx.session.get_one(Loan, result.loan_id)
        patron = ctx.session.get_one(Patron, loan.patron_id)
        item = ctx.session.get_one(Item, loan.item_id)
        rule = ctx.rule(patron, item)
        if rule is None or supervisor is None:
            return 0
        due_on_slip = overdue_fine(rule, loan.due_at, entry.at, ctx.desk_calendar,
                                   hourly=loan.hourly, stopped_at=loan.claimed_at).amount
        excess = result.fine - due_on_slip
        charge = ctx.session.scalars(select(Charge).where(
            Charge.loan_id == loan.id, Charge.kind == "overdue").order_by(Charge.id.desc())).first()
        if excess <= 0 or charge is None:
            return 0
        reason = text("waiver_reason", slip=entry.slip_no)
        keep = (ctx.supervisor, ctx.override_reason)
        waived = payments_op.waive(ctx, charge.id, reason, supervisor=supervisor, amount=excess)
        ctx.session.add(AuditEvent(
            at=ctx.now, action="waive", outcome="done", staff_id=self.staff_id,
            supervisor_id=ctx.supervisor.id if ctx.supervisor else None, desk_code=self.desk_code,
            patron_barcode=patron.barcode, item_barcode=item.barcode, reason=reason,
            detail={"charge_id": charge.id, "amount": waived, **self._detail(entry)}))
        if keep[0] is not None:
            ctx.supervisor, ctx.override_reason = keep
        ctx.notices.append(notice("late_keying_waived", amount=ctx.money(waived), waived=waived))
        return waived

    def _record(self, ctx: OpContext, entry: JournalEntry, replay_id: str,
                decision: Decision | None, *, loan_id: int | None = None,
                outcome: str | None = None, extra: dict[str, Any] | None = None) -> None:
        supervisor = ctx.require_supervisor(decision.supervisor) if decision else None
        if outcome is None:
            outcome = "overridden" if decision or ctx.overridden else "applied"
        detail: dict[str, Any] = {"notices": [n.code for n in ctx.notices]}
        detail.update(extra or {})
        ctx.session.add(OfflineTransaction(
            txn_id=entry.txn_id, replay_id=replay_id, source=entry.source,
            desk_code=entry.desk or self.desk_code, slip_no=entry.slip_no, kind=entry.kind,
            patron_barcode=entry.patron, item_barcode=entry.item or "-", occurred_at=entry.at,
            outcome=outcome, applied_at=ctx.now, staff_id=self.staff_id,
            supervisor_id=supervisor.id if supervisor else None,
            reason=decision.reason if decision else None, loan_id=loan_id, detail=detail))
        ctx.session.flush()
