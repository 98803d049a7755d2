"""What a patron owes, charge by charge, with each charge's origin: the read-only view the fines
screen shows.

``patron_charges`` gives every open charge (collectable now) with where it came from, and, apart
from them, what is *not* collectable yet (SOP 5.7.1): the fine still accruing on an overdue loan,
and for a long-overdue item still out or an item with an open lost-item claim, its replacement
bill (the item's price), never a collectable overdue fine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk import wording as messages
from desk.circulation.charges import kind_name
from desk.circulation.context import OpContext
from desk.circulation.fine_details import FineDetail, fine_detail
from desk.circulation.queries.common import query_context
from desk.circulation.rules import overdue_fine
from desk.models import Biblio, Charge, Item, Loan, LostClaim, Patron, Payment

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


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
    fine: FineDetail | None = None  # an overdue fine's figures

    # What the fines screen shows of an overdue fine, read from its figures.
    @property
    def due(self) -> str | None:
        """Local "YYYY-MM-DD HH:MM" of the fine's due date."""
        return self.fine.due if self.fine else None

    @property
    def returned(self) -> str | None:
        """When it was returned (or renewed)."""
        return self.fine.returned if self.fine else None

    @property
    def late(self) -> int | None:
        """How many days (or hours) late."""
        return self.fine.units if self.fine else None

    @property
    def late_unit(self) -> str | None:
        return self.fine.unit if self.fine else None

    @property
    def capped(self) -> bool:
        """The fine reached its rule's cap."""
        return bool(self.fine and self.fine.capped)


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


def _line(charge: Charge, barcode: str | None, title: str | None, tz: tzinfo) -> ChargeLine:
    return ChargeLine(
        charge_id=charge.id, kind=charge.kind, kind_name=kind_name(charge.kind),
        description=charge.description, amount=charge.amount, paid=charge.paid,
        waived=charge.waived, outstanding=charge.outstanding, created_at=charge.created_at,
        item_barcode=barcode, title=title, fine=fine_detail(charge, tz))


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
        elif days > ctx.policy.long_overdue_days and loan.claimed_at is None:
            # (a claimed loan's fine stopped at the claim: it is shown, not a replacement bill)
            bills.append(PendingBill("replacement_bill", kind_name("replacement_bill"),
                                     item.barcode, title, item.price, loan.due_at, days,
                                     note=messages.text("replacement_bill_note"),
                                     hourly=loan.hourly))
        else:
            rule = ctx.library.rule(session, patron.category, item.item_type)
            fine = 0 if rule is None else overdue_fine(rule, loan.due_at, ctx.now, calendar,
                                                       hourly=loan.hourly,
                                                       stopped_at=loan.claimed_at).amount
            bills.append(PendingBill("accruing", kind_name("accruing"), item.barcode, title,
                                     fine, loan.due_at, max(days, 0),
                                     note=messages.text("accruing_note"), hourly=loan.hourly))
    return bills
