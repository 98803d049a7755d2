"""Patron search (F4): find a patron as you type (card prefix or part of the name); Enter (or a
double click) on a result, a whole card number and Enter, or a scanned card opens the patron's
own screen (``desk.ui.screens.patron_record``: photo, standing, loans, holds, charges, messages,
history, proxies). Esc there comes back to the search with the text as it was.
*Check out to this patron (F1)* takes the patron shown to the checkout screen
(``checkout_requested``); *Pay* and *Waive* on the Charges tab go to the Fines screen
(``fines_requested``); the main window connects both. Ctrl+N registers a new patron (offered
when a search finds nobody), Ctrl+E edits the patron shown (SOP 5.3.3); block, unblock,
messages, card replacement and claims act on the patron shown by key (``PatronActions``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.queries import PatronRow, find_patrons
from desk.ui.context import DeskContext
from desk.ui.formatting import date_text
from desk.ui.patron_actions import PatronActions
from desk.ui.patron_form import EditPatronDialog, NewPatronDialog
from desk.ui.screen import Screen
from desk.ui.screens.patron_record import PatronRecordView
from desk.ui.widgets.tables import fill_table, make_table

TYPING_DELAY_MS = 120


class PatronSearchScreen(Screen):
    mode_key = "patron_search"
    shortcut = "F4"
    title_text = QT_TRANSLATE_NOOP("PatronSearchScreen", "Patron search")
    carries_patron = True
    checkout_requested = Signal(str)   # the card of the patron to take to checkout (F1)
    fines_requested = Signal(str, list, str)   # card, charge ids, "pay" or "waive" (F11)

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
                                   self.tr("Department"), self.tr("Expires"), self.tr("Status")], 1,
                   single=True, fit=True)
        self.results.installEventFilter(self)
        self.results.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.count = QLabel()
        self.count.setObjectName("resultCount")
        self.new_button = QPushButton(self.tr("New patron… (Ctrl+N)"))
        self.new_button.setObjectName("newPatron")
        self.new_button.clicked.connect(self.new_patron)
        for key, slot, what in (("Ctrl+N", self.new_patron, self.new_button.text()),
                                ("Ctrl+E", self.edit_patron, self.tr("Edit the patron shown"))):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setWhatsThis(what)                        # the key help (Shift+F1)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.patron_dialog: NewPatronDialog | EditPatronDialog | None = None
        self.record = PatronRecordView(context, self.mode_key)
        self.record.closed.connect(self.back_to_search)
        self.record.loaded.connect(lambda _card: self.pages.setCurrentWidget(self.record))
        self.record.checkout_requested.connect(self.checkout_requested.emit)
        self.record.fines_requested.connect(self.fines_requested.emit)
        search_page = QWidget()
        search_layout = QVBoxLayout(search_page)
        search_layout.setContentsMargins(0, 0, 0, 0)
        search_layout.addWidget(self.search)
        counted = QHBoxLayout()
        counted.addWidget(self.count, 1)
        counted.addWidget(self.new_button)
        search_layout.addLayout(counted)
        search_layout.addWidget(self.results, 1)
        self.search_page = search_page
        self.pages = QStackedWidget()
        self.pages.setObjectName("patronPages")
        self.pages.addWidget(search_page)
        self.pages.addWidget(self.record)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.found: list[PatronRow] = []
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
        if self.showing_record() and self.record.handle_scan(code):
            return
        self.search.setText(code)
        self.timer.stop()
        self._generation += 1  # any search still running is stale now
        self.open_patron(code)

    def activate(self) -> None:
        if self.showing_record():
            self.record.focus_tab()
        else:
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
        self.record.clear()
        self.pages.setCurrentWidget(self.search_page)

    def showing_record(self) -> bool:
        return self.pages.currentWidget() is self.record

    def back_to_search(self) -> None:
        """Esc on the patron's screen: the search as it was, its text selected."""
        self.pages.setCurrentWidget(self.search_page)
        self.search.setFocus()
        self.search.selectAll()

    # --- the patron across screens ------------------------------------------------------------
    def current_patron(self) -> str | None:
        return self.record.barcode if self.showing_record() else None

    def take_patron(self, card: str) -> None:
        self.handle_scan(card)

    def handoff(self, mode_key: str) -> str | None:
        """The patron's own screen says "F1 / F3 / F11: with this patron": going there from it
        takes them along."""
        if mode_key in ("checkout", "renew", "fines"):
            return self.current_patron()
        return None

    def reread_patron(self) -> None:
        self.record.reload()

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
        if not self.showing_record():
            self.search.setFocus()

    def _patron_shown(self) -> tuple[str, str] | None:
        record = self.record.record if self.showing_record() else None
        if record is None:
            return None
        return record.summary.barcode, record.summary.name

    def _patron_acted_on(self, card: str) -> None:
        self.context.messages.patron_changed.emit(card, self.mode_key)
        self.search.setText(card)
        self.open_patron(card)

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
        fill_table(self.results, [[row.barcode, row.name, row.category_name, row.department or "",
                                   date_text(row.expires_on),
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
        self.record.open(barcode,
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
