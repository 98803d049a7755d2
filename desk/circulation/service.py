"""The circulation facade: one desk, one signed-in staff member, one transaction per operation.

Every operation runs in its own transaction (``BEGIN IMMEDIATE`` on SQLite, row locks on
PostgreSQL) and writes its audit event in that same transaction. A refusal rolls everything
back, then the refusal itself is audited in a transaction of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from desk.circulation import accessories as accessories_op
from desk.circulation import charges as charges_op
from desk.circulation import checkin as checkin_op
from desk.circulation import checkout as checkout_op
from desk.circulation import holds as holds_op
from desk.circulation import lost as lost_op
from desk.circulation import payments as payments_op
from desk.circulation import renew as renew_op
from desk.circulation import settlement as settlement_op
from desk.circulation.calendar import bookdrop_returned_at
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused, Override
from desk.circulation.queries.balance import outstanding_balance
from desk.circulation.queries.money import SettlementReport, open_day_report
from desk.circulation.results import (AccessoriesMissingResult, CheckinResult, CheckoutResult,
                                      ClearShelfResult, RenewResult, Settlement)
from desk.circulation.store import LibraryStore
from desk.models import AuditEvent, Desk, StaffUser

log = logging.getLogger(__name__)
T = TypeVar("T")
# The audit row of an operation, a Core insert (built once; no unit-of-work flush).
_INSERT_AUDIT = insert(AuditEvent)


class Circulation:
    """Circulation at one desk by one staff member (``Library.circulation(desk, staff)``): the
    online ``desk.circulation.session.DeskSession``."""

    offline = False        # every operation is written to the database

    def __init__(self, library: LibraryStore, desk: str, staff: StaffUser) -> None:
        self.library = library
        with library.read_sessions() as session:
            desk_row = session.scalars(select(Desk).where(Desk.code == desk)).first()
            if desk_row is None:
                raise CirculationRefused.one("desk_not_found", code=desk)
            # Only a staff object this library issued from a sign-in opens a session.
            staff_id = library.issued_staff_id(staff)
            if staff_id is None:
                raise CirculationRefused.one("approval_not_authenticated",
                                             login=_clip(getattr(staff, "login", None)) or "?")
            row = session.get(StaffUser, staff_id)
            if row is None or not row.active:
                raise CirculationRefused.one("staff_inactive", login=row.login if row else "?")
            self.desk_code = desk_row.code
            self.desk_id = desk_row.id
            self.location_id = desk_row.location_id
            self.location_code = desk_row.location.code
        self.staff = staff
        self.staff_id = staff_id

    # --- the transaction wrapper ------------------------------------------------------------
    def _run(self, action: str, work: Callable[[OpContext], T], *, patron: str | None = None,
             item: str | None = None, detail: dict[str, Any] | None = None,
             audit_result: Callable[[T], dict[str, Any]] | None = None,
             audit_in_write: bool = False) -> T:
        """Run ``work`` in a transaction and audit it. ``audit_in_write``: the operation may
        write the audit row itself, in its write statement (``OpContext.audit_row``)."""
        now = self.library.now()
        try:
            with self.library.sessions() as session, session.begin():
                ctx = OpContext(session=session, library=self.library,
                                desk=self.library.desk_row(session, self.desk_id),
                                staff=self.library.staff_row(session, self.staff_id), now=now)

                def audit_row(extra: dict[str, Any]) -> dict[str, Any]:
                    return dict(
                        at=now, action=action, outcome="overridden" if ctx.overridden else "done",
                        staff_id=self.staff_id,
                        supervisor_id=ctx.supervisor.id if ctx.supervisor else None,
                        desk_code=self.desk_code, patron_barcode=_clip(patron),
                        item_barcode=_clip(item), codes=",".join(ctx.overridden) or None,
                        reason=ctx.override_reason, detail=extra or None)

                if audit_in_write:
                    ctx.audit_row = lambda extra: audit_row({**(detail or {}), **extra})
                result = work(ctx)
                if not ctx.audit_written:
                    extra = dict(detail or {})
                    if audit_result is not None:
                        extra.update(audit_result(result))
                    if ctx.notices:
                        extra["notices"] = [n.code for n in ctx.notices]
                    session.connection().execute(_INSERT_AUDIT, audit_row(extra))
            return result
        except IntegrityError as error:
            if not _is_open_loan_race(error):
                raise  # any other constraint failing is a bug to see, not a refusal to show
            # The schema's own guard (one open loan per item) caught a race with another desk.
            log.info("open-loan race during %s: %s", action, error.orig)
            refused = CirculationRefused.one("item_checked_out", barcode=item or "?", to="")
            self._audit_refusal(action, now, refused, patron, item)
            raise refused from None
        except CirculationRefused as refused:
            self._audit_refusal(action, now, refused, patron, item)
            raise

    def _audit_refusal(self, action: str, now: datetime, refused: CirculationRefused,
                       patron: str | None, item: str | None) -> None:
        with self.library.sessions() as session, session.begin():
            session.add(AuditEvent(at=now, action=action, outcome="refused",
                                   staff_id=self.staff_id, desk_code=self.desk_code,
                                   patron_barcode=_clip(patron), item_barcode=_clip(item),
                                   codes=",".join(refused.codes)[:400]))

    # --- DESIGN.md section 5 --------------------------------------------------------------------
    def checkout(self, patron_barcode: str, item_barcode: str, *, override: Override | None = None,
                 proxy_barcode: str | None = None) -> CheckoutResult:
        return self._run("checkout", lambda ctx: checkout_op.checkout(
            ctx, patron_barcode, item_barcode, override=override, proxy_barcode=proxy_barcode),
            patron=patron_barcode, item=item_barcode,
            audit_result=lambda r: {"loan_id": r.loan_id,
                                    "due_at": r.due_at.isoformat() if r.due_at else None},
            audit_in_write=True)

    def checkin(self, item_barcode: str, *, returned_at: datetime | None = None,
                bookdrop: bool = False) -> CheckinResult:
        """``bookdrop``: returned through the book drop; an item with accessories then goes
        to staff to check them (SOP 5.3.6) instead of the shelf."""
        detail: dict[str, Any] = {"returned_at": returned_at.isoformat()} if returned_at else {}
        if bookdrop:
            detail["bookdrop"] = True
        return self._run("checkin", lambda ctx: checkin_op.checkin(
            ctx, item_barcode, returned_at=returned_at, bookdrop=bookdrop), item=item_barcode,
            detail=detail or None,
            audit_result=lambda r: {"route": r.route, "fine": r.fine, "loan_id": r.loan_id})

    def accessories_missing(self, item_barcode: str, missing: str, *,
                            note: str | None = None) -> AccessoriesMissingResult:
        """Accessories missing at return (SOP 5.3.6): the item goes to staff, the problem
        register gets ``missing`` and ``note``; a charge can follow (``add_charge``)."""
        return self._run("accessories_missing", lambda ctx: accessories_op.accessories_missing(
            ctx, item_barcode, missing, note=note), item=item_barcode,
            audit_result=lambda r: {"missing": r.missing, "problem_id": r.problem_id,
                                    "hold_released": r.hold_released})

    def accessories_settled(self, item_barcode: str, *, note: str | None = None) -> int:
        """The missing accessories of ``item_barcode`` are settled (found, replaced, paid
        for): its problem-register entries are closed and it circulates again."""
        return self._run("accessories_settled", lambda ctx: accessories_op.accessories_settled(
            ctx, item_barcode, note=note), item=item_barcode,
            audit_result=lambda closed: {"closed": closed})

    def renew(self, item_barcode: str, *, override: Override | None = None) -> RenewResult:
        return self._run("renew", lambda ctx: renew_op.renew(ctx, item_barcode, override=override),
                         item=item_barcode,
                         audit_result=lambda r: {"due_at": r.due_at.isoformat(), "fine": r.fine})

    def place_hold(self, patron_barcode: str, item_barcode: str, *,
                   pickup_location: str | None = None) -> int:
        return self._run("place_hold", lambda ctx: holds_op.place_hold(
            ctx, patron_barcode, item_barcode, pickup_location), patron=patron_barcode,
            item=item_barcode, audit_result=lambda hold_id: {"hold_id": hold_id})

    def temporary_hold(self, patron_barcode: str, item_barcode: str) -> int:
        return self._run("temporary_hold", lambda ctx: holds_op.temporary_hold(
            ctx, patron_barcode, item_barcode), patron=patron_barcode, item=item_barcode,
            audit_result=lambda hold_id: {"hold_id": hold_id})

    def cancel_hold(self, hold_id: int) -> None:
        self._run("cancel_hold", lambda ctx: holds_op.cancel_hold(ctx, hold_id),
                  detail={"hold_id": hold_id})

    def clear_holds_shelf(self, location: str) -> ClearShelfResult:
        return self._run("clear_holds_shelf", lambda ctx: holds_op.clear_holds_shelf(ctx, location),
                         detail={"location": location},
                         audit_result=lambda r: {"expired": r.expired, "retrapped": r.retrapped})

    def balance(self, patron_barcode: str) -> int:
        with self.library.read_sessions() as session:
            ctx = OpContext(session=session, library=self.library,
                            desk=self.library.desk_row(session, self.desk_id),
                            staff=self.library.staff_row(session, self.staff_id),
                            now=self.library.now())
            return outstanding_balance(session, ctx.patron(patron_barcode).id)

    def pay(self, patron_barcode: str, amount: int, method: str) -> str:
        return self._run("pay", lambda ctx: payments_op.pay(ctx, patron_barcode, amount, method),
                         patron=patron_barcode, detail={"amount": amount, "method": method},
                         audit_result=lambda receipt: {"receipt_no": receipt})

    def void_payment(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> None:
        self._run("void_payment", lambda ctx: payments_op.void_payment(
            ctx, receipt_no, reason, supervisor=supervisor), detail={"receipt_no": receipt_no})

    def waive(self, charge_id: int, reason: str, *, supervisor: StaffUser,
              amount: int | None = None) -> int:
        return self._run("waive", lambda ctx: payments_op.waive(
            ctx, charge_id, reason, supervisor=supervisor, amount=amount),
            detail={"charge_id": charge_id}, audit_result=lambda waived: {"amount": waived})

    def declare_lost(self, item_barcode: str) -> int:
        return self._run("declare_lost", lambda ctx: lost_op.declare_lost(ctx, item_barcode),
                         item=item_barcode, audit_result=lambda claim: {"claim_id": claim})

    def settle_lost(self, item_barcode: str, how: str) -> list[int]:
        return self._run("settle_lost", lambda ctx: lost_op.settle_lost(ctx, item_barcode, how),
                         item=item_barcode, detail={"how": how},
                         audit_result=lambda charges: {"charges": charges})

    def close_day(self, counted: dict[str, int], *, supervisor: StaffUser,
                  note: str | None = None, denominations: dict[int, int] | None = None) -> Settlement:
        """Close this desk's day; ``denominations`` is the drawer's cash count (float included)."""
        return self._run("close_day", lambda ctx: settlement_op.close_day(
            ctx, counted, supervisor=supervisor, note=note, denominations=denominations),
            detail={"counted": counted, "denominations": {str(k): v for k, v in
                                                          (denominations or {}).items()}},
            audit_result=lambda s: {"settlement_id": s.id, "difference": s.difference})

    # --- fines, payments and settlement (issue 6) ------------------------------------------
    def take_payment(self, patron_barcode: str, amount: int, method: str, *,
                     tendered: int | None = None, charge_ids: list[int] | None = None) -> str:
        """``pay`` with the cash handed over (change) and the charges to pay first."""
        return self._run("pay", lambda ctx: payments_op.pay(
            ctx, patron_barcode, amount, method, tendered=tendered, charge_ids=charge_ids),
            patron=patron_barcode,
            detail={"amount": amount, "method": method, "tendered": tendered,
                    "charge_ids": list(charge_ids or [])},
            audit_result=lambda receipt: {"receipt_no": receipt})

    def add_charge(self, patron_barcode: str, kind: str, amount: int, description: str = "", *,
                   supervisor: StaffUser | None = None, reason: str | None = None,
                   item_barcode: str | None = None) -> int:
        """A card deposit or inter-library fee; an ``adjustment`` needs a supervisor and reason."""
        return self._run("add_charge", lambda ctx: charges_op.add_charge(
            ctx, patron_barcode, kind, amount, description, supervisor=supervisor, reason=reason,
            item_barcode=item_barcode), patron=patron_barcode, item=item_barcode,
            detail={"kind": kind, "amount": amount},
            audit_result=lambda charge_id: {"charge_id": charge_id})

    def correct_receipt(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> int:
        """Refund a closed day's receipt as an adjustment on the open day."""
        return self._run("correct_receipt", lambda ctx: payments_op.correct_receipt(
            ctx, receipt_no, reason, supervisor=supervisor), detail={"receipt_no": receipt_no},
            audit_result=lambda adjustment_id: {"adjustment_id": adjustment_id})

    def count_takings(self, counted: dict[str, int], *,
                      denominations: dict[int, int] | None = None) -> SettlementReport:
        """The blind count: ``counted`` per method (``denominations``: the drawer's cash by
        banknote and coin, float included) is written to the audit log first; only then are
        the expected takings read and returned beside it, so a recount after seeing them is a
        second count on record (the report's ``counts``)."""
        count = self._run("blind_count", lambda ctx: settlement_op.record_count(
            ctx, counted, denominations),
            detail={"counted": counted, "denominations": {str(k): v for k, v in
                                                          (denominations or {}).items()}},
            audit_result=lambda c: {"cash": c.counted.get("cash"), "drawer": c.drawer_cash})
        return open_day_report(self.library, self.desk_code, count.counted,
                               drawer_cash=count.drawer_cash, denominations=denominations)

    def set_float(self, amount: int, *, supervisor: StaffUser) -> int:
        """Set this desk's starting cash (not part of the takings)."""
        return self._run("set_float", lambda ctx: payments_op.set_float(
            ctx, amount, supervisor=supervisor), detail={"amount": amount})

    # --- helpers for front ends --------------------------------------------------------------
    def bookdrop_date(self) -> date:
        """The previous open day: the return date of book-drop returns processed this morning."""
        return self.library.previous_open_day(self.location_code, self.library.local_today())

    def bookdrop_returned_at(self, day: date | None = None) -> datetime:
        """When a book-drop return of ``day`` (default ``bookdrop_date()``) is dated."""
        return bookdrop_returned_at(day or self.bookdrop_date(), self.library.policy.tz,
                                    self.library.now())


def _is_open_loan_race(error: IntegrityError) -> bool:
    """Whether the partial unique index on open loans refused a second loan of one item
    (PostgreSQL names the index; SQLite names the column)."""
    text = str(error.orig)
    return "uq_loans_open_item" in text or "loans.item_id" in text


def _clip(value: str | None) -> str | None:
    return value[:64] if isinstance(value, str) else None
