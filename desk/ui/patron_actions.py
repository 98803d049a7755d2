"""The patron's counter actions of issue 15, from the checkout and patron search screens:
block (停權) and unblock, add a message (訊息) and acknowledge the oldest one, replace a lost
card (補發借書證, printing a temporary card slip), record a claim (宣稱已還 / 宣稱未借)
with the problem form's number, and close a card (停用借書證), paying back a deposit taken at
registration with a supervisor's approval and printing the refund receipt.

``PatronActions`` installs the keys on a screen; each opens a ``PatronActionDialog`` whose fields
depend on the action. The operation runs on the worker thread through the desk session; a
refusal is shown in the dialog next to the fields, which stays open with what was typed. When the
library's settings ask for a supervisor (``blocks_need_supervisor``, ``claims_need_supervisor``)
the dialog asks for the supervisor's login and password, checked by ``Library.authorize``;
closing a card asks for them when the patron has a deposit to pay back (read when the dialog
opens), since every payment out needs a supervisor and a reason.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit,
                               QRadioButton, QWidget)

from desk.circulation.cards import ReplacedCardResult
from desk.circulation.charges import method_name
from desk.circulation.queries.registration import DepositHeld, deposit_to_refund
from desk.circulation.registration import CardClosed
from desk.devices.slip_builders import deposit_refund_slip, temporary_card_slip
from desk.ui.context import DeskContext
from desk.ui.devices_config import slip_library
from desk.ui.formatting import money, slip_time
from desk.ui.slips import ScreenSlip
from desk.ui.widgets.supervised_dialog import SupervisedDialog

if TYPE_CHECKING:
    from desk.models import StaffUser

# The keys, on the checkout and patron search screens.
KEYS = {"block": "Ctrl+Shift+B", "unblock": "Ctrl+Shift+U", "message": "Ctrl+Shift+M",
        "acknowledge": "Ctrl+Shift+K", "replace_card": "Ctrl+Shift+R", "claim": "Ctrl+Shift+L",
        "close_card": "Ctrl+Shift+X"}
ACTIONS = ("block", "unblock", "message", "replace_card", "claim", "close_card")
# The dialogs' titles, as ``PatronActionDialog`` translates them.
DIALOG_TITLES = {"block": "Block patron", "unblock": "Unblock patron", "message": "Add a message",
                 "replace_card": "Replace card", "claim": "Record a claim",
                 "close_card": "Close card"}


def key_text(action: str) -> str:
    return QKeySequence(KEYS[action]).toString(QKeySequence.SequenceFormat.NativeText)


class PatronActionDialog(SupervisedDialog):
    """One action on the patron with card ``card`` (see the module docstring)."""

    def __init__(self, context: DeskContext, action: str, card: str, name: str = "",
                 parent: QWidget | None = None) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown patron action {action!r}")
        super().__init__(context, f"patronAction_{action}", "patron_action",
                         f"{name} ({card})" if name else card, parent,
                         intro_name="patronActionPatron", intro_wraps=False)
        self.action, self.card, self.patron_name = action, card, name
        titles = {"block": self.tr("Block patron"), "unblock": self.tr("Unblock patron"),
                  "message": self.tr("Add a message"),
                  "replace_card": self.tr("Replace card"), "claim": self.tr("Record a claim"),
                  "close_card": self.tr("Close card")}
        self.setWindowTitle(titles[action])
        self.result_value: Any = None
        self.deposit: DepositHeld | None = None
        self.approver = ""
        form = self.form
        self.text = self.reason_field("actionText")
        self.until_set, self.until = self.optional_date(
            self.tr("Lift the block by itself on"), "blockTimed", "blockUntil", days=14)
        self.new_card = QLineEdit()
        self.new_card.setObjectName("newCard")
        self.item = QLineEdit()
        self.item.setObjectName("claimItem")
        self.form_no = QLineEdit()
        self.form_no.setObjectName("claimFormNo")
        self.returned = QRadioButton(self.tr("Claims returned"))
        self.returned.setObjectName("claimReturned")
        self.never = QRadioButton(self.tr("Claims never borrowed"))
        self.never.setObjectName("claimNeverBorrowed")
        self.returned.setChecked(True)
        self.kinds = QButtonGroup(self)
        self.kinds.addButton(self.returned)
        self.kinds.addButton(self.never)
        if action == "block":
            form.addRow(self.tr("Message shown at checkout"), self.text)
            timed = QHBoxLayout()
            timed.addWidget(self.until_set)
            timed.addWidget(self.until)
            form.addRow(timed)
        elif action == "unblock":
            form.addRow(self.tr("Reason"), self.text)
        elif action == "message":
            form.addRow(self.tr("Message"), self.text)
        elif action == "replace_card":
            form.addRow(self.tr("Scan the new card"), self.new_card)
        elif action == "close_card":
            self.deposit_label = QLabel(self.tr("Looking for a deposit to pay back…"))
            self.deposit_label.setObjectName("closeCardDeposit")
            self.deposit_label.setWordWrap(True)
            form.addRow(self.deposit_label)
            form.addRow(self.tr("Reason"), self.text)
        else:
            form.addRow(self.tr("Item barcode"), self.item)
            kind = QHBoxLayout()
            kind.addWidget(self.returned)
            kind.addWidget(self.never)
            form.addRow(self.tr("Claim"), kind)
            form.addRow(self.tr("Problem form no."), self.form_no)
        policy = context.library.policy
        self.needs_supervisor = (
            (action in ("block", "unblock") and policy.blocks_need_supervisor)
            or (action == "claim" and policy.claims_need_supervisor))
        self.supervisor_rows = self.add_supervisor(self.needs_supervisor)
        self.lay_out()
        first = {"replace_card": self.new_card, "claim": self.item}.get(action, self.text)
        first.setFocus()
        # A wedge scan fills the card or item field; serial scans come through ``take_scan``.
        self.take_wedge_scans()
        if action == "close_card":
            self.buttons.setEnabled(False)      # until we know whether a deposit is held
            context.tasks.run(deposit_to_refund, context.library, card,
                              on_done=self._deposit_known, on_error=self.failed)

    def _deposit_known(self, held: DepositHeld | None) -> None:
        self.deposit = held
        library = self.context.library
        if held is None:
            self.deposit_label.setText(self.tr("No deposit is held: the card is closed and "
                                               "nothing is paid back."))
        else:
            self.deposit_label.setText(
                self.tr("Deposit to pay back: %1 (%2, receipt %3). A supervisor approves it.")
                .replace("%1", money(library, held.amount))
                .replace("%2", method_name(held.method)).replace("%3", held.receipt_no))
            self.needs_supervisor = True
            self.supervisor_rows.show()
        self.buttons.setEnabled(True)
        self.text.setFocus()

    def take_scan(self, code: str) -> None:
        """A scan while the dialog is open: the new card, or the claimed item; elsewhere it is
        not taken (the patron stays the one the dialog is about)."""
        field = {"replace_card": self.new_card, "claim": self.item}.get(self.action)
        if field is None:
            self.fail(self.tr("%1 was not taken: finish or cancel this dialog first.")
                       .replace("%1", code))
            return
        field.setText(code.strip())
        self.error.hide()
        if self.action == "claim":
            self.form_no.setFocus()
        else:                       # Enter confirms the card just scanned
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            if ok is not None:
                ok.setFocus()

    # --- submitting -----------------------------------------------------------------------------
    def submit(self) -> None:
        self.error.hide()
        if self.needs_supervisor:
            entered = self.supervisor_entered()
            if entered is not None:
                self.authorize(*entered, self._run)
            return
        self.buttons.setEnabled(False)
        self._run(None)

    def _run(self, supervisor: StaffUser | None) -> None:
        desk, card = self.context.circulation, self.card
        self.approver = supervisor.name if supervisor is not None else ""
        text = self.text.toPlainText()
        work: Callable[[], object]
        if self.action == "block":
            until = self.until.date().toPython() if self.until_set.isChecked() else None
            work = functools.partial(desk.block_patron, card, text, until=until,
                                     supervisor=supervisor)
        elif self.action == "unblock":
            work = functools.partial(desk.unblock_patron, card, text, supervisor=supervisor)
        elif self.action == "message":
            work = functools.partial(desk.add_patron_message, card, text)
        elif self.action == "replace_card":
            work = functools.partial(desk.replace_card, card, self.new_card.text().strip())
        elif self.action == "close_card":
            work = functools.partial(desk.close_card, card, text, supervisor=supervisor)
        else:
            claim = desk.claim_returned if self.returned.isChecked() else desk.claim_never_borrowed
            work = functools.partial(claim, self.item.text().strip(),
                                     form_no=self.form_no.text(), supervisor=supervisor)
        self.context.tasks.run(work, on_done=self._done, on_error=self.failed)

    def _done(self, value: object) -> None:
        self.result_value = value
        if isinstance(value, ReplacedCardResult):
            self._print_temporary_card(value)
        elif isinstance(value, CardClosed) and value.refund:
            self._print_refund(value)
        self.accept()

    def _print_temporary_card(self, replaced: ReplacedCardResult) -> None:
        library, desk = self.context.library, self.context.circulation
        slip = temporary_card_slip(
            library=slip_library(self.context.config), patron_name=replaced.name,
            card=replaced.barcode, old_card=replaced.old_barcode, expires=replaced.expires_on,
            when=slip_time(library.policy.tz, library.now()), desk=desk.desk_code,
            staff=desk.staff.name)
        self.context.slips.print_slip(ScreenSlip.from_device(slip))

    def _print_refund(self, closed: CardClosed) -> None:
        library, desk = self.context.library, self.context.circulation
        slip = deposit_refund_slip(
            library=slip_library(self.context.config), receipt_no=closed.receipt_no or "",
            patron_name=self.patron_name, card=self.card, refunded_minor=closed.refund,
            currency=library.policy.currency, method=method_name(closed.method or ""),
            reason=self.text.toPlainText().strip(), supervisor=self.approver,
            when=slip_time(library.policy.tz, library.now()), desk=desk.desk_code,
            staff=desk.staff.name)
        self.context.slips.print_slip(ScreenSlip.from_device(slip))
        if closed.method == "cash":
            self.context.open_drawer()   # the cash paid back comes out of the drawer


class PatronActions(QObject):
    """The keys of the patron actions on ``screen``: ``patron()`` gives the card and name of
    the patron shown (or None), ``changed(card)`` is called after an action changed them (the
    card is the new one after a replacement)."""

    def __init__(self, screen: QWidget, context: DeskContext,
                 patron: Callable[[], tuple[str, str] | None],
                 changed: Callable[[str], None]) -> None:
        super().__init__(screen)
        self.screen, self.context = screen, context
        self.patron, self.changed = patron, changed
        self.dialog: PatronActionDialog | None = None
        # The key help (Shift+F1) names each key as its dialog is titled.
        described = {name: QCoreApplication.translate("PatronActionDialog", title)
                     for name, title in DIALOG_TITLES.items()}
        described["acknowledge"] = self.tr("Acknowledge the patron's message")
        for action, key in KEYS.items():
            shortcut = QShortcut(QKeySequence(key), screen)
            shortcut.setWhatsThis(described[action])
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            if action == "acknowledge":
                shortcut.activated.connect(self.acknowledge)
            else:
                shortcut.activated.connect(functools.partial(self.open, action))

    def take_scan(self, code: str) -> bool:
        """Give a scan to the open dialog (True), or say there is none (False)."""
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return False
        dialog.take_scan(code)
        return True

    def _patron_or_say(self) -> tuple[str, str] | None:
        shown = self.patron()
        if shown is None:
            self.context.messages.warning.emit(
                self.tr("Scan a patron card first."))
        return shown

    def open(self, action: str) -> PatronActionDialog | None:
        shown = self._patron_or_say()
        if shown is None:
            return None
        card, name = shown
        self.dialog = PatronActionDialog(self.context, action, card, name, self.screen)
        self.dialog.accepted.connect(functools.partial(self._after, action))
        self.dialog.open()
        return self.dialog

    def _after(self, action: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        value = dialog.result_value
        card = value.barcode if isinstance(value, ReplacedCardResult) else dialog.card
        self.context.messages.info.emit(dialog.windowTitle() + " ✓")
        self.changed(card)

    def acknowledge(self, message_id: int | None = None) -> None:
        """Acknowledge the oldest message shown for the patron (``message_id``: that one)."""
        if message_id is None:
            message_id = self.oldest_message()
        if message_id is None:
            self.context.messages.warning.emit(self.tr("No message to acknowledge."))
            return
        shown = self.patron()
        card = shown[0] if shown else ""
        self.context.tasks.run(functools.partial(self.context.circulation.acknowledge_message,
                                                 message_id),
                               on_done=lambda _: self.changed(card),
                               on_error=lambda error: self.context.messages.error.emit(
                                   str(error)))

    def oldest_message(self) -> int | None:
        summary = getattr(self.screen, "panel", None)
        messages = getattr(getattr(summary, "summary", None), "messages", None) or []
        return messages[0].message_id if messages else None
