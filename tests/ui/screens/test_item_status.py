"""Item status: by scan, by barcode or title search, with status, location and history."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desk.ui.screens.item_status import ItemStatusScreen
from tests.ui.screens.conftest import show, type_scan, type_text


def make(qtbot, screen_context) -> ItemStatusScreen:
    screen = show(qtbot, ItemStatusScreen(screen_context))
    screen.activate()
    return screen


def test_a_scan_shows_status_borrower_and_history(qtbot, screen_context, desk, clock, settle,
                                                  heard) -> None:
    desk.main.checkout("P001", "B100")
    clock.advance(days=2)
    desk.main.checkin("B100")
    desk.main.checkout("P002", "B100")
    desk.main.place_hold("P003", "B101")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.search, "B100")
    settle()
    fields = {name: label.text() for name, label in screen.fields.items()}
    assert fields["title"] == "三國演義" and fields["author"] == "羅貫中"
    assert fields["status"] == "on loan" and fields["location"] == "總圖"
    assert fields["borrower"] == "王大同 (P002)" and fields["due"] == "2026-12-04"
    assert fields["holds"] == "1" and fields["price"] == "NT$350"
    assert screen.history.rowCount() == 2
    assert screen.history.item(0, 2).text() == "on loan"
    assert screen.history.item(1, 3).text() == "P001"
    assert screen.history.item(1, 2).text() == "2026-11-04 10:00"
    assert heard.sound[-1] == "info.item_status"


def test_title_search_lists_copies_and_opens_the_chosen_one(qtbot, screen_context, settle) -> None:
    screen = make(qtbot, screen_context)
    type_text(screen.search, "三國")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    settle()
    assert [row.barcode for row in screen.found] == ["B100", "B101"]
    assert screen.count.text() == "2 item(s) found" and screen.item is None
    qtbot.keyClick(screen.search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.results, Qt.Key.Key_Down)
    qtbot.keyClick(screen.results, Qt.Key.Key_Return)
    settle()
    assert screen.item.barcode == "B101" and screen.fields["status"].text() == "available"


def test_a_single_hit_opens_at_once(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P001", "L001")
    desk.main.checkin("L001")  # belongs to LAW: in transit there
    screen = make(qtbot, screen_context)
    type_text(screen.search, "民法")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    settle()
    assert screen.item.barcode == "L001"
    assert screen.fields["status"].text() == "in transit"
    assert screen.fields["current"].text() == "法學分館"
    assert screen.fields["location"].text() == "法學分館"


def test_accessories_and_unknown_items(qtbot, screen_context, settle, heard) -> None:
    screen = make(qtbot, screen_context)
    screen.handle_scan("C001")
    settle()
    assert screen.fields["accessories"].text() == "1 CD-ROM"
    screen.handle_scan("X404")
    settle()
    assert heard.error == ["No item has barcode X404."]
    assert heard.sound[-1] == "error.item_status.item_not_found"
    type_scan(qtbot, screen.search, "no such title")
    settle()
    assert screen.count.text() == "0 item(s) found" and screen.item is None
    assert heard.sound[-1] == "error.item_status.not_found"


def test_an_item_waiting_for_staff_says_why(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P001", "C001")
    desk.main.checkin("C001")
    desk.main.accessories_missing("C001", "the CD")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.search, "C001")
    settle()
    fields = {name: label.text() for name, label in screen.fields.items()}
    assert fields["status"] == "available · accessories missing: to staff"


def test_an_anonymised_loan_shows_no_patron(qtbot, screen_context, desk, clock,
                                            settle) -> None:
    from desk.circulation.privacy import purge_history
    from tests.support.small_library import PASSWORDS
    desk.main.checkout("P001", "B100")
    clock.advance(days=2)
    desk.main.checkin("B100")
    clock.advance(days=200)
    purge_history(desk.library.store, by=desk.library.sign_in("admin", PASSWORDS["admin"]))
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.search, "B100")
    settle()
    assert screen.history.rowCount() == 1
    assert screen.history.item(0, 3).text() == "(anonymised)"
    assert screen.history.item(0, 4).text() == ""


def test_titles_are_searched_as_they_are_typed_and_old_details_go(qtbot, screen_context, desk,
                                                                  settle) -> None:
    screen = make(qtbot, screen_context)
    screen.handle_scan("B100")
    settle()
    assert screen.item.barcode == "B100"
    type_text(screen.search, "民法")                      # no Enter: the list fills by itself
    qtbot.waitUntil(lambda: [row.barcode for row in screen.found] == ["L001"])
    settle()
    assert screen.count.text() == "1 item(s) found"
    assert screen.item is None                           # B100's details are not this search's
    assert all(label.text() == "" for label in screen.fields.values())
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)     # Enter opens the one it found
    settle()
    assert screen.item.barcode == "L001"
    screen.search.clear()
    type_text(screen.search, "三國")
    qtbot.waitUntil(lambda: len(screen.found) == 2)
    assert screen.item is None


def test_an_overdue_course_reserve_says_overdue(qtbot, screen_context, desk, clock,
                                                settle) -> None:
    desk.main.checkout("P001", "R001")                    # a 2-hour loan
    screen = make(qtbot, screen_context)
    screen.handle_scan("R001")
    settle()
    assert screen.fields["status"].text() == "on loan"
    clock.advance(hours=3)
    screen.handle_scan("R001")
    settle()
    assert screen.fields["status"].text() == "on loan · OVERDUE"
    assert screen.fields["status"].property("alert") is True
