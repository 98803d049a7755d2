"""Cancelling a search or a withdrawn-area request at the desk, keys only, on real widgets and
a real library: Ctrl+Shift+C on the Requests screen (Ctrl+J) and on the patron's Requests tab
opens the reason dialog; Esc backs out changing nothing; an empty reason is refused in the
dialog; Enter cancels and the dialog then says what to do with the book; Enter closes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.models import Item, RetrievalRequest, SearchRequest
from desk.ui.cancel_request_dialog import CancelRequestDialog
from desk.ui.screens.patron_record import REQUESTS, PatronRecordView
from desk.ui.screens.requests import RequestsScreen
from tests.ui.screens.conftest import show, type_scan, type_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def asked(desk):
    """MAIN: a search for B001 (P001), a retrieval of W001 (P001)."""
    desk.main.request_search("P001", "B001")
    desk.main.request_retrieval("P001", "W001")
    return desk


def status(desk, barcode: str) -> str:
    with desk.library.read_sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def column(table, index: int) -> list[str]:
    return [table.item(row, index).text() for row in range(table.rowCount())]


def requests_screen(qtbot, screen_context, settle) -> RequestsScreen:
    screen = show(qtbot, RequestsScreen(screen_context))
    settle()
    screen.activate()
    settle()
    return screen


def open_dialog(qtbot, widget, owner) -> CancelRequestDialog:
    qtbot.keyClick(widget, Qt.Key.Key_C, CTRL_SHIFT)
    dialog = owner.dialog
    assert isinstance(dialog, CancelRequestDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_requests_screen_cancels_a_search_by_keys(qtbot, screen_context, asked, settle,
                                                  heard) -> None:
    screen = requests_screen(qtbot, screen_context, settle)
    screen.search_table.setFocus()
    screen.search_table.clearSelection()
    qtbot.keyClick(screen.search_table, Qt.Key.Key_C, CTRL_SHIFT)
    assert screen.dialog is None and screen.status.text() == "Select a request on the list first."
    screen.search_table.selectRow(0)
    dialog = open_dialog(qtbot, screen.search_table, screen)
    assert dialog.focusWidget() is dialog.reason and dialog.reason.accessibleName() == "Reason"
    assert dialog.windowTitle() == "Cancel a missing-book search"
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)            # Esc backs out
    assert not dialog.isVisible()
    with asked.library.read_sessions() as s:
        assert s.scalars(select(SearchRequest.status)).all() == ["open"]
    dialog = open_dialog(qtbot, screen.search_table, screen)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)            # no reason: refused here
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == "Write why the request is cancelled."
    type_text(dialog.reason, "讀者已在架上找到")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle()
    assert dialog.isVisible() and dialog.outcome_label.isVisible()
    assert dialog.outcome_label.text().startswith("Request cancelled: B001 was not taken off")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)     # Enter closes
    assert not dialog.isVisible()
    settle()
    assert screen.search_table.rowCount() == 0
    assert screen.status.text().startswith("Request cancelled: B001")
    assert heard.sound[-1] == "info.requests.cancelled"
    with asked.library.read_sessions() as s:
        row = s.scalars(select(SearchRequest)).one()
        assert (row.status, row.cancel_reason) == ("cancelled", "讀者已在架上找到")


def test_requests_screen_sends_a_fetched_book_back(qtbot, screen_context, asked, settle,
                                                  heard) -> None:
    screen = requests_screen(qtbot, screen_context, settle)
    type_scan(qtbot, screen.scan, "W001")                       # fetched: held for pickup
    settle()
    assert status(asked, "W001") == "on_holds_shelf"
    screen.tabs.setCurrentIndex(1)
    screen.retrieval_table.setFocus()
    screen.retrieval_table.selectRow(0)
    dialog = open_dialog(qtbot, screen.retrieval_table, screen)
    assert dialog.windowTitle() == "Cancel a withdrawn-area request"
    type_text(dialog.reason, "no longer needed")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle()
    text = dialog.outcome_label.text()
    assert "W001" in text and "back to the withdrawn area" in text
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)     # Esc closes it too
    settle()
    assert status(asked, "W001") == "holds_cleared"
    assert screen.retrieval_table.rowCount() == 0
    assert heard.sound[-1] == "warning.requests.cancelled.withdrawn_area"
    assert any("back to the withdrawn area" in said for said in heard.warning)


def test_a_refusal_shows_in_the_dialog(qtbot, screen_context, asked, settle) -> None:
    screen = requests_screen(qtbot, screen_context, settle)
    screen.search_table.setFocus()
    screen.search_table.selectRow(0)
    asked.main.cancel_search(screen.searches[0].request_id, "cancelled at another desk")
    dialog = open_dialog(qtbot, screen.search_table, screen)
    type_text(dialog.reason, "x")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle()
    assert dialog.isVisible() and "already cancelled" in dialog.error.text()
    assert dialog.reason.text() == "x" and dialog.reason.isEnabled()


def test_the_patron_requests_tab_cancels_a_found_search(qtbot, screen_context, asked,
                                                        settle, heard) -> None:
    asked.main.search_found("B001")
    view = show(qtbot, PatronRecordView(screen_context, "patron_search"))
    view.open("P001")
    settle()
    assert view.tabs.tabText(REQUESTS) == "4 Requests (2)"      # the found search is open
    view.tabs.setCurrentIndex(REQUESTS)
    rows = {view.requests.item(r, 2).text(): r for r in range(view.requests.rowCount())}
    view.requests.setFocus()
    view.requests.selectRow(rows["B001"])
    dialog = open_dialog(qtbot, view.requests, view)
    assert "陳小明 (P001)" in dialog.findChild(type(dialog.error), "cancelRequestItem").text()
    type_text(dialog.reason, "讀者不需要了")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    settle()
    assert "off the holds shelf" in dialog.outcome_label.text()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    settle()
    assert "off the holds shelf" in view.status.text()
    assert heard.sound[-1] == "warning.requests.cancelled.shelf"
    assert status(asked, "B001") == "holds_cleared"
    assert view.tabs.tabText(REQUESTS) == "4 Requests (1)"
    # from another tab the key shows the list to choose from, opening nothing
    view.tabs.setCurrentIndex(0)
    view.dialog = None
    view.window().activateWindow()                # the dialog had the focus
    qtbot.waitUntil(view.window().isActiveWindow)
    view.loans.setFocus()
    qtbot.keyClick(view.loans, Qt.Key.Key_C, CTRL_SHIFT)
    assert view.dialog is None and view.tabs.currentIndex() == REQUESTS
    with asked.library.read_sessions() as s:
        assert s.scalars(select(RetrievalRequest.status)).all() == ["open"]
