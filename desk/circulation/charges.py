"""What a patron owes, charge by charge, with each charge's origin; and fees added at the desk.

``patron_charges`` is the read-only view the fines screen shows: every open charge (collectable
now) with where it came from, and, apart from them, what is *not* collectable yet (SOP 5.7.1): the
fine still accruing on an overdue loan, and for a long-overdue item still out or an item with an
open lost-item claim, its replacement bill (the item's price), never a collectable overdue fine.

``add_charge`` books a desk fee (card deposit, inter-library service fee) or, with a supervisor
and a written reason, an adjustment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk import wording as messages
from desk.circulation.context import OpContext
from desk.circulation.fine_details import FineDetail, fine_detail, fine_text
from desk.circulation.notices import CirculationRefused
from desk.circulation.queries.common import query_context
from desk.circulation.rules import overdue_fine
from desk.models import Biblio, Charge, Item, Loan, LostClaim, Patron, Payment, StaffUser

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore

DESK_FEES = ("card_deposit", "ill_fee")
ADDABLE_KINDS = (*DESK_FEES, "adjustment")

KIND_NAMES: dict[str, tuple[str, str]] = {
    "overdue": ("Overdue fine", "逾期滯還金"),
    "overdue_renewal": ("Overdue fine at renewal", "逾期續借滯還金"),
    "billed_overdue": ("Billed overdue (lost item)", "有帳單的逾期"),
    "lost_compensation": ("Lost-item compensation", "遺失賠償金"),
    "lost_handling_fee": ("Replacement handling fee", "賠書處理費"),
    "lost_late": ("Late lost-item compensation", "逾期賠償滯還金"),
    "card_deposit": ("Card deposit", "借書證保證金"),
    "ill_fee": ("Inter-library service fee", "館際服務費"),
    "adjustment": ("Adjustment", "調整"),
    "accruing": ("Fine accruing (item still out)", "滯還金累計中（書未還）"),
    "replacement_bill": ("Replacement bill (item still out)", "重買（書未還）"),
    "lost_claim": ("Lost-item claim open", "遺失賠償中"),
}

# Payment methods as staff read them; a method configured beyond these shows its code.
METHOD_NAMES: dict[str, tuple[str, str]] = {
    "cash": ("Cash", "現金"),
    "easycard": ("EasyCard", "悠遊卡"),
    "ipass": ("iPASS", "一卡通"),
    "card": ("Bank card", "信用卡／金融卡"),
    "transfer": ("Bank transfer", "轉帳"),
}


def method_name(method: str) -> str:
    """A payment method as staff read it, in the current language."""
    pair = METHOD_NAMES.get(method, (method, method))
    return pair[1] if messages.language() == "zh_TW" else pair[0]


def kind_name(kind: str) -> str:
    """The kind of a charge or bill as staff read it, in the current language."""
    pair = KIND_NAMES.get(kind, (kind, kind))
    return pair[1] if messages.language() == "zh_TW" else pair[0]


@dataclass(frozen=True)
class ChargeLine:
    """One open charge, collectable now."""

    charge_id: int
    kind: str
    kind_name: str
    description: str
    amount: int
    paid: int
    waived: int
    outstanding: int
    created_at: datetime
    item_barcode: str | None = None
    title: str | None = None
    due: str | None = None          # local "YYYY-MM-DD HH:MM" of an overdue fine's due date
    returned: str | None = None     # when it was returned (or renewed)
    late: int | None = None         # how many days (or hours) late
    late_unit: str | None = None
    capped: bool = False            # the fine reached its rule's cap
    fine: FineDetail | None = None  # an overdue fine's figures (the fields above come from it)


@dataclass(frozen=True)
class PendingBill:
    """Something not collectable now: an accruing fine or the replacement bill of an item out."""

    kind: str                       # accruing / replacement_bill / lost_claim
    kind_name: str
    item_barcode: str
    title: str
    amount: int                     # the fine so far, or the item's price
    due_at: datetime
    days_overdue: int
    deadline: date | None = None    # the lost-item claim's compensation deadline
    note: str = ""
    hourly: bool = False            # the loan is due at an exact time (due_at)


@dataclass(frozen=True)
class ReceiptRow:
    receipt_no: str
    paid_at: datetime
    method: str
    amount: int
    voided: bool
    business_date: date


@dataclass(frozen=True)
class PatronCharges:
    barcode: str
    name: str
    balance: int                    # collectable now: the sum of the lines' outstanding
    lines: list[ChargeLine]
    pending: list[PendingBill]
    receipts: list[ReceiptRow] = field(default_factory=list)

    @property
    def not_collectable(self) -> int:
        return sum(bill.amount for bill in self.pending)


def charge_detail(kind: str, description: str | None, *, fine: FineDetail | None = None,
                  item_barcode: str | None = None, title: str | None = None) -> str:
    """A charge's detail in the current language. An overdue fine is told from its figures
    (``fine``); a charge for an item names the item; a fee staff described shows their words."""
    if fine is not None:
        return fine_text(fine)
    if kind in ADDABLE_KINDS:
        return description or ""
    if item_barcode:
        return f"{item_barcode} {(title or '')[:80]}".rstrip()
    return (description or "").split(": ", 1)[0]   # "<barcode> <title>: what it is for"


def _line(charge: Charge, barcode: str | None, title: str | None, tz: tzinfo) -> ChargeLine:
    fine = fine_detail(charge, tz)
    return ChargeLine(
        charge_id=charge.id, kind=charge.kind, kind_name=kind_name(charge.kind),
        description=charge.description, amount=charge.amount, paid=charge.paid,
        waived=charge.waived, outstanding=charge.outstanding, created_at=charge.created_at,
        item_barcode=barcode, title=title,
        due=fine.due if fine else None, returned=fine.returned if fine else None,
        late=fine.units if fine else None, late_unit=fine.unit if fine else None,
        capped=bool(fine and fine.capped), fine=fine)


def patron_charges(library: "LibraryStore", barcode: str, *, desk: str | None = None,
                   receipts: int = 20) -> PatronCharges:
    """The patron's open charges, their not-yet-collectable bills and latest receipts."""
    with library.read_sessions() as session:
        ctx = query_context(session, library, desk)
        patron = ctx.patron(barcode)
        lines = [_line(charge, item_barcode, title, ctx.desk_calendar.tz)
                 for charge, item_barcode, title in session.execute(
            select(Charge, Item.barcode, Biblio.title)
            .outerjoin(Item, Charge.item_id == Item.id)
            .outerjoin(Biblio, Item.biblio_id == Biblio.id)
            .where(Charge.patron_id == patron.id, Charge.amount > Charge.paid + Charge.waived)
            .order_by(Charge.created_at, Charge.id))]
        pending = _pending(ctx, patron)
        rows = [ReceiptRow(p.receipt_no, p.paid_at, p.method, p.amount, p.voided_at is not None,
                           p.business_date)
                for p in session.scalars(select(Payment).where(Payment.patron_id == patron.id)
                                         .order_by(Payment.paid_at.desc(), Payment.id.desc())
                                         .limit(receipts))]
        return PatronCharges(barcode=patron.barcode, name=patron.name,
                             balance=sum(line.outstanding for line in lines), lines=lines,
                             pending=pending, receipts=rows)


def _pending(ctx: OpContext, patron: Patron) -> list[PendingBill]:
    session, calendar = ctx.session, ctx.desk_calendar
    claims = {claim.loan_id: claim for claim in session.scalars(select(LostClaim).where(
        LostClaim.patron_id == patron.id, LostClaim.status == "open"))}
    bills: list[PendingBill] = []
    for loan, item, title in session.execute(
            select(Loan, Item, Biblio.title).join(Item, Loan.item_id == Item.id)
            .join(Biblio, Item.biblio_id == Biblio.id)
            .where(Loan.patron_id == patron.id, Loan.returned_at.is_(None))
            .order_by(Loan.due_at, Loan.id)):
        claim = claims.get(loan.id)
        days = (ctx.today - calendar.local_date(loan.due_at)).days
        if claim is None and loan.due_at >= ctx.now:
            continue
        if claim is not None:
            bills.append(PendingBill(
                "lost_claim", kind_name("lost_claim"), item.barcode, title, item.price,
                loan.due_at, max(days, 0), claim.deadline,
                note=messages.text("lost_claim_note", deadline=claim.deadline.isoformat(),
                                   fee=ctx.money(ctx.policy.lost_handling_fee)),
                hourly=loan.hourly))
        elif days > ctx.policy.long_overdue_days:
            bills.append(PendingBill("replacement_bill", kind_name("replacement_bill"),
                                     item.barcode, title, item.price, loan.due_at, days,
                                     note=messages.text("replacement_bill_note"),
                                     hourly=loan.hourly))
        else:
            rule = ctx.library.rule(session, patron.category, item.item_type)
            fine = 0 if rule is None else overdue_fine(rule, loan.due_at, ctx.now, calendar,
                                                       hourly=loan.hourly).amount
            bills.append(PendingBill("accruing", kind_name("accruing"), item.barcode, title,
                                     fine, loan.due_at, max(days, 0),
                                     note=messages.text("accruing_note"), hourly=loan.hourly))
    return bills


def add_charge(ctx: OpContext, patron_barcode: str, kind: str, amount: int, description: str,
               *, supervisor: StaffUser | None = None, reason: str | None = None,
               item_barcode: str | None = None) -> int:
    """Book a desk fee (card deposit, inter-library service fee) or, with a supervisor and a
    written reason, an adjustment. Returns the charge id."""
    if kind not in ADDABLE_KINDS:
        raise CirculationRefused.one("charge_kind_not_allowed", kind=kind)
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise CirculationRefused.one("payment_invalid_amount")
    patron = ctx.patron(patron_barcode, lock=True)
    item = ctx.item(item_barcode) if item_barcode else None
    text = (description or "").strip()
    if kind == "adjustment":
        approver = ctx.require_approval(supervisor, reason)
        ctx.supervisor, ctx.override_reason = approver, (reason or "").strip()
        text = text or (reason or "").strip()
    if item is not None:
        text = f"{item.barcode} {item.biblio.title[:80]}" + (f": {text}" if text else "")
    charge = Charge(patron_id=patron.id, kind=kind, amount=amount, item_id=item.id if item else None,
                    created_at=ctx.now, desk_id=ctx.desk.id, staff_id=ctx.staff.id,
                    description=text or kind_name(kind))
    ctx.session.add(charge)
    ctx.session.flush()
    return charge.id
