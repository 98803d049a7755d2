"""Patron search: as-you-type by card or name, keyboard navigation, and opening the patron's
own screen (its tabs are tested in test_patron_record.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk.ui.screens.patron_search import PatronSearchScreen
from tests.ui.screens.conftest import show, type_scan, type_text


def make(qtbot, screen_context) -> PatronSearchScreen:
    screen = show(qtbot, PatronSearchScreen(screen_context))
    screen.activate()
    return screen


def column(table, index: int) -> list[str]:
    return [table.item(row, index).text() for row in range(table.rowCount())]


def test_results_appear_as_you_type(qtbot, screen_context, settle) -> None:
    screen = make(qtbot, screen_context)
    type_text(screen.search, "小明")
    qtbot.waitUntil(lambda: screen.found != [], timeout=5000)
    settle()
    assert column(screen.results, 1) == ["陳小明"]
    assert screen.count.text() == "1 patron(s) found"
    screen.search.clear()
    qtbot.keyClicks(screen.search, "P00")
    qtbot.waitUntil(lambda: len(screen.found) == 7, timeout=5000)
    statuses = dict(zip(column(screen.results, 0), column(screen.results, 5)))
    assert statuses["P004"] == "expired" and statuses["P007"] == "blocked"
    assert statuses["P001"] == ""


def test_keyboard_down_and_enter_open_a_patron(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P002", "B001")
    screen = make(qtbot, screen_context)
    type_text(screen.search, "王")
    qtbot.waitUntil(lambda: screen.found != [], timeout=5000)
    settle()
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    assert screen.results.hasFocus()
    qtbot.keyClick(screen.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.record.record is not None, timeout=5000)
    settle()
    assert screen.showing_record() and screen.current_patron() == "P002"
    assert column(screen.record.loans, 0) == ["B001"]
    assert screen.record.tabs.tabText(0) == "1 Loans (1)"
    qtbot.keyClick(screen.record.loans, Qt.Key.Key_Escape)      # back to the search as it was
    assert not screen.showing_record() and screen.search.hasFocus()
    assert screen.search.text() == "王" and screen.current_patron() is None


def test_a_scanned_card_opens_with_loans_holds_charges_history(qtbot, screen_context, desk, clock,
                                                               settle) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    clock.advance(days=40)
    desk.main.checkin("B001")           # 10 days late: NT$50
    desk.main.place_hold("P001", "B100")
    screen = make(qtbot, screen_context)
    screen.handle_scan("P001")
    settle()
    record = screen.record
    assert record.name.text() == "陳小明"
    assert column(record.loans, 1) == ["書名 2"]
    assert column(record.loans, 4) == ["NT$50"]  # B002 is as late as B001 was
    assert column(record.holds, 0) == ["三國演義"] and column(record.holds, 1) == ["waiting for a copy"]
    assert column(record.charges, 1) == ["Overdue fine"]     # by name, never the code
    assert column(record.charges, 4) == ["NT$50"]
    assert record.tabs.tabText(2) == "3 Charges (NT$50)"
    assert column(record.history_table, 1) == ["B001"]
    assert record.history_table.item(0, 0).text().endswith("(late)")


def test_enter_with_a_whole_card_number_opens_it(qtbot, screen_context, settle) -> None:
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.search, "P003")
    settle()
    assert screen.record.record is not None and screen.record.record.summary.name == "Prof. Lee"


def test_unknown_card_scan_is_reported(qtbot, screen_context, settle, heard) -> None:
    screen = make(qtbot, screen_context)
    screen.handle_scan("P999")
    settle()
    assert heard.error == ["No patron has card P999."]
    assert heard.sound == ["error.patron_search.patron_not_found"]
    assert screen.record.record is None and not screen.showing_record()


def test_nothing_found_and_reset(qtbot, screen_context, settle) -> None:
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.search, "nobody at all")
    qtbot.waitUntil(lambda: screen.count.text()
                    == "No patron found: Ctrl+N registers a new one.", timeout=5000)
    settle()
    assert screen.results.rowCount() == 0 and screen.record.record is None
    assert screen.new_button.hasFocus()           # Enter or Space: the New patron dialog
    screen.reset()
    assert screen.search.text() == "" and screen.count.text() == ""
