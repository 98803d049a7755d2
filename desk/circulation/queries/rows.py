"""What the read-only queries return: frozen dataclasses, safe to hand to any thread.

Never ORM objects: a screen can keep these as long as it likes without a session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desk.circulation.fine_details import FineDetail
from desk.circulation.notices import Notice


@dataclass(frozen=True)
class LoanRow:
    """One open loan of a patron."""

    item_barcode: str
    title: str
    out_at: datetime
    due_at: datetime
    overdue: bool
    renewals: int
    hourly: bool
    call_number: str | None = None
    accruing_fine: int = 0          # the overdue fine if it were returned now


@dataclass(frozen=True)
class HoldRow:
    """One active hold (pending, in transit or waiting on the shelf) of a patron."""

    hold_id: int
    title: str
    status: str
    pickup_location: str
    placed_at: datetime
    shelf_expires_at: datetime | None
    item_barcode: str | None


@dataclass(frozen=True)
class ChargeRow:
    """One charge that still has something outstanding."""

    charge_id: int
    kind: str
    description: str
    amount: int
    paid: int
    waived: int
    outstanding: int
    created_at: datetime
    fine: FineDetail | None = None  # an overdue fine's figures, to tell it in any language


@dataclass(frozen=True)
class PatronSummary:
    """Everything the patron panel shows, read in one short session."""

    barcode: str
    name: str
    category: str
    category_name: str
    expires_on: date | None
    expired: bool
    photo: bytes | None
    blocked: bool
    block_message: str | None
    message: str | None
    loans_count: int
    overdue_count: int
    holds_count: int
    waiting_holds_count: int
    balance: int
    accruing_fines: int
    loans: list[LoanRow] = field(default_factory=list)
    holds: list[HoldRow] = field(default_factory=list)
    charges: list[ChargeRow] = field(default_factory=list)
    # Exactly what checkout would refuse now (desk.circulation.checkout.patron_block_reasons).
    block_reasons: list[Notice] = field(default_factory=list)
    department: str | None = None
    email: str | None = None
    phone: str | None = None
    # Messages not yet acknowledged, oldest first (``queries.cards.MessageRow``).
    messages: list[Any] = field(default_factory=list)
    claims_count: int = 0           # claims returned / never borrowed, ever
    blocked_until: date | None = None


@dataclass(frozen=True)
class PatronRow:
    """One hit of ``find_patrons``."""

    barcode: str
    name: str
    category: str
    expires_on: date | None
    expired: bool
    blocked: bool
    category_name: str = ""
    department: str | None = None       # tells two patrons of one name apart at the counter


@dataclass(frozen=True)
class ItemLoanRow:
    """One loan in an item's history (newest first); an anonymised loan (``desk.circulation
    .privacy``) has no patron (``None``)."""

    patron_barcode: str | None
    patron_name: str | None
    out_at: datetime
    due_at: datetime
    returned_at: datetime | None
    hourly: bool = False


@dataclass(frozen=True)
class ItemStatus:
    """Where an item is and what it is doing."""

    barcode: str
    title: str
    author: str | None
    call_number: str | None
    item_type: str
    status: str
    status_name: str
    location: str                   # home location name
    current_location: str | None    # transit destination / holds shelf location, if away
    due_at: datetime | None
    borrower_barcode: str | None
    borrower_name: str | None
    holds_count: int                # active holds on the title
    accessories: str | None
    has_strip: bool
    history: list[ItemLoanRow] = field(default_factory=list)
    location_code: str = ""
    price: int = 0
    loanable: bool = True
    staff_flag: str | None = None
    item_type_name: str = ""        # the item type as staff read it ("視聽資料")
    hourly: bool = False            # the open loan is due at an exact time (due_at)
    claim: str | None = None        # the open claim (kind · problem form · date), if any
    parts: int = 1                  # pieces lent together, each with its own RFID tag
    overdue: bool = False           # on loan past its due time (an hourly reserve too)


@dataclass(frozen=True)
class ItemRow:
    """One hit of ``find_items``."""

    barcode: str
    title: str
    author: str | None
    call_number: str | None
    status: str
    status_name: str
    location: str


@dataclass(frozen=True)
class ShelfHold:
    """One hold waiting on a location's holds shelf."""

    hold_id: int
    patron_barcode: str
    patron_name: str
    masked_name: str
    card_last4: str
    title: str
    item_barcode: str | None
    call_number: str | None
    waiting_since: datetime | None
    shelf_expires_at: datetime | None
    expired: bool
    kind: str = "normal"


@dataclass(frozen=True)
class HistoryEvent:
    """One thing that happened to a patron's record (audit log, and returns from the loans)."""

    at: datetime
    action: str
    outcome: str
    item_barcode: str | None
    title: str | None
    desk_code: str | None
    staff_name: str | None
    codes: str | None
    reason: str | None
    detail: dict[str, Any] | None = None
