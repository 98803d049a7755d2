"""The patron's own screen (F4, then Enter on a patron): a header with the photo, large, the
name, card, category, expiry and standing (blocked, expired, owes, overdue), and eight tabs —
Loans (renew from here), Holds (cancel), Charges (pay or waive on the Fines screen), Requests
(deliveries between locations, missing-book searches, withdrawn-area retrievals), Messages,
History (returned loans, a page at a time), Proxies (register, end) and Activity (the newest
50 events of the audit log naming the patron: checkouts, holds, payments, refusals, overrides).

Keys: Alt+1 … Alt+8 or Ctrl+Tab / Ctrl+Shift+Tab between the tabs, Esc back to the search. A
scanned card opens that patron; a scanned item on loan to this patron is selected on Loans.

Every read is one background task (``load_record``, then ``loan_history`` for older pages) and
every change goes through ``context.circulation`` on the worker; after a change the record is
read again and the other screens holding the patron are told (``patron_changed``). The photo's
buttons are ``desk.ui.photo_actions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused, Library
from desk.circulation.charges import charge_detail, kind_name
from desk.circulation.queries import HistoryEvent, PatronSummary, patron_history, patron_summary
from desk.circulation.queries.patron_record import (HistoryPage, PatronMessage, ProxyRow,
                                                    ReturnedLoan, loan_history, patron_messages,
                                                    patron_proxies)
from desk.circulation.queries.patron_requests import PatronRequestRow, patron_requests
from desk.circulation.requests.cancel import RequestCancelled
from desk.circulation.requests.deliveries import DeliveryRefund
from desk.receipts.delivery_slips import refund_receipt
from desk.ui.cancel_request_dialog import CANCEL_KEY, CancelRequestDialog, cancel_sound
from desk.ui.context import DeskContext
from desk.ui.formatting import date_text, due_text, is_patron_code, local, money
from desk.ui.override import OverrideDialog
from desk.ui.photo_actions import PhotoActions
from desk.ui.delivery_dialog import DeliveryDialog
from desk.ui.project_books_dialog import ProjectBooksDialog
from desk.ui.proxy_dialog import ProxyDialog
from desk.ui.screens.money_widgets import device_receipt_slip
from desk.ui.widgets.patron_photo import PatronPhoto
from desk.ui.widgets.tables import fill_table, make_table, selected_rows
from desk.wording import (action_name, hold_status_name, outcome_name, pull_kind_name,
                          reason_names, request_status_name)

PHOTO_SIZE = (200, 250)
LOANS, HOLDS, CHARGES, REQUESTS, MESSAGES, HISTORY, PROXIES, ACTIVITY = range(8)
OVERDUE_TEXT = QColor("#82071e")


@dataclass(frozen=True)
class PatronRecord:
    """Everything the patron screen shows, read on the worker thread."""

    summary: PatronSummary
    history: HistoryPage
    messages: list[PatronMessage]
    proxies: list[ProxyRow]
    activity: list[HistoryEvent]
    requests: list[PatronRequestRow]


def load_record(library: Library, barcode: str, desk: str) -> PatronRecord:
    """On the worker thread: the header and every tab (history: its first page)."""
    summary = patron_summary(library, barcode, desk=desk)
    return PatronRecord(summary, loan_history(library, summary.barcode),
                        patron_messages(library, summary.barcode),
                        patron_proxies(library, summary.barcode),
                        patron_history(library, summary.barcode),
                        patron_requests(library, summary.barcode))


class PatronRecordView(QWidget):
    """One patron's record. ``closed``: Esc, back to the search; ``checkout_requested(card)``;
    ``fines_requested(card, charge ids, "pay" or "waive")``: the Fines screen's own payment
    and waiver, with this patron and these charges."""

    closed = Signal()
    checkout_requested = Signal(str)
    fines_requested = Signal(str, list, str)
    loaded = Signal(str)            # the card, once a record is on screen

    def __init__(self, context: DeskContext, mode_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.mode_key = mode_key
        self.setObjectName("patronRecord")
        self.record: PatronRecord | None = None
        self.history: list[ReturnedLoan] = []
        self.history_total = 0
        self.history_after: tuple[datetime, int] | None = None
        self.dialog: QWidget | None = None
        self._build_header()
        self._build_tabs()
        self.status = QLabel()
        self.status.setObjectName("recordStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._keys()
        self._enable()

    # --- building --------------------------------------------------------------------------
    def _build_header(self) -> None:
        self.photo = PatronPhoto(*PHOTO_SIZE)
        self.name = QLabel()
        self.name.setObjectName("recordName")
        self.name.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.card, self.category, self.expiry = QLabel(), QLabel(), QLabel()
        self.contact = QLabel()
        self.standing = QLabel()
        self.standing.setObjectName("recordStanding")
        self.standing.setWordWrap(True)
        for label in (self.name, self.card, self.category, self.expiry, self.contact,
                      self.standing):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photo_actions = PhotoActions(self.context, self)
        self.photo_actions.said.connect(self._say)
        self.photo_actions.saved.connect(lambda: self._done(self.tr("Photo saved.")))
        self.photo_actions.failed.connect(self._failed)
        self.checkout_button = QPushButton(self.tr("Check out to this patron (F1)"))
        self.checkout_button.setObjectName("checkoutThisPatron")
        self.checkout_button.clicked.connect(self._checkout)
        self.back_button = QPushButton(self.tr("Back to search (Esc)"))
        self.back_button.setObjectName("backToSearch")
        self.back_button.clicked.connect(self.closed.emit)
        facts = QGridLayout()
        facts.addWidget(self.name, 0, 0, 1, 2)
        facts.addWidget(self.card, 1, 0)
        facts.addWidget(self.category, 1, 1)
        facts.addWidget(self.expiry, 2, 0)
        facts.addWidget(self.contact, 2, 1)
        facts.addWidget(self.standing, 3, 0, 1, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.checkout_button)
        actions.addStretch(1)
        actions.addWidget(self.back_button)
        column = QVBoxLayout()
        column.addLayout(facts)
        column.addStretch(1)
        column.addLayout(actions)
        # The photo's buttons under the photo: the header then fits 1280 px in either language.
        portrait = QVBoxLayout()
        portrait.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        portrait.addWidget(self.photo_actions.file_button)
        portrait.addWidget(self.photo_actions.camera_button)
        self.header = QHBoxLayout()
        self.header.addLayout(portrait)
        self.header.addLayout(column, 1)

    def _build_tabs(self) -> None:
        self.loans = make_table("recordLoans", [
            self.tr("Barcode"), self.tr("Title"), self.tr("Due"), self.tr("Renewals"),
            self.tr("Fine if returned now")], 1, single=True, fit=True)
        self.renew_button = self._button(self.tr("Renew selected (Ctrl+R)"), "renewSelected",
                                         lambda: self.renew(self._selected_loans()))
        self.renew_all_button = self._button(self.tr("Renew all"), "renewAll",
                                             lambda: self.renew(self._all_loans()))
        self.holds = make_table("recordHolds", [
            self.tr("Title"), self.tr("Status"), self.tr("Pickup at"), self.tr("Placed"),
            self.tr("Pick up by"), self.tr("Item")], 0, single=True, fit=True)
        self.cancel_button = self._button(self.tr("Cancel hold… (Del)"), "cancelHold",
                                          self.ask_cancel_hold)
        self.charges = make_table("recordCharges", [
            self.tr("Date"), self.tr("Kind"), self.tr("Description"), self.tr("Amount"),
            self.tr("Outstanding")], 2, fit=True)
        self.pay_button = self._button(self.tr("Pay on the Fines screen (F11)"), "payCharges",
                                       lambda: self._to_fines("pay"))
        self.waive_button = self._button(self.tr("Waive selected…"), "waiveCharges",
                                         lambda: self._to_fines("waive"))
        self.requests = make_table("recordRequests", [
            self.tr("Requested"), self.tr("Kind"), self.tr("Item"), self.tr("Title"),
            self.tr("Where"), self.tr("Status"), self.tr("Act or pick up by")], 3,
            single=True, fit=True)
        self.delivery_button = self._button(self.tr("Request a delivery… (Ctrl+Shift+D)"),
                                            "deliveryRequest", self.ask_delivery)
        self.refund_button = self._button(self.tr("Refund the selected delivery's fee"),
                                          "refundDelivery", self.refund_delivery)
        self.cancel_request_button = self._button(
            self.tr("Cancel the selected request… (%1)").replace("%1", QKeySequence(
                CANCEL_KEY).toString(QKeySequence.SequenceFormat.NativeText)),
            "cancelRequest", self.ask_cancel_request)
        self.messages = make_table("recordMessages", [
            self.tr("Kind"), self.tr("Message"), self.tr("By"), self.tr("Date")], 1, fit=True)
        self.history_table = make_table("recordHistory", [
            self.tr("Returned"), self.tr("Item"), self.tr("Title"), self.tr("Borrowed"),
            self.tr("Due"), self.tr("Renewals")], 2, single=True, fit=True)
        self.history_count = QLabel()
        self.history_count.setObjectName("historyCount")
        self.older_button = self._button(self.tr("Show older"), "olderHistory",
                                         self.load_older)
        self.proxies = make_table("recordProxies", [
            self.tr("Authorisation"), self.tr("Name"), self.tr("Card"), self.tr("Until"),
            self.tr("Note")], 4, single=True, fit=True)
        self.add_proxy_button = self._button(self.tr("Register a proxy…"), "addProxy",
                                             self.ask_add_proxy)
        self.end_proxy_button = self._button(self.tr("End selected"), "endProxy",
                                             self.ask_end_proxy)
        self.activity = make_table("recordActivity", [
            self.tr("When"), self.tr("What"), self.tr("Outcome"), self.tr("Item"),
            self.tr("Title"), self.tr("Staff"), self.tr("Reason")], 4, single=True, fit=True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("recordTabs")
        pages: list[tuple[QTableWidget, list[QWidget]]] = [
            (self.loans, [self.renew_button, self.renew_all_button]),
            (self.holds, [self.cancel_button]),
            (self.charges, [self.pay_button, self.waive_button]),
            (self.requests, [self.delivery_button, self.refund_button,
                             self.cancel_request_button]),
            (self.messages, []),
            (self.history_table, [self.history_count, self.older_button]),
            (self.proxies, [self.add_proxy_button, self.end_proxy_button]),
            (self.activity, []),
        ]
        for index, (table, below) in enumerate(pages):
            page = QWidget()
            box = QVBoxLayout(page)
            box.addWidget(table, 1)
            if below:
                row = QHBoxLayout()
                for widget in below:
                    row.addWidget(widget)
                row.addStretch(1)
                box.addLayout(row)
            self.tabs.addTab(page, "")
            self.tabs.setTabToolTip(index, f"Alt+{index + 1}")
        self.tabs.currentChanged.connect(lambda _index: self.focus_tab())
        self._tab_titles(None)

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _keys(self) -> None:
        def key(sequence: str | QKeySequence, slot: Callable[[], None], what: str) -> None:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setWhatsThis(what)                        # the key help (Shift+F1)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        for index in range(self.tabs.count()):
            key(f"Alt+{index + 1}", lambda index=index: self.tabs.setCurrentIndex(index),
                self.tr("Show the tab %1").replace("%1", self.tabs.tabText(index)))
        key("Ctrl+Tab", lambda: self.step_tab(1), self.tr("Next tab"))
        key("Ctrl+Shift+Tab", lambda: self.step_tab(-1), self.tr("Previous tab"))
        key("Ctrl+Backtab", lambda: self.step_tab(-1), self.tr("Previous tab"))
        key("Esc", self.closed.emit, self.tr("Back to the search"))
        key("Ctrl+R", lambda: self.renew(self._selected_loans()),
            self.tr("Renew the selected loans"))
        key("Ctrl+Shift+D", self.ask_delivery, self.tr("Request a delivery from another location"))
        key("Ctrl+Shift+P", self.ask_project_books,
            self.tr("Research-project books ready for this patron"))
        key(CANCEL_KEY, self.ask_cancel_request,
            self.tr("Cancel the selected search or withdrawn-area request"))
        # Delete on the Holds and Proxies lists (item views keep Delete from shortcuts).
        for table in (self.holds, self.proxies):
            table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete and watched in (self.holds, self.proxies)):
            self._delete_key()
            return True
        return super().eventFilter(watched, event)

    def step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def focus_tab(self) -> None:
        table = self.tabs.currentWidget().findChild(QTableWidget)
        if table is not None and self.isVisible():
            table.setFocus()
            if table.rowCount() and not selected_rows(table):
                table.selectRow(max(table.currentRow(), 0))

    def _delete_key(self) -> None:
        if self.tabs.currentIndex() == HOLDS:
            self.ask_cancel_hold()
        elif self.tabs.currentIndex() == PROXIES:
            self.ask_end_proxy()

    # --- loading ---------------------------------------------------------------------------
    @property
    def barcode(self) -> str | None:
        return self.record.summary.barcode if self.record is not None else None

    def open(self, barcode: str, *, on_error: Callable[[BaseException], None] | None = None) -> None:
        desk = self.context.circulation.desk_code
        self.context.tasks.run(load_record, self.context.library, barcode, desk,
                               on_done=self.show_record, on_error=on_error or self._failed)

    def reload(self) -> None:
        if self.barcode is not None:
            self.open(self.barcode)

    def clear(self) -> None:
        self.record = None
        self.photo.clear()
        for label in (self.name, self.card, self.category, self.expiry, self.contact,
                      self.standing, self.status, self.history_count):
            label.clear()
        for table in (self.loans, self.holds, self.charges, self.requests, self.messages,
                      self.history_table, self.proxies, self.activity):
            table.setRowCount(0)
        self.history, self.history_after, self.history_total = [], None, 0
        self._tab_titles(None)
        self._enable()

    def show_record(self, record: PatronRecord) -> None:
        same_patron = self.barcode == record.summary.barcode
        self.record = record
        summary = record.summary
        library = self.context.library
        self.photo.show_photo(summary.photo)
        self.name.setText(summary.name)
        self.card.setText(self.tr("Card: %1").replace("%1", summary.barcode))
        self.category.setText(self.tr("Category: %1").replace("%1", summary.category_name))
        self.expiry.setText(self.tr("Expires: %1").replace(
            "%1", date_text(summary.expires_on) or self.tr("no expiry")))
        self.expiry.setProperty("alert", summary.expired)
        self.contact.setText(" · ".join(filter(None, [summary.department, summary.email,
                                                      summary.phone])))
        self._show_standing(summary)
        self._show_loans(summary)
        fill_table(self.holds, [[
            hold.title, hold_status_name(hold.status), hold.pickup_location,
            date_text(local(library, hold.placed_at).date()),
            due_text(library, hold.shelf_expires_at, hourly=False)
            if hold.shelf_expires_at else "", hold.item_barcode or ""]
            for hold in summary.holds])
        fill_table(self.charges, [[
            date_text(local(library, charge.created_at).date()), kind_name(charge.kind),
            charge_detail(charge.kind, charge.description, fine=charge.fine),
            money(library, charge.amount), money(library, charge.outstanding)]
            for charge in summary.charges])
        self._show_requests(record.requests)
        fill_table(self.messages, [[
            self._message_kind(message.kind), message.text, message.author or "",
            f"{local(library, message.at):%Y-%m-%d %H:%M}" if message.at else ""]
            for message in record.messages])
        self.history, self.history_after = [], None      # the first page again
        self.history_table.setRowCount(0)
        self.history_total = record.history.total or 0
        self._append_history(record.history)
        self._show_proxies(record.proxies)
        fill_table(self.activity, [[
            f"{local(library, event.at):%Y-%m-%d %H:%M}", action_name(event.action),
            outcome_name(event.outcome)
            + (f" ({reason_names(event.codes.split(','))})" if event.codes else ""),
            event.item_barcode or "", event.title or "", event.staff_name or "",
            event.reason or ""] for event in record.activity])
        self._tab_titles(record)
        if not same_patron:
            self.tabs.setCurrentIndex(LOANS)
            self.status.clear()
        self._enable()
        self.focus_tab()
        self.loaded.emit(summary.barcode)

    def _show_standing(self, summary: PatronSummary) -> None:
        problems = [notice.message for notice in summary.block_reasons]
        if summary.balance and not any(n.code == "patron_owes_fines"
                                       for n in summary.block_reasons):
            problems.append(self.tr("Owes %1.").replace("%1", money(self.context.library,
                                                                     summary.balance)))
        if summary.overdue_count and not any(n.code == "patron_has_overdue"
                                             for n in summary.block_reasons):
            problems.append(self.tr("%1 overdue item(s).").replace(
                "%1", str(summary.overdue_count)))
        self.standing.setText("\n".join(f"⚠ {text}" for text in problems)
                              if problems else self.tr("In good standing: may borrow."))
        self.standing.setProperty("alert", bool(problems))
        self.standing.style().unpolish(self.standing)
        self.standing.style().polish(self.standing)

    def _show_loans(self, summary: PatronSummary) -> None:
        library = self.context.library
        fill_table(self.loans, [[
            loan.item_barcode, loan.title,
            due_text(library, loan.due_at, hourly=loan.hourly)
            + (" " + self.tr("(overdue)") if loan.overdue else ""),
            str(loan.renewals), money(library, loan.accruing_fine) if loan.accruing_fine else ""]
            for loan in summary.loans])
        for row, loan in enumerate(summary.loans):
            if loan.overdue:
                for column in range(self.loans.columnCount()):
                    cell = self.loans.item(row, column)
                    cell.setForeground(QBrush(OVERDUE_TEXT))
                    cell.setData(Qt.ItemDataRole.UserRole, "overdue")

    def _show_requests(self, requests: list[PatronRequestRow]) -> None:
        library = self.context.library
        fill_table(self.requests, [[
            date_text(local(library, request.requested_at).date()),
            pull_kind_name(request.kind), request.item_barcode, request.title, request.where,
            request_status_name(request.kind, request.status),
            f"{local(library, request.deadline):%Y-%m-%d}" if request.deadline else ""]
            for request in requests])
        for row, request in enumerate(requests):
            if not request.open:        # closed ones in grey: the open ones are what matter
                for column in range(self.requests.columnCount()):
                    self.requests.item(row, column).setForeground(QBrush(QColor("#57606a")))

    def _message_kind(self, kind: str) -> str:
        return {"block": self.tr("Block"), "message": self.tr("Message")}.get(kind, kind)

    def _show_proxies(self, proxies: list[ProxyRow]) -> None:
        me = self.barcode
        rows = []
        for proxy in proxies:
            if proxy.patron_barcode == me:
                rows.append([self.tr("May borrow for this patron"), proxy.proxy_name,
                             proxy.proxy_barcode])
            else:
                rows.append([self.tr("This patron may borrow for"), proxy.patron_name,
                             proxy.patron_barcode])
            rows[-1] += [date_text(proxy.valid_until) or self.tr("until ended"),
                         proxy.note or ""]
        fill_table(self.proxies, rows)

    def _tab_titles(self, record: PatronRecord | None) -> None:
        library = self.context.library
        summary = record.summary if record else None
        titles = [
            self.tr("Loans (%1)").replace("%1", str(summary.loans_count if summary else 0)),
            self.tr("Holds (%1)").replace("%1", str(summary.holds_count if summary else 0)),
            self.tr("Charges (%1)").replace("%1", money(library, summary.balance if summary
                                                        else 0)),
            self.tr("Requests (%1)").replace("%1", str(sum(r.open for r in record.requests)
                                                       if record else 0)),
            self.tr("Messages (%1)").replace("%1", str(len(record.messages) if record else 0)),
            self.tr("History (%1)").replace("%1", f"{self.history_total:,}"),
            self.tr("Proxies (%1)").replace("%1", str(len(record.proxies) if record else 0)),
            self.tr("Activity"),
        ]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, f"{index + 1} {title}")

    # --- history, a page at a time ------------------------------------------------------------
    def _append_history(self, page: HistoryPage) -> None:
        library = self.context.library
        start = self.history_table.rowCount()
        self.history_table.setRowCount(start + len(page.loans))
        late = self.tr("late")
        for offset, loan in enumerate(page.loans):
            values = [f"{local(library, loan.returned_at):%Y-%m-%d %H:%M}"
                      + (f" ({late})" if loan.late else ""),
                      loan.item_barcode, loan.title, date_text(local(library, loan.out_at).date()),
                      due_text(library, loan.due_at, hourly=loan.hourly), str(loan.renewals)]
            for column, value in enumerate(values):
                self.history_table.setItem(start + offset, column, QTableWidgetItem(value))
        self.history.extend(page.loans)
        self.history_after = page.after
        self.history_count.setText(self.tr("%1 of %2 returned loans")
                                   .replace("%1", f"{len(self.history):,}")
                                   .replace("%2", f"{self.history_total:,}"))
        self.older_button.setEnabled(page.after is not None)

    def load_older(self) -> None:
        if self.history_after is None or self.barcode is None:
            return
        self.older_button.setEnabled(False)
        library, barcode, after = self.context.library, self.barcode, self.history_after
        self.context.tasks.run(lambda: loan_history(library, barcode, after=after),
                               on_done=lambda page: self._older(barcode, page),
                               on_error=self._failed)

    def _older(self, barcode: str, page: HistoryPage) -> None:
        if barcode == self.barcode:           # still the same patron on screen
            self._append_history(page)

    # --- scans -----------------------------------------------------------------------------
    def handle_scan(self, code: str) -> bool:
        """A scan while the record is shown: an item this patron has out is selected on the
        Loans tab (True); anything else is for the caller (False). While the delivery
        request form is open, its scans are books for the form."""
        if isinstance(self.dialog, (DeliveryDialog, ProjectBooksDialog)) \
                and self.dialog.isVisible():
            self.dialog.take_scan(code)
            return True
        if self.record is None or is_patron_code(self.context.config, code):
            return False
        for row, loan in enumerate(self.record.summary.loans):
            if loan.item_barcode == code:
                self.tabs.setCurrentIndex(LOANS)
                self.loans.selectRow(row)
                self.loans.setFocus()
                return True
        return False

    # --- loans: renew ------------------------------------------------------------------------
    def _selected_loans(self) -> list[str]:
        if self.record is None:
            return []
        loans = self.record.summary.loans
        return [loans[row].item_barcode for row in selected_rows(self.loans) if row < len(loans)]

    def _all_loans(self) -> list[str]:
        return [loan.item_barcode for loan in self.record.summary.loans] if self.record else []

    def renew(self, barcodes: list[str], override: Any = None) -> None:
        if not barcodes:
            self._say(self.tr("Select a loan to renew."), "warning")
            return
        circulation = self.context.circulation

        def work() -> list[tuple[str, Any]]:
            done: list[tuple[str, Any]] = []
            for barcode in barcodes:
                try:
                    done.append((barcode, circulation.renew(barcode, override=override)))
                except CirculationRefused as refused:
                    done.append((barcode, refused))
            return done
        self.context.tasks.run(work, on_done=self._renewed, on_error=self._failed)

    def _renewed(self, outcomes: list[tuple[str, Any]]) -> None:
        library = self.context.library
        lines, refused = [], []
        for barcode, outcome in outcomes:
            if isinstance(outcome, CirculationRefused):
                refused.append((barcode, outcome))
                lines.append(self.tr("%1 not renewed: %2").replace("%1", barcode)
                             .replace("%2", str(outcome)))
            else:
                lines.append(self.tr("%1 renewed, due %2").replace("%1", barcode).replace(
                    "%2", due_text(library, outcome.due_at, hourly=False)))
        self.status.setText("\n".join(lines))
        self.context.messages.sound.emit("error.renew" if refused else "info.renew")
        if len(refused) < len(outcomes):
            self._changed()
        overridable = [(barcode, error) for barcode, error in refused
                       if error.reasons and all(n.overridable for n in error.reasons)]
        if overridable:
            codes = sorted({n.code for _b, e in overridable for n in e.reasons})
            reasons = [f"{b}: {e}" for b, e in overridable]
            dialog = OverrideDialog(self.context, codes, reasons, self)
            dialog.granted.connect(
                lambda granted: self.renew([b for b, _e in overridable], granted))
            self.dialog = dialog
            dialog.open()

    # --- holds: cancel ----------------------------------------------------------------------
    def ask_cancel_hold(self) -> None:
        if self.record is None:
            return
        holds = self.record.summary.holds
        rows = [row for row in selected_rows(self.holds) if row < len(holds)]
        if not rows:
            self._say(self.tr("Select a hold to cancel."), "warning")
            return
        hold = holds[rows[0]]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Cancel hold"),
                          self.tr("Cancel the hold on %1?").replace("%1", hold.title),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("cancelHoldQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self._cancel_hold(hold.hold_id, hold.title))
        self.dialog = box
        box.open()

    def _cancel_hold(self, hold_id: int, title: str) -> None:
        circulation = self.context.circulation
        self.context.tasks.run(circulation.cancel_hold, hold_id, on_done=lambda _none: self._done(
            self.tr("Hold on %1 cancelled.").replace("%1", title)), on_error=self._failed)

    # --- charges: to the Fines screen --------------------------------------------------------
    def _to_fines(self, action: str) -> None:
        if self.record is None:
            return
        charges = self.record.summary.charges
        chosen = [charges[row].charge_id for row in selected_rows(self.charges)
                  if row < len(charges)]
        if action == "waive" and not chosen:
            self._say(self.tr("Select the charges to waive."), "warning")
            return
        self.fines_requested.emit(self.record.summary.barcode, chosen, action)

    # --- delivery requests (SOP 5.3.9) --------------------------------------------------------
    def ask_delivery(self) -> DeliveryDialog | None:
        """Ctrl+Shift+D: the delivery request form (F-K08-042) for the patron shown."""
        if self.record is None:
            return None
        dialog = DeliveryDialog(self.context, self.record.summary.barcode,
                                self.record.summary.name, self)
        dialog.requested.connect(lambda receipt: self._done(
            self.tr("Delivery requested: temporary receipt %1 printed.").replace("%1", receipt)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def ask_project_books(self) -> ProjectBooksDialog | None:
        """Ctrl+Shift+P: the research-project books ready for the patron shown (SOP 5.3.8.1)."""
        if self.record is None:
            return None
        dialog = ProjectBooksDialog(self.context, self.record.summary.barcode,
                                    self.record.summary.name, self)
        dialog.ready.connect(lambda ready: self._done(self.tr(
            "%1 book(s) kept on the holds shelf until %2; the patron is e-mailed.").replace(
            "%1", str(len(ready.item_barcodes))).replace(
            "%2", f"{local(self.context.library, ready.held_until):%Y-%m-%d}")))
        self.dialog = dialog
        dialog.open()
        return dialog

    def refund_delivery(self) -> bool:
        """Pay back the fee of the selected delivery that could not be met (SOP 5.3.9, within
        its refund period); the refund receipt prints and the drawer opens for cash."""
        requests = self.record.requests if self.record is not None else []
        rows = selected_rows(self.requests)
        chosen = requests[rows[0]] if rows and rows[0] < len(requests) else None
        if chosen is None or chosen.kind != "delivery" or chosen.status != "failed":
            self._say(self.tr("Select a delivery that could not be met to refund its fee."),
                      "warning")
            return False
        self.context.tasks.run(self.context.circulation.refund_delivery, chosen.request_id,
                               on_done=self._refunded, on_error=self._failed)
        return True

    def ask_cancel_request(self) -> CancelRequestDialog | None:
        """Cancel the selected search or withdrawn-area request the patron no longer wants,
        asking the reason (from another tab: the Requests tab is shown to choose from)."""
        requests = self.record.requests if self.record is not None else []
        rows = selected_rows(self.requests)
        chosen = requests[rows[0]] if rows and rows[0] < len(requests) else None
        if self.tabs.currentIndex() != REQUESTS:
            chosen = None           # from another tab: show the list to choose from first
            self.tabs.setCurrentIndex(REQUESTS)
        if chosen is None or chosen.kind == "delivery" or self.record is None:
            self._say(self.tr("Select a missing-book search or a withdrawn-area request to "
                              "cancel."), "warning")
            return None
        summary = self.record.summary
        dialog = CancelRequestDialog(self.context, chosen.kind, chosen.request_id,
                                     chosen.item_barcode, chosen.title,
                                     f"{summary.name} ({summary.barcode})", self)
        dialog.cancelled.connect(self._request_cancelled)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _request_cancelled(self, outcome: RequestCancelled) -> None:
        self._say(outcome.instruction, "info" if outcome.put_back == "none" else "warning")
        self.context.messages.sound.emit(cancel_sound(outcome))
        self._changed()

    def _refunded(self, refund: DeliveryRefund) -> None:
        library = self.context.library
        if refund.method == "cash":
            self.context.open_drawer()
        self.context.slips.print_slip(device_receipt_slip(refund_receipt(
            refund, currency=library.policy.currency)))
        self._done(self.tr("Delivery fee refunded: %1 (receipt %2).").replace(
            "%1", money(library, refund.amount)).replace("%2", refund.receipt_no))

    # --- proxies ---------------------------------------------------------------------------
    def ask_add_proxy(self) -> None:
        if self.record is None:
            return
        dialog = ProxyDialog(self.context, self.record.summary.barcode,
                             self.record.summary.name, self)
        dialog.added.connect(lambda _id: self._done(self.tr("Proxy registered.")))
        self.dialog = dialog
        dialog.open()

    def ask_end_proxy(self) -> None:
        if self.record is None:
            return
        rows = [row for row in selected_rows(self.proxies) if row < len(self.record.proxies)]
        if not rows:
            self._say(self.tr("Select the authorisation to end."), "warning")
            return
        proxy = self.record.proxies[rows[0]]
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("End proxy"),
                          self.tr("End the authorisation of %1 to borrow for %2?")
                          .replace("%1", proxy.proxy_name).replace("%2", proxy.patron_name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("endProxyQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self.context.tasks.run(
            self.context.circulation.end_proxy, proxy.proxy_id,
            on_done=lambda _none: self._done(self.tr("Proxy authorisation ended.")),
            on_error=self._failed))
        self.dialog = box
        box.open()

    # --- outcomes --------------------------------------------------------------------------
    def _checkout(self) -> None:
        if self.barcode is not None:
            self.checkout_requested.emit(self.barcode)

    def _done(self, text: str) -> None:
        self._say(text, "info")
        self.context.messages.sound.emit("info.patron")
        self._changed()

    def _changed(self) -> None:
        """The record changed here: read it again, and tell the other screens."""
        if self.barcode is not None:
            self.context.messages.patron_changed.emit(self.barcode, self.mode_key)
            self.reload()

    def _say(self, text: str, level: str) -> None:
        self.status.setText(text)
        getattr(self.context.messages, level).emit(text)

    def _failed(self, error: BaseException) -> None:
        text = str(error) or type(error).__name__
        self.status.setText(text)
        self.context.messages.error.emit(text)
        code = error.codes[0] if isinstance(error, CirculationRefused) and error.codes else ""
        self.context.messages.sound.emit("error.patron" + (f".{code}" if code else ""))

    def _enable(self) -> None:
        has = self.record is not None
        summary = self.record.summary if self.record else None
        self.checkout_button.setEnabled(has)
        self.delivery_button.setEnabled(has)
        self.photo_actions.set_patron(self.barcode)
        self.renew_button.setEnabled(bool(summary and summary.loans))
        self.renew_all_button.setEnabled(bool(summary and summary.loans))
        self.cancel_button.setEnabled(bool(summary and summary.holds))
        self.pay_button.setEnabled(bool(summary and summary.balance > 0))
        self.waive_button.setEnabled(bool(summary and summary.charges))
        self.add_proxy_button.setEnabled(has)
        self.end_proxy_button.setEnabled(bool(self.record and self.record.proxies))
        self.older_button.setEnabled(self.history_after is not None)
