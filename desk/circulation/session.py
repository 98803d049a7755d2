"""The desk-session protocol: every operation a front end calls on a signed-in desk.

Three classes implement it, each explicitly (no ``__getattr__`` dispatch): the online
``Circulation``, the ``OfflineDesk`` that journals while the database is down (it refuses what
the SOP suspends offline, with the "suspended while the system is down" refusal) and the
``FailoverDesk`` that is the first while the database answers and the second once it does not.
A result says which of the two made it (``CheckoutResult.offline``, ``CheckinResult.offline``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from desk.circulation.cards import ReplacedCardResult
    from desk.circulation.store import LibraryStore
    from desk.circulation.queries.money import SettlementReport
    from desk.circulation.notices import Override
    from desk.circulation.registration import CardClosed
    from desk.circulation.results import (AccessoriesMissingResult, CheckinResult,
                                          CheckoutResult, ClearShelfResult, RenewResult,
                                          Settlement)
    from desk.models import StaffUser


class DeskOperations(Protocol):
    """The operations (DESIGN.md section 5); online, offline or failing over."""

    @property
    def offline(self) -> bool:
        """True while the operations are journalled instead of written to the database."""
        ...

    def checkout(self, patron_barcode: str, item_barcode: str, *,
                 override: Override | None = None,
                 proxy_barcode: str | None = None,
                 parts_seen: int | None = None) -> CheckoutResult: ...

    def checkin(self, item_barcode: str, *, returned_at: datetime | None = None,
                bookdrop: bool = False) -> CheckinResult: ...

    def accessories_missing(self, item_barcode: str, missing: str, *,
                            note: str | None = None) -> AccessoriesMissingResult: ...

    def accessories_settled(self, item_barcode: str, *, note: str | None = None) -> int: ...

    def renew(self, item_barcode: str, *, override: Override | None = None) -> RenewResult: ...

    def place_hold(self, patron_barcode: str, item_barcode: str, *,
                   pickup_location: str | None = None) -> int: ...

    def temporary_hold(self, patron_barcode: str, item_barcode: str) -> int: ...

    def cancel_hold(self, hold_id: int) -> None: ...

    def clear_holds_shelf(self, location: str) -> ClearShelfResult: ...

    def balance(self, patron_barcode: str) -> int: ...

    def pay(self, patron_barcode: str, amount: int, method: str) -> str: ...

    def void_payment(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> None: ...

    def waive(self, charge_id: int, reason: str, *, supervisor: StaffUser,
              amount: int | None = None) -> int: ...

    def declare_lost(self, item_barcode: str) -> int: ...

    def settle_lost(self, item_barcode: str, how: str) -> list[int]: ...

    def close_day(self, counted: dict[str, int], *, supervisor: StaffUser,
                  note: str | None = None,
                  denominations: dict[int, int] | None = None) -> Settlement: ...

    def take_payment(self, patron_barcode: str, amount: int, method: str, *,
                     tendered: int | None = None, charge_ids: list[int] | None = None) -> str: ...

    def add_charge(self, patron_barcode: str, kind: str, amount: int, description: str = "", *,
                   supervisor: StaffUser | None = None, reason: str | None = None,
                   item_barcode: str | None = None) -> int: ...

    def correct_receipt(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> int: ...

    def register_patron(self, barcode: str, name: str, category: str, *,
                        expires: date | None = None, guarantor: str | None = None,
                        deposit: int = 0, deposit_method: str | None = None,
                        **details: Any) -> int: ...

    def update_patron(self, barcode: str, *, confirm_duplicate: bool = False,
                      **changes: Any) -> dict[str, dict[str, object]]: ...

    def extend_patron(self, barcode: str) -> date: ...

    def close_card(self, barcode: str, reason: str | None = None, *,
                   supervisor: StaffUser | None = None) -> CardClosed: ...

    def count_takings(self, counted: dict[str, int], *,
                      denominations: dict[int, int] | None = None) -> SettlementReport: ...

    def set_float(self, amount: int, *, supervisor: StaffUser) -> int: ...

    def set_patron_photo(self, barcode: str, jpeg_bytes: bytes | None) -> None: ...

    def add_proxy(self, patron_barcode: str, proxy_barcode: str, *,
                  valid_until: date | None = None, note: str | None = None) -> int: ...

    def end_proxy(self, proxy_id: int) -> None: ...

    def bookdrop_date(self) -> date: ...

    def bookdrop_returned_at(self, day: date | None = None) -> datetime: ...

    def replace_card(self, old: str, new: str) -> ReplacedCardResult: ...

    def block_patron(self, barcode: str, message: str, *, until: date | None = None,
                     supervisor: StaffUser | None = None) -> None: ...

    def unblock_patron(self, barcode: str, reason: str, *,
                       supervisor: StaffUser | None = None) -> None: ...

    def add_patron_message(self, barcode: str, text: str) -> int: ...

    def acknowledge_message(self, message_id: int) -> None: ...

    def claim_returned(self, item_barcode: str, *, form_no: str,
                       supervisor: StaffUser | None = None) -> int: ...

    def claim_never_borrowed(self, item_barcode: str, *, form_no: str,
                             supervisor: StaffUser | None = None) -> int: ...


class DeskSession(DeskOperations, Protocol):
    """A signed-in desk: the operations, and who works where (what screens and slips show)."""

    @property
    def library(self) -> LibraryStore: ...

    @property
    def desk_code(self) -> str: ...

    @property
    def location_code(self) -> str: ...

    @property
    def staff(self) -> StaffUser: ...
