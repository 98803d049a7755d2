"""Working while the database is down: the offline desk, the connection watcher, the failover.

* ``OfflineDesk`` has ``Circulation``'s checkout and checkin signatures; it writes each
  transaction to the journal (durably, before returning) and answers an ``OfflineResult`` with
  the slip number for the manual-fallback receipt, the due date from the local copy and its
  warnings. Renewals, holds and payments are refused: the SOP suspends them (5.8.1).
* ``ConnectionWatcher`` checks the database with a cheap query on a fresh connection (a pooled
  one would not notice an SQLite file gone or unreadable), once or on a timer thread.
* ``FailoverDesk`` is what a desk calls: the online ``Circulation`` while the database answers,
  the ``OfflineDesk`` as soon as it does not — the transaction that hit the failure included.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from desk.circulation.notices import CirculationRefused, Notice, notice
from desk.circulation.offline.journal import Journal
from desk.circulation.offline.snapshot import Snapshot
from desk.wording import operation_name

log = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, DBAPIError)


@dataclass(frozen=True)
class OfflineResult:
    """What an offline checkout or checkin answers (fields named as in CheckoutResult)."""

    kind: str
    slip_no: str
    txn_id: str
    at: datetime
    item_barcode: str
    patron_barcode: str | None = None
    due_at: datetime | None = None
    warnings: list[Notice] = field(default_factory=list)
    title: str = ""
    patron_name: str = ""
    has_strip: bool = True
    loan_id: None = None
    offline: bool = True
    accessories: str | None = None     # what is handed back with it (SOP 5.3.6)
    hourly: bool = False               # as in CheckoutResult: due at an exact time
    due_day: date | None = None        # the local day it falls due (None: set when replayed)

    @property
    def notices(self) -> list[Notice]:
        return self.warnings


class OfflineDesk:
    """Offline circulation at one desk (see the module docstring)."""

    def __init__(self, journal: Journal, *, clock: Callable[[], datetime], tz: Any,
                 staff: str = "", snapshot: Snapshot | None = None) -> None:
        self.journal = journal
        self.clock = clock
        self.tz = tz
        self.staff = staff
        self.snapshot = snapshot
        self._lent: dict[str, int] = {}

    def checkout(self, patron_barcode: str, item_barcode: str, *, override: Any = None,
                 proxy_barcode: str | None = None) -> OfflineResult:
        patron, item = _code(patron_barcode), _code(item_barcode)
        at = self.clock()
        if self.snapshot is None:
            check_due, warnings, title, name, strip = None, [notice("offline_no_snapshot")], "", "", True
            hourly = False
        else:
            check = self.snapshot.check_checkout(patron, item, at, self.journal.desk, self.tz,
                                                 lent_offline=self._lent.get(patron, 0))
            check_due, warnings = check.due_at, check.warnings
            title, name, strip = check.title, check.patron_name, check.has_strip
            hourly = check.hourly
        note = f"proxy {proxy_barcode}" if proxy_barcode else ""
        entry = self._append("checkout", item, at, patron=patron, due_at=check_due,
                             warnings=[w.code for w in warnings], note=note)
        self._lent[patron] = self._lent.get(patron, 0) + 1
        return OfflineResult("checkout", entry.slip_no, entry.txn_id, at, item, patron,
                             check_due, warnings, title, name, strip, hourly=hourly,
                             due_day=check_due.astimezone(self.tz).date() if check_due else None)

    def checkin(self, item_barcode: str, *, returned_at: datetime | None = None,
                bookdrop: bool = False) -> OfflineResult:
        """Journal the return; the local copy names its accessories, as online
        (``bookdrop``: they go to staff to be checked)."""
        item = _code(item_barcode)
        at = returned_at or self.clock()
        entry = self._append("checkin", item, at, note="bookdrop" if bookdrop else "")
        title = self.snapshot.item_title(item) if self.snapshot else ""
        extras = self.snapshot.item_accessories(item) if self.snapshot else None
        warnings = ([Notice.make("accessories_bookdrop" if bookdrop else "accessories",
                                 accessories=extras)] if extras else [])
        return OfflineResult("checkin", entry.slip_no, entry.txn_id, at, item, title=title,
                             warnings=warnings, accessories=extras)

    def _append(self, kind: str, item: str, at: datetime, **values: Any):  # noqa: ANN202
        try:
            return self.journal.append(kind, item, at=at, staff=self.staff, **values)
        except OSError as error:
            raise CirculationRefused([notice("offline_journal_failed",
                                             error=error.strerror or str(error))]) from None

    # --- suspended while offline (SOP 5.8.1) --------------------------------------------------
    def _suspended(self, operation: str) -> CirculationRefused:
        return CirculationRefused([notice("offline_suspended",
                                          operation=operation_name(operation))])

    def renew(self, *args: Any, **kwargs: Any) -> Any:
        raise self._suspended("renew")

    def place_hold(self, *args: Any, **kwargs: Any) -> Any:
        raise self._suspended("hold")

    def temporary_hold(self, *args: Any, **kwargs: Any) -> Any:
        raise self._suspended("hold")

    def pay(self, *args: Any, **kwargs: Any) -> Any:
        raise self._suspended("payment")

    def accessories_missing(self, *args: Any, **kwargs: Any) -> Any:
        raise self._suspended("accessories")

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)

        def refused(*args: Any, **kwargs: Any) -> Any:
            raise self._suspended("other")
        return refused


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
            engine = create_engine(f"sqlite:///file:{path}?mode=rw&uri=true", poolclass=NullPool,
                                   connect_args={"timeout": timeout})
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
    """Online while the database answers, offline (journal) as soon as it does not."""

    def __init__(self, online: Any, offline: OfflineDesk,
                 on_offline: Callable[[str], None] | None = None) -> None:
        self.online_desk = online
        self.offline_desk = offline
        self.on_offline = on_offline
        self.offline = False

    def go_offline(self, why: str) -> None:
        if not self.offline:
            self.offline = True
            log.warning("database unreachable, working offline: %s", why)
            if self.on_offline is not None:
                self.on_offline(why)

    def go_online(self) -> None:
        self.offline = False

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self.offline:
            try:
                return getattr(self.online_desk, name)(*args, **kwargs)
            except DATABASE_ERRORS as error:
                self.go_offline(f"{type(error).__name__}: {str(error).splitlines()[0]}")
        return getattr(self.offline_desk, name)(*args, **kwargs)

    def checkout(self, patron_barcode: str, item_barcode: str, **kwargs: Any) -> Any:
        return self._call("checkout", patron_barcode, item_barcode, **kwargs)

    def checkin(self, item_barcode: str, **kwargs: Any) -> Any:
        return self._call("checkin", item_barcode, **kwargs)

    def __getattr__(self, name: str) -> Any:
        """Other operations go through ``_call`` too; plain attributes (``desk_code``,
        ``staff``, ``library``) are the online desk's."""
        if name.startswith("_"):
            raise AttributeError(name)
        target = getattr(self.online_desk, name, None)
        if target is not None and not callable(target):
            return target
        return lambda *args, **kwargs: self._call(name, *args, **kwargs)


def default_paths(data_dir: Path, desk: str) -> tuple[Path, Path]:
    """The journal and snapshot files of ``desk`` under ``data_dir``."""
    from desk.circulation.offline.files import journal_path, offline_dir
    return journal_path(desk, data_dir), offline_dir(data_dir) / "snapshot.sqlite"
