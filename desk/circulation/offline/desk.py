"""Working while the database is down: the offline desk, the connection watcher, the failover.

* ``OfflineDesk`` implements the desk operations (``desk.circulation.session``): a checkout or
  checkin is written to the journal (durably, before returning) and answered with the same
  result type as online, marked ``offline``, with the slip number for the manual-fallback
  receipt, the due date from the local copy and its warnings. Everything else (renewals,
  holds, payments, ...) is refused: the SOP suspends it (5.8.1).
* ``ConnectionWatcher`` checks the database with a cheap query on a fresh connection (a pooled
  one would not notice an SQLite file gone or unreadable), once or on a timer thread.
* ``FailoverDesk`` is what a desk calls (a ``DeskSession``): the online ``Circulation`` while
  the database answers, the ``OfflineDesk`` as soon as it does not — the transaction that hit
  the failure included.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.pool import NullPool

from desk.circulation.calendar import bookdrop_returned_at
from desk.circulation.notices import CirculationRefused, Notice, Override, notice
from desk.circulation.offline.journal import Journal, JournalEntry
from desk.circulation.offline.snapshot import Snapshot
from desk.circulation.requests.cancel import RequestCancelled
from desk.circulation.requests.projects import ProjectBooksReady
from desk.circulation.requests.retrievals import ReadingLoan, RetrievalReady
from desk.circulation.requests.searches import SearchFound
from desk.circulation.results import (AccessoriesMissingResult, CheckinResult, CheckoutResult,
                                      ClearShelfResult, RenewResult, Settlement)
from desk.wording import operation_name

if TYPE_CHECKING:
    from desk.circulation.cards import ReplacedCardResult
    from desk.circulation.store import LibraryStore
    from desk.circulation.queries.money import SettlementReport
    from desk.circulation.registration import CardClosed
    from desk.circulation.requests.deliveries import (DeliveryPulled, DeliveryRefund,
                                                      DeliveryRequested)
    from desk.circulation.requests.pull_entry import PullEntry
    from desk.circulation.service import Circulation
    from desk.circulation.session import DeskOperations, DeskSession
    from desk.models import StaffUser

log = logging.getLogger(__name__)
# The errors that mean the database cannot be reached. Any other database error (DataError,
# IntegrityError, ProgrammingError, ...) is a fault or bad input with the database up: taking
# it for an outage would send the desk offline for nothing (issue 13, item 7).
DATABASE_ERRORS = (OperationalError, InterfaceError)


def is_outage(error: DBAPIError) -> bool:
    """Whether ``error`` means the database is out of reach (the connection failed or was
    lost), as opposed to a statement it refused."""
    return error.connection_invalidated or isinstance(error, DATABASE_ERRORS)


def is_database_outage(error: BaseException) -> bool:
    """``is_outage`` for any exception: a database error that means it is out of reach."""
    return isinstance(error, DBAPIError) and is_outage(error)


def database_fault_name(error: BaseException) -> str | None:
    """The name of the database's own error when ``error`` is a statement the database
    refused (not an outage), else None: what a screen may say instead of the raw error."""
    if isinstance(error, DBAPIError) and not is_outage(error):
        return type(error.orig or error).__name__
    return None


T = TypeVar("T")


class OfflineDesk:
    """Offline circulation at one desk (see the module docstring)."""

    offline = True

    def __init__(self, journal: Journal, *, clock: Callable[[], datetime], tz: ZoneInfo,
                 staff: str = "", snapshot: Snapshot | None = None) -> None:
        self.journal = journal
        self.clock = clock
        self.tz = tz
        self.staff = staff
        self.snapshot = snapshot
        self._lent: dict[str, int] = {}

    def checkout(self, patron_barcode: str, item_barcode: str, *,
                 override: Override | None = None,
                 proxy_barcode: str | None = None,
                 parts_seen: int | None = None) -> CheckoutResult:
        patron, item = _code(patron_barcode), _code(item_barcode)
        at = self.clock()
        replaced_at = self.snapshot.replaced_on(patron) if self.snapshot is not None else None
        if replaced_at is not None:    # as online: an old card lends nothing, not even offline
            raise CirculationRefused.one("card_replaced", barcode=patron,
                                         day=replaced_at.astimezone(self.tz).date().isoformat())
        if self.snapshot is None:
            check_due, warnings, title, name, strip = None, [notice("offline_no_snapshot")], "", "", True
            hourly = False
        else:
            check = self.snapshot.check_checkout(patron, item, at, self.journal.desk, self.tz,
                                                 lent_offline=self._lent.get(patron, 0),
                                                 parts_seen=parts_seen)
            check_due, warnings = check.due_at, check.warnings
            title, name, strip = check.title, check.patron_name, check.has_strip
            hourly = check.hourly
        note = f"proxy {proxy_barcode}" if proxy_barcode else ""
        entry = self._append("checkout", item, at, patron=patron, due_at=check_due,
                             warnings=[w.code for w in warnings], note=note)
        self._lent[patron] = self._lent.get(patron, 0) + 1
        return CheckoutResult(None, check_due, warnings, item_barcode=item, title=title,
                              patron_barcode=patron, has_strip=strip, patron_name=name,
                              offline=True, slip_no=entry.slip_no, txn_id=entry.txn_id, at=at,
                              hourly=hourly,
                              due_day=check_due.astimezone(self.tz).date() if check_due else None)

    def checkin(self, item_barcode: str, *, returned_at: datetime | None = None,
                bookdrop: bool = False) -> CheckinResult:
        """Journal the return; the local copy names its accessories, as online
        (``bookdrop``: they go to staff to be checked). It is set aside for staff: shelf,
        holds shelf or transit is known after the replay."""
        item = _code(item_barcode)
        at = returned_at or self.clock()
        entry = self._append("checkin", item, at, note="bookdrop" if bookdrop else "")
        title = self.snapshot.item_title(item) if self.snapshot else ""
        extras = self.snapshot.item_accessories(item) if self.snapshot else None
        warnings = ([Notice.make("accessories_bookdrop" if bookdrop else "accessories",
                                 accessories=extras)] if extras else [])
        return CheckinResult("staff", 0, None, warnings, item_barcode=item, title=title,
                             accessories=extras, offline=True, slip_no=entry.slip_no,
                             txn_id=entry.txn_id, at=at)

    def _append(self, kind: str, item: str, at: datetime, *, patron: str | None = None,
                due_at: datetime | None = None, warnings: list[str] | None = None,
                note: str = "") -> JournalEntry:
        try:
            return self.journal.append(kind, item, at=at, staff=self.staff, patron=patron,
                                       due_at=due_at, warnings=warnings, note=note)
        except OSError as error:
            raise CirculationRefused([notice("offline_journal_failed",
                                             error=error.strerror or str(error))]) from None

    # --- suspended while offline (SOP 5.8.1) --------------------------------------------------
    def _suspended(self, operation: str) -> CirculationRefused:
        return CirculationRefused([notice("offline_suspended",
                                          operation=operation_name(operation))])

    def renew(self, item_barcode: str, *, override: Override | None = None) -> RenewResult:
        raise self._suspended("renew")

    def place_hold(self, patron_barcode: str, item_barcode: str, *,
                   pickup_location: str | None = None) -> int:
        raise self._suspended("hold")

    def temporary_hold(self, patron_barcode: str, item_barcode: str) -> int:
        raise self._suspended("hold")

    def pay(self, patron_barcode: str, amount: int, method: str) -> str:
        raise self._suspended("payment")

    def accessories_missing(self, item_barcode: str, missing: str, *,
                            note: str | None = None) -> AccessoriesMissingResult:
        raise self._suspended("accessories")

    def accessories_settled(self, item_barcode: str, *, note: str | None = None) -> int:
        raise self._suspended("other")

    def cancel_hold(self, hold_id: int) -> None:
        raise self._suspended("other")

    def clear_holds_shelf(self, location: str) -> ClearShelfResult:
        raise self._suspended("other")

    def balance(self, patron_barcode: str) -> int:
        raise self._suspended("other")

    def void_payment(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> None:
        raise self._suspended("other")

    def waive(self, charge_id: int, reason: str, *, supervisor: StaffUser,
              amount: int | None = None) -> int:
        raise self._suspended("other")

    def declare_lost(self, item_barcode: str) -> int:
        raise self._suspended("other")

    def settle_lost(self, item_barcode: str, how: str) -> list[int]:
        raise self._suspended("other")

    def close_day(self, counted: dict[str, int], *, supervisor: StaffUser,
                  note: str | None = None,
                  denominations: dict[int, int] | None = None) -> Settlement:
        raise self._suspended("other")

    def take_payment(self, patron_barcode: str, amount: int, method: str, *,
                     tendered: int | None = None, charge_ids: list[int] | None = None) -> str:
        raise self._suspended("other")

    def add_charge(self, patron_barcode: str, kind: str, amount: int, description: str = "", *,
                   supervisor: StaffUser | None = None, reason: str | None = None,
                   item_barcode: str | None = None) -> int:
        raise self._suspended("other")

    def correct_receipt(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> int:
        raise self._suspended("other")

    def count_takings(self, counted: dict[str, int], *,
                      denominations: dict[int, int] | None = None) -> SettlementReport:
        raise self._suspended("other")

    def register_patron(self, barcode: str, name: str, category: str, *,
                        expires: date | None = None, guarantor: str | None = None,
                        deposit: int = 0, deposit_method: str | None = None,
                        **details: Any) -> int:
        raise self._suspended("other")

    def update_patron(self, barcode: str, *, confirm_duplicate: bool = False,
                      **changes: Any) -> dict[str, dict[str, object]]:
        raise self._suspended("other")

    def extend_patron(self, barcode: str) -> date:
        raise self._suspended("other")

    def close_card(self, barcode: str, reason: str | None = None, *,
                   supervisor: StaffUser | None = None) -> CardClosed:
        raise self._suspended("other")

    def set_float(self, amount: int, *, supervisor: StaffUser) -> int:
        raise self._suspended("other")

    def set_patron_photo(self, barcode: str, jpeg_bytes: bytes | None) -> None:
        raise self._suspended("other")

    def add_proxy(self, patron_barcode: str, proxy_barcode: str, *,
                  valid_until: date | None = None, note: str | None = None) -> int:
        raise self._suspended("other")

    def end_proxy(self, proxy_id: int) -> None:
        raise self._suspended("other")

    # deliveries and the pull list (SOP 5.3.9): take money or read the shelves' work online
    def request_delivery(self, patron: str, item: str, *, pickup_location: str,
                         method: str) -> tuple[int, str]:
        raise self._suspended("other")

    def request_deliveries(self, patron: str, items: list[str], *, pickup_location: str,
                           method: str) -> DeliveryRequested:
        raise self._suspended("other")

    def pull_delivery(self, item_barcode: str) -> DeliveryPulled:
        raise self._suspended("other")

    def fail_delivery(self, request_id: int, reason: str) -> datetime:
        raise self._suspended("other")

    def refund_delivery(self, request_id: int) -> DeliveryRefund:
        raise self._suspended("other")

    def pull_list(self, location: str | None = None) -> list[PullEntry]:
        raise self._suspended("other")

    def bookdrop_date(self) -> date:
        raise self._suspended("other")

    def replace_card(self, old: str, new: str) -> ReplacedCardResult:
        raise self._suspended("other")

    def block_patron(self, barcode: str, message: str, *, until: date | None = None,
                     supervisor: StaffUser | None = None) -> None:
        raise self._suspended("other")

    def unblock_patron(self, barcode: str, reason: str, *,
                       supervisor: StaffUser | None = None) -> None:
        raise self._suspended("other")

    def add_patron_message(self, barcode: str, text: str) -> int:
        raise self._suspended("other")

    def acknowledge_message(self, message_id: int) -> None:
        raise self._suspended("other")

    def claim_returned(self, item_barcode: str, *, form_no: str,
                       supervisor: StaffUser | None = None) -> int:
        raise self._suspended("other")

    def claim_never_borrowed(self, item_barcode: str, *, form_no: str,
                             supervisor: StaffUser | None = None) -> int:
        raise self._suspended("other")

    def request_search(self, patron: str, item: str, *, reply_by: date | None = None) -> int:
        raise self._suspended("other")

    def search_found(self, item_barcode: str) -> SearchFound:
        raise self._suspended("other")

    def search_not_found(self, request_id: int) -> str:
        raise self._suspended("other")

    def expire_searches(self) -> list[str]:
        raise self._suspended("other")

    def project_books_ready(self, patron: str, items: list[str]) -> ProjectBooksReady:
        raise self._suspended("other")

    def request_retrieval(self, patron: str, item: str) -> int:
        raise self._suspended("other")

    def retrieval_fetched(self, item_barcode: str) -> RetrievalReady:
        raise self._suspended("other")

    def lend_for_reading(self, item_barcode: str, *, id_kept: str) -> ReadingLoan:
        raise self._suspended("other")

    def expire_retrievals(self) -> list[str]:
        raise self._suspended("other")

    def cancel_search(self, request_id: int, reason: str) -> RequestCancelled:
        raise self._suspended("other")

    def cancel_retrieval(self, request_id: int, reason: str) -> RequestCancelled:
        raise self._suspended("other")

    def bookdrop_returned_at(self, day: date | None = None) -> datetime:
        """A chosen day's book-drop time needs no database; the default day (the previous
        open day) does."""
        if day is None:
            raise self._suspended("other")
        return bookdrop_returned_at(day, self.tz, self.clock())


def _code(barcode: str) -> str:
    code = (barcode or "").strip()
    if not code or len(code) > 64 or not code.isprintable():
        raise CirculationRefused.one("barcode_invalid", detail=repr(barcode)[:40])
    return code


def check_database(url: str, *, timeout: float = 3.0) -> bool:
    """Can the database at ``url`` be reached and read right now (on a fresh connection)?"""
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            path = parsed.database
            if not path or not os.path.isfile(path) or not os.access(path, os.R_OK | os.W_OK):
                return False
            # Opened read-write without creating it; the file URI is built by pathlib so a
            # Windows path or one with '#' or '?' in it names this very file.
            uri = Path(path).resolve().as_uri() + "?mode=rw"
            engine = create_engine("sqlite://", poolclass=NullPool, creator=lambda: sqlite3.connect(
                uri, uri=True, timeout=timeout, check_same_thread=False))
        else:
            engine = create_engine(url, poolclass=NullPool,
                                   connect_args={"connect_timeout": max(1, int(timeout))})
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT count(*) FROM alembic_version")).scalar()
        finally:
            engine.dispose()
        return True
    except Exception as error:  # noqa: BLE001 - any failure means "not reachable"
        log.info("database check failed: %s", error)
        return False


class ConnectionWatcher:
    """Checks the database every ``interval`` seconds on a daemon thread and calls
    ``on_change(online)`` when the answer changes. ``check_now()`` checks at once."""

    def __init__(self, check: Callable[[], bool], *, interval: float = 10.0,
                 on_change: Callable[[bool], None] | None = None, online: bool = True) -> None:
        self.check = check
        self.interval = interval
        self.on_change = on_change
        self.online = online
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def check_now(self) -> bool:
        answer = bool(self.check())
        with self._lock:
            changed, self.online = answer != self.online, answer
        if changed and self.on_change is not None:
            self.on_change(answer)
        return answer

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="db-watcher", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.interval + 5)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.check_now()


class FailoverDesk:
    """Online while the database answers, offline (journal) as soon as it does not. Who works
    where (``library``, ``desk_code``, ``location_code``, ``staff``) is the online desk's."""

    def __init__(self, online: DeskSession, offline: OfflineDesk,
                 on_offline: Callable[[str], None] | None = None) -> None:
        self.online_desk = online
        self.offline_desk = offline
        self.on_offline = on_offline
        self.offline = False

    @property
    def library(self) -> LibraryStore:
        return self.online_desk.library

    @property
    def desk_code(self) -> str:
        return self.online_desk.desk_code

    @property
    def location_code(self) -> str:
        return self.online_desk.location_code

    @property
    def staff(self) -> StaffUser:
        return self.online_desk.staff

    def go_offline(self, why: str) -> None:
        if not self.offline:
            self.offline = True
            log.warning("database unreachable, working offline: %s", why)
            if self.on_offline is not None:
                self.on_offline(why)

    def go_online(self) -> None:
        self.offline = False

    def _call(self, work: Callable[[DeskOperations], T]) -> T:
        """``work`` on the online desk; when the database cannot be reached, offline (the
        operation that found out included). A database error with the database up is refused
        with a clear message and logged; the desk stays online."""
        if not self.offline:
            try:
                return work(self.online_desk)
            except DBAPIError as error:
                if not is_outage(error):
                    log.exception("the database refused an operation (the desk stays online)")
                    raise CirculationRefused([notice(
                        "database_refused", error=type(error.orig or error).__name__)]) from error
                self.go_offline(f"{type(error).__name__}: {str(error).splitlines()[0]}")
        return work(self.offline_desk)

    def checkout(self, patron_barcode: str, item_barcode: str, *,
                 override: Override | None = None,
                 proxy_barcode: str | None = None,
                 parts_seen: int | None = None) -> CheckoutResult:
        return self._call(lambda desk: desk.checkout(patron_barcode, item_barcode,
                                                     override=override,
                                                     proxy_barcode=proxy_barcode,
                                                     parts_seen=parts_seen))

    def checkin(self, item_barcode: str, *, returned_at: datetime | None = None,
                bookdrop: bool = False) -> CheckinResult:
        return self._call(lambda desk: desk.checkin(item_barcode, returned_at=returned_at,
                                                    bookdrop=bookdrop))

    def accessories_missing(self, item_barcode: str, missing: str, *,
                            note: str | None = None) -> AccessoriesMissingResult:
        return self._call(lambda desk: desk.accessories_missing(item_barcode, missing, note=note))

    def accessories_settled(self, item_barcode: str, *, note: str | None = None) -> int:
        return self._call(lambda desk: desk.accessories_settled(item_barcode, note=note))

    def renew(self, item_barcode: str, *, override: Override | None = None) -> RenewResult:
        return self._call(lambda desk: desk.renew(item_barcode, override=override))

    def place_hold(self, patron_barcode: str, item_barcode: str, *,
                   pickup_location: str | None = None) -> int:
        return self._call(lambda desk: desk.place_hold(patron_barcode, item_barcode,
                                                       pickup_location=pickup_location))

    def temporary_hold(self, patron_barcode: str, item_barcode: str) -> int:
        return self._call(lambda desk: desk.temporary_hold(patron_barcode, item_barcode))

    def cancel_hold(self, hold_id: int) -> None:
        self._call(lambda desk: desk.cancel_hold(hold_id))

    def clear_holds_shelf(self, location: str) -> ClearShelfResult:
        return self._call(lambda desk: desk.clear_holds_shelf(location))

    def balance(self, patron_barcode: str) -> int:
        return self._call(lambda desk: desk.balance(patron_barcode))

    def pay(self, patron_barcode: str, amount: int, method: str) -> str:
        return self._call(lambda desk: desk.pay(patron_barcode, amount, method))

    def void_payment(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> None:
        self._call(lambda desk: desk.void_payment(receipt_no, reason, supervisor=supervisor))

    def waive(self, charge_id: int, reason: str, *, supervisor: StaffUser,
              amount: int | None = None) -> int:
        return self._call(lambda desk: desk.waive(charge_id, reason, supervisor=supervisor,
                                                  amount=amount))

    def declare_lost(self, item_barcode: str) -> int:
        return self._call(lambda desk: desk.declare_lost(item_barcode))

    def settle_lost(self, item_barcode: str, how: str) -> list[int]:
        return self._call(lambda desk: desk.settle_lost(item_barcode, how))

    def close_day(self, counted: dict[str, int], *, supervisor: StaffUser,
                  note: str | None = None,
                  denominations: dict[int, int] | None = None) -> Settlement:
        return self._call(lambda desk: desk.close_day(counted, supervisor=supervisor, note=note,
                                                      denominations=denominations))

    def take_payment(self, patron_barcode: str, amount: int, method: str, *,
                     tendered: int | None = None, charge_ids: list[int] | None = None) -> str:
        return self._call(lambda desk: desk.take_payment(patron_barcode, amount, method,
                                                         tendered=tendered,
                                                         charge_ids=charge_ids))

    def add_charge(self, patron_barcode: str, kind: str, amount: int, description: str = "", *,
                   supervisor: StaffUser | None = None, reason: str | None = None,
                   item_barcode: str | None = None) -> int:
        return self._call(lambda desk: desk.add_charge(
            patron_barcode, kind, amount, description, supervisor=supervisor, reason=reason,
            item_barcode=item_barcode))

    def correct_receipt(self, receipt_no: str, reason: str, *, supervisor: StaffUser) -> int:
        return self._call(lambda desk: desk.correct_receipt(receipt_no, reason,
                                                            supervisor=supervisor))

    def count_takings(self, counted: dict[str, int], *,
                      denominations: dict[int, int] | None = None) -> SettlementReport:
        return self._call(lambda desk: desk.count_takings(counted, denominations=denominations))

    def register_patron(self, barcode: str, name: str, category: str, *,
                        expires: date | None = None, guarantor: str | None = None,
                        deposit: int = 0, deposit_method: str | None = None,
                        **details: Any) -> int:
        return self._call(lambda desk: desk.register_patron(
            barcode, name, category, expires=expires, guarantor=guarantor, deposit=deposit,
            deposit_method=deposit_method, **details))

    def update_patron(self, barcode: str, *, confirm_duplicate: bool = False,
                      **changes: Any) -> dict[str, dict[str, object]]:
        return self._call(lambda desk: desk.update_patron(
            barcode, confirm_duplicate=confirm_duplicate, **changes))

    def extend_patron(self, barcode: str) -> date:
        return self._call(lambda desk: desk.extend_patron(barcode))

    def close_card(self, barcode: str, reason: str | None = None, *,
                   supervisor: StaffUser | None = None) -> CardClosed:
        return self._call(lambda desk: desk.close_card(barcode, reason, supervisor=supervisor))

    def set_float(self, amount: int, *, supervisor: StaffUser) -> int:
        return self._call(lambda desk: desk.set_float(amount, supervisor=supervisor))

    def set_patron_photo(self, barcode: str, jpeg_bytes: bytes | None) -> None:
        self._call(lambda desk: desk.set_patron_photo(barcode, jpeg_bytes))

    def add_proxy(self, patron_barcode: str, proxy_barcode: str, *,
                  valid_until: date | None = None, note: str | None = None) -> int:
        return self._call(lambda desk: desk.add_proxy(patron_barcode, proxy_barcode,
                                                      valid_until=valid_until, note=note))

    def end_proxy(self, proxy_id: int) -> None:
        self._call(lambda desk: desk.end_proxy(proxy_id))

    def request_delivery(self, patron: str, item: str, *, pickup_location: str,
                         method: str) -> tuple[int, str]:
        return self._call(lambda desk: desk.request_delivery(
            patron, item, pickup_location=pickup_location, method=method))

    def request_deliveries(self, patron: str, items: list[str], *, pickup_location: str,
                           method: str) -> DeliveryRequested:
        return self._call(lambda desk: desk.request_deliveries(
            patron, items, pickup_location=pickup_location, method=method))

    def pull_delivery(self, item_barcode: str) -> DeliveryPulled:
        return self._call(lambda desk: desk.pull_delivery(item_barcode))

    def fail_delivery(self, request_id: int, reason: str) -> datetime:
        return self._call(lambda desk: desk.fail_delivery(request_id, reason))

    def refund_delivery(self, request_id: int) -> DeliveryRefund:
        return self._call(lambda desk: desk.refund_delivery(request_id))

    def pull_list(self, location: str | None = None) -> list[PullEntry]:
        return self._call(lambda desk: desk.pull_list(location))

    def bookdrop_date(self) -> date:
        return self._call(lambda desk: desk.bookdrop_date())

    def replace_card(self, old: str, new: str) -> ReplacedCardResult:
        return self._call(lambda desk: desk.replace_card(old, new))

    def block_patron(self, barcode: str, message: str, *, until: date | None = None,
                     supervisor: StaffUser | None = None) -> None:
        self._call(lambda desk: desk.block_patron(barcode, message, until=until,
                                                  supervisor=supervisor))

    def unblock_patron(self, barcode: str, reason: str, *,
                       supervisor: StaffUser | None = None) -> None:
        self._call(lambda desk: desk.unblock_patron(barcode, reason, supervisor=supervisor))

    def add_patron_message(self, barcode: str, text: str) -> int:
        return self._call(lambda desk: desk.add_patron_message(barcode, text))

    def acknowledge_message(self, message_id: int) -> None:
        self._call(lambda desk: desk.acknowledge_message(message_id))

    def claim_returned(self, item_barcode: str, *, form_no: str,
                       supervisor: StaffUser | None = None) -> int:
        return self._call(lambda desk: desk.claim_returned(item_barcode, form_no=form_no,
                                                           supervisor=supervisor))

    def claim_never_borrowed(self, item_barcode: str, *, form_no: str,
                             supervisor: StaffUser | None = None) -> int:
        return self._call(lambda desk: desk.claim_never_borrowed(
            item_barcode, form_no=form_no, supervisor=supervisor))

    def request_search(self, patron: str, item: str, *, reply_by: date | None = None) -> int:
        return self._call(lambda desk: desk.request_search(patron, item, reply_by=reply_by))

    def search_found(self, item_barcode: str) -> SearchFound:
        return self._call(lambda desk: desk.search_found(item_barcode))

    def search_not_found(self, request_id: int) -> str:
        return self._call(lambda desk: desk.search_not_found(request_id))

    def expire_searches(self) -> list[str]:
        return self._call(lambda desk: desk.expire_searches())

    def project_books_ready(self, patron: str, items: list[str]) -> ProjectBooksReady:
        return self._call(lambda desk: desk.project_books_ready(patron, items))

    def request_retrieval(self, patron: str, item: str) -> int:
        return self._call(lambda desk: desk.request_retrieval(patron, item))

    def retrieval_fetched(self, item_barcode: str) -> RetrievalReady:
        return self._call(lambda desk: desk.retrieval_fetched(item_barcode))

    def lend_for_reading(self, item_barcode: str, *, id_kept: str) -> ReadingLoan:
        return self._call(lambda desk: desk.lend_for_reading(item_barcode, id_kept=id_kept))

    def expire_retrievals(self) -> list[str]:
        return self._call(lambda desk: desk.expire_retrievals())

    def cancel_search(self, request_id: int, reason: str) -> RequestCancelled:
        return self._call(lambda desk: desk.cancel_search(request_id, reason))

    def cancel_retrieval(self, request_id: int, reason: str) -> RequestCancelled:
        return self._call(lambda desk: desk.cancel_retrieval(request_id, reason))

    def bookdrop_returned_at(self, day: date | None = None) -> datetime:
        return self._call(lambda desk: desk.bookdrop_returned_at(day))


def default_paths(data_dir: Path, desk: str) -> tuple[Path, Path]:
    """The journal and snapshot files of ``desk`` under ``data_dir``."""
    from desk.circulation.offline.files import journal_path, offline_dir
    return journal_path(desk, data_dir), offline_dir(data_dir) / "snapshot.sqlite"


if TYPE_CHECKING:
    def _implements_the_protocol(online: Circulation, offline: OfflineDesk,
                                 failover: FailoverDesk) -> tuple[DeskSession, DeskOperations,
                                                                  DeskSession]:
        """Never called: mypy checks here that the three desks implement the protocol."""
        return online, offline, failover
