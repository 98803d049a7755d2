"""Fines & payments (F11): scan a patron card; see every charge with its origin, what cannot be
collected yet (a fine still accruing, or the replacement bill of a long-overdue or lost item),
and the balance. Take a full or partial payment (cash with change, EasyCard, other configured
methods) and print the numbered receipt; waive a charge or void a receipt with a supervisor and
a written reason; add a card deposit or inter-library fee; declare a loan lost and settle it by
a replacement copy or by paying the price. Every circulation call goes through ``context.tasks``.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.circulation.charges import DESK_FEES, charge_detail, kind_name, method_name
from desk.circulation.queries import PatronSummary, item_status, patron_summary
from desk.circulation.queries.charges import ChargeLine, PatronCharges, patron_charges
from desk.circulation.queries.money import desk_day_status, payment_receipt
from desk.receipts.payment_slip import receipt_slip
from desk.ui.context import DeskContext
from desk.ui.formatting import due_text, is_item_code, is_patron_code, local, money
from desk.ui.screen import Screen
from desk.ui.screens.money_widgets import (AddFeeDialog, PaymentPanel, device_receipt_slip,
                                           supervisor_dialog)
from desk.ui.widgets.tables import fill_table, make_table, selected_rows


def load_patron(library, code: str, desk: str,  # noqa: ANN001
                kind: str = "patron") -> tuple[PatronCharges, PatronSummary]:
    """On the worker thread: the patron's charges and loans. ``kind`` is patron, item (its
    borrower is shown) or either (a card if some patron has it, else an item)."""
    if kind == "either":
        try:
            return load_patron(library, code, desk, "patron")
        except CirculationRefused as refused:
            if refused.codes != ["patron_not_found"]:
                raise
            kind = "item"
    if kind == "item":
        status = item_status(library, code)
        if status.borrower_barcode is None:
            raise CirculationRefused.one("item_not_on_loan", barcode=status.barcode)
        code = status.borrower_barcode
    return (patron_charges(library, code, desk=desk),
            patron_summary(library, code, desk=desk))


class FinesScreen(Screen):
    mode_key = "fines"
    shortcut = "F11"
    title_text = QT_TRANSLATE_NOOP("FinesScreen", "Fines && payments")
    carries_patron = True

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.charges: PatronCharges | None = None
        self.summary: PatronSummary | None = None
        self.dialog: QWidget | None = None
        # What to do once the patron asked for by ``open_for`` is shown: (charge ids, action).
        self._then: tuple[list[int], str] | None = None
        self.scan = QLineEdit()
        self.scan.setObjectName("scanField")
        self.scan.setPlaceholderText(self.tr("Scan a patron card, or a borrowed item"))
        self.scan.returnPressed.connect(lambda: self.handle_scan(self.scan.text()))
        self.patron = QLabel(self.tr("No patron"))
        self.patron.setObjectName("finesPatron")
        self.balance = QLabel()
        self.balance.setObjectName("finesBalance")
        self.balance.setStyleSheet("font-size: 18pt; font-weight: bold;")
        header = QHBoxLayout()
        header.addWidget(self.patron, 1)
        header.addWidget(self.balance)
        self.table = make_table("chargesTable", [
            self.tr("Fee"), self.tr("Item"), self.tr("Due"), self.tr("Returned"), self.tr("Late"),
            self.tr("Amount"), self.tr("Paid"), self.tr("Waived"), self.tr("Owed"),
            self.tr("Details")], stretch=9)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.pending = make_table("pendingTable", [
            self.tr("Not collectable now"), self.tr("Item"), self.tr("Title"), self.tr("Due"),
            self.tr("Days overdue"), self.tr("Amount"), self.tr("Deadline"), self.tr("Note")],
            stretch=7)
        self.loans = make_table("loansTable", [
            self.tr("Item"), self.tr("Title"), self.tr("Due"), self.tr("Status")], stretch=1)
        self.receipts = make_table("receiptsTable", [
            self.tr("Receipt"), self.tr("Paid at"), self.tr("Method"), self.tr("Amount"),
            self.tr("Status"), self.tr("Booked to")], stretch=0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("finesTabs")
        self.tabs.addTab(self.pending, self.tr("Not collectable"))
        self.tabs.addTab(self._loans_tab(), self.tr("Loans && lost items"))
        self.tabs.addTab(self._receipts_tab(), self.tr("Receipts"))
        self.payment = PaymentPanel(context.library, list(context.library.policy.payment_methods))
        self.payment.pay_requested.connect(self.take_payment)
        self.waive_button = QPushButton(self.tr("&Waive selected…"))
        self.waive_button.setObjectName("waiveButton")
        self.waive_button.clicked.connect(self.request_waiver)
        self.fee_button = QPushButton(self.tr("Add &fee…"))
        self.fee_button.setObjectName("addFeeButton")
        self.fee_button.clicked.connect(self.request_fee)
        self.status = QLabel()
        self.status.setObjectName("finesStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.waive_button)
        buttons.addWidget(self.fee_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scan)
        layout.addLayout(header)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.payment)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._enable()

    def _loans_tab(self) -> QWidget:
        tab = QWidget()
        self.lost_button = QPushButton(self.tr("Declare &lost"))
        self.lost_button.setObjectName("declareLost")
        self.replace_button = QPushButton(self.tr("Settle: replacement copy"))
        self.replace_button.setObjectName("settleReplacement")
        self.price_button = QPushButton(self.tr("Settle: pay the price"))
        self.price_button.setObjectName("settlePayment")
        self.lost_button.clicked.connect(self.declare_lost)
        self.replace_button.clicked.connect(lambda: self.settle_lost("replacement"))
        self.price_button.clicked.connect(lambda: self.settle_lost("payment"))
        row = QHBoxLayout()
        for button in (self.lost_button, self.replace_button, self.price_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.loans)
        layout.addLayout(row)
        return tab

    def _receipts_tab(self) -> QWidget:
        tab = QWidget()
        self.void_button = QPushButton(self.tr("&Void receipt…"))
        self.void_button.setObjectName("voidButton")
        self.reprint_button = QPushButton(self.tr("Reprint receipt"))
        self.reprint_button.setObjectName("reprintReceipt")
        self.void_button.clicked.connect(self.request_void)
        self.reprint_button.clicked.connect(lambda: self._print_receipt(self._receipt(), True))
        row = QHBoxLayout()
        row.addWidget(self.void_button)
        row.addWidget(self.reprint_button)
        row.addStretch(1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.receipts)
        layout.addLayout(row)
        return tab

    # --- Screen ----------------------------------------------------------------------------
    def handle_scan(self, code: str) -> None:
        code = code.strip()
        self.scan.clear()
        if code:
            config = self.context.config
            self.load(code, kind="patron" if is_patron_code(config, code) else
                      "item" if is_item_code(config, code) else "either")

    def activate(self) -> None:
        self.scan.setFocus()
        self.refresh_if_stale()

    # --- the patron across screens ------------------------------------------------------------
    def current_patron(self) -> str | None:
        return self.charges.barcode if self.charges is not None else None

    def take_patron(self, card: str) -> None:
        self.load(card)

    def open_for(self, card: str, charge_ids: list[int], action: str) -> None:
        """Show ``card`` with ``charge_ids`` selected, then ``action``: ``pay`` puts the focus
        on the amount to take, ``waive`` asks for the supervisor's waiver (the patron screen's
        Charges tab comes here: payments and waivers are made in one place)."""
        self._then = (list(charge_ids), action)
        self.load(card)

    def reread_patron(self) -> None:
        self.reload()

    def reset(self) -> None:
        self.charges = self.summary = None
        for table in (self.table, self.pending, self.loans, self.receipts):
            table.setRowCount(0)
        self.patron.setText(self.tr("No patron"))
        self.balance.clear()
        self.status.clear()
        self.payment.set_amount(0, 0)
        self._enable()

    # --- loading ---------------------------------------------------------------------------
    def load(self, barcode: str, *, kind: str = "patron") -> None:
        desk = self.context.circulation.desk_code
        self.context.tasks.run(load_patron, self.context.library, barcode, desk, kind,
                               on_done=self.show_patron, on_error=self._failed)
        self.context.tasks.run(desk_day_status, self.context.library, desk,   # closed already?
                               on_done=self.payment.show_day_status, on_error=self._failed)

    def _late_text(self, late: int | None, unit: str | None) -> str:
        if not late:
            return ""
        return (self.tr("%1 day(s)") if unit == "day" else self.tr("%1 hour(s)")).replace(
            "%1", str(late))

    def _detail(self, line: ChargeLine) -> str:
        """An overdue fine's columns already say when and how late; its stored text (written
        in English when charged) is shown only for fees and charges staff described."""
        if line.late is not None:
            return self.tr("capped at the rule's maximum") if line.capped else ""
        return charge_detail(line.kind, line.description, fine=line.fine,
                             item_barcode=line.item_barcode, title=line.title)

    def reload(self) -> None:
        if self.charges is not None:
            self.load(self.charges.barcode)

    def show_patron(self, loaded: tuple[PatronCharges, PatronSummary]) -> None:
        if self.charges is None or self.charges.barcode != loaded[0].barcode:
            self.status.clear()             # the last patron's message is not this one's
        self.charges, self.summary = loaded
        library, charges = self.context.library, loaded[0]
        self.patron.setText(f"{charges.name} ({charges.barcode})")
        self.balance.setText(self.tr("Balance %1").replace("%1", money(library, charges.balance)))
        fill_table(self.table, [[
            line.kind_name, " ".join(filter(None, [line.item_barcode, line.title])),
            line.due or "", line.returned or "",
            self._late_text(line.late, line.late_unit), money(library, line.amount),
            money(library, line.paid), money(library, line.waived),
            money(library, line.outstanding), self._detail(line)]
            for line in charges.lines])
        fill_table(self.pending, [[
            bill.kind_name, bill.item_barcode, bill.title, due_text(library, bill.due_at, hourly=bill.hourly),
            str(bill.days_overdue), money(library, bill.amount),
            bill.deadline.isoformat() if bill.deadline else "", bill.note]
            for bill in charges.pending])
        lost = {bill.item_barcode: bill for bill in charges.pending if bill.kind == "lost_claim"}
        fill_table(self.loans, [[
            loan.item_barcode, loan.title, due_text(library, loan.due_at, hourly=loan.hourly),
            self.tr("lost: compensate by %1").replace("%1", lost[loan.item_barcode].deadline
                                                       .isoformat())
            if loan.item_barcode in lost else (self.tr("overdue") if loan.overdue else "")]
            for loan in loaded[1].loans])
        fill_table(self.receipts, [[
            r.receipt_no, f"{local(library, r.paid_at):%Y-%m-%d %H:%M}", method_name(r.method),
            money(library, r.amount), self.tr("void") if r.voided else "",
            r.business_date.isoformat()] for r in charges.receipts])
        self.payment.set_amount(charges.balance, charges.balance)
        if charges.pending:
            self.tabs.setCurrentIndex(0)
        self._enable()
        if self._then is not None:
            then, self._then = self._then, None
            self._select_then(*then)
        elif charges.balance > 0 and self.isVisible():
            self.payment.focus_tendered()   # the money next: type it, Enter pays

    def _select_then(self, charge_ids: list[int], action: str) -> None:
        if self.charges is None:
            return
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(self.table.SelectionMode.MultiSelection)
        for row, line in enumerate(self.charges.lines):
            if line.charge_id in charge_ids:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)
        if action == "waive":
            self.request_waiver()
        else:
            self.payment.amount.setFocus()
            self.payment.amount.selectAll()

    def _failed(self, error: BaseException) -> None:
        text = str(error) or type(error).__name__
        self.status.setText(text)
        self.context.messages.error.emit(text)
        codes = error.codes if isinstance(error, CirculationRefused) else []
        self.context.messages.sound.emit(f"error.fines.{codes[0]}" if codes else "error.fines")

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.context.messages.info.emit(text)
        self.reload()
        if self.charges is not None:     # the other screens holding this patron refresh
            self.context.messages.patron_changed.emit(self.charges.barcode, self.mode_key)

    # --- payments --------------------------------------------------------------------------
    def _selected_charge_ids(self) -> list[int]:
        if self.charges is None:
            return []
        return [self.charges.lines[i].charge_id for i in selected_rows(self.table)
                if i < len(self.charges.lines)]

    def _selection_changed(self) -> None:
        if self.charges is None:
            return
        chosen = [self.charges.lines[i] for i in selected_rows(self.table)]
        amount = sum(line.outstanding for line in chosen) if chosen else self.charges.balance
        self.payment.set_amount(amount, self.charges.balance)
        self._enable()

    def take_payment(self, amount: int, method: str, tendered: int | None) -> None:
        if self.charges is None:
            return
        barcode, chosen = self.charges.barcode, self._selected_charge_ids()
        self.payment.setEnabled(False)       # a second Enter does not pay twice
        self.context.tasks.run(self._pay, barcode, amount, method, tendered, chosen,
                               on_done=self._paid, on_error=self._payment_failed)

    def _payment_failed(self, error: BaseException) -> None:
        self._enable()
        self._failed(error)

    def _pay(self, barcode: str, amount: int, method: str, tendered: int | None,
             chosen: list[int]) -> object:
        """On the worker thread: pay, then read the receipt back for printing."""
        receipt_no = self.context.circulation.take_payment(barcode, amount, method,
                                                           tendered=tendered, charge_ids=chosen)
        return payment_receipt(self.context.library, receipt_no)

    def _paid(self, receipt) -> None:  # noqa: ANN001
        if receipt.method == "cash":
            self.context.open_drawer()  # the printer's drawer port; failures show in the status bar
        self._print_receipt(receipt, False)
        library = self.context.library
        text = self.tr("Receipt %1: %2 paid by %3").replace("%1", receipt.receipt_no).replace(
            "%2", money(library, receipt.amount)).replace("%3", method_name(receipt.method))
        if receipt.tendered is not None:
            text += " · " + self.tr("change %1").replace("%1", money(library, receipt.change))
        if receipt.business_date != local(library, receipt.paid_at).date():   # after the close
            text += " · " + self.tr("Today is closed: this payment is booked to %1.").replace(
                "%1", receipt.business_date.isoformat())
        self.context.messages.sound.emit("success.payment")
        self._done(text)

    def _receipt(self) -> str | None:
        rows = selected_rows(self.receipts)
        if self.charges is None or not rows:
            self.context.messages.warning.emit(self.tr("Select a receipt."))
            return None
        return self.charges.receipts[rows[0]].receipt_no

    def _print_receipt(self, receipt, reprint: bool) -> None:  # noqa: ANN001
        if receipt is None:
            return
        if isinstance(receipt, str):
            self.context.tasks.run(payment_receipt, self.context.library, receipt,
                                   on_done=lambda r: self._print_receipt(r, reprint),
                                   on_error=self._failed)
            return
        slip = receipt_slip(receipt,
                            currency=self.context.library.policy.currency, reprint=reprint)
        self.context.slips.print_slip(device_receipt_slip(slip))

    # --- supervisor actions ------------------------------------------------------------------
    def request_waiver(self) -> None:
        chosen = self._selected_charge_ids()
        if not chosen:
            self.context.messages.warning.emit(self.tr("Select the charges to waive."))
            return
        dialog = supervisor_dialog(self.context, self.tr("Waive %1 charge(s)").replace(
            "%1", str(len(chosen))), self)
        dialog.granted.connect(lambda override: self.context.tasks.run(
            self._waive, chosen, override, on_done=lambda total: self._done(
                self.tr("Waived %1").replace("%1", money(self.context.library, total))),
            on_error=self._failed))
        self.dialog = dialog
        dialog.open()

    def _waive(self, charge_ids: list[int], override) -> int:  # noqa: ANN001
        return sum(self.context.circulation.waive(charge_id, override.reason,
                                                  supervisor=override.supervisor)
                   for charge_id in charge_ids)

    def request_void(self) -> None:
        receipt_no = self._receipt()
        if receipt_no is None:
            return
        dialog = supervisor_dialog(self.context, self.tr("Void receipt %1").replace(
            "%1", receipt_no), self)
        dialog.granted.connect(lambda override: self.context.tasks.run(
            partial(self.context.circulation.void_payment, receipt_no, override.reason,
                    supervisor=override.supervisor),
            on_done=lambda _: self._done(self.tr("Receipt %1 is void.").replace("%1", receipt_no)),
            on_error=self._failed))
        self.dialog = dialog
        dialog.open()

    def request_fee(self) -> None:
        if self.charges is None:
            return
        dialog = AddFeeDialog([(kind, kind_name(kind)) for kind in DESK_FEES], self)
        barcode = self.charges.barcode
        dialog.accepted.connect(lambda: self._add_fee(barcode, *dialog.values()))
        self.dialog = dialog
        dialog.open()

    def _add_fee(self, barcode: str, kind: str, amount: int, description: str,
                 item: str | None) -> None:
        self.context.tasks.run(
            partial(self.context.circulation.add_charge, barcode, kind, amount, description,
                    item_barcode=item),
            on_done=lambda _: self._done(self.tr("%1 of %2 added.").replace(
                "%1", kind_name(kind)).replace("%2", money(self.context.library, amount))),
            on_error=self._failed)

    # --- lost items --------------------------------------------------------------------------
    def _loan_barcode(self) -> str | None:
        rows = selected_rows(self.loans)
        if self.summary is None or not rows:
            self.context.messages.warning.emit(self.tr("Select a loan."))
            return None
        return self.summary.loans[rows[0]].item_barcode

    def declare_lost(self) -> None:
        barcode = self._loan_barcode()
        if barcode is not None:
            self.context.tasks.run(self.context.circulation.declare_lost, barcode,
                                   on_done=lambda _: self._done(
                                       self.tr("%1 declared lost.").replace("%1", barcode)),
                                   on_error=self._failed)

    def settle_lost(self, how: str) -> None:
        barcode = self._loan_barcode()
        if barcode is not None:
            self.context.tasks.run(self.context.circulation.settle_lost, barcode, how,
                                   on_done=lambda _: self._done(
                                       self.tr("%1 settled: the charges are added.")
                                       .replace("%1", barcode)),
                                   on_error=self._failed)

    def _enable(self) -> None:
        has = self.charges is not None
        self.payment.setEnabled(has and self.charges.balance > 0)
        self.waive_button.setEnabled(has and bool(selected_rows(self.table)))
        self.fee_button.setEnabled(has)
