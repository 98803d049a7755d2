"""Small pieces the money screens share: read-only tables, the payment panel (amount, method,
cash handed over and change, and a note when this desk's day is closed so payments are booked to
the next business day), the add-fee dialog, the supervisor dialog and the receipt slip
handed to ``context.slips``."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from desk.circulation import Library
from desk.circulation.charges import method_name
from desk.circulation.queries.money import DeskDayStatus
from desk.devices.slips import Slip as DeviceSlip
from desk.ui.context import DeskContext
from desk.ui.override import OverrideDialog

MAX_AMOUNT = 10_000_000


@dataclass
class ReceiptSlip:
    """A payment receipt for ``context.slips``: plain lines for the on-screen preview, and the
    devices' slip (with the receipt number as a barcode) for a receipt printer."""

    kind: str
    title: str
    lines: list[str] = field(default_factory=list)
    barcode: str | None = None
    device_slip: DeviceSlip | None = None

    def text(self) -> str:
        return "\n".join([self.title, "-" * 32, *self.lines])


def device_receipt_slip(device_slip: DeviceSlip) -> ReceiptSlip:
    lines = device_slip.text_lines()
    return ReceiptSlip("payment", device_slip.title, lines[2:] if len(lines) > 2 else lines,
                       device_slip.barcode, device_slip)


class PaymentPanel(QWidget):
    """Amount, method and, for cash, the money handed over and the change to give (large: it
    is read out to the patron). Worked from the keyboard: ``focus_tendered`` after a patron is
    shown, the amount handed over typed, Enter in the amount or the money handed over pays."""

    pay_requested = Signal(int, str, object)   # amount, method, tendered (int or None)

    def __init__(self, library: Library, methods: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.amount = QSpinBox()
        self.amount.setObjectName("payAmount")
        self.amount.setRange(0, MAX_AMOUNT)
        self.method = QComboBox()
        self.method.setObjectName("payMethod")
        for method in methods:
            self.method.addItem(method_name(method), method)
        self.tendered = QSpinBox()
        self.tendered.setObjectName("payTendered")
        self.tendered.setRange(0, MAX_AMOUNT)
        self.change = QLabel()
        self.change.setObjectName("payChange")
        self.change.setStyleSheet("font-size: 22pt; font-weight: bold;")
        for field in (self.amount, self.tendered):
            field.installEventFilter(self)
        self.button = QPushButton(self.tr("&Take payment"))
        self.button.setObjectName("takePayment")
        self.booked_note = QLabel()
        self.booked_note.setObjectName("bookedToNote")
        self.booked_note.setStyleSheet("color: #5c4400; font-weight: bold;")
        self.booked_note.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.tr("Amount"), self.amount), (self.tr("Method"), self.method),
                              (self.tr("Handed over"), self.tendered)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.change, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.booked_note)
        self.amount.valueChanged.connect(self._update)
        self.tendered.valueChanged.connect(self._update)
        self.method.currentIndexChanged.connect(self._update)
        self.button.clicked.connect(self._pay)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the amount or the money handed over takes the payment."""
        if watched in (self.amount, self.tendered) and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._pay()
            return True
        return super().eventFilter(watched, event)

    def focus_tendered(self) -> None:
        """Ready for the money: the amount handed over for cash, else the amount."""
        field = self.tendered if self.is_cash() else self.amount
        field.setFocus()
        field.selectAll()

    def show_day_status(self, status: DeskDayStatus) -> None:
        """Say, before the money is taken, that the desk's day is closed and where it goes."""
        self.booked_note.setText(self.tr("Today is closed: payments are booked to %1.").replace(
            "%1", status.business_date.isoformat()) if status.closed else "")
        self.booked_note.setVisible(status.closed)

    def is_cash(self) -> bool:
        return self.method.currentData() == "cash"

    def set_amount(self, amount: int, maximum: int) -> None:
        self.amount.setMaximum(max(maximum, 0))
        self.amount.setValue(amount)
        self.tendered.setValue(0)
        self._update()

    def _update(self) -> None:
        cash = self.is_cash()
        self.tendered.setEnabled(cash)
        amount, tendered = self.amount.value(), self.tendered.value()
        if cash and tendered:
            change = tendered - amount
            text = (self.tr("Change: %1").replace("%1", self.library.policy.money(change))
                    if change >= 0 else self.tr("%1 short").replace(
                        "%1", self.library.policy.money(-change)))
        else:
            text = ""
        self.change.setText(text)
        self.button.setEnabled(amount > 0 and (not cash or not tendered or tendered >= amount))

    def _pay(self) -> None:
        if not self.button.isEnabled():
            return
        tendered = self.tendered.value() if self.is_cash() and self.tendered.value() else None
        self.pay_requested.emit(self.amount.value(), self.method.currentData(), tendered)


class AddFeeDialog(QDialog):
    """A desk fee: card deposit or inter-library service fee, with amount and a description."""

    def __init__(self, kinds: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addFeeDialog")
        self.setWindowTitle(self.tr("Add a fee"))
        self.kind = QComboBox()
        self.kind.setObjectName("feeKind")
        for code, name in kinds:
            self.kind.addItem(name, code)
        self.amount = QSpinBox()
        self.amount.setObjectName("feeAmount")
        self.amount.setRange(1, MAX_AMOUNT)
        self.amount.setValue(20)
        self.description = QLineEdit()
        self.description.setObjectName("feeDescription")
        self.item = QLineEdit()
        self.item.setObjectName("feeItem")
        self.item.setPlaceholderText(self.tr("optional item barcode"))
        form = QFormLayout(self)
        form.addRow(self.tr("Fee"), self.kind)
        form.addRow(self.tr("Amount"), self.amount)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Item"), self.item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, int, str, str | None]:
        return (self.kind.currentData(), self.amount.value(), self.description.text().strip(),
                self.item.text().strip() or None)


def supervisor_dialog(context: DeskContext, what: str, parent: QWidget) -> OverrideDialog:
    """The shared supervisor sign-in (login, password, written reason) for a void or waiver;
    ``granted`` carries an ``Override`` whose ``supervisor`` and ``reason`` are used."""
    dialog = OverrideDialog(context, [], [what], parent)
    dialog.setObjectName("supervisorDialog")
    return dialog
