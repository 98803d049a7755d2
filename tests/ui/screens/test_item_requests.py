"""Requests from the item status screen (F5): the search and withdrawn-area request dialogs
(keys, the patron's card scanned into the dialog, the reply-by date, a refusal shown in the
dialog with nothing changed) and the item's request notes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from desk.models import RetrievalRequest, SearchRequest
from desk.ui.screens.item_status import ItemStatusScreen
from tests.ui.screens.conftest import show, type_scan

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def opened(qtbot, screen_context, settle, barcode: str) -> ItemStatusScreen:
    screen = show(qtbot, ItemStatusScreen(screen_context))
    screen.activate()
    type_scan(qtbot, screen.search, barcode)
    settle()
    assert screen.item is not None and screen.item.barcode == barcode
    return screen


def test_search_request_with_the_patrons_date(qtbot, screen_context, desk, settle) -> None:
    screen = opened(qtbot, screen_context, settle, "B001")
    qtbot.keyClick(screen.search, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = screen.request_dialog
    assert dialog is not None and dialog.isVisible()
    screen.handle_scan("P001")             # a scan while the dialog is open: the card
    assert dialog.card.text() == "P001"
    dialog.own_date.setChecked(True)
    dialog.reply_by.setDate(QDate(2026, 11, 6))
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle()
    with desk.library.read_sessions() as s:
        row = s.scalars(select(SearchRequest)).one()
    assert row.id == dialog.request_id
    assert row.reply_by.astimezone(desk.library.policy.tz).date() == date(2026, 11, 6)
    assert screen.fields["requests"].text() == \
        "Search request/陳小明/2026-11-02, reply by 2026-11-06"


def test_a_refused_request_stays_in_the_dialog(qtbot, screen_context, desk, settle) -> None:
    screen = opened(qtbot, screen_context, settle, "W001")
    dialog = screen.open_request("search")
    qtbot.keyClicks(dialog.card, "P001")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "only for an item the catalogue shows available" in dialog.error.text()
    assert dialog.isVisible() and dialog.card.text() == "P001"
    dialog.reject()
    with desk.library.read_sessions() as s:
        assert s.scalars(select(SearchRequest)).all() == []


def test_withdrawn_area_request_and_the_item_note(qtbot, screen_context, desk,
                                                   settle) -> None:
    screen = opened(qtbot, screen_context, settle, "W001")
    qtbot.keyClick(screen.search, Qt.Key.Key_W, CTRL_SHIFT)
    dialog = screen.request_dialog
    assert dialog is not None and not dialog.own_date.isVisible()
    dialog.submit()                       # no card yet
    assert dialog.error.text() == "Scan the patron's card first."
    screen.handle_scan("P002")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle()
    desk.main.retrieval_fetched("W001")
    screen.open_item("W001")
    settle()
    assert screen.fields["requests"].text() == "Withdrawn-area request/王大同/2026-11-02"
    with desk.library.read_sessions() as s:
        assert s.scalars(select(RetrievalRequest.status)).all() == ["fetched"]


def test_no_item_no_dialog(qtbot, screen_context, heard) -> None:
    screen = show(qtbot, ItemStatusScreen(screen_context))
    assert screen.open_request("search") is None
    assert heard.warning == ["Scan or look up an item first."]
