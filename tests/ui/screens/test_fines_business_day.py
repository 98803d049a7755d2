"""The business date of a payment on the fines screen (F11) and its receipt (issue 10 item 6):
a payment taken after this desk's day is closed is booked to the next business day, and the
screen, the receipts list and the printed receipt say so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.ui.screens.fines import FinesScreen
from tests.ui.screens.conftest import show, type_scan


@pytest.fixture
def owing(desk, clock):
    """P001 owes 2 x NT$50 on 2026-12-12 at 10:00 (MAIN-1 still open)."""
    for item in ("B001", "B002"):
        desk.main.checkout("P001", item)
    clock.set(2026, 12, 12)
    for item in ("B001", "B002"):
        desk.main.checkin(item)
    return desk


@pytest.fixture
def closed(owing, clock):
    """MAIN-1's 2026-12-12 closed at 17:32 by 張主任 (nothing taken); the clock at 17:40."""
    clock.set(2026, 12, 12, 17, 32)
    owing.main.close_day({"cash": 0}, supervisor=owing.boss)
    clock.set(2026, 12, 12, 17, 40)
    return owing


def pay(qtbot, screen_context, settle, amount: int, tendered: int) -> FinesScreen:
    screen = show(qtbot, FinesScreen(screen_context))
    screen.activate()
    type_scan(qtbot, screen.scan, "P001")
    settle()
    screen.payment.amount.setValue(amount)
    screen.payment.tendered.setValue(tendered)
    qtbot.mouseClick(screen.payment.button, Qt.MouseButton.LeftButton)
    settle()
    settle()
    return screen


def test_a_payment_after_the_close_says_its_business_date(qtbot, screen_context, closed,
                                                          settle, heard) -> None:
    screen = pay(qtbot, screen_context, settle, 30, 50)
    assert closed.main.balance("P001") == 70
    assert "Today is closed: this payment is booked to 2026-12-13." in screen.status.text()
    assert any("booked to 2026-12-13" in text for text in heard.info)
    headings = [screen.receipts.horizontalHeaderItem(c).text()
                for c in range(screen.receipts.columnCount())]
    column = headings.index("Booked to")
    assert screen.receipts.item(0, 0).text() == "MAIN-1-2026-000001"
    assert screen.receipts.item(0, 1).text() == "2026-12-12 17:40"
    assert screen.receipts.item(0, column).text() == "2026-12-13"
    slip = screen_context.slips.last
    assert "入帳日 Booked to: 2026-12-13" in slip.text()


def test_a_payment_of_an_open_day_is_booked_to_today(qtbot, screen_context, owing,
                                                     settle) -> None:
    screen = pay(qtbot, screen_context, settle, 30, 50)
    assert "booked to" not in screen.status.text()
    headings = [screen.receipts.horizontalHeaderItem(c).text()
                for c in range(screen.receipts.columnCount())]
    assert screen.receipts.item(0, headings.index("Booked to")).text() == "2026-12-12"
    # the receipt names the business date only when it is not the day printed on it
    assert "Booked to" not in screen_context.slips.last.text()


def test_the_note_in_traditional_chinese(qtbot, screen_context, closed, settle) -> None:
    from desk.ui import i18n
    try:
        i18n.install("zh_TW")
        screen = pay(qtbot, screen_context, settle, 30, 50)
        assert "本日已結帳：此筆計入 2026-12-13。" in screen.status.text()
    finally:
        i18n.install("en")


def test_a_closed_day_is_said_before_the_payment(qtbot, screen_context, closed, settle) -> None:
    screen = show(qtbot, FinesScreen(screen_context))
    screen.activate()
    type_scan(qtbot, screen.scan, "P001")
    settle()
    note = screen.payment.booked_note
    assert note.isVisible()
    assert note.text() == "Today is closed: payments are booked to 2026-12-13."


def test_an_open_day_needs_no_note(qtbot, screen_context, owing, settle) -> None:
    screen = show(qtbot, FinesScreen(screen_context))
    screen.activate()
    type_scan(qtbot, screen.scan, "P001")
    settle()
    assert not screen.payment.booked_note.isVisible()
