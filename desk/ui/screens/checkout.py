"""Checkout (F1): scan a patron card, check the photo, scan items; *Done* prints the slip.

A scanned code that matches ``patron_pattern`` (or any code while no patron is up) loads the
patron panel; anything else is lent to the current patron. A refusal shows inline with every
reason, and *Override…* when a supervisor may allow it; an override of the patron's own blocks
(expired card, fines, ...) stands for the rest of that patron's visit, item-level ones are asked
for each item.

Every refused book stays in the visit's list as a red row (an icon and "Not lent", its reasons
in the notices column) until it is lent: overridden from its row (select it, Ctrl+O) or scanned
again; the lent row takes its place. *Done* asks before ending a visit with a refusal left, and
the slip lists only what was lent, with each item's accessories.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QStyle, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from desk.circulation import CheckoutResult, CirculationRefused, Override
from desk.circulation.notices import PATRON_LEVEL_CODES
from desk.circulation.queries import PatronSummary, patron_summary
from desk.ui import offline_support as offline
from desk.devices.slip_builders import SlipItem, checkout_slip
from desk.ui.context import DeskContext
from desk.ui.devices_config import slip_library
from desk.ui.devices_strip import StripColumn
from desk.ui.formatting import due_text, is_patron_code, slip_due, slip_time
from desk.ui.override import OverrideDialog
from desk.ui.patron_form import NewPatronDialog
from desk.ui.patron_actions import PatronActions
from desk.ui.screen import Screen
from desk.ui.slips import ScreenSlip
from desk.ui.visit_clock import VisitIdleClock
from desk.ui.widgets.patron_panel import PatronPanel
from desk.ui.widgets.refusal import RefusalBox
from desk.ui.widgets.refusal_question import UnresolvedRefusalsQuestion


# The rows: a refused book's cells carry REFUSED in UserRole and are drawn in red.
BARCODE, TITLE, DUE, NOTICES, STRIP = range(5)
REFUSED = "refused"
REFUSED_BACKGROUND, REFUSED_TEXT = QColor("#ffd7d5"), QColor("#82071e")
OVERRIDE_KEY = "Ctrl+O"             # override the selected refused row (or the latest)


# The patron panel is refreshed this long after the last item scanned.
PANEL_REFRESH_PAUSE_MS = 400

class CheckoutScreen(Screen):
    mode_key = "checkout"
    shortcut = "F1"
    title_text = QT_TRANSLATE_NOOP("CheckoutScreen", "Checkout")
    carries_patron = True
    patron_changed = Signal(str)      # the card of the patron now up
    row_added = Signal(str)           # item barcode, once its row is on screen

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Scan a patron card, then items"))
        self.scan_field.returnPressed.connect(self._typed)
        self.panel = PatronPanel(context.library)
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(PANEL_REFRESH_PAUSE_MS)
        self._refresh_later.timeout.connect(self.refresh_patron)
        self._refresh_when_shown = False
        # A visit with no scan or key for ``visit_idle_seconds`` ends as Done does.
        self.visit_clock = VisitIdleClock(self)
        self.visit_clock.countdown.connect(self._show_countdown)
        self.visit_clock.expired.connect(self._visit_idle)
        self.visit_countdown = QLabel()
        self.visit_countdown.setObjectName("visitCountdown")
        self.visit_countdown.setProperty("alert", True)
        self.visit_countdown.hide()
        self.refusal = RefusalBox()
        self.refusal.override_requested.connect(self.ask_override)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("checkoutRows")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Barcode"), self.tr("Title"), self.tr("Due"), self.tr("Notices"),
             self.tr("Strip")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        self.refused_label = QLabel()
        self.refused_label.setObjectName("refusedCount")
        self.refused_label.setProperty("alert", True)
        override = QShortcut(QKeySequence(OVERRIDE_KEY), self)
        override.setWhatsThis(self.tr("Supervisor approval for the selected refused book"))
        override.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        override.activated.connect(self.override_selected)
        self.done_button = QPushButton(self.tr("Done (F12)"))
        self.done_button.setObjectName("doneButton")
        self.done_button.clicked.connect(self.done)
        for key in ("F12", "Esc"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setWhatsThis(self.tr("Done: print the slip and clear for the next patron"))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.done)
        # The strip is desensitized after the loan is committed; a failure leaves the loan.
        self.strip = StripColumn(self, self.table, 4, "desensitize")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.refused_label)
        bottom.addStretch(1)           # the buttons keep their size whether a refusal is left
        bottom.addWidget(self.strip.button)
        bottom.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan_field)
        layout.addWidget(self.panel)
        layout.addWidget(self.visit_countdown)
        layout.addWidget(self.refusal)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.patron_barcode: str | None = None
        self.results: list[CheckoutResult] = []
        self._standing: Override | None = None       # patron-level override for this visit
        self._refused_item: str | None = None
        self._refusals: dict[str, CirculationRefused] = {}   # refused rows not yet lent
        self.override_dialog: OverrideDialog | None = None
        # Block, unblock, messages, card replacement and claims (issue 15), by key.
        self.actions = PatronActions(self, context, self._patron_shown, self._patron_acted_on)
        self.finish_question: UnresolvedRefusalsQuestion | None = None
        self.register_question: QMessageBox | None = None
        self.new_patron_dialog: NewPatronDialog | None = None
        self._update_count()

    # --- Screen -----------------------------------------------------------------------------
    def activate(self) -> None:
        """Shown again: the patron up is read afresh (a payment elsewhere, a renewal, ...)."""
        self.scan_field.setFocus()
        self._refresh_when_shown = False
        self.refresh_patron()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        # Another mode, or the window closing: refresh when the screen is back, not meanwhile.
        if self._refresh_later.isActive():
            self._refresh_later.stop()
            self._refresh_when_shown = True
        super().hideEvent(event)

    def reset(self) -> None:
        if self.finish_question is not None and self.finish_question.isVisible():
            self.finish_question.reject()        # about a visit that is over: Go back to nothing
        self.visit_clock.stop()
        self._refresh_later.stop()
        if self.context.devices is not None:
            self.context.devices.forget_pad()       # a new visit: the pad reads afresh
        self._refresh_when_shown = False
        self.patron_barcode = None
        self.scan_field.setPlaceholderText(self.tr("Scan a patron card, then items"))
        self.results = []
        self._standing = None
        self._refused_item = None
        self._refusals = {}
        self.panel.clear()
        self.refusal.hide_refusal()
        self.table.setRowCount(0)
        self.scan_field.clear()
        self._update_count()
        self.scan_field.setFocus()

    def handle_scan(self, code: str) -> None:
        code = code.strip()
        if not code:
            return
        self.visit_clock.restart()
        if self.actions.take_scan(code):    # a patron action's dialog is open: its scan
            return
        if is_patron_code(self.context.config, code) or self.patron_barcode is None:
            self.load_patron(code)
        else:
            self.checkout(code)

    def _typed(self) -> None:
        code = self.scan_field.text()
        self.scan_field.clear()
        self.handle_scan(code)

    # --- patron -------------------------------------------------------------------------------
    def load_patron(self, barcode: str) -> None:
        if barcode != self.patron_barcode and self.unresolved_refusals():
            self._ask_before_finishing(then=lambda: self.load_patron(barcode))
            return
        if barcode != self.patron_barcode and self.results:
            self._print_slip()
        if barcode != self.patron_barcode:
            self.reset()
        self.patron_barcode = barcode
        self.scan_field.setPlaceholderText(self.tr("Scan the items to lend (a card: the next "
                                                   "patron)"))
        self.visit_clock.start(self.context.config.get("visit_idle_seconds"))
        self.refresh_patron()

    def current_patron(self) -> str | None:
        return self.patron_barcode

    def _patron_shown(self) -> tuple[str, str] | None:
        if self.patron_barcode is None:
            return None
        summary = self.panel.summary
        return self.patron_barcode, summary.name if summary else ""

    def _patron_acted_on(self, card: str) -> None:
        """A patron action changed the patron up (a replaced card: the same visit goes on under
        the new card)."""
        if self.patron_barcode is None:
            return
        self.patron_barcode = card
        self.context.messages.patron_changed.emit(card, self.mode_key)
        self.refresh_patron()

    def take_patron(self, card: str) -> None:
        self.load_patron(card)

    def handoff(self, mode_key: str) -> str | None:
        """A refusal for unpaid fines offers *Pay the fines (F11)*: the patron goes along."""
        if mode_key == "fines" and not self.refusal.isHidden() and self.refusal.owes_fines:
            return self.patron_barcode
        return None

    def patron_updated(self, card: str) -> None:
        """Changed on another screen: the patron is still at the counter; read them afresh
        now if this screen is shown, else when it is (``activate``)."""
        if card != self.patron_barcode:
            return
        self.visit_clock.restart()
        if self.isVisible():
            self.refresh_patron()

    def visit_seconds_left(self) -> float | None:
        """Seconds until the visit ends by itself; None when no visit is timed."""
        return self.visit_clock.seconds_left()

    def _show_countdown(self, seconds: int) -> None:
        self.visit_countdown.setVisible(seconds > 0)
        if seconds > 0:
            self.visit_countdown.setText(
                self.tr("Visit ends in %1 s — scan or press a key to continue")
                .replace("%1", str(seconds)))

    def _visit_idle(self) -> None:
        """No scan and no key for the idle time: the visit ends as F12 does, without asking."""
        if self.patron_barcode is None:
            return
        self.finish()
        self.context.messages.sound.emit("info.checkout.visit_ended")
        self.context.messages.warning.emit(self.tr(
            "The visit ended: no scan or key for %1 s. Scan a card for the next patron.")
            .replace("%1", str(self.visit_clock.seconds)))

    def refresh_patron(self) -> None:
        barcode = self.patron_barcode
        if barcode is None:
            return
        if offline.is_offline(self.context):
            offline.show_offline_patron(self, barcode)
            return
        desk = self.context.circulation.desk_code
        library = self.context.library
        self.context.tasks.run(lambda: patron_summary(library, barcode, desk=desk),
                               on_done=self._patron_loaded,
                               on_error=lambda exc: self._patron_failed(barcode, exc))

    def _patron_loaded(self, summary: PatronSummary) -> None:
        if summary.barcode != self.patron_barcode:
            return
        fresh = self.panel.summary is None
        self.panel.show_summary(summary)
        if fresh:
            self.patron_changed.emit(summary.barcode)
            if summary.block_reasons:
                self.context.messages.sound.emit(
                    f"error.checkout.{summary.block_reasons[0].code}")
                self.context.messages.warning.emit(
                    self.tr("%1 cannot borrow without an override.").replace("%1", summary.name))
            else:
                self.context.messages.sound.emit("info.checkout.patron")
                self.context.messages.info.emit(summary.name)

    def _patron_failed(self, barcode: str, error: BaseException) -> None:
        if barcode != self.patron_barcode:
            return
        if offline.is_database_error(error):    # the database went away: the local copy
            offline.database_failed(self.context, error)
            offline.show_offline_patron(self, barcode)
            return
        self.patron_barcode = None
        self.visit_clock.stop()
        self.panel.clear()
        if isinstance(error, CirculationRefused):
            self.context.messages.sound.emit(f"error.checkout.{error.codes[0]}")
            self.context.messages.error.emit(str(error))
            if error.codes == ["patron_not_found"]:
                self.ask_to_register(barcode)
        else:
            self.context.messages.error.emit(str(error))

    # --- an unknown card: register the patron (SOP 5.3.3) --------------------------------
    def ask_to_register(self, barcode: str) -> QMessageBox:
        """"No such patron — register?" (Enter: yes); the New patron dialog with the card
        filled in, and the checkout goes on with the new patron once saved."""
        if self.register_question is not None:
            self.register_question.deleteLater()
        question = QMessageBox(QMessageBox.Icon.Question, self.tr("No such patron"),
                               self.tr("No patron has card %1. Register a new patron?")
                               .replace("%1", barcode),
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               self)
        question.setObjectName("registerQuestion")
        question.setDefaultButton(QMessageBox.StandardButton.Yes)
        question.finished.connect(lambda result: self._register_answered(question, barcode))
        self.register_question = question
        question.open()
        return question

    def _register_answered(self, question: QMessageBox, barcode: str) -> None:
        yes = question.standardButton(question.clickedButton()) == QMessageBox.StandardButton.Yes
        if self.register_question is question:
            self.register_question = None
        question.deleteLater()
        if yes:
            self.new_patron(barcode)
        else:
            self.scan_field.setFocus()

    def new_patron(self, barcode: str = "") -> NewPatronDialog:
        dialog = NewPatronDialog(self.context, barcode=barcode, parent=self)
        dialog.registered.connect(self.load_patron)
        dialog.finished.connect(lambda _result: self._new_patron_closed(dialog))
        self.new_patron_dialog = dialog
        dialog.open()
        return dialog

    def _new_patron_closed(self, dialog: NewPatronDialog) -> None:
        if self.new_patron_dialog is dialog:
            self.new_patron_dialog = None
        dialog.deleteLater()
        self.scan_field.setFocus()

    # --- items --------------------------------------------------------------------------------
    def checkout(self, item: str, override: Override | None = None) -> None:
        if self._refresh_later.isActive():
            self._refresh_later.start()  # still scanning: refresh after the burst
        patron = self.patron_barcode
        assert patron is not None
        circulation = self.context.circulation
        override = override or self._standing
        self.refusal.hide_refusal()
        hub = self.context.devices
        parts_seen = hub.parts_seen(item) if hub is not None else None   # read on the RFID pad
        self.context.tasks.run(
            lambda: circulation.checkout(patron, item, override=override, parts_seen=parts_seen),
            on_done=lambda result: self._lent(patron, result, item),
            on_error=lambda exc: self._refused(patron, item, exc))

    def _lent(self, patron: str, result: CheckoutResult, scanned: str = "") -> None:
        if patron != self.patron_barcode:
            return
        self.results.append(result)
        self.context.messages.patron_changed.emit(patron, self.mode_key)
        journalled = result.offline
        # The patron's own message is on the panel; the row keeps what is about this item.
        notices = " ".join(notice.message for notice in result.warnings
                           if notice.code != "patron_message")
        if journalled:
            notices = offline.offline_result_text(result)
        # A book refused earlier in the visit: its row becomes the lent row.
        row = self._refused_row(scanned or result.item_barcode)
        if row < 0:
            row = self._refused_row(result.item_barcode)
        self._refusals.pop(scanned, None)
        self._refusals.pop(result.item_barcode, None)
        if row < 0:
            row = self.table.rowCount()
            self.table.insertRow(row)
        for column, text in enumerate((result.item_barcode, result.title,
                                       self._due(result), notices)):
            cell = QTableWidgetItem(text)
            if result.warnings:
                cell.setData(Qt.ItemDataRole.UserRole, "notice")
            self.table.setItem(row, column, cell)
        self.strip.start(row, result.has_strip)
        self.table.scrollToBottom()
        self._update_count()
        self.row_added.emit(result.item_barcode)
        name = f"info.checkout.{result.warnings[0].code}" if result.warnings else "success.checkout"
        self.context.messages.sound.emit(name)
        if journalled:
            offline.print_fallback_receipt(self.context, result)
            self.context.messages.warning.emit(f"{result.item_barcode}: {notices}")
            return
        self.context.messages.info.emit(
            self.tr("%1 due %2").replace("%1", result.title)
            .replace("%2", self._due(result)))
        # Refreshed once the scanning pauses, so a burst of scans never waits behind it.
        self._refresh_later.start()

    def _refused(self, patron: str, item: str, error: BaseException) -> None:
        if patron != self.patron_barcode:
            return
        if not isinstance(error, CirculationRefused):
            self.context.messages.error.emit(str(error))
            return
        if error.codes == ["item_checked_out"] and item in self._lent_barcodes():
            # The same book scanned twice: it is lent already, nothing is left to resolve.
            self.context.messages.sound.emit("info.checkout.already_lent")
            self.context.messages.info.emit(
                self.tr("%1 is already lent in this visit.").replace("%1", item))
            return
        self._refused_item = item
        self._refusals[item] = error
        self._show_refused_row(item, error)
        self.refusal.show_refusal(self.tr("Not lent: %1").replace("%1", item), error)
        self.context.messages.sound.emit(f"error.checkout.{error.codes[0]}")
        self.context.messages.error.emit(str(error))

    # --- refused rows -----------------------------------------------------------------------
    def unresolved_refusals(self) -> list[str]:
        """The barcodes of the visit's refused books not lent since, in the list's order."""
        return [barcode for row in range(self.table.rowCount())
                if (barcode := self._row_barcode(row)) in self._refusals
                and self._refused_row(barcode) == row]

    def _row_barcode(self, row: int) -> str:
        cell = self.table.item(row, BARCODE)
        return cell.text() if cell is not None else ""

    def _refused_row(self, barcode: str) -> int:
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, BARCODE)
            if cell is not None and cell.text() == barcode and cell.data(
                    Qt.ItemDataRole.UserRole) == REFUSED:
                return row
        return -1

    def _lent_barcodes(self) -> set[str]:
        return {result.item_barcode for result in self.results}

    def _show_refused_row(self, item: str, error: CirculationRefused) -> None:
        """The book's red row (a new one, or the one of its earlier refusal)."""
        row = self._refused_row(item)
        if row < 0:
            row = self.table.rowCount()
            self.table.insertRow(row)
        reasons = "; ".join(notice.message for notice in error.reasons)
        notices = reasons
        if error.overridable:
            notices += " " + self.tr("(%1: supervisor override)").replace("%1", self._key_text())
        texts = {BARCODE: item, TITLE: error.item_title or "", DUE: self.tr("Not lent"),
                 NOTICES: notices, STRIP: ""}
        for column, text in texts.items():
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, REFUSED)
            cell.setBackground(QBrush(REFUSED_BACKGROUND))
            cell.setForeground(QBrush(REFUSED_TEXT))
            cell.setToolTip(reasons)
            self.table.setItem(row, column, cell)
        self.table.item(row, BARCODE).setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical))
        self.table.scrollToBottom()
        self._update_count()

    @staticmethod
    def _key_text() -> str:
        return QKeySequence(OVERRIDE_KEY).toString(QKeySequence.SequenceFormat.NativeText)

    def override_selected(self) -> OverrideDialog | None:
        """Ctrl+O: override the selected refused row, else the latest one a supervisor may
        allow."""
        selected = [index.row() for index in self.table.selectionModel().selectedRows()]
        chosen = [self._row_barcode(row) for row in selected]
        unresolved = self.unresolved_refusals()
        items = [item for item in chosen if item in unresolved] or [
            item for item in reversed(unresolved) if self._refusals[item].overridable][:1]
        if not items or not self._refusals[items[0]].overridable:
            self.context.messages.warning.emit(
                self.tr("Select a refused book that a supervisor may allow."))
            return None
        return self.ask_override(items[0])

    def ask_override(self, item: str | None = None) -> OverrideDialog | None:
        """The supervisor dialog for ``item``'s refusal (default: the refusal box's book); a
        refusal the visit's standing override already covers is lent without asking again."""
        item = item or self._refused_item
        refusal = self._refusals.get(item) if item is not None else None
        if item is None or refusal is None or not refusal.overridable:
            return None
        if self._standing is not None and set(refusal.codes) <= set(self._standing.codes):
            self.checkout(item)
            return None
        dialog = OverrideDialog(self.context, refusal.codes,
                                [notice.message for notice in refusal.reasons], self)
        self.override_dialog = dialog
        dialog.granted.connect(lambda override: self._overridden(item, override))
        dialog.finished.connect(lambda _: self._override_closed(dialog))
        dialog.open()
        return dialog

    def _override_closed(self, dialog: OverrideDialog) -> None:
        if self.override_dialog is dialog:
            self.override_dialog = None
        dialog.deleteLater()
        self.scan_field.setFocus()

    def _overridden(self, item: str, override: Override) -> None:
        patron_codes = set(override.codes) & PATRON_LEVEL_CODES
        if patron_codes:
            known = set(self._standing.codes) if self._standing else set()
            self._standing = Override(codes=frozenset(known | patron_codes),
                                      supervisor=override.supervisor, reason=override.reason)
        self.checkout(item, Override(codes=frozenset(set(override.codes) | (
            set(self._standing.codes) if self._standing else set())),
            supervisor=override.supervisor, reason=override.reason))

    # --- done -----------------------------------------------------------------------------
    def done(self) -> None:
        """F12 / Esc: the slip and the next patron; asks first while a refusal is left."""
        if not self.unresolved_refusals():
            self.finish()
            return
        self._ask_before_finishing()

    def _ask_before_finishing(self, then: Callable[[], None] | None = None) -> None:
        """The question; *Finish anyway* finishes the visit, then runs ``then`` (the next
        patron's card)."""
        unresolved = self.unresolved_refusals()
        if self.finish_question is not None:
            if self.finish_question.isVisible():
                return
            self.finish_question.deleteLater()
        lines = [f"{item}: " + "; ".join(n.message for n in self._refusals[item].reasons)
                 for item in unresolved]
        question = UnresolvedRefusalsQuestion(lines, self._key_text(), self)
        question.finish_confirmed.connect(self.finish)
        if then is not None:
            question.finish_confirmed.connect(then)
        question.finished.connect(lambda _: self.scan_field.setFocus())
        self.finish_question = question
        self.context.messages.sound.emit("warning.checkout.unresolved")
        question.open()

    def finish(self) -> None:
        """End the visit without asking: the slip of what was lent, then the next patron."""
        if self.results:
            self._print_slip()
        self.reset()
        self.context.messages.info.emit(self.tr("Ready for the next patron."))

    def _print_slip(self) -> None:
        """The checkout slip (a ``desk.devices`` slip: printed, and previewed on screen)."""
        library = self.context.library
        circulation = self.context.circulation
        summary = self.panel.summary
        items = [SlipItem(result.item_barcode, result.title, self._slip_due(result),
                          accessories=accessories_of(result))
                 for result in self.results]
        slip = checkout_slip(library=slip_library(self.context.config),
                             patron_name=summary.name if summary else "",
                             card=self.patron_barcode or "", items=items,
                             when=slip_time(library.policy.tz, library.now()),
                             desk=circulation.desk_code, staff=circulation.staff.name,
                             footer=[f"{result.item_barcode}: " + self.tr("Due %1").replace(
                                 "%1", self._due(result)) for result in self.results
                                 if result.due_at is None])
        self.context.slips.print_slip(ScreenSlip.from_device(slip))

    def _slip_due(self, result: CheckoutResult) -> date | datetime | None:
        """The due day for day loans, the time too for hourly loans (as the loan says)."""
        return slip_due(self.context.library.policy.tz, result.due_at, hourly=result.hourly)

    def _due(self, result: CheckoutResult | None) -> str:
        """The due date as the row shows it; an offline checkout without a local copy (or
        ``None``) has no due date yet."""
        if result is None or result.due_at is None:
            return self.tr("(set when replayed)")
        return due_text(self.context.library, result.due_at, hourly=result.hourly)

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Items lent: %1").replace("%1", str(len(self.results))))
        refused = len(self.unresolved_refusals())
        self.refused_label.setText(self.tr("Not lent, to resolve: %1").replace("%1", str(refused)))
        self.refused_label.setVisible(refused > 0)


def accessories_of(result: CheckoutResult) -> str:
    """The accessories handed over with a lent item (its "accessories" notice), or ""."""
    return next((str(notice.params.get("accessories", "")) for notice in
                 result.warnings if notice.code == "accessories"), "")
