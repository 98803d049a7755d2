"""The delivery request form (F-K08-042) from the patron screen, by keyboard only: books of
one location scanned in, the pickup location and method chosen, the fee taken, the temporary
receipt printed; an item of another location refused in the dialog with nothing saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desk.models import DeliveryRequest, Payment
from desk.ui.delivery_dialog import DeliveryDialog
from desk.ui.screens.patron_record import PatronRecordView
from tests.ui.screens.conftest import show


def make(qtbot, screen_context, settle, card: str) -> PatronRecordView:
    view = show(qtbot, PatronRecordView(screen_context, "patron_search"))
    view.open(card)
    settle()
    return view


def rows(desk, model) -> int:
    with desk.library.read_sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_form_by_keyboard_takes_the_fee_and_prints_the_receipt(
        qtbot, screen_context, desk, settle, heard) -> None:
    view = make(qtbot, screen_context, settle, "P001")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    settle()
    dialog = view.dialog
    assert isinstance(dialog, DeliveryDialog) and dialog.isVisible()
    assert dialog.pickup.currentData() == "MAIN"            # this desk's location
    # a scan while the form is open is a book for the form (the wedge path of the screen)
    assert view.handle_scan("L001")
    assert dialog.barcodes() == ["L001"] and dialog.total.text() == "NT$20"
    dialog.item.setFocus()
    qtbot.keyClick(dialog.item, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert not dialog.isVisible()
    [slip] = screen_context.slips.history
    assert slip.title == "Delivery temporary receipt"
    text = slip.text()
    assert "NT$20" in text and "總圖 (MAIN)" in text
    assert "Delivery requested: temporary receipt MAIN-1-2026-000001 printed." in view.status.text()
    with desk.library.read_sessions() as session:
        [request] = session.scalars(select(DeliveryRequest)).all()
        assert request.receipt_no == "MAIN-1-2026-000001" and request.fee == 20


def test_an_item_of_another_location_is_refused_in_the_dialog(
        qtbot, screen_context, desk, settle) -> None:
    view = make(qtbot, screen_context, settle, "P001")
    dialog = view.ask_delivery()
    settle()
    for code in ("L001", "B002"):
        qtbot.keyClicks(dialog.item, code)
        qtbot.keyClick(dialog.item, Qt.Key.Key_Return)
    dialog.add_item("L001")                                  # twice: said, not added
    assert dialog.barcodes() == ["L001", "B002"] and dialog.error.isVisible()
    dialog.pickup.setCurrentIndex(dialog.pickup.findData("LAW"))
    dialog.submit()
    settle()
    assert dialog.isVisible()
    assert "One form takes the items of one location only" in dialog.error.text()
    assert rows(desk, DeliveryRequest) == 0 and rows(desk, Payment) == 0
    # Del removes the selected book; the form then goes through
    dialog.items.setCurrentRow(0)
    dialog.items.setFocus()
    qtbot.keyClick(dialog.items, Qt.Key.Key_Delete)
    assert dialog.barcodes() == ["B002"]
    dialog.submit()
    settle()
    assert not dialog.isVisible() and rows(desk, DeliveryRequest) == 1
