"""What circulation operations return (plain dataclasses, safe to hand to any thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desk.circulation.notices import Notice

ROUTES = ("shelve", "holds_shelf", "transit", "staff")


@dataclass(frozen=True)
class CheckoutResult:
    """A loan made; ``offline``: journalled while the database was down (no ``loan_id`` until
    the replay; ``slip_no`` is the manual-fallback receipt's number; ``due_at`` is None when
    the local copy could not tell)."""

    loan_id: int | None
    due_at: datetime | None
    warnings: list[Notice]
    item_barcode: str = ""
    title: str = ""
    patron_barcode: str = ""
    hold_filled: int | None = None
    has_strip: bool = True
    hourly: bool = False                   # due at an exact time; otherwise at the end of due_day
    due_day: date | None = None            # the local day the loan falls due
    patron_name: str = ""
    offline: bool = False
    slip_no: str = ""
    txn_id: str = ""
    at: datetime | None = None             # when it was lent (offline: as journalled)

    @property
    def notices(self) -> list[Notice]:
        """The same list as ``warnings`` (checkin results call theirs ``notices``)."""
        return self.warnings


@dataclass(frozen=True)
class CheckinResult:
    route: str
    fine: int
    hold_id: int | None
    notices: list[Notice]
    item_barcode: str = ""
    title: str = ""
    patron_barcode: str | None = None
    patron_name: str | None = None
    loan_id: int | None = None
    destination: str | None = None        # location name for transit / holds shelf
    hold_patron_name: str | None = None
    hold_patron_barcode: str | None = None
    shelf_expires_at: datetime | None = None
    has_strip: bool = True
    accessories: str | None = None         # what is handed back with it (SOP 5.3.6)
    hold_patron_shown: str | None = None   # the hold patron's name as the counter may show it
    offline: bool = False                  # journalled: route "staff" (set aside) until replayed
    slip_no: str = ""
    txn_id: str = ""
    at: datetime | None = None             # when it was returned (offline: as journalled)


@dataclass(frozen=True)
class AccessoriesMissingResult:
    """Accessories missing at return were recorded: the item is held for staff."""

    item_barcode: str
    title: str
    missing: str
    problem_id: int
    hold_released: int | None = None       # the hold the copy was trapped for, back in line
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class RenewResult:
    due_at: datetime
    renewals: int = 0
    renewals_left: int = 0
    fine: int = 0
    notices: list[Notice] = field(default_factory=list)
    item_barcode: str = ""
    title: str = ""
    hourly: bool = False                   # renewed loans are day loans; kept for the formatters
    due_day: date | None = None            # the local day the renewed loan falls due
    previous_due_at: datetime | None = None    # when it was due before this renewal


@dataclass(frozen=True)
class ClearShelfResult:
    expired: list[str]
    retrapped: list[str]
    to_reshelve: list[str]
    to_transit: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Settlement:
    id: int
    desk: str
    business_date: date
    expected: dict[str, int]
    counted: dict[str, int]
    difference: dict[str, int]
    voided: list[str] = field(default_factory=list)
    waived: int = 0
