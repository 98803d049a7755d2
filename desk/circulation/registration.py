"""Registering patrons at the desk and keeping their records (SOP 5.3.3, DESIGN.md section 9).

What a category needs is declared once, on its ``patron_categories`` row (``Library.
add_category``): ``term_days`` (a new card's default expiry and what an extension adds),
``registration`` (``check``: the school's registration or employment checked in the campus
system, recorded with who and when; ``guarantee``: a guarantor in good standing or a deposit,
taken as a payment with a receipt and refunded when the card is closed), ``deposit`` and the
``required_fields``. The rules here are pure functions over those facts; the operations read
the facts, call them, then write.

A bad argument is refused before anything is written, every wrong field at once: each
refusal's notice carries the field it is about as ``params["key"]``, so a form shows each
message next to its field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desk import wording
from desk.circulation import payments as payments_op
from desk.circulation import validation as valid
from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused, Notice
from desk.circulation.queries.balance import outstanding_balance
from desk.models import (Charge, Loan, Location, Patron, PatronCategory, Payment, ReplacedCard,
                         StaffUser)
from desk.models.settlement import SettlementAdjustment

REGISTRATIONS = ("check", "guarantee")
# Details a category may require at registration.
REQUIRABLE_FIELDS = ("email", "phone", "department", "birth_date")
# ``register_patron``'s ``details`` and what ``update_patron`` may change.
DETAILS = frozenset({"email", "phone", "department", "birth_date", "home_location", "message",
                     "registration_checked", "confirm_duplicate"})
CHANGEABLE = frozenset({"name", "category", "expires", "email", "phone", "department",
                        "birth_date", "home_location", "message"})


def keyed(reasons: list[Notice], key: str) -> list[Notice]:
    """``reasons`` marked with the field they are about (``params["key"]``)."""
    return [Notice(n.code, n.overridable, n.message, {**n.params, "key": key}) for n in reasons]


def refuse_field(key: str, code: str, /, **params: Any) -> valid.InvalidArgument:
    return valid.InvalidArgument(keyed([Notice.make(code, **params)], key))


class _Fields:
    """Collects every field's refusal, so a form learns of all of them at once."""

    def __init__(self) -> None:
        self.errors: list[Notice] = []

    def check(self, key: str, work: Any) -> Any:
        try:
            return work()
        except CirculationRefused as refused:
            self.errors.extend(keyed(refused.reasons, key))
            return None

    def add(self, key: str, code: str, /, **params: Any) -> None:
        self.errors.extend(keyed([Notice.make(code, **params)], key))

    def done(self) -> None:
        if self.errors:
            raise valid.InvalidArgument(self.errors)


# --- the arguments --------------------------------------------------------------------------
@dataclass(frozen=True)
class PatronForm:
    """``register_patron``'s arguments, checked."""

    barcode: str
    name: str
    category: str
    expires: date | None = None
    email: str | None = None
    phone: str | None = None
    department: str | None = None
    birth_date: date | None = None
    home_location: str | None = None
    message: str | None = None
    guarantor: str | None = None
    deposit: int = 0
    deposit_method: str | None = None
    registration_checked: bool = False
    confirm_duplicate: bool = False

    def value(self, key: str) -> object:
        return getattr(self, key)


def _detail(fields: _Fields, key: str, value: object, *, today: date) -> Any:
    """One contact detail, checked (``None`` when refused; the refusal is collected)."""
    if key == "email":
        return fields.check(key, lambda: valid.optional_email(value, key))
    if key == "phone":
        return fields.check(key, lambda: valid.optional_phone(value, key))
    if key == "birth_date":
        day = fields.check(key, lambda: valid.optional_date(value, key))
        if day is not None and day > today:
            fields.add(key, "birth_date_in_future", day=day.isoformat())
        return day
    if key == "home_location":
        return fields.check(key, lambda: valid.optional_code(value, key))
    if key in ("registration_checked", "confirm_duplicate"):
        return bool(fields.check(key, lambda: valid.flag(value, key)))
    return fields.check(key, lambda: valid.optional_text(value, key, multiline=key == "message"))


def _unknown(details: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(details) - allowed)
    if unknown:
        raise valid.refuse("choice_unknown", field="details", choices=", ".join(sorted(allowed)),
                           got=valid.shown(unknown[0]))


def check_form(barcode: object, name: object, category: object, *, expires: object,
               guarantor: object, deposit: object, deposit_method: object,
               details: dict[str, Any], check_digits: bool, max_amount: int,
               methods: tuple[str, ...], today: date) -> PatronForm:
    """Every argument of ``register_patron`` checked, all refusals at once."""
    _unknown(details, DETAILS)
    fields = _Fields()
    values: dict[str, Any] = {
        "barcode": fields.check("barcode", lambda: valid.barcode(barcode, "patron_barcode",
                                                                 check_digits=check_digits)),
        "name": fields.check("name", lambda: valid.text(name, "name")),
        "category": fields.check("category", lambda: valid.code(category, "category")),
        "expires": fields.check("expires", lambda: valid.optional_date(expires, "expires")),
        "guarantor": fields.check("guarantor", lambda: valid.optional_barcode(
            guarantor, "guarantor", check_digits=check_digits)),
        "deposit": fields.check("deposit", lambda: valid.money(deposit, "deposit",
                                                               maximum=max_amount)),
    }
    if values["expires"] is not None and values["expires"] < today:
        fields.add("expires", "expiry_in_past", day=values["expires"].isoformat())
    if deposit_method is not None:
        values["deposit_method"] = fields.check(
            "deposit_method", lambda: valid.payment_method(deposit_method, methods))
    for key, value in details.items():
        values[key] = _detail(fields, key, value, today=today)
    fields.done()
    values["deposit"] = values["deposit"] or 0
    return PatronForm(**{k: v for k, v in values.items() if v is not None})


def check_changes(changes: dict[str, Any], *, today: date) -> dict[str, Any]:
    """``update_patron``'s changes checked (``None`` clears a detail; name and category are
    required)."""
    _unknown(changes, CHANGEABLE)
    fields = _Fields()
    checked: dict[str, Any] = {}
    for key, value in changes.items():
        if key == "name":
            checked[key] = fields.check(key, lambda: valid.text(value, "name"))
        elif key == "category":
            checked[key] = fields.check(key, lambda: valid.code(value, "category"))
        elif key == "expires":
            checked[key] = fields.check(key, lambda: valid.optional_date(value, "expires"))
        else:
            checked[key] = _detail(fields, key, value, today=today)
    fields.done()
    return checked


# --- the facts and the pure rules -----------------------------------------------------------
@dataclass(frozen=True)
class CategoryFacts:
    code: str
    name: str
    term_days: int | None
    registration: str | None
    deposit: int | None
    required_fields: tuple[str, ...]
    card_valid_days: int | None = None

    @classmethod
    def of(cls, row: PatronCategory) -> "CategoryFacts":
        required = tuple(f.strip() for f in (row.required_fields or "").split(",") if f.strip())
        return cls(row.code, row.name, row.term_days, row.registration, row.deposit, required,
                   row.card_valid_days)

    @property
    def term(self) -> int | None:
        """Days a card of this category runs: its term, else a virtual card's valid days."""
        return self.term_days if self.term_days is not None else self.card_valid_days


@dataclass(frozen=True)
class Standing:
    """A patron's standing, as a guarantor's is shown and judged."""

    barcode: str
    name: str
    category: str
    expires_on: date | None
    blocked: bool
    closed: bool
    overdue: int
    balance: int
    problems: list[str] = field(default_factory=list)   # translated; empty: good standing

    @property
    def good(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        if self.good:
            return wording.text("standing_good")
        return ("、" if wording.language() == "zh_TW" else ", ").join(self.problems)


def standing_problems(*, expires_on: date | None, blocked: bool, closed: bool, overdue: int,
                      balance: int, today: date, money: Any) -> list[str]:
    """Why a patron is not in good standing (pure): closed, expired, blocked, overdue, owing."""
    problems = []
    if closed:
        problems.append(wording.text("standing_closed"))
    if expires_on is not None and expires_on < today:
        problems.append(wording.text("standing_expired", day=expires_on.isoformat()))
    if blocked:
        problems.append(wording.text("standing_blocked"))
    if overdue:
        problems.append(wording.text("standing_overdue", count=overdue))
    if balance > 0:
        problems.append(wording.text("standing_owes", amount=money(balance)))
    return problems


def registration_reasons(category: CategoryFacts, form: PatronForm,
                         guarantor: Standing | None, money: Any) -> list[Notice]:
    """What keeps ``form`` from being registered in ``category`` (pure), each keyed to its
    field: required details, the registration check, the guarantor or the deposit."""
    reasons: list[Notice] = []
    for key in category.required_fields:
        if key in REQUIRABLE_FIELDS and form.value(key) in (None, ""):
            reasons += keyed([Notice.make("field_required", field=wording.field_name(key),
                                          category=category.name)], key)
    if category.registration == "check" and not form.registration_checked:
        reasons += keyed([Notice.make("registration_check_required", category=category.name)],
                         "registration_checked")
    if category.registration != "guarantee":
        if form.guarantor is not None:
            reasons += keyed([Notice.make("guarantor_not_allowed", category=category.name)],
                             "guarantor")
        if form.deposit:
            reasons += keyed([Notice.make("deposit_not_allowed", category=category.name)],
                             "deposit")
        return reasons
    needed = category.deposit or 0
    if form.guarantor is not None:
        if guarantor is None:
            reasons += keyed([Notice.make("guarantor_not_found", barcode=form.guarantor)],
                             "guarantor")
        elif not guarantor.good:
            reasons += keyed([Notice.make("guarantor_not_in_good_standing", name=guarantor.name,
                                          barcode=guarantor.barcode, why=guarantor.summary)],
                             "guarantor")
    elif form.deposit:
        if form.deposit < needed:
            reasons += keyed([Notice.make("deposit_too_small", category=category.name,
                                          amount=money(needed))], "deposit")
        if form.deposit_method is None:
            reasons += keyed([Notice.make("deposit_method_required")], "deposit_method")
    else:
        reasons += keyed([Notice.make("guarantor_or_deposit_required", category=category.name,
                                      amount=money(needed))], "guarantor")
    return reasons


# --- reading the facts ----------------------------------------------------------------------
def category_facts(session: Session, code: str) -> CategoryFacts:
    row = session.get(PatronCategory, code)
    if row is None:
        raise refuse_field("category", "category_unknown", category=code)
    return CategoryFacts.of(row)


def standing(session: Session, patron: Patron, *, now: datetime, today: date,
             money: Any) -> Standing:
    """``patron``'s standing now (one count of overdue loans, one balance)."""
    overdue = int(session.scalar(select(func.count()).select_from(Loan).where(
        Loan.patron_id == patron.id, Loan.returned_at.is_(None), Loan.due_at < now)) or 0)
    balance = outstanding_balance(session, patron.id)
    closed = patron.closed_at is not None
    return Standing(patron.barcode, patron.name, patron.category, patron.expires_on,
                    bool(patron.blocked), closed, overdue, balance,
                    standing_problems(expires_on=patron.expires_on, blocked=bool(patron.blocked),
                                      closed=closed, overdue=overdue, balance=balance,
                                      today=today, money=money))


@dataclass(frozen=True)
class Duplicate:
    barcode: str
    name: str
    what: str      # duplicate_email, duplicate_phone or duplicate_name_birth


def find_duplicate(session: Session, *, email: str | None, phone: str | None, name: str | None,
                   birth_date: date | None, other_than: int | None = None) -> Duplicate | None:
    """A patron with the same e-mail, phone, or name and birth date (one statement)."""
    tests = []
    if email:
        tests.append(Patron.email == email)
    if phone:
        tests.append(Patron.phone == phone)
    if name and birth_date:
        tests.append((Patron.name == name) & (Patron.birth_date == birth_date))
    if not tests:
        return None
    query = select(Patron).where(or_(*tests))
    if other_than is not None:
        query = query.where(Patron.id != other_than)
    found = session.scalars(query.order_by(Patron.id).limit(1)).first()
    if found is None:
        return None
    what = ("duplicate_email" if email and found.email == email else
            "duplicate_phone" if phone and found.phone == phone else "duplicate_name_birth")
    return Duplicate(found.barcode, found.name, what)


def refuse_duplicate(duplicate: Duplicate) -> CirculationRefused:
    return CirculationRefused(keyed([Notice.make(
        "patron_duplicate", name=duplicate.name, barcode=duplicate.barcode,
        what=wording.text(duplicate.what))], "duplicate"))


def _location_id(session: Session, code: str | None) -> int | None:
    if code is None:
        return None
    found = session.scalars(select(Location.id).where(Location.code == code)).first()
    if found is None:
        raise refuse_field("home_location", "location_not_found", code=code)
    return found


# --- the operations -------------------------------------------------------------------------
@dataclass(frozen=True)
class Registered:
    patron_id: int
    expires: date | None
    receipt_no: str | None


def register_patron(ctx: OpContext, form: PatronForm) -> Registered:
    """Register ``form``'s patron (the service checked the form): refused unless the category's
    needs are met and, unless confirmed, no record looks like the same person. A deposit is
    charged and paid at once, with its receipt."""
    session = ctx.session
    category = category_facts(session, form.category)
    guarantor_row = (session.scalars(select(Patron).where(Patron.barcode == form.guarantor))
                     .first() if form.guarantor is not None else None)
    guarantor = (standing(session, guarantor_row, now=ctx.now, today=ctx.today, money=ctx.money)
                 if guarantor_row is not None else None)
    reasons = registration_reasons(category, form, guarantor, ctx.money)
    card_in_use = (session.scalars(select(Patron.id).where(Patron.barcode == form.barcode)).first()
                   or session.scalars(select(ReplacedCard.id)
                                      .where(ReplacedCard.barcode == form.barcode)).first())
    if card_in_use:   # a patron's card, or one that was replaced (refused everywhere)
        reasons = keyed(valid.refuse("duplicate_code", field="patron_barcode",
                                     code=form.barcode).reasons, "barcode") + reasons
    if reasons:
        raise valid.InvalidArgument(reasons)
    if not form.confirm_duplicate:
        duplicate = find_duplicate(session, email=form.email, phone=form.phone, name=form.name,
                                   birth_date=form.birth_date)
        if duplicate is not None:
            raise refuse_duplicate(duplicate)
    expires = form.expires
    if expires is None and category.term is not None:
        expires = ctx.today + timedelta(days=category.term)
    checked = category.registration == "check"
    patron = Patron(
        barcode=form.barcode, name=form.name, category=category.code, expires_on=expires,
        email=form.email, phone=form.phone, department=form.department,
        birth_date=form.birth_date, message=form.message,
        home_location_id=_location_id(session, form.home_location), created_at=ctx.now,
        lifetime_loans=0, blocked=False,
        registration_checked_by=ctx.staff.id if checked else None,
        registration_checked_at=ctx.now if checked else None,
        guarantor_id=guarantor_row.id if guarantor_row is not None else None)
    session.add(patron)
    session.flush()
    receipt = None
    if form.deposit and form.deposit_method is not None:
        session.add(Charge(patron_id=patron.id, kind="card_deposit", amount=form.deposit,
                           created_at=ctx.now, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
                           description=f"Card deposit: {form.barcode} {form.name}"[:500]))
        session.flush()
        receipt = payments_op.pay(ctx, form.barcode, form.deposit, form.deposit_method)
        patron.deposit_receipt_no = receipt
    return Registered(patron.id, expires, receipt)


def _open_card(ctx: OpContext, barcode: str) -> Patron:
    patron = ctx.patron(barcode, lock=True)
    if patron.closed_at is not None:
        raise CirculationRefused.one("card_closed", barcode=patron.barcode,
                                     day=patron.closed_at.astimezone(ctx.policy.tz)
                                     .date().isoformat())
    return patron


def _shown(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def update_patron(ctx: OpContext, barcode: str, changes: dict[str, Any], *,
                  confirm_duplicate: bool = False) -> dict[str, dict[str, object]]:
    """Change a patron's details, category or expiry; returns ``{"before": ..., "after": ...}``
    of what changed (the audit's detail). Refused: nothing changes (``nothing_to_change``), a
    closed card, an unknown category, a likely duplicate unless confirmed."""
    session = ctx.session
    patron = _open_card(ctx, barcode)
    columns = {"expires": "expires_on", "home_location": "home_location_id"}
    if changes.get("name") is None and "name" in changes:
        raise refuse_field("name", "text_empty", field=wording.field_name("name"))
    new: dict[str, object] = dict(changes)
    if "category" in new:
        if new["category"] is None:
            raise refuse_field("category", "text_empty", field=wording.field_name("category"))
        category_facts(session, str(new["category"]))
    if "home_location" in new:
        new["home_location"] = _location_id(session, changes["home_location"])
    before: dict[str, object] = {}
    after: dict[str, object] = {}
    for key, value in new.items():
        old = getattr(patron, columns.get(key, key))
        if old != value:
            before[key], after[key] = _shown(old), _shown(value)
    if not after:
        raise CirculationRefused.one("nothing_to_change")
    if not confirm_duplicate and ({"email", "phone", "name", "birth_date"} & set(after)):
        duplicate = find_duplicate(
            session, email=new.get("email", patron.email),  # type: ignore[arg-type]
            phone=new.get("phone", patron.phone),  # type: ignore[arg-type]
            name=new.get("name", patron.name),  # type: ignore[arg-type]
            birth_date=new.get("birth_date", patron.birth_date),  # type: ignore[arg-type]
            other_than=patron.id)
        if duplicate is not None:
            raise refuse_duplicate(duplicate)
    for key in after:
        setattr(patron, columns.get(key, key), new[key])
    return {"before": before, "after": after}


def extend_patron(ctx: OpContext, barcode: str) -> tuple[date | None, date]:
    """Extend the card by its category's term from the later of today and its expiry; returns
    (the old expiry, the new one)."""
    patron = _open_card(ctx, barcode)
    category = category_facts(ctx.session, patron.category)
    if category.term is None:
        raise CirculationRefused.one("category_has_no_term", category=category.name)
    old = patron.expires_on
    start = max(ctx.today, old) if old is not None else ctx.today
    patron.expires_on = start + timedelta(days=category.term)
    return old, patron.expires_on


@dataclass(frozen=True)
class CardClosed:
    """A closed card: the deposit refunded (0 when none), how, and its receipt."""

    refund: int
    method: str | None
    receipt_no: str | None
    adjustment_id: int | None


def unrefunded_deposit(session: Session, patron: Patron) -> Payment | None:
    """The deposit payment taken when ``patron`` registered, if it was neither voided nor
    refunded yet (what closing the card pays back)."""
    if not patron.deposit_receipt_no:
        return None
    payment = session.scalars(select(Payment).where(
        Payment.receipt_no == patron.deposit_receipt_no)).first()
    if payment is None or payment.voided_at is not None:
        return None
    refunded = session.scalars(select(SettlementAdjustment.id).where(
        SettlementAdjustment.receipt_no == payment.receipt_no)).first() is not None
    return None if refunded else payment


def close_card(ctx: OpContext, barcode: str, reason: str | None,
               supervisor: StaffUser | None) -> CardClosed:
    """Close a card: refused while it has loans or owes money. Its deposit, if one was taken
    and not refunded, is paid back: a refund booked on this desk's open day against the
    deposit's receipt (it shows in the day's settlement), which needs a supervisor and a
    reason as every payment out does. The card then expires yesterday, so it lends no more.
    A supervisor given when no deposit is refunded is checked and recorded all the same."""
    session = ctx.session
    if supervisor is not None:
        ctx.supervisor = ctx.require_supervisor(supervisor)
    patron = _open_card(ctx, barcode)
    loans = int(session.scalar(select(func.count()).select_from(Loan).where(
        Loan.patron_id == patron.id, Loan.returned_at.is_(None))) or 0)
    if loans:
        raise CirculationRefused.one("card_has_loans", barcode=patron.barcode, count=loans)
    owed = outstanding_balance(session, patron.id)
    if owed > 0:
        raise CirculationRefused.one("card_balance_owed", barcode=patron.barcode,
                                     amount=ctx.money(owed))
    refund = CardClosed(0, None, None, None)
    payment = unrefunded_deposit(session, patron)
    if payment is not None:
        approver = ctx.require_approval(supervisor, reason)
        text = (reason or "").strip()
        adjustment = SettlementAdjustment(
            desk_id=ctx.desk.id, business_date=payments_op.business_date(ctx),
            method=payment.method, amount=-payment.amount,
            reason=wording.text("deposit_refund_reason", barcode=patron.barcode,
                                receipt_no=payment.receipt_no) + f": {text}",
            receipt_no=payment.receipt_no, patron_id=patron.id, staff_id=ctx.staff.id,
            supervisor_id=approver.id, created_at=ctx.now)
        session.add(adjustment)
        session.flush()
        ctx.supervisor, ctx.override_reason = approver, text
        refund = CardClosed(payment.amount, payment.method, payment.receipt_no, adjustment.id)
    patron.closed_at = ctx.now
    yesterday = ctx.today - timedelta(days=1)
    if patron.expires_on is None or patron.expires_on > yesterday:
        patron.expires_on = yesterday
    return refund


__all__ = ["CHANGEABLE", "DETAILS", "REGISTRATIONS", "REQUIRABLE_FIELDS", "CardClosed",
           "CategoryFacts", "Duplicate", "PatronForm", "Registered", "Standing", "check_changes",
           "check_form", "close_card", "extend_patron", "find_duplicate", "keyed",
           "register_patron", "registration_reasons", "standing", "standing_problems",
           "unrefunded_deposit", "update_patron"]
