"""Read-only views for the registration and edit forms: the categories with what registering
each needs, a guarantor's standing, and one patron's editable record.

No Qt. Each function opens its own short session and returns frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.circulation.barcodes import check_barcode
from desk.circulation.notices import CirculationRefused
from desk.circulation.registration import (CategoryFacts, Standing, standing,
                                           unrefunded_deposit)
from desk.models import Patron, PatronCategory

if TYPE_CHECKING:
    from desk.circulation.store import LibraryStore


def categories(library: "LibraryStore") -> list[CategoryFacts]:
    """Every patron category with its term, registration needs, deposit and required details."""
    with library.read_sessions() as session:
        return [CategoryFacts.of(row) for row in session.scalars(
            select(PatronCategory).order_by(PatronCategory.code))]


def _patron(library: "LibraryStore", session: Session, barcode: str) -> Patron:
    code = check_barcode(barcode, check_digits=library.policy.check_digits)
    found = session.scalars(select(Patron).where(Patron.barcode == code)).first()
    if found is None:
        raise CirculationRefused.one("patron_not_found", barcode=code)
    return found


def patron_standing(library: "LibraryStore", barcode: str) -> Standing:
    """A would-be guarantor's standing (``patron_not_found`` for an unknown card)."""
    with library.read_sessions() as session:
        patron = _patron(library, session, barcode)
        return standing(session, patron, now=library.now(), today=library.local_today(),
                        money=library.policy.money)


@dataclass(frozen=True)
class PatronRecord:
    """What the edit form shows and may change."""

    barcode: str
    name: str
    category: str
    expires_on: date | None
    email: str | None
    phone: str | None
    department: str | None
    birth_date: date | None
    deposit_receipt_no: str | None
    closed: bool


def patron_record(library: "LibraryStore", barcode: str) -> PatronRecord:
    with library.read_sessions() as session:
        p = _patron(library, session, barcode)
        return PatronRecord(p.barcode, p.name, p.category, p.expires_on, p.email, p.phone,
                            p.department, p.birth_date, p.deposit_receipt_no,
                            p.closed_at is not None)


@dataclass(frozen=True)
class DepositHeld:
    """A deposit that closing the card refunds: its amount (minor units), how it was paid, and
    the receipt it was taken on."""

    amount: int
    method: str
    receipt_no: str


def deposit_to_refund(library: "LibraryStore", barcode: str) -> DepositHeld | None:
    """What closing this patron's card would pay back (None: no deposit is held)."""
    with library.read_sessions() as session:
        payment = unrefunded_deposit(session, _patron(library, session, barcode))
        if payment is None:
            return None
        return DepositHeld(payment.amount, payment.method, payment.receipt_no)


__all__ = ["DepositHeld", "PatronRecord", "categories", "deposit_to_refund", "patron_record",
           "patron_standing"]
