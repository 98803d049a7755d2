"""Requests: the day's missing-book search list (圖書協尋, SOP 5.11) and the withdrawn-area
retrieval list (撤架區取書, SOP 5.12) of one location.

Keyboard only. A scanned book on the search list is found (kept behind the desk for the patron,
a hold slip printed, the patron told); a scanned book on the retrieval list is fetched (the
same). *Not found* (Ctrl+Shift+N) ends the selected search unfound: the book becomes missing.
*Lend for reading* (Ctrl+Shift+I) lends a fetched non-loanable book for reading in the library,
keeping the patron's ID at the desk. *Cancel the selected request…* (Ctrl+Shift+C) ends the
selected search or retrieval the patron no longer wants, asking the reason, and says where the
book goes (a fetched one's back to the withdrawn area). *Deadlines* (Ctrl+Shift+D) ends the searches past their
reply-by date and sends uncollected withdrawn-area books back; it also runs by itself the first
time the screen is opened each day (as ``python -m desk searches sweep`` does from cron).
Requests are made from the item status screen (F5)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QPushButton, QTabWidget, QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.queries import locations
from desk.circulation.queries.requests import (RetrievalRow, SearchRow, retrieval_list,
                                               search_list)
from desk.circulation.requests.retrievals import ReadingLoan, RetrievalReady
from desk.circulation.requests.searches import SearchFound
from desk.devices.slip_builders import hold_slip
from desk.circulation.requests.cancel import RequestCancelled
from desk.ui.cancel_request_dialog import CANCEL_KEY, CancelRequestDialog, cancel_sound
from desk.ui.context import DeskContext
from desk.ui.devices_config import slip_library
from desk.ui.formatting import due_text, local, slip_time
from desk.ui.screen import Screen
from desk.ui.slips import ScreenSlip
from desk.ui.widgets.tables import fill_table, make_table, selected_rows

log = logging.getLogger(__name__)
LATE = QColor("#fbe3e3")
KEYS = {"not_found": "Ctrl+Shift+N", "reading": "Ctrl+Shift+I", "deadlines": "Ctrl+Shift+D",
        "cancel": CANCEL_KEY}


@dataclass(frozen=True)
class Lists:
    searches: list[SearchRow]
    retrievals: list[RetrievalRow]


@dataclass(frozen=True)
class Swept:
    missing: list[str]
    returned: list[str]


def read_lists(context: DeskContext, location: str) -> Lists:
    """On the worker thread: both lists of ``location``."""
    return Lists(search_list(context.library, location), retrieval_list(context.library,
                                                                         location))


def run_deadlines(context: DeskContext) -> Swept:
    """On the worker thread: the searches and retrievals past their deadlines."""
    desk = context.circulation
    return Swept(desk.expire_searches(), desk.expire_retrievals())


class RequestsScreen(Screen):
    mode_key = "requests"
    shortcut = "Ctrl+J"
    title_text = QT_TRANSLATE_NOOP("RequestsScreen", "Requests")

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.location = QComboBox()
        self.location.setObjectName("locationPicker")
        self.location.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.location.activated.connect(lambda _index: self.refresh())
        self.scan = QLineEdit()
        self.scan.setObjectName("scanField")
        self.scan.setPlaceholderText(self.tr("Scan a book found on the shelves or fetched from "
                                             "the withdrawn area"))
        self.scan.returnPressed.connect(lambda: self.handle_scan(self.scan.text()))
        self.search_table = make_table("searchTable", [
            self.tr("Reply by"), self.tr("Item"), self.tr("Title"), self.tr("Call number"),
            self.tr("Patron"), self.tr("Card"), self.tr("Requested")], 2, single=True, fit=True)
        self.retrieval_table = make_table("retrievalTable", [
            self.tr("State"), self.tr("Item"), self.tr("Title"), self.tr("Call number"),
            self.tr("Patron"), self.tr("Card"), self.tr("Requested"),
            self.tr("Pick up by / due"), self.tr("ID kept")], 2, single=True, fit=True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("requestTabs")
        self.tabs.addTab(self.search_table, self.tr("Missing-book searches"))
        self.tabs.addTab(self.retrieval_table, self.tr("Withdrawn-area retrieval"))
        self.status = QLabel()
        self.status.setObjectName("requestsStatus")
        self.status.setWordWrap(True)
        key = QKeySequence.SequenceFormat.NativeText
        self.not_found_button = QPushButton(self.tr("Not found (%1)").replace(
            "%1", QKeySequence(KEYS["not_found"]).toString(key)))
        self.not_found_button.setObjectName("notFoundButton")
        self.reading_button = QPushButton(self.tr("Lend for reading against an ID… (%1)")
                                          .replace("%1", QKeySequence(KEYS["reading"])
                                                   .toString(key)))
        self.reading_button.setObjectName("readingButton")
        self.cancel_button = QPushButton(self.tr("Cancel the selected request… (%1)").replace(
            "%1", QKeySequence(KEYS["cancel"]).toString(key)))
        self.cancel_button.setObjectName("cancelRequestButton")
        self.deadlines_button = QPushButton(self.tr("Deadlines (%1)").replace(
            "%1", QKeySequence(KEYS["deadlines"]).toString(key)))
        self.deadlines_button.setObjectName("deadlinesButton")
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.not_found_button.clicked.connect(self.not_found)
        self.reading_button.clicked.connect(self.lend_for_reading)
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.deadlines_button.clicked.connect(self.deadlines)
        self.refresh_button.clicked.connect(self.refresh)
        for name, slot in (("not_found", self.not_found), ("reading", self.lend_for_reading),
                           ("deadlines", self.deadlines), ("cancel", self.ask_cancel)):
            shortcut = QShortcut(QKeySequence(KEYS[name]), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Location")))
        top.addWidget(self.location)
        top.addWidget(self.scan, 1)
        buttons = QHBoxLayout()
        for button in (self.not_found_button, self.reading_button, self.cancel_button,
                       self.deadlines_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.searches: list[SearchRow] = []
        self.retrievals: list[RetrievalRow] = []
        self.swept_on: date | None = None      # the day the deadlines last ran from here
        self.dialog: CancelRequestDialog | None = None
        self.context.tasks.run(locations, context.library, on_done=self._set_locations)

    # --- Screen ----------------------------------------------------------------------------
    def activate(self) -> None:
        self.scan.setFocus()
        if self.swept_on != self.context.library.local_today():
            self.deadlines()          # the day's first look: the deadlines, then the lists
        else:
            self.refresh()

    def reset(self) -> None:
        self.scan.clear()

    def handle_scan(self, code: str) -> None:
        code = code.strip()
        self.scan.clear()
        if not code:
            return
        desk = self.context.circulation
        if any(row.item_barcode == code for row in self.searches):
            self._act(functools.partial(desk.search_found, code))
        elif any(row.item_barcode == code and row.status == "open" for row in self.retrievals):
            self._act(functools.partial(desk.retrieval_fetched, code))
        elif self.tabs.currentIndex() == 0:
            self._act(functools.partial(desk.search_found, code))   # says why not
        else:
            self._act(functools.partial(desk.retrieval_fetched, code))

    # --- the lists -------------------------------------------------------------------------
    def location_code(self) -> str:
        return str(self.location.currentData() or self.context.circulation.location_code)

    def _set_locations(self, choices: list[tuple[str, str]]) -> None:
        self.location.clear()
        for code, name in choices:
            self.location.addItem(f"{name} ({code})", code)
        here = self.location.findData(self.context.circulation.location_code)
        self.location.setCurrentIndex(max(here, 0))
        self.refresh()

    def refresh(self) -> None:
        self.context.tasks.run(read_lists, self.context, self.location_code(),
                               on_done=self.show_lists, on_error=self._failed)

    def show_lists(self, lists: Lists) -> None:
        library = self.context.library
        self.searches, self.retrievals = lists.searches, lists.retrievals
        day = "%Y-%m-%d"
        fill_table(self.search_table, [
            [due_text(library, row.reply_by, hourly=False), row.item_barcode, row.title,
             row.call_number, row.patron_name, row.patron_barcode,
             f"{local(library, row.requested_at):{day}}"] for row in self.searches])
        for index, row in enumerate(self.searches):
            if row.overdue:
                for column in range(self.search_table.columnCount()):
                    cell = self.search_table.item(index, column)
                    if cell is not None:
                        cell.setBackground(QBrush(LATE))
        fill_table(self.retrieval_table, [
            [self._state(row), row.item_barcode, row.title, row.call_number, row.patron_name,
             row.patron_barcode, f"{local(library, row.requested_at):{day}}",
             self._until(row), row.id_kept or ""] for row in self.retrievals])
        to_fetch = sum(1 for row in self.retrievals if row.status == "open")
        self.tabs.setTabText(0, self.tr("Missing-book searches (%1)")
                             .replace("%1", str(len(self.searches))))
        self.tabs.setTabText(1, self.tr("Withdrawn-area retrieval (%1 to fetch)")
                             .replace("%1", str(to_fetch)))

    def _state(self, row: RetrievalRow) -> str:
        if row.status == "fetched" and not row.loanable:
            return row.status_name + " · " + self.tr("in-library use only")
        return row.status_name

    def _until(self, row: RetrievalRow) -> str:
        library = self.context.library
        if row.held_until is not None:
            return due_text(library, row.held_until, hourly=False)
        if row.due_at is not None:
            return due_text(library, row.due_at, hourly=True)
        return ""

    # --- actions ---------------------------------------------------------------------------
    def _act(self, work: Callable[[], object]) -> None:
        self.context.tasks.run(work, on_done=self._done, on_error=self._failed)

    def _done(self, value: object) -> None:
        library = self.context.library
        if isinstance(value, (SearchFound, RetrievalReady)):
            until = f"{local(library, value.held_until):%Y-%m-%d}"
            text = self.tr("%1: keep it behind the desk for %2 (%3) until %4; the patron is "
                           "told.").replace("%1", value.item_barcode) \
                .replace("%2", value.patron_name).replace("%3", value.patron_barcode) \
                .replace("%4", until)
            if isinstance(value, RetrievalReady) and not value.loanable:
                text += " " + self.tr("In-library use only: lend it for reading against an ID.")
            self._print_hold_slip(value)
            self._say(text, "info.requests.held")
        elif isinstance(value, ReadingLoan):
            self._say(self.tr("%1 lent for reading until %2; keep the ID: %3.")
                      .replace("%1", value.item_barcode)
                      .replace("%2", due_text(library, value.due_at, hourly=True))
                      .replace("%3", value.id_kept), "info.requests.reading")
        elif isinstance(value, str):
            self._say(self.tr("%1 was not found: it is now recorded missing and the patron is "
                              "told.").replace("%1", value), "warning.requests.missing")
        self.refresh()

    def _print_hold_slip(self, value: SearchFound | RetrievalReady) -> None:
        library = self.context.library
        now = slip_time(library.policy.tz, library.now())
        name = self.location.currentText().rsplit(" (", 1)[0]
        slip = hold_slip(library=slip_library(self.context.config), patron_name=value.patron_name,
                         card=value.patron_barcode, item_barcode=value.item_barcode,
                         title=value.title, pickup_location=name,
                         hold_until=local(library, value.held_until).date(), when=now)
        self.context.slips.print_slip(ScreenSlip.from_device(slip))

    def selected_search(self) -> SearchRow | None:
        rows = selected_rows(self.search_table)
        return self.searches[rows[0]] if rows and rows[0] < len(self.searches) else None

    def selected_retrieval(self) -> RetrievalRow | None:
        rows = selected_rows(self.retrieval_table)
        return self.retrievals[rows[0]] if rows and rows[0] < len(self.retrievals) else None

    def not_found(self) -> None:
        """End the selected search unfound (the book becomes missing)."""
        row = self.selected_search()
        if row is None:
            self.tabs.setCurrentIndex(0)
            self._say(self.tr("Select a search on the list first."),
                      "error.requests.nothing_selected", error=True)
            return
        self._act(functools.partial(self.context.circulation.search_not_found, row.request_id))

    def lend_for_reading(self) -> None:
        """Lend the selected fetched book for reading in the library, asking which ID is kept."""
        row = self.selected_retrieval()
        if row is None or row.status != "fetched":
            self.tabs.setCurrentIndex(1)
            self._say(self.tr("Select a fetched withdrawn-area book on the list first."),
                      "error.requests.nothing_selected", error=True)
            return
        id_kept, ok = QInputDialog.getText(
            self, self.tr("Lend for reading"),
            self.tr("%1 for %2: which ID does the desk keep (kind and number)?")
            .replace("%1", row.item_barcode).replace("%2", row.patron_name))
        if ok:
            self._act(functools.partial(self.context.circulation.lend_for_reading,
                                        row.item_barcode, id_kept=id_kept))

    def ask_cancel(self) -> CancelRequestDialog | None:
        """Cancel the selected request of the tab shown (a search to look for, a retrieval to
        fetch or waiting for pickup), asking the reason."""
        dialog: CancelRequestDialog | None = None
        if self.tabs.currentIndex() == 0:
            search = self.selected_search()
            if search is not None:
                dialog = CancelRequestDialog(self.context, "search", search.request_id,
                                             search.item_barcode, search.title,
                                             f"{search.patron_name} ({search.patron_barcode})",
                                             self)
        else:
            retrieval = self.selected_retrieval()
            if retrieval is not None:
                dialog = CancelRequestDialog(
                    self.context, "retrieval", retrieval.request_id, retrieval.item_barcode,
                    retrieval.title, f"{retrieval.patron_name} ({retrieval.patron_barcode})",
                    self)
        if dialog is None:
            self._say(self.tr("Select a request on the list first."),
                      "error.requests.nothing_selected", error=True)
            return None
        dialog.cancelled.connect(self._cancelled)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _cancelled(self, outcome: RequestCancelled) -> None:
        self.status.setText(outcome.instruction)
        (self.context.messages.info if outcome.put_back == "none"
         else self.context.messages.warning).emit(outcome.instruction)
        self.context.messages.sound.emit(cancel_sound(outcome))
        self.refresh()

    def deadlines(self) -> None:
        self.swept_on = self.context.library.local_today()
        self.context.tasks.run(run_deadlines, self.context, on_done=self._swept,
                               on_error=self._failed)

    def _swept(self, swept: Swept) -> None:
        if swept.missing or swept.returned:
            text = self.tr("Past their deadline: %1 search(es) ended unfound (now missing: %2); "
                           "take back to the withdrawn area: %3.") \
                .replace("%1", str(len(swept.missing))) \
                .replace("%2", ", ".join(swept.missing) or "-") \
                .replace("%3", ", ".join(swept.returned) or "-")
            self._say(text, "warning.requests.deadlines")
        else:
            self.status.setText(self.tr("No request is past its deadline."))
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, CirculationRefused):
            code = error.codes[0] if error.codes else "refused"
            self._say(str(error), f"error.requests.{code}", error=True)
            return
        log.error("requests screen: %r", error)
        self._say(self.tr("This could not be done now; the database did not answer. Try "
                          "again."), "error.requests", error=True)

    def _say(self, text: str, sound: str, *, error: bool = False) -> None:
        self.status.setText(text)
        (self.context.messages.error if error else self.context.messages.info).emit(text)
        self.context.messages.sound.emit(sound)
