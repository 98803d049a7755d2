"""The fines & payments screen: charges with origins, what is not collectable, partial cash
payments with change and a printed receipt, waivers and voids through the supervisor dialog,
desk fees, and lost items from the patron's loans."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desk.ui.screens.fines import FinesScreen
from tests.support.small_library import PASSWORDS
from tests.ui.screens.conftest import show, type_scan

OFFSCREEN_DIALOG = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def owing(desk, clock):
    """P001 owes 25 (B001, 5 days late) and 50 (B002, 10 days late); B003 is still out."""
    for item in ("B001", "B002", "B003"):
        desk.main.checkout("P001", item)
    clock.set(2026, 12, 7)
    desk.main.checkin("B001")
    clock.set(2026, 12, 12)
    desk.main.checkin("B002")
    return desk


def make(qtbot, screen_context, settle, patron: str = "P001") -> FinesScreen:
    screen = show(qtbot, FinesScreen(screen_context))
    screen.activate()
    type_scan(qtbot, screen.scan, patron)
    settle()
    return screen


def sign(qtbot, dialog, login: str, reason: str) -> None:
    qtbot.keyClicks(dialog.login, login)
    qtbot.keyClicks(dialog.password, PASSWORDS[login])
    qtbot.keyClicks(dialog.reason, reason)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_charges_pending_and_balance(qtbot, screen_context, owing, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    assert screen.balance.text() == "Balance NT$75"
    assert screen.table.rowCount() == 2
    first = [screen.table.item(0, c).text() for c in range(9)]
    assert first[:5] == ["Overdue fine", "B001 書名 1", "2026-12-02 23:59", "2026-12-07 10:00",
                         "5 day(s)"]
    assert first[8] == "NT$25"
    assert screen.pending.item(0, 0).text() == "Fine accruing (item still out)"
    assert screen.pending.item(0, 1).text() == "B003"
    assert screen.payment.amount.value() == 75


def test_partial_cash_payment_with_change_prints_receipt(qtbot, screen_context, owing, settle,
                                                         heard) -> None:
    screen = make(qtbot, screen_context, settle)
    screen.table.selectRow(1)                            # the NT$50 charge first
    assert screen.payment.amount.value() == 50
    screen.payment.amount.setValue(30)
    screen.payment.tendered.setValue(100)
    assert screen.payment.change.text() == "Change: NT$70"
    qtbot.mouseClick(screen.payment.button, Qt.MouseButton.LeftButton)
    settle()
    settle()
    assert owing.main.balance("P001") == 45
    slip = screen_context.slips.last
    assert slip.barcode == "MAIN-1-2026-000001"
    assert "找零 Change: NT$70" in slip.text() and "Paid: NT$30" in slip.text()
    assert screen.balance.text() == "Balance NT$45"
    assert screen.table.item(1, 8).text() == "NT$20"      # paid against the chosen charge
    assert screen.receipts.item(0, 0).text() == "MAIN-1-2026-000001"
    assert "success.payment" in heard.sound


def test_cash_short_cannot_be_taken(qtbot, screen_context, owing, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    screen.payment.tendered.setValue(50)
    assert "NT$25 short" in screen.payment.change.text()
    assert not screen.payment.button.isEnabled()
    screen.payment.method.setCurrentIndex(screen.payment.method.findData("easycard"))
    assert not screen.payment.tendered.isEnabled() and screen.payment.button.isEnabled()


@OFFSCREEN_DIALOG
def test_waiver_needs_a_supervisor(qtbot, screen_context, owing, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    screen.table.selectRow(0)
    screen.request_waiver()
    sign(qtbot, screen.dialog, "clerk", "please")
    settle()
    assert "not a supervisor" in screen.dialog.error.text()
    assert owing.main.balance("P001") == 75
    screen.dialog.login.clear()
    screen.dialog.password.clear()
    screen.dialog.reason.clear()
    sign(qtbot, screen.dialog, "boss", "library error: book drop jammed")
    settle()
    settle()
    assert owing.main.balance("P001") == 50
    assert screen.balance.text() == "Balance NT$50"


@OFFSCREEN_DIALOG
def test_void_restores_the_balance(qtbot, screen_context, owing, settle) -> None:
    owing.main.pay("P001", 75, "cash")
    screen = make(qtbot, screen_context, settle)
    screen.receipts.selectRow(0)
    screen.request_void()
    sign(qtbot, screen.dialog, "boss", "wrong patron")
    settle()
    settle()
    assert owing.main.balance("P001") == 75
    assert screen.receipts.item(0, 4).text() == "void"


@OFFSCREEN_DIALOG
def test_add_fee_and_lost_item(qtbot, screen_context, owing, settle, clock) -> None:
    screen = make(qtbot, screen_context, settle)
    screen.request_fee()
    dialog = screen.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("ill_fee"))
    dialog.amount.setValue(20)
    dialog.accept()
    settle()
    settle()
    assert owing.main.balance("P001") == 95
    screen.tabs.setCurrentIndex(1)
    screen.loans.selectRow(0)
    assert screen.loans.item(0, 0).text() == "B003"
    qtbot.mouseClick(screen.lost_button, Qt.MouseButton.LeftButton)
    settle()
    settle()
    assert screen.loans.item(0, 3).text() == "lost: compensate by 2027-01-12"
    assert screen.pending.item(0, 0).text() == "Lost-item claim open"
    assert screen.pending.item(0, 5).text() == "NT$400"
    screen.loans.selectRow(0)
    qtbot.mouseClick(screen.replace_button, Qt.MouseButton.LeftButton)
    settle()
    settle()
    assert owing.main.balance("P001") == 95 + 50 + 100   # billed overdue + handling fee


def test_an_item_scan_finds_its_borrower(qtbot, screen_context, owing, settle, heard) -> None:
    screen = make(qtbot, screen_context, settle, patron="B003")
    assert screen.charges.barcode == "P001" and screen.balance.text() == "Balance NT$75"
    type_scan(qtbot, screen.scan, "B001")                   # returned: nobody has it
    settle()
    assert "Item B001 is not on loan." in heard.error


def test_a_payment_says_the_patron_changed(qtbot, screen_context, owing, settle) -> None:
    changed: list[tuple[str, str]] = []
    screen_context.messages.patron_changed.connect(lambda card, source:
                                                   changed.append((card, source)))
    screen = make(qtbot, screen_context, settle)
    screen.take_payment(25, "cash", 25)
    settle()
    assert changed == [("P001", "fines")]


def test_a_cash_payment_from_the_keyboard_alone(qtbot, screen_context, owing, settle,
                                                heard) -> None:
    screen = make(qtbot, screen_context, settle)
    # The patron is shown: the focus waits in the money handed over, the change is large.
    assert screen.payment.tendered.hasFocus()
    qtbot.keyClicks(screen.payment.tendered, "100")
    assert screen.payment.change.text() == "Change: NT$25"
    assert screen.payment.change.font().pointSize() >= 20
    qtbot.keyClick(screen.payment.tendered, Qt.Key.Key_Return)      # Enter pays
    qtbot.keyClick(screen.payment.tendered, Qt.Key.Key_Return)      # a second Enter: nothing
    settle()
    assert owing.main.balance("P001") == 0
    assert len([s for s in screen_context.slips.history if s.kind == "payment"]) == 1
    assert "change NT$25" in screen.status.text()
    # Tab leaves the charges list instead of walking its cells.
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Tab)
    assert not screen.table.hasFocus()
    # The next patron: the last one's receipt message is not shown with them.
    type_scan(qtbot, screen.scan, "P002")
    settle()
    assert screen.current_patron() == "P002" and screen.status.text() == ""
