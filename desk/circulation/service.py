"""The circulation facade: one desk, one signed-in staff member, one transaction per operation.

Every operation runs in its own transaction (``BEGIN IMMEDIATE`` on SQLite, row locks on
PostgreSQL) and writes its audit event in that same transaction. A refusal rolls everything
back, then the refusal itself is audited in a transaction of its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from desk.circulation import accessories as accessories_op
from desk.circulation import cards as cards_op
from desk.circulation import charges as charges_op
from desk.circulation import claims as claims_op
from desk.circulation import checkin as checkin_op
from desk.circulation import checkout as checkout_op
from desk.circulation import holds as holds_op
from desk.circulation import lost as lost_op
from desk.circulation import patron_photo as photo_op
from desk.circulation import payments as payments_op
from desk.circulation import registration as registration_op
from desk.circulation import proxies as proxies_op
from desk.circulation import renew as renew_op
from desk.circulation import settlement as settlement_op
from desk.circulation import validation as valid
from desk.circulation.calendar import bookdrop_returned_at
from desk.circulation.cards import ReplacedCardResult
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused, Override
from desk.circulation.queries.balance import outstanding_balance
from desk.circulation.requests import deliveries as deliveries_op
from desk.circulation.requests.pull_entry import PullEntry
from desk.circulation.requests.pull_list import pull_list as read_pull_list
from desk.circulation.queries.money import SettlementReport, open_day_report
from desk.circulation.requests import cancel as cancel_op
from desk.circulation.requests import projects as projects_op
from desk.circulation.requests import retrievals as retrievals_op
from desk.circulation.requests import searches as searches_op
from desk.circulation.requests.retrievals import ReadingLoan, RetrievalReady
from desk.circulation.requests.searches import SearchFound
from desk.circulation.results import (AccessoriesMissingResult, CheckinResult, CheckoutResult,
                                      ClearShelfResult, RenewResult, Settlement)
from desk.circulation.still_active import (active_flag, inactive, lock_head_if_active,
                                           lock_head_reading_active)
from desk.circulation.store import LibraryStore
from desk.models import Desk, StaffUser, audit_chain
from desk.models.database import permission_denied

log = logging.getLogger(__name__)
T = TypeVar("T")
# A cancelled request's reason is kept in a column of this size (search/retrieval_requests).
CANCEL_REASON_LIMIT = 500


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
        write the audit row itself, in its write statement (``OpContext.audit_row``).

        The clock is read once the transaction has begun (on SQLite that takes the write lock)
        and again by the operations once they hold their row locks (``clock_after_lock``), so
        writes are dated in the order they commit."""
        try:
            with self.library.sessions() as session, session.begin():
                session.connection()   # begin: SQLite's BEGIN IMMEDIATE, before the clock
                ctx = OpContext(session=session, library=self.library,
                                desk=self.library.desk_row(session, self.desk_id),
                                staff=self.library.staff_row(session, self.staff_id),
                                now=self.library.now())

                def audit_row(extra: dict[str, Any]) -> dict[str, Any]:
                    return dict(
                        at=ctx.now, action=action,
                        outcome="overridden" if ctx.overridden else "done",
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
                    # Core, chained (no unit-of-work flush), under the chain's lock taken by
                    # the statement that also asks whether the staff member may still work.
                    head, _ = lock_head_if_active(session.connection(), self.staff_id,
                                                  ctx.staff.login)
                    audit_chain.insert_audit(session.connection(), [audit_row(extra)],
                                             head=head)
            return result
        except IntegrityError as error:
            if not _is_open_loan_race(error):
                raise  # any other constraint failing is a bug to see, not a refusal to show
            # The schema's own guard (one open loan per item) caught a race with another desk.
            log.info("open-loan race during %s: %s", action, error.orig)
            refused = CirculationRefused.one("item_checked_out", barcode=item or "?", to="")
            raise self._audit_refusal(action, refused, patron, item) from None
        except DBAPIError as error:
            if not permission_denied(error):
                raise
            # The desk's database role lacks a privilege (PostgreSQL): say so, not a traceback.
            log.warning("%s refused by the database: %s", action, error.orig)
            refused = CirculationRefused.one("db_permission_denied",
                                             what=str(error.orig).splitlines()[0])
            raise self._audit_refusal(action, refused, patron, item) from None
        except CirculationRefused as refused:
            shown = self._audit_refusal(action, refused, patron, item)
            if shown is refused:
                raise
            raise shown from None

    @contextmanager
    def _arguments(self, action: str, *, patron: object = None,
                   item: object = None) -> Iterator[None]:
        """Check an operation's arguments (``desk.circulation.validation``) before any of them
        reaches the database; a bad one is refused, and the refusal audited, as any other."""
        try:
            yield
        except CirculationRefused as refused:
            shown = self._audit_refusal(action, refused, patron, item)
            if shown is refused:
                raise
            raise shown from None

    def _barcode(self, value: object, field: str) -> str:
        return valid.barcode(value, field, check_digits=self.library.policy.check_digits)

    def _money(self, value: object, field: str, *, positive: bool = False) -> int:
        return valid.money(value, field, maximum=self.library.policy.max_amount,
                           positive=positive)

    def _audit_refusal(self, action: str, refused: CirculationRefused,
                       patron: object, item: object) -> CirculationRefused:
        """Audit a refusal; the refusal to show: ``refused``, or ``staff_inactive`` when the
        staff member may no longer work (asked in the statement that locks the chain)."""
        with self.library.sessions() as session, session.begin():
            connection = session.connection()
            head, active = lock_head_reading_active(connection, self.staff_id)
            shown = refused if active else inactive(self.staff.login)
            audit_chain.insert_audit(connection, [dict(
                at=self.library.now(), action=action, outcome="refused",
                staff_id=self.staff_id, desk_code=self.desk_code, patron_barcode=_clip(patron),
                item_barcode=_clip(item), codes=",".join(shown.codes)[:400])], head=head)
        return shown

    def _require_active(self, session: Session) -> None:
        """For the reads, which chain no audit row: one primary-key read."""
        if not session.scalar(select(active_flag(self.staff_id))):
            raise inactive(self.staff.login)

    # --- DESIGN.md section 5 --------------------------------------------------------------------
    def checkout(self, patron_barcode: str, item_barcode: str, *, override: Override | None = None,
                 proxy_barcode: str | None = None, parts_seen: int | None = None) -> CheckoutResult:
        """``parts_seen``: how many of the item's pieces an RFID pad read; fewer than the item
        has is refused with ``set_incomplete`` (overridable). None: not counted."""
        with self._arguments("checkout", patron=patron_barcode, item=item_barcode):
            self._barcode(patron_barcode, "patron_barcode")
            self._barcode(item_barcode, "item_barcode")
            valid.override(override)
            valid.optional_barcode(proxy_barcode, "proxy_barcode",
                                   check_digits=self.library.policy.check_digits)
            if parts_seen is not None:
                valid.whole_number(parts_seen, "parts_seen", high=255)
        return self._run("checkout", lambda ctx: checkout_op.checkout(
            ctx, patron_barcode, item_barcode, override=override, proxy_barcode=proxy_barcode,
            parts_seen=parts_seen),
            patron=patron_barcode, item=item_barcode,
            audit_result=lambda r: {"loan_id": r.loan_id,
                                    "due_at": r.due_at.isoformat() if r.due_at else None},
            audit_in_write=True)

    def checkin(self, item_barcode: str, *, returned_at: datetime | None = None,
                bookdrop: bool = False) -> CheckinResult:
        """``bookdrop``: returned through the book drop; an item with accessories then goes
        to staff to check them (SOP 5.3.6) instead of the shelf. ``returned_at`` may not be
        before the loan began nor more than a minute ahead of now."""
        with self._arguments("checkin", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
            valid.optional_aware_datetime(returned_at, "returned_at")
            valid.flag(bookdrop, "bookdrop")
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
        with self._arguments("accessories_missing", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
            valid.optional_text(missing, "missing", multiline=True)
            valid.optional_text(note, "note", multiline=True)
        return self._run("accessories_missing", lambda ctx: accessories_op.accessories_missing(
            ctx, item_barcode, missing, note=note), item=item_barcode,
            audit_result=lambda r: {"missing": r.missing, "problem_id": r.problem_id,
                                    "hold_released": r.hold_released})

    def accessories_settled(self, item_barcode: str, *, note: str | None = None) -> int:
        """The missing accessories of ``item_barcode`` are settled (found, replaced, paid
        for): its problem-register entries are closed and it circulates again."""
        with self._arguments("accessories_settled", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
            valid.optional_text(note, "note", multiline=True)
        return self._run("accessories_settled", lambda ctx: accessories_op.accessories_settled(
            ctx, item_barcode, note=note), item=item_barcode,
            audit_result=lambda closed: {"closed": closed})

    def renew(self, item_barcode: str, *, override: Override | None = None) -> RenewResult:
        with self._arguments("renew", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
            valid.override(override)
        return self._run("renew", lambda ctx: renew_op.renew(ctx, item_barcode, override=override),
                         item=item_barcode,
                         audit_result=lambda r: {"due_at": r.due_at.isoformat(), "fine": r.fine})

    def place_hold(self, patron_barcode: str, item_barcode: str, *,
                   pickup_location: str | None = None) -> int:
        with self._arguments("place_hold", patron=patron_barcode, item=item_barcode):
            self._barcode(patron_barcode, "patron_barcode")
            self._barcode(item_barcode, "item_barcode")
            valid.optional_code(pickup_location, "pickup_location")
        return self._run("place_hold", lambda ctx: holds_op.place_hold(
            ctx, patron_barcode, item_barcode, pickup_location), patron=patron_barcode,
            item=item_barcode, audit_result=lambda hold_id: {"hold_id": hold_id})

    def temporary_hold(self, patron_barcode: str, item_barcode: str) -> int:
        with self._arguments("temporary_hold", patron=patron_barcode, item=item_barcode):
            self._barcode(patron_barcode, "patron_barcode")
            self._barcode(item_barcode, "item_barcode")
        return self._run("temporary_hold", lambda ctx: holds_op.temporary_hold(
            ctx, patron_barcode, item_barcode), patron=patron_barcode, item=item_barcode,
            audit_result=lambda hold_id: {"hold_id": hold_id})

    def cancel_hold(self, hold_id: int) -> None:
        with self._arguments("cancel_hold"):
            valid.record_id(hold_id, "hold_id")
        self._run("cancel_hold", lambda ctx: holds_op.cancel_hold(ctx, hold_id),
                  detail={"hold_id": hold_id})

    def clear_holds_shelf(self, location: str) -> ClearShelfResult:
        with self._arguments("clear_holds_shelf"):
            location = valid.code(location, "location")
        return self._run("clear_holds_shelf", lambda ctx: holds_op.clear_holds_shelf(ctx, location),
                         detail={"location": location},
                         audit_result=lambda r: {"expired": r.expired, "retrapped": r.retrapped})

    def balance(self, patron_barcode: str) -> int:
        self._barcode(patron_barcode, "patron_barcode")
        with self.library.read_sessions() as session:
            self._require_active(session)
            ctx = OpContext(session=session, library=self.library,
                            desk=self.library.desk_row(session, self.desk_id),
                            staff=self.library.staff_row(session, self.staff_id),
                            now=self.library.now())
            return outstanding_balance(session, ctx.patron(patron_barcode).id)

    def pay(self, patron_barcode: str, amount: int, method: str) -> str:
        with self._arguments("pay", patron=patron_barcode):
            self._barcode(patron_barcode, "patron_barcode")
            valid.payment_amount(amount, maximum=self.library.policy.max_amount)
            valid.payment_method(method, self.library.policy.payment_methods)
        return self._run("pay", lambda ctx: payments_op.pay(ctx, patron_barcode, amount, method),
                         patron=patron_barcode, detail={"amount": amount, "method": method},
                         audit_result=lambda receipt: {"receipt_no": receipt})

    def void_payment(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> None:
        with self._arguments("void_payment"):
            valid.code(receipt_no, "receipt_no")
            valid.optional_text(reason, "reason", multiline=True)
        self._run("void_payment", lambda ctx: payments_op.void_payment(
            ctx, receipt_no, reason, supervisor=supervisor), detail={"receipt_no": receipt_no})

    def waive(self, charge_id: int, reason: str, *, supervisor: StaffUser,
              amount: int | None = None) -> int:
        with self._arguments("waive"):
            valid.record_id(charge_id, "charge_id")
            valid.optional_text(reason, "reason", multiline=True)
            if amount is not None:
                self._money(amount, "amount", positive=True)
        return self._run("waive", lambda ctx: payments_op.waive(
            ctx, charge_id, reason, supervisor=supervisor, amount=amount),
            detail={"charge_id": charge_id}, audit_result=lambda waived: {"amount": waived})

    def declare_lost(self, item_barcode: str) -> int:
        with self._arguments("declare_lost", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
        return self._run("declare_lost", lambda ctx: lost_op.declare_lost(ctx, item_barcode),
                         item=item_barcode, audit_result=lambda claim: {"claim_id": claim})

    def settle_lost(self, item_barcode: str, how: str) -> list[int]:
        with self._arguments("settle_lost", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
            valid.choice(how, "how", lost_op.SETTLE_HOW)
        return self._run("settle_lost", lambda ctx: lost_op.settle_lost(ctx, item_barcode, how),
                         item=item_barcode, detail={"how": how},
                         audit_result=lambda charges: {"charges": charges})

    def close_day(self, counted: dict[str, int], *, supervisor: StaffUser,
                  note: str | None = None, denominations: dict[int, int] | None = None) -> Settlement:
        """Close this desk's day; ``denominations`` is the drawer's cash count (float included)."""
        with self._arguments("close_day"):
            counted = self._counted(counted)
            valid.optional_text(note, "note", multiline=True)
            self._denominations(denominations)
        return self._run("close_day", lambda ctx: settlement_op.close_day(
            ctx, counted, supervisor=supervisor, note=note, denominations=denominations),
            detail={"counted": counted, "denominations": {str(k): v for k, v in
                                                          (denominations or {}).items()}},
            audit_result=lambda s: {"settlement_id": s.id, "difference": s.difference})

    # --- fines, payments and settlement (issue 6) ------------------------------------------
    def take_payment(self, patron_barcode: str, amount: int, method: str, *,
                     tendered: int | None = None, charge_ids: list[int] | None = None) -> str:
        """``pay`` with the cash handed over (change) and the charges to pay first."""
        with self._arguments("pay", patron=patron_barcode):
            self._barcode(patron_barcode, "patron_barcode")
            valid.payment_amount(amount, maximum=self.library.policy.max_amount)
            valid.payment_method(method, self.library.policy.payment_methods)
            if tendered is not None:
                self._money(tendered, "tendered")
            if charge_ids is not None:
                valid.record_ids(charge_ids, "charge_ids")
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
        with self._arguments("add_charge", patron=patron_barcode, item=item_barcode):
            self._barcode(patron_barcode, "patron_barcode")
            valid.text(kind, "kind")   # an unknown kind: the operation's own refusal
            self._money(amount, "amount", positive=True)
            valid.optional_text(description, "description")
            valid.optional_text(reason, "reason", multiline=True)
            valid.optional_barcode(item_barcode, "item_barcode",
                                   check_digits=self.library.policy.check_digits)
        return self._run("add_charge", lambda ctx: charges_op.add_charge(
            ctx, patron_barcode, kind, amount, description, supervisor=supervisor, reason=reason,
            item_barcode=item_barcode), patron=patron_barcode, item=item_barcode,
            detail={"kind": kind, "amount": amount},
            audit_result=lambda charge_id: {"charge_id": charge_id})

    def correct_receipt(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> int:
        """Refund a closed day's receipt as an adjustment on the open day."""
        with self._arguments("correct_receipt"):
            valid.code(receipt_no, "receipt_no")
            valid.optional_text(reason, "reason", multiline=True)
        return self._run("correct_receipt", lambda ctx: payments_op.correct_receipt(
            ctx, receipt_no, reason, supervisor=supervisor), detail={"receipt_no": receipt_no},
            audit_result=lambda adjustment_id: {"adjustment_id": adjustment_id})

    def count_takings(self, counted: dict[str, int], *,
                      denominations: dict[int, int] | None = None) -> SettlementReport:
        """The blind count: ``counted`` per method (``denominations``: the drawer's cash by
        banknote and coin, float included) is written to the audit log first; only then are
        the expected takings read and returned beside it, so a recount after seeing them is a
        second count on record (the report's ``counts``)."""
        with self._arguments("blind_count"):
            counted = self._counted(counted)
            self._denominations(denominations)
        count = self._run("blind_count", lambda ctx: settlement_op.record_count(
            ctx, counted, denominations),
            detail={"counted": counted, "denominations": {str(k): v for k, v in
                                                          (denominations or {}).items()}},
            audit_result=lambda c: {"cash": c.counted.get("cash"), "drawer": c.drawer_cash})
        return open_day_report(self.library, self.desk_code, count.counted,
                               drawer_cash=count.drawer_cash, denominations=denominations)

    def set_float(self, amount: int, *, supervisor: StaffUser) -> int:
        """Set this desk's starting cash (not part of the takings)."""
        with self._arguments("set_float"):
            self._money(amount, "amount")
        return self._run("set_float", lambda ctx: payments_op.set_float(
            ctx, amount, supervisor=supervisor), detail={"amount": amount})

    def _counted(self, counted: object) -> dict[str, int]:
        return valid.counted_money(counted, "counted", methods=self.library.policy.payment_methods,
                                   maximum=self.library.policy.max_amount)

    def _denominations(self, denominations: object) -> None:
        valid.denominations(denominations, "denominations",
                            maximum=self.library.policy.max_amount)

    # --- patrons at the counter (DESIGN.md section 9, SOP 5.3.3) --------------------------
    def register_patron(self, barcode: str, name: str, category: str, *,
                        expires: date | None = None, guarantor: str | None = None,
                        deposit: int = 0, deposit_method: str | None = None,
                        **details: Any) -> int:
        """Register a patron; returns the id. ``details``: email, phone, department,
        birth_date, home_location, message; ``registration_checked`` (the registration or
        employment was checked: who and when are recorded) and ``confirm_duplicate`` (a record
        with the same e-mail, phone, or name and birth date is another person). The category
        says what is needed (``desk.circulation.registration``); ``expires`` defaults to its
        term; a deposit is taken as a payment with a receipt (``deposit_method``)."""
        policy = self.library.policy
        with self._arguments("register_patron", patron=barcode):
            form = registration_op.check_form(
                barcode, name, category, expires=expires, guarantor=guarantor, deposit=deposit,
                deposit_method=deposit_method, details=details,
                check_digits=policy.check_digits, max_amount=policy.max_amount,
                methods=tuple(policy.payment_methods), today=self.library.local_today())
        detail: dict[str, Any] = {"category": form.category, "name": form.name}
        if form.guarantor:
            detail["guarantor"] = form.guarantor
        if form.confirm_duplicate:
            detail["confirmed_duplicate"] = True
        result = self._run("register_patron", lambda ctx: registration_op.register_patron(
            ctx, form), patron=form.barcode, detail=detail,
            audit_result=lambda r: {"patron_id": r.patron_id,
                                    "expires": r.expires.isoformat() if r.expires else None,
                                    "deposit": form.deposit, "receipt_no": r.receipt_no,
                                    "registration_checked": form.registration_checked})
        return result.patron_id

    def update_patron(self, barcode: str, *, confirm_duplicate: bool = False,
                      **changes: Any) -> dict[str, dict[str, object]]:
        """Change ``changes`` (name, category, expires, email, phone, department, birth_date,
        home_location, message; ``None`` clears a detail); the audit detail holds what each
        was before and after, which is also returned."""
        with self._arguments("update_patron", patron=barcode):
            self._barcode(barcode, "patron_barcode")
            valid.flag(confirm_duplicate, "confirm_duplicate")
            checked = registration_op.check_changes(changes, today=self.library.local_today())
        return self._run("update_patron", lambda ctx: registration_op.update_patron(
            ctx, barcode, checked, confirm_duplicate=confirm_duplicate), patron=barcode,
            audit_result=lambda r: dict(r))

    def extend_patron(self, barcode: str) -> date:
        """Extend the card by its category's term from the later of today and its expiry;
        returns the new expiry."""
        with self._arguments("extend_patron", patron=barcode):
            self._barcode(barcode, "patron_barcode")
        old_new = self._run("extend_patron", lambda ctx: registration_op.extend_patron(
            ctx, barcode), patron=barcode,
            audit_result=lambda r: {"before": {"expires": r[0].isoformat() if r[0] else None},
                                    "after": {"expires": r[1].isoformat()}})
        return old_new[1]

    def close_card(self, barcode: str, reason: str | None = None, *,
                   supervisor: StaffUser | None = None) -> registration_op.CardClosed:
        """Close a card with no loans and nothing owed; a deposit taken at registration is
        refunded (a supervisor and a reason), booked in this desk's open day's settlement."""
        with self._arguments("close_card", patron=barcode):
            self._barcode(barcode, "patron_barcode")
            valid.optional_text(reason, "reason", multiline=True)
        return self._run("close_card", lambda ctx: registration_op.close_card(
            ctx, barcode, reason, supervisor), patron=barcode,
            audit_result=lambda r: {"refund": r.refund, "method": r.method,
                                    "receipt_no": r.receipt_no})
    # --- cards, blocks, messages and claims (DESIGN.md section 9, issue 15) ---------------------
    def replace_card(self, old: str, new: str) -> ReplacedCardResult:
        """The patron with card ``old`` gets card ``new`` (a lost or damaged card); ``old`` is
        then refused everywhere with ``card_replaced``. The result is what the temporary card
        slip prints."""
        with self._arguments("replace_card", patron=old):
            self._barcode(old, "old_barcode")
            self._barcode(new, "new_barcode")
        try:
            return self._run("replace_card", lambda ctx: cards_op.replace_card(ctx, old, new),
                             patron=old, detail={"new_barcode": new},
                             audit_result=lambda r: {"patron_id": r.patron_id})
        except IntegrityError:
            # Another desk gave the same new card to someone in the meantime (the unique
            # barcode caught it): refused as a card in use, nothing written.
            refused = valid.refuse("duplicate_code", field="new_barcode", code=new)
            raise self._audit_refusal("replace_card", refused, old, None) from None

    def block_patron(self, barcode: str, message: str, *, until: date | None = None,
                     supervisor: StaffUser | None = None) -> None:
        """Block the patron (停權) with ``message``, shown with the refusal; ``until``: the
        block lifts itself on that day. ``supervisor``: needed when ``blocks_need_supervisor``."""
        with self._arguments("block_patron", patron=barcode):
            self._barcode(barcode, "patron_barcode")
            message = valid.text(message, "block_message", multiline=True)
            valid.optional_date(until, "until")
        self._run("block_patron", lambda ctx: cards_op.block_patron(
            ctx, barcode, message, until, supervisor), patron=barcode,
            detail={"message": message, "until": until.isoformat() if until else None},
            audit_result=lambda before: {"before": before})

    def unblock_patron(self, barcode: str, reason: str, *,
                       supervisor: StaffUser | None = None) -> None:
        """Lift the patron's block, for ``reason`` (audited)."""
        with self._arguments("unblock_patron", patron=barcode):
            self._barcode(barcode, "patron_barcode")
            reason = valid.text(reason, "reason", multiline=True)
        self._run("unblock_patron", lambda ctx: cards_op.unblock_patron(
            ctx, barcode, reason, supervisor), patron=barcode, detail={"reason": reason},
            audit_result=lambda before: {"before": before})

    def add_patron_message(self, barcode: str, text: str) -> int:
        """A message (訊息) on the patron's record, by this staff member: shown at every
        checkout until acknowledged. Returns the message id."""
        with self._arguments("add_patron_message", patron=barcode):
            self._barcode(barcode, "patron_barcode")
            text = valid.text(text, "text", multiline=True)
        return self._run("add_patron_message", lambda ctx: cards_op.add_message(
            ctx, barcode, text), patron=barcode,
            audit_result=lambda message_id: {"message_id": message_id})

    def acknowledge_message(self, message_id: int) -> None:
        """The message was dealt with: checkout no longer shows it."""
        with self._arguments("acknowledge_message"):
            valid.record_id(message_id, "message_id")
        with self.library.read_sessions() as session:    # the audit row names the patron
            patron = cards_op.message_patron(session, message_id)
        self._run("acknowledge_message", lambda ctx: cards_op.acknowledge_message(
            ctx, message_id), patron=patron, detail={"message_id": message_id})

    def claim_returned(self, item_barcode: str, *, form_no: str,
                       supervisor: StaffUser | None = None) -> int:
        """The patron claims to have returned ``item_barcode`` (SOP 5.10; ``form_no``: the
        problem form's number). Returns the claim id."""
        return self._claim("returned", item_barcode, form_no, supervisor)

    def claim_never_borrowed(self, item_barcode: str, *, form_no: str,
                             supervisor: StaffUser | None = None) -> int:
        """The patron claims never to have borrowed ``item_barcode`` (SOP 5.10)."""
        return self._claim("never_borrowed", item_barcode, form_no, supervisor)

    def _claim(self, kind: str, item_barcode: str, form_no: str,
               supervisor: StaffUser | None) -> int:
        action = f"claim_{kind}"
        with self._arguments(action, item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
            form_no = valid.text(form_no, "form_no")
        return self._run(action, lambda ctx: claims_op.make_claim(
            ctx, item_barcode, kind, form_no, supervisor), item=item_barcode,
            detail={"form_no": form_no}, audit_result=lambda claim_id: {"claim_id": claim_id})
    # --- the patron's record: photo and proxies (SOP 5.3.1, 5.3.2) ---------------------------
    def set_patron_photo(self, barcode: str, jpeg_bytes: bytes | None) -> None:
        """Store the patron's photo: JPEG or PNG bytes the desk scaled (at most 480 px a side,
        512 KiB), checked by header and size here (``patron_photo.check_photo``); ``None``
        removes it. Audited with the format, size and a SHA-256 of the bytes."""
        with self._arguments("set_patron_photo", patron=barcode):
            self._barcode(barcode, "patron_barcode")
            if jpeg_bytes is not None:
                photo_op.check_photo(jpeg_bytes)
        self._run("set_patron_photo", lambda ctx: photo_op.set_photo(ctx, barcode, jpeg_bytes),
                  patron=barcode, audit_result=lambda facts: facts)

    def add_proxy(self, patron_barcode: str, proxy_barcode: str, *,
                  valid_until: date | None = None, note: str | None = None) -> int:
        """Record that the patron with card ``proxy_barcode`` may borrow for the patron with
        ``patron_barcode`` (the authorisation form; ``note``: its number), until
        ``valid_until`` inclusive or, without it, until ended. Returns the authorisation's id."""
        with self._arguments("add_proxy", patron=patron_barcode):
            self._barcode(patron_barcode, "patron_barcode")
            self._barcode(proxy_barcode, "proxy_barcode")
            valid.optional_date(valid_until, "valid_until")
            note = valid.optional_text(note, "note", multiline=True)
        return self._run("add_proxy", lambda ctx: proxies_op.add_proxy(
            ctx, patron_barcode, proxy_barcode, valid_until=valid_until, note=note),
            patron=patron_barcode,
            detail={"proxy": proxy_barcode,
                    "valid_until": valid_until.isoformat() if valid_until else None,
                    "note": note},
            audit_result=lambda proxy_id: {"proxy_id": proxy_id})

    def end_proxy(self, proxy_id: int) -> None:
        """End a current proxy authorisation from today on."""
        with self._arguments("end_proxy"):
            valid.record_id(proxy_id, "proxy_id")
        self._run("end_proxy", lambda ctx: proxies_op.end_proxy(ctx, proxy_id),
                  detail={"proxy_id": proxy_id},
                  audit_result=lambda cards: {"patron": cards[0], "proxy": cards[1]})

    # --- requests: deliveries between locations and the pull list (DESIGN.md section 9) -----
    def request_delivery(self, patron: str, item: str, *, pickup_location: str,
                         method: str) -> tuple[int, str]:
        """Deliver ``item`` of another location to ``pickup_location`` for ``patron`` (SOP
        5.3.9): the fee (``delivery_fee``) is paid at once by ``method``. Returns the request's
        id and the temporary receipt's number."""
        made = self.request_deliveries(patron, [item], pickup_location=pickup_location,
                                       method=method)
        return made.request_ids[0], made.receipt_no

    def request_deliveries(self, patron: str, items: list[str], *, pickup_location: str,
                           method: str) -> deliveries_op.DeliveryRequested:
        """One request form (F-K08-042): ``items`` all of one location, a request each, their
        fees paid together on one temporary receipt (F-K08-034)."""
        with self._arguments("request_delivery", patron=patron,
                             item=items[0] if isinstance(items, list) and items else None):
            self._barcode(patron, "patron_barcode")
            if not isinstance(items, list):
                raise valid.wrong_type("items", "barcodes", items)
            for barcode in items:
                self._barcode(barcode, "item_barcode")
            pickup_location = valid.code(pickup_location, "pickup_location")
            valid.payment_method(method, self.library.policy.payment_methods)
        return self._run("request_delivery", lambda ctx: deliveries_op.request_deliveries(
            ctx, patron, items, pickup_location, method), patron=patron,
            item=items[0] if items else None,
            detail={"items": list(items), "pickup_location": pickup_location, "method": method},
            audit_result=lambda r: {"request_ids": list(r.request_ids),
                                    "receipt_no": r.receipt_no, "fee": r.fee_total})

    def pull_delivery(self, item_barcode: str) -> deliveries_op.DeliveryPulled:
        """The owning location scanned a requested item from its pull list: it is sent
        (``in_delivery``); the result is what the delivery slip (F-K08-043) prints."""
        with self._arguments("pull_delivery", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
        return self._run("pull_delivery", lambda ctx: deliveries_op.pull_delivery(
            ctx, item_barcode), item=item_barcode,
            audit_result=lambda r: {"request_id": r.request_id})

    def fail_delivery(self, request_id: int, reason: str) -> datetime:
        """The requested item was not found or cannot be supplied (``reason``): the patron is
        told and may have the fee back until the returned moment."""
        with self._arguments("fail_delivery"):
            valid.record_id(request_id, "request_id")
            reason = valid.text(reason, "reason", multiline=True)
        return self._run("fail_delivery", lambda ctx: deliveries_op.fail_delivery(
            ctx, request_id, reason), detail={"request_id": request_id, "reason": reason},
            audit_result=lambda until: {"refund_until": until.isoformat()})

    def refund_delivery(self, request_id: int) -> deliveries_op.DeliveryRefund:
        """Pay back the fee of a request that could not be met (within its refund period)."""
        with self._arguments("refund_delivery"):
            valid.record_id(request_id, "request_id")
        return self._run("refund_delivery", lambda ctx: deliveries_op.refund_delivery(
            ctx, request_id), detail={"request_id": request_id},
            audit_result=lambda r: {"amount": r.amount, "receipt_no": r.receipt_no,
                                    "adjustment_id": r.adjustment_id})

    def pull_list(self, location: str | None = None) -> list[PullEntry]:
        """What to fetch from the shelves of ``location`` (default: this desk's), sorted by
        call number: holds to pull, deliveries to send (overdue ones flagged)."""
        code = self.location_code if location is None else valid.code(location, "location")
        with self.library.read_sessions() as session:
            self._require_active(session)
            ctx = OpContext(session=session, library=self.library,
                            desk=self.library.desk_row(session, self.desk_id),
                            staff=self.library.staff_row(session, self.staff_id),
                            now=self.library.now())
            return read_pull_list(session, ctx.location(code).id, ctx.now)
    # --- missing-book searches and withdrawn-area retrieval (DESIGN.md section 9) -----------
    def request_search(self, patron: str, item: str, *, reply_by: date | None = None) -> int:
        """Ask staff to look for ``item`` (the catalogue shows it available, the patron did not
        find it on the shelf; SOP 5.11) until ``reply_by`` (default ``search_reply_open_days``
        open days). Only the item's own location takes the request. Returns its id."""
        with self._arguments("request_search", patron=patron, item=item):
            self._barcode(patron, "patron_barcode")
            self._barcode(item, "item_barcode")
            valid.optional_date(reply_by, "reply_by")
        return self._run("request_search", lambda ctx: searches_op.request_search(
            ctx, patron, item, reply_by), patron=patron, item=item,
            detail={"reply_by": reply_by.isoformat()} if reply_by else None,
            audit_result=lambda request_id: {"request_id": request_id})

    def search_found(self, item_barcode: str) -> SearchFound:
        """The item of an open search, scanned: kept behind the desk ``search_hold_days`` days
        for the patron (a trapped hold), who gets the ``search_found`` notice."""
        with self._arguments("search_found", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
        return self._run("search_found", lambda ctx: searches_op.search_found(
            ctx, item_barcode), item=item_barcode,
            audit_result=lambda r: {"request_id": r.request_id, "hold_id": r.hold_id,
                                    "patron": r.patron_barcode,
                                    "held_until": r.held_until.isoformat()})

    def search_not_found(self, request_id: int) -> str:
        """End search ``request_id`` unfound: the item becomes ``missing`` (下落不明) and the
        patron gets the ``search_not_found`` notice. Returns the item's barcode."""
        with self._arguments("search_not_found"):
            valid.record_id(request_id, "request_id")
        return self._run("search_not_found", lambda ctx: searches_op.search_not_found(
            ctx, request_id), detail={"request_id": request_id},
            audit_result=lambda barcode: {"item": barcode})

    def expire_searches(self) -> list[str]:
        """End every search past its reply-by deadline (all locations) as not found; the
        barcodes of the items now missing."""
        return self._run("expire_searches", lambda ctx: searches_op.expire_searches(
            ctx.session, ctx.now, staff_id=ctx.staff.id),
            audit_result=lambda barcodes: {"missing": barcodes})

    def project_books_ready(self, patron: str, items: list[str]) -> projects_op.ProjectBooksReady:
        """Research-project books ready for the teacher ``patron`` (SOP 5.3.8.1): ``items``
        (available, at this desk's location) kept on the holds shelf for them, and one
        ``project_ready`` notice queued."""
        with self._arguments("project_books_ready", patron=patron,
                             item=items[0] if isinstance(items, list) and items else None):
            self._barcode(patron, "patron_barcode")
            if not isinstance(items, list):
                raise valid.wrong_type("items", "barcodes", items)
            for barcode in items:
                self._barcode(barcode, "item_barcode")
        return self._run("project_books_ready", lambda ctx: projects_op.project_books_ready(
            ctx, patron, items), patron=patron,
            audit_result=lambda ready: {"items": list(ready.item_barcodes),
                                        "holds": list(ready.hold_ids)})

    def request_retrieval(self, patron: str, item: str) -> int:
        """Ask staff to fetch ``item`` from the withdrawn area (SOP 5.12). Returns the
        request's id."""
        with self._arguments("request_retrieval", patron=patron, item=item):
            self._barcode(patron, "patron_barcode")
            self._barcode(item, "item_barcode")
        return self._run("request_retrieval", lambda ctx: retrievals_op.request_retrieval(
            ctx, patron, item), patron=patron, item=item,
            audit_result=lambda request_id: {"request_id": request_id})

    def retrieval_fetched(self, item_barcode: str) -> RetrievalReady:
        """The item of an open retrieval, scanned once fetched: held for pickup
        ``retrieval_pickup_open_days`` open days, with the ``retrieval_ready`` notice."""
        with self._arguments("retrieval_fetched", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
        return self._run("retrieval_fetched", lambda ctx: retrievals_op.retrieval_fetched(
            ctx, item_barcode), item=item_barcode,
            audit_result=lambda r: {"request_id": r.request_id, "hold_id": r.hold_id,
                                    "patron": r.patron_barcode,
                                    "held_until": r.held_until.isoformat()})

    def lend_for_reading(self, item_barcode: str, *, id_kept: str) -> ReadingLoan:
        """Lend a fetched non-loanable item to its patron for reading in the library; the ID
        ``id_kept`` (e.g. "學生證 110305001") stays at the desk; due today at
        ``reading_due_time`` (SOP 5.12.5.1)."""
        with self._arguments("lend_for_reading", item=item_barcode):
            self._barcode(item_barcode, "item_barcode")
            id_kept = valid.text(id_kept, "id_kept", limit=100)
        return self._run("lend_for_reading", lambda ctx: retrievals_op.lend_for_reading(
            ctx, item_barcode, id_kept), item=item_barcode, detail={"id_kept": id_kept},
            audit_result=lambda r: {"loan_id": r.loan_id, "request_id": r.request_id,
                                    "patron": r.patron_barcode, "due_at": r.due_at.isoformat()})

    def expire_retrievals(self) -> list[str]:
        """Fetched withdrawn-area items not collected by their deadline go back (all
        locations); the barcodes to take back to the withdrawn area."""
        return self._run("expire_retrievals", lambda ctx: retrievals_op.expire_retrievals(
            ctx.session, ctx.now), audit_result=lambda barcodes: {"returned": barcodes})

    def cancel_search(self, request_id: int, reason: str) -> cancel_op.RequestCancelled:
        """The patron no longer wants search ``request_id``: it ends ``cancelled`` with
        ``reason``. A found one's book comes off the holds shelf (its hold cancelled) to be
        scanned and shelved; the result's ``instruction`` says so. A closed search is refused
        (``request_closed``)."""
        return self._cancel("cancel_search", cancel_op.cancel_search, request_id, reason)

    def cancel_retrieval(self, request_id: int, reason: str) -> cancel_op.RequestCancelled:
        """The patron no longer wants withdrawn-area request ``request_id``: it ends
        ``cancelled`` with ``reason``. A fetched one's book comes off the holds shelf (its hold
        cancelled) and goes back to the withdrawn area; the result's ``instruction`` says so.
        A closed request (collected, lent, returned, cancelled) is refused (``request_closed``)."""
        return self._cancel("cancel_retrieval", cancel_op.cancel_retrieval, request_id, reason)

    def _cancel(self, action: str,
                cancel: Callable[[OpContext, int, str], cancel_op.RequestCancelled],
                request_id: int, reason: str) -> cancel_op.RequestCancelled:
        with self._arguments(action):
            valid.record_id(request_id, "request_id")
            reason = valid.text(reason, "reason", limit=CANCEL_REASON_LIMIT, multiline=True)
        return self._run(action, lambda ctx: cancel(ctx, request_id, reason),
                         detail={"request_id": request_id, "reason": reason},
                         audit_result=_cancel_audit)

    # --- helpers for front ends --------------------------------------------------------------
    def bookdrop_date(self) -> date:
        """The previous open day: the return date of book-drop returns processed this morning."""
        return self.library.previous_open_day(self.location_code, self.library.local_today())

    def bookdrop_returned_at(self, day: date | None = None) -> datetime:
        """When a book-drop return of ``day`` (default ``bookdrop_date()``) is dated."""
        valid.optional_date(day, "day")
        return bookdrop_returned_at(day or self.bookdrop_date(), self.library.policy.tz,
                                    self.library.now())


def _cancel_audit(cancelled: cancel_op.RequestCancelled) -> dict[str, Any]:
    return {"item": cancelled.item_barcode, "patron": cancelled.patron_barcode,
            "hold_id": cancelled.hold_id, "put_back": cancelled.put_back}


def _is_open_loan_race(error: IntegrityError) -> bool:
    """Whether the partial unique index on open loans refused a second loan of one item
    (PostgreSQL names the index; SQLite names the column)."""
    text = str(error.orig)
    return "uq_loans_open_item" in text or "loans.item_id" in text


def _clip(value: object) -> str | None:
    """A barcode as the audit log keeps it: 64 characters at most, control characters shown as
    '?' (a refused scan's garbage must not make the refusal's own audit row fail)."""
    if not isinstance(value, str):
        return None
    return "".join(char if char.isprintable() else "?" for char in value[:64])
