"""What the checkout and checkin screens call while the desk works offline (see
``desk.ui.offline_mode``): is the desk offline, was that a database error, the manual-fallback
receipt of an offline result (printed, previewed, and kept as PDF in
``<data dir>/offline/receipts/<slip no>.pdf``), and the patron panel from the local copy of
patrons and items; and which journal transactions a replay has dealt with.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from desk import wording
from desk.circulation.notices import PATRON_LEVEL_CODES, Notice
from desk.circulation.offline.desk import (FailoverDesk, OfflineDesk, database_fault_name,
                                          is_database_outage)
from desk.circulation.offline.journal import JournalEntry, read_journal
from desk.circulation.offline.replay import APPLIED, DISCARDED, REFUSED, SKIPPED
from desk.circulation.queries.rows import PatronSummary
from desk.circulation.results import CheckinResult, CheckoutResult
from desk.ui.context import DeskContext
from desk.ui.devices_config import slip_library
from desk.ui.slips import ScreenSlip

log = logging.getLogger(__name__)
FINAL = (APPLIED, SKIPPED, REFUSED, DISCARDED)      # a replay line nobody has to come back to


def is_offline(context: DeskContext) -> bool:
    return context.circulation.offline


def is_database_error(error: BaseException) -> bool:
    """Whether ``error`` says the database cannot be reached (not a statement it refused:
    that is a fault with the database up, no reason to go offline)."""
    return is_database_outage(error)


def error_text(error: BaseException) -> str:
    """What to tell staff about a failed task: plain words for a database that is down, and
    for one that refused a statement (never the raw database error)."""
    if is_database_error(error):
        return offline_text()
    fault = database_fault_name(error)
    if fault is not None:
        return wording.text("database_refused", error=fault)
    return str(error) or type(error).__name__


def database_failed(context: DeskContext, error: BaseException) -> None:
    """A query hit a database error: switch the desk to offline (it says so once)."""
    circulation = context.circulation
    if isinstance(circulation, FailoverDesk):
        circulation.go_offline(f"{type(error).__name__}: {str(error).splitlines()[0]}")


def offline_desk(context: DeskContext) -> OfflineDesk | None:
    """The offline desk behind ``context.circulation`` (None without offline mode)."""
    circulation = context.circulation
    return circulation.offline_desk if isinstance(circulation, FailoverDesk) else None


def print_fallback_receipt(context: DeskContext,
                           result: CheckoutResult | CheckinResult) -> ScreenSlip:
    """Send the manual checkout or return receipt of an offline result to ``context.slips``
    (the printer through the print queue, and the preview): the library's time, the due date
    and the staff member's name as on the online slips."""
    from desk.ui.screens.offline import fallback_receipt
    circulation = context.circulation
    device = fallback_receipt(result, library=slip_library(context.config),
                              desk=circulation.desk_code, staff=circulation.staff.name,
                              tz=context.library.policy.tz)
    slip = ScreenSlip.from_device(device)
    context.slips.print_slip(slip)
    offline = offline_desk(context)
    if offline is not None:           # kept as PDF too, printer or not (disputes, audits)
        target = receipts_dir(offline.journal.path) / f"{result.slip_no}.pdf"
        context.tasks.run(_save_pdf, device, target,
                          on_error=lambda error: log.warning("receipt PDF not saved: %s", error))
    return slip


def receipts_dir(journal_path: Path) -> Path:
    """Where the manual-fallback receipts of a journal are kept as PDF."""
    return journal_path.parent / "receipts"


def _save_pdf(device_slip: Any, target: Path) -> None:
    from desk.devices.printer.pdf import slip_to_pdf
    target.parent.mkdir(parents=True, exist_ok=True)
    slip_to_pdf(device_slip, target)


def offline_text() -> str:
    return QCoreApplication.translate(
        "OfflineMode", "The library database cannot be reached: working offline. Renewals, "
        "holds and payments are suspended.")


def offline_result_text(result: CheckoutResult | CheckinResult) -> str:
    """The status line of an offline checkout or return: slip number and warnings."""
    text = QCoreApplication.translate("OfflineMode", "Offline: recorded as slip %1.").replace(
        "%1", result.slip_no)
    return " ".join([text, *(notice.message for notice in result.notices)])


def offline_patron_summary(context: DeskContext, barcode: str) -> PatronSummary | None:
    """What the local copy knows of a card (on the worker thread), or None."""
    offline = offline_desk(context)
    snapshot = offline.snapshot if offline is not None else None
    if snapshot is None:
        return None
    patron = snapshot.patron(barcode)
    if patron is None:
        return None
    library = context.library
    check = snapshot.check_checkout(barcode, "", library.now(), context.circulation.desk_code,
                                    library.policy.tz)
    reasons: list[Notice] = [w for w in check.warnings if w.code in PATRON_LEVEL_CODES]
    expires = patron.expires_on
    return PatronSummary(
        barcode=barcode, name=patron.name, category=patron.category,
        category_name=patron.category_name, expires_on=expires,
        expired=expires is not None and expires < library.local_today(), photo=None,
        blocked=patron.blocked, block_message=patron.block_message, message=None,
        loans_count=patron.open_loans, overdue_count=patron.overdue,
        holds_count=0, waiting_holds_count=0, balance=patron.owes, accruing_fines=0,
        block_reasons=reasons)


def show_offline_patron(screen: Any, barcode: str) -> None:
    """The checkout screen's patron panel from the local copy, or a plain message."""
    context: DeskContext = screen.context

    def shown(summary: PatronSummary | None) -> None:
        if barcode != screen.patron_barcode:
            return
        if summary is None:
            screen.panel.clear()
            screen.panel.name.setText(barcode)
            context.messages.warning.emit(QCoreApplication.translate(
                "OfflineMode", "Offline: card %1 is not in the local copy. Check the card by "
                "eye; the loan is checked when it is replayed.").replace("%1", barcode))
            return
        fresh = screen.panel.summary is None
        screen.panel.show_summary(summary)
        if fresh:
            screen.patron_changed.emit(summary.barcode)
            context.messages.warning.emit(QCoreApplication.translate(
                "OfflineMode", "Offline: %1 as of the local copy; loans are recorded in the "
                "journal.").replace("%1", summary.name))
    context.tasks.run(offline_patron_summary, context, barcode, on_done=shown,
                      on_error=lambda error: context.messages.error.emit(error_text(error)))


class ReplayedMarker:
    """Which transactions of a desk's journal a replay has dealt with (applied, skipped as
    already applied, refused or discarded), kept next to the journal in
    ``journal-<desk>.replayed.json``: a desk that starts with offline transactions never
    replayed (closed before *Back online*, or decisions left open) says so."""

    def __init__(self, journal_path: Path) -> None:
        self.journal_path = journal_path
        self.path = journal_path.with_name(journal_path.stem + ".replayed.json")
        try:
            self.done: set[str] = set(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            self.done = set()

    def unreplayed(self) -> list[JournalEntry]:
        return [entry for entry in read_journal(self.journal_path).entries
                if entry.txn_id not in self.done]

    def note(self, lines: Iterable[Any]) -> bool:
        """Take the final lines of a replay (``ReplayLine``); True when something changed."""
        fresh = {line.entry.txn_id for line in lines
                 if line.status in FINAL and line.entry.txn_id not in self.done}
        if not fresh:
            return False
        self.done |= fresh
        temporary = self.path.with_name(self.path.name + ".new")
        temporary.write_text(json.dumps(sorted(self.done)), encoding="utf-8")
        os.replace(temporary, self.path)
        return True
