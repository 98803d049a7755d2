"""Patron search (F4): find a patron as you type (card prefix or part of the name), then see
their loans, holds, outstanding charges and recent history. A scanned card opens at once.
*Check out to this patron (F1)* takes the patron shown to the checkout screen
(``checkout_requested``; the main window connects it)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter,
                               QTabWidget, QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused, Library
from desk.circulation.charges import charge_detail, kind_name
from desk.wording import action_name, hold_status_name, outcome_name, reason_names
from desk.circulation.queries import (HistoryEvent, PatronRow, PatronSummary, find_patrons,
                                      patron_history, patron_summary)
from desk.ui.context import DeskContext
from desk.ui.formatting import date_text, due_text, local, money
from desk.ui.patron_form import EditPatronDialog, NewPatronDialog
from desk.ui.patron_actions import PatronActions
from desk.ui.screen import Screen
from desk.ui.widgets.patron_panel import PatronPanel
from desk.ui.widgets.tables import fill_table, make_table

TYPING_DELAY_MS = 120


@dataclass(frozen=True)
class PatronDetails:
    summary: PatronSummary
    history: list[HistoryEvent]


def load_details(library: Library, barcode: str, desk: str) -> PatronDetails:
    """On the worker thread: everything the detail tabs show."""
    return PatronDetails(patron_summary(library, barcode, desk=desk),
                         patron_history(library, barcode))


class PatronSearchScreen(Screen):
    mode_key = "patron_search"
    shortcut = "F4"
    title_text = QT_TRANSLATE_NOOP("PatronSearchScreen", "Patron search")
    carries_patron = True
    checkout_requested = Signal(str)   # the card of the patron to take to checkout (F1)

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.search = QLineEdit()
        self.search.setObjectName("scanField")
        self.search.setPlaceholderText(self.tr("Card number or name — results as you type"))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._typed)
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_DELAY_MS)
        self.timer.timeout.connect(self._search_now)
        self.results = make_table("patronResults", [self.tr("Card"), self.tr("Name"), self.tr("Category"),
                                   self.tr("Expires"), self.tr("Status")], 1,
                   single=True, fit=True)
        self.results.installEventFilter(self)
        self.results.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.count = QLabel()
        self.count.setObjectName("resultCount")
        self.panel = PatronPanel(context.library)
        self.checkout_button = QPushButton(self.tr("Check out to this patron (F1)"))
        self.checkout_button.setObjectName("checkoutThisPatron")
        self.checkout_button.setToolTip(self.tr(
            "Open checkout (F1) with the patron shown here; nothing else carries a patron."))
        self.checkout_button.clicked.connect(self._checkout_here)
        self.checkout_button.setEnabled(False)
        self.new_button = QPushButton(self.tr("New patron… (Ctrl+N)"))
        self.new_button.setObjectName("newPatron")
        self.new_button.clicked.connect(self.new_patron)
        self.edit_button = QPushButton(self.tr("Edit patron… (Ctrl+E)"))
        self.edit_button.setObjectName("editPatron")
        self.edit_button.clicked.connect(self.edit_patron)
        self.edit_button.setEnabled(False)
        for key, slot in (("Ctrl+N", self.new_patron), ("Ctrl+E", self.edit_patron)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.patron_dialog: NewPatronDialog | EditPatronDialog | None = None
        self.loans = make_table("loansTable", [self.tr("Barcode"), self.tr("Title"), self.tr("Due"),
                                 self.tr("Renewals"), self.tr("Fine if returned now")], 1,
                   single=True, fit=True)
        self.holds = make_table("holdsTable", [self.tr("Title"), self.tr("Status"), self.tr("Pickup at"),
                                 self.tr("Placed"), self.tr("Pick up by"), self.tr("Item")], 0,
                   single=True, fit=True)
        self.charges = make_table("chargesTable", [self.tr("Date"), self.tr("Kind"), self.tr("Description"),
                                   self.tr("Amount"), self.tr("Outstanding")], 2,
                   single=True, fit=True)
        self.history = make_table("historyTable", [self.tr("When"), self.tr("What"), self.tr("Outcome"),
                                   self.tr("Item"), self.tr("Title"), self.tr("Staff"),
                                   self.tr("Reason")], 4,
                   single=True, fit=True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("patronTabs")
        self.tabs.addTab(self.loans, self.tr("&Loans"))
        self.tabs.addTab(self.holds, self.tr("&Holds"))
        self.tabs.addTab(self.charges, self.tr("&Charges"))
        self.tabs.addTab(self.history, self.tr("Hi&story"))
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.search)
        counted = QHBoxLayout()
        counted.addWidget(self.count, 1)
        counted.addWidget(self.new_button)
        top_layout.addLayout(counted)
        top_layout.addWidget(self.results)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.panel)
        actions = QHBoxLayout()
        actions.addWidget(self.checkout_button)
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.tabs, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.found: list[PatronRow] = []
        self.details: PatronDetails | None = None
        self._generation = 0
        # Block, unblock, messages, card replacement and claims (issue 15), by key.
        self.actions = PatronActions(self, context, self._patron_shown, self._patron_acted_on)

    # --- Screen ----------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        if self.actions.take_scan(code):    # a patron action's dialog is open: its scan
            return
        self.search.setText(code)
        self.timer.stop()
        self._generation += 1  # any search still running is stale now
        self.open_patron(code)

    def activate(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
        self.refresh_if_stale()

    def reset(self) -> None:
        self.timer.stop()
        self._generation += 1
        self.search.clear()
        self.found = []
        self.results.setRowCount(0)
        self.count.clear()
        self._show_details(None)

    # --- the patron across screens ------------------------------------------------------------
    def current_patron(self) -> str | None:
        return self.details.summary.barcode if self.details is not None else None

    def take_patron(self, card: str) -> None:
        self.handle_scan(card)

    def reread_patron(self) -> None:
        card = self.current_patron()
        if card is not None:
            self.open_patron(card)

    # --- registering and editing (SOP 5.3.3) -----------------------------------------------
    def new_patron(self) -> NewPatronDialog:
        """Ctrl+N: the New patron dialog, with what was searched for as the card or name."""
        text = self.search.text().strip()
        looks_like_card = bool(text) and " " not in text and any(c.isdigit() for c in text)
        dialog = NewPatronDialog(self.context, barcode=text if looks_like_card else "",
                                 name="" if looks_like_card else text, parent=self)
        dialog.registered.connect(self.handle_scan)
        self._open_dialog(dialog)
        return dialog

    def edit_patron(self) -> EditPatronDialog | None:
        """Ctrl+E: edit the patron shown (contact, category, expiry; Ctrl+E there extends)."""
        card = self.current_patron()
        if card is None:
            return None
        dialog = EditPatronDialog(self.context, card, parent=self)
        dialog.changed.connect(self.open_patron)
        self._open_dialog(dialog)
        return dialog

    def _open_dialog(self, dialog: NewPatronDialog | EditPatronDialog) -> None:
        self.patron_dialog = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: NewPatronDialog | EditPatronDialog) -> None:
        if self.patron_dialog is dialog:
            self.patron_dialog = None
        dialog.deleteLater()
        self.search.setFocus()
    def _patron_shown(self) -> tuple[str, str] | None:
        if self.details is None:
            return None
        return self.details.summary.barcode, self.details.summary.name

    def _patron_acted_on(self, card: str) -> None:
        self.context.messages.patron_changed.emit(card, self.mode_key)
        self.search.setText(card)
        self.open_patron(card)

    def _checkout_here(self) -> None:
        card = self.current_patron()
        if card is not None:
            self.checkout_requested.emit(card)

    # --- searching -------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self.timer.start()

    def _search_now(self) -> None:
        text = self.search.text().strip()
        self._generation += 1
        generation = self._generation
        if not text:
            self._show_results([], generation)
            return
        self.context.tasks.run(find_patrons, self.context.library, text,
                               on_done=lambda rows: self._show_results(rows, generation),
                               on_error=self._failed)

    def _show_results(self, rows: list[PatronRow], generation: int) -> None:
        if generation != self._generation:
            return  # the text changed since: a newer search is on its way
        self.found = rows
        expired, blocked = self.tr("expired"), self.tr("blocked")
        fill_table(self.results, [[row.barcode, row.name, row.category_name, date_text(row.expires_on),
                             ", ".join(s for s, on in ((expired, row.expired),
                                                       (blocked, row.blocked)) if on)]
                            for row in rows])
        text = self.search.text().strip()
        self.count.setText(self.tr("%1 patron(s) found").replace("%1", str(len(rows)))
                           if text else "")
        if rows:
            self.results.selectRow(0)
        elif text:
            self.count.setText(self.tr("No patron found: Ctrl+N registers a new one."))
            self.new_button.setFocus()

    def _enter(self) -> None:
        """Enter in the search field: the only or the selected result; else search now."""
        if self.timer.isActive() or not self.found:
            self.timer.stop()
            text = self.search.text().strip()
            if text:
                self._generation += 1
                self.open_patron(text, fall_back_to_search=True)
            return
        self.open_row(max(self.results.currentRow(), 0))

    def open_row(self, row: int) -> None:
        if 0 <= row < len(self.found):
            self.open_patron(self.found[row].barcode)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) \
                and self.found:
            self.results.setFocus()
            self.results.selectRow(max(self.results.currentRow(), 0))
            return True
        if watched is self.results and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_row(self.results.currentRow())
            return True
        if watched is self.results and key == Qt.Key.Key_Up and self.results.currentRow() <= 0:
            self.search.setFocus()
            return True
        return super().eventFilter(watched, event)

    # --- one patron ------------------------------------------------------------------------
    def open_patron(self, barcode: str, *, fall_back_to_search: bool = False) -> None:
        desk = self.context.circulation.desk_code
        self.context.tasks.run(
            partial(load_details, self.context.library, barcode, desk),
            on_done=self._show_details,
            on_error=lambda error: self._open_failed(error, fall_back_to_search))

    def _open_failed(self, error: BaseException, fall_back_to_search: bool) -> None:
        if fall_back_to_search and isinstance(error, CirculationRefused):
            self._search_now()  # not a card: the text is part of a name
            return
        self._failed(error)
        if isinstance(error, CirculationRefused) and "patron_not_found" in error.codes:
            self.count.setText(self.tr("No patron found: Ctrl+N registers a new one."))
            self.new_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        self.context.messages.error.emit(str(error) or type(error).__name__)
        code = error.codes[0] if isinstance(error, CirculationRefused) and error.codes else ""
        self.context.messages.sound.emit("error.patron_search" + (f".{code}" if code else ""))

    def _show_details(self, details: PatronDetails | None) -> None:
        self.details = details
        self.checkout_button.setEnabled(details is not None)
        self.edit_button.setEnabled(details is not None)
        if details is None:
            self.panel.clear()
            for table in (self.loans, self.holds, self.charges, self.history):
                table.setRowCount(0)
            return
        library = self.context.library
        summary = details.summary
        self.panel.show_summary(summary)
        fill_table(self.loans, [[loan.item_barcode, loan.title,
                           due_text(library, loan.due_at, hourly=loan.hourly)
                           + (" " + self.tr("(overdue)") if loan.overdue else ""),
                           str(loan.renewals),
                           money(library, loan.accruing_fine) if loan.accruing_fine else ""]
                          for loan in summary.loans])
        fill_table(self.holds, [[hold.title, hold_status_name(hold.status), hold.pickup_location,
                           date_text(local(library, hold.placed_at).date()),
                           due_text(library, hold.shelf_expires_at, hourly=False)
                           if hold.shelf_expires_at else "", hold.item_barcode or ""]
                          for hold in summary.holds])
        fill_table(self.charges, [[date_text(local(library, charge.created_at).date()),
                             kind_name(charge.kind),
                             charge_detail(charge.kind, charge.description, fine=charge.fine),
                             money(library, charge.amount),
                             money(library, charge.outstanding)]
                            for charge in summary.charges])
        fill_table(self.history, [[f"{local(library, event.at):%Y-%m-%d %H:%M}",
                             action_name(event.action),
                             outcome_name(event.outcome) + (
                                 f" ({reason_names(event.codes.split(','))})"
                                 if event.codes else ""),
                             event.item_barcode or "", event.title or "",
                             event.staff_name or "", event.reason or ""]
                            for event in details.history])
        self.tabs.setTabText(0, self.tr("&Loans (%1)").replace("%1", str(len(summary.loans))))
        self.tabs.setTabText(1, self.tr("&Holds (%1)").replace("%1", str(len(summary.holds))))
        self.tabs.setTabText(2, self.tr("&Charges (%1)").replace(
            "%1", money(library, summary.balance)))
        self.context.messages.sound.emit("info.patron_search")
