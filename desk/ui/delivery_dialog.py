"""The delivery request form (圖書代借申請表, F-K08-042) as a dialog of the patron screen:
the patron's card, the items (scanned or typed; one location only), the pickup location and
how the fee is paid. On OK the circulation layer makes a request per item and takes the fees at
once (``request_deliveries``); the temporary receipt (F-K08-034) is printed. A refusal is shown
in the dialog and nothing is saved. Keyboard only: Enter adds an item, Del removes the
selected one, Ctrl+Enter submits."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desk.circulation.charges import method_name
from desk.circulation.queries import locations
from desk.circulation.queries.money import PaymentReceipt, payment_receipt
from desk.circulation.requests.deliveries import DeliveryRequested
from desk.receipts.delivery_slips import temporary_receipt
from desk.ui.context import DeskContext
from desk.ui.screens.money_widgets import device_receipt_slip
from desk.ui.widgets.barcode_list import BarcodeListDialog


class DeliveryDialog(BarcodeListDialog):
    """``requested(str)``: the temporary receipt's number, once the requests are stored."""

    requested = Signal(str)

    def __init__(self, context: DeskContext, patron_barcode: str, patron_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__("delivery", parent)
        self.context = context
        self.patron_barcode = patron_barcode
        self.setObjectName("deliveryDialog")
        self.setWindowTitle(self.tr("Delivery request"))
        policy = context.library.policy
        intro = QLabel(self.tr("Delivery request (form F-K08-042) for %1 (%2): books of ONE "
                               "other location, %3 a book, paid now.")
                       .replace("%1", patron_name).replace("%2", patron_barcode)
                       .replace("%3", policy.money(policy.delivery_fee)))
        intro.setObjectName("deliveryPatron")
        intro.setWordWrap(True)
        self.item.setPlaceholderText(self.tr("Scan or type a book, then Enter"))
        self.pickup = QComboBox()
        self.pickup.setObjectName("deliveryPickup")
        self.method = QComboBox()
        self.method.setObjectName("deliveryMethod")
        for method in policy.payment_methods:
            self.method.addItem(method_name(method), method)
        self.total = QLabel()
        self.total.setObjectName("deliveryTotal")
        form = QFormLayout()
        form.addRow(self.tr("&Book"), self.item)
        form.addRow(self.tr("Books on the form"), self.items)
        form.addRow(self.tr("&Pick up at"), self.pickup)
        form.addRow(self.tr("Fee paid &by"), self.method)
        form.addRow(self.tr("Fee"), self.total)
        self.buttons.setObjectName("deliveryButtons")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._show_total()
        self.context.tasks.run(locations, context.library, on_done=self._set_locations)

    def _set_locations(self, choices: list[tuple[str, str]]) -> None:
        self.pickup.clear()
        for code, name in choices:
            self.pickup.addItem(f"{name} ({code})", code)
        self.pickup.setCurrentIndex(max(self.pickup.findData(
            self.context.circulation.location_code), 0))

    # --- the items -------------------------------------------------------------------------
    def duplicate_message(self, code: str) -> str:
        return self.tr("%1 is on the form already.").replace("%1", code)

    def list_changed(self) -> None:
        self._show_total()

    def _show_total(self) -> None:
        policy = self.context.library.policy
        self.total.setText(policy.money(policy.delivery_fee * self.items.count()))

    # --- sending -----------------------------------------------------------------------------
    def submit(self) -> None:
        if self.item.text().strip():
            self.add_item(self.item.text())
        barcodes = self.barcodes()
        if not barcodes:
            self._fail(self.tr("Scan the books the patron asks for."))
            return
        pickup = self.pickup.currentData() or self.context.circulation.location_code
        method = self.method.currentData()
        self.buttons.setEnabled(False)
        circulation, library, patron = self.context.circulation, self.context.library, \
            self.patron_barcode

        def work() -> tuple[DeliveryRequested, PaymentReceipt]:
            made = circulation.request_deliveries(patron, barcodes, pickup_location=pickup,
                                                  method=method)
            return made, payment_receipt(library, made.receipt_no)

        self.context.tasks.run(work, on_done=self._done,
                               on_error=lambda error: self._fail(str(error)))

    def _done(self, done: tuple[DeliveryRequested, PaymentReceipt]) -> None:
        made, receipt = done
        if receipt.method == "cash":
            self.context.open_drawer()
        self.context.slips.print_slip(device_receipt_slip(temporary_receipt(
            receipt, made.request_ids, self.pickup.currentText(),
            currency=self.context.library.policy.currency)))
        self.context.messages.sound.emit("success.delivery_requested")
        self.requested.emit(made.receipt_no)
        self.accept()

    def _fail(self, text: str) -> None:
        self.show_error(text)
        self.item.setFocus()
        self.context.messages.sound.emit("error.delivery")
