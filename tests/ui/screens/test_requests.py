"""The Requests screen: the search and retrieval lists of a location from the real database;
a scan marks found or fetched (hold slip printed, the book held); the not-found key; lending a
non-loanable book for reading against an ID; the deadlines run on the day's first look."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.models import Item, PatronNotice
from desk.ui.screens import requests as requests_module
from desk.ui.screens.requests import RequestsScreen
from tests.ui.screens.conftest import show, type_scan


@pytest.fixture
def asked(desk):
    """MAIN: searches for B001 (P001) and B002 (P002, reply by 3 Nov), a retrieval of W001
    (P001) and of the non-loanable W002 (P002); LAW: a search for L001."""
    desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                          loanable=False)
    desk.main.request_search("P001", "B001")
    desk.main.request_search("P002", "B002", reply_by=date(2026, 11, 3))
    desk.main.request_retrieval("P001", "W001")
    desk.main.request_retrieval("P002", "W002")
    desk.law.request_search("P001", "L001")
    return desk


def make(qtbot, screen_context, settle) -> RequestsScreen:
    screen = show(qtbot, RequestsScreen(screen_context))
    settle()
    screen.activate()
    settle()
    return screen


def column(table, index: int) -> list[str]:
    return [table.item(row, index).text() for row in range(table.rowCount())]


def status(desk, barcode: str) -> str:
    with desk.library.read_sessions() as s:
        return s.scalars(select(Item.status).where(Item.barcode == barcode)).one()


def test_lists_of_the_desk_location(qtbot, screen_context, asked, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    assert screen.location.currentData() == "MAIN"
    assert column(screen.search_table, 1) == ["B002", "B001"]       # nearest deadline first
    assert column(screen.search_table, 0) == ["2026-11-03", "2026-11-07"]
    assert column(screen.search_table, 4) == ["王大同", "陳小明"]
    assert column(screen.retrieval_table, 1) == ["W001", "W002"]
    assert column(screen.retrieval_table, 0) == ["to fetch", "to fetch"]
    assert screen.tabs.tabText(0) == "Missing-book searches (2)"
    assert screen.tabs.tabText(1) == "Withdrawn-area retrieval (2 to fetch)"
    screen.location.setCurrentIndex(screen.location.findData("LAW"))
    screen.refresh()
    settle()
    assert column(screen.search_table, 1) == ["L001"] and screen.retrieval_table.rowCount() == 0


def test_scans_mark_found_and_fetched(qtbot, screen_context, asked, settle, heard) -> None:
    screen = make(qtbot, screen_context, settle)
    type_scan(qtbot, screen.scan, "B001")
    settle()
    assert "B001: keep it behind the desk for 陳小明 (P001) until 2026-11-12" in \
        screen.status.text()
    slip = screen_context.slips.last.device_slip
    assert slip.barcode == "B001" and "陳○明" in "\n".join(slip.text_lines())
    assert column(screen.search_table, 1) == ["B002"]
    assert status(asked, "B001") == "on_holds_shelf"
    type_scan(qtbot, screen.scan, "W002")
    settle()
    assert "In-library use only" in screen.status.text()
    assert column(screen.retrieval_table, 0) == [
        "to fetch", "waiting for pickup · in-library use only"]
    # a book on neither list: refused, said, nothing changes
    type_scan(qtbot, screen.scan, "B003")
    settle()
    assert screen.status.text() == "Item B003 is not on the search list."
    assert heard.sound[-1] == "error.requests.search_not_on_list"
    with asked.library.read_sessions() as s:
        assert s.scalars(select(PatronNotice.kind).order_by(PatronNotice.id)).all() == [
            "search_found", "retrieval_ready"]


def test_not_found_key(qtbot, screen_context, asked, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    screen.search_table.setFocus()
    qtbot.keyClick(screen.search_table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert screen.status.text() == "Select a search on the list first."
    screen.search_table.selectRow(1)
    qtbot.keyClick(screen.search_table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert screen.status.text().startswith("B001 was not found")
    assert status(asked, "B001") == "missing"
    assert column(screen.search_table, 1) == ["B002"]


def test_lend_for_reading_keeps_the_id(qtbot, screen_context, asked, settle,
                                       monkeypatch) -> None:
    screen = make(qtbot, screen_context, settle)
    type_scan(qtbot, screen.scan, "W002")
    settle()
    asked_for: list[str] = []

    def answer(parent, title, label):  # noqa: ANN001, ANN202 - QInputDialog.getText's shape
        asked_for.append(label)
        return "學生證 110305001", True
    monkeypatch.setattr(requests_module.QInputDialog, "getText", answer)
    screen.tabs.setCurrentIndex(1)
    screen.retrieval_table.selectRow(1)
    qtbot.keyClick(screen.retrieval_table, Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert asked_for and "W002" in asked_for[0] and "王大同" in asked_for[0]
    assert screen.status.text() == \
        "W002 lent for reading until 2026-11-02 21:30; keep the ID: 學生證 110305001."
    assert column(screen.retrieval_table, 8) == ["", "學生證 110305001"]
    assert status(asked, "W002") == "on_loan"


def test_deadlines_run_on_the_days_first_look(qtbot, screen_context, asked, settle,
                                              clock) -> None:
    clock.set(2026, 11, 4, 9)
    screen = make(qtbot, screen_context, settle)
    assert "now missing: B002" in screen.status.text()
    assert status(asked, "B002") == "missing"
    assert column(screen.search_table, 1) == ["B001"]
    screen.activate()            # the same day: not again
    settle()
    assert "now missing: B002" in screen.status.text()
