"""The holds shelf: the list with deadlines, clearing with the pull checklist, the sweep with
its verdict sounds, and the pull list as a slip and as a PDF."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt

from desk.circulation.queries import item_status
from desk.ui.screens.holds_shelf import HoldsShelfScreen
from tests.ui.screens.conftest import show, type_scan


@pytest.fixture
def shelf(desk, clock):
    """On the MAIN holds shelf: B100 (for P001), B001 (for P002), B002 (for P001, P002 next in
    line) and L001 (for P002, P001 next in line with pickup at LAW) — all expired a day ago —
    and B003 (for P001), trapped today."""
    main = desk.main
    for item, holders in (("B100", [("P001", None)]), ("B001", [("P002", None)]),
                          ("B002", [("P001", None), ("P002", None)]),
                          ("L001", [("P002", None), ("P001", "LAW")])):
        main.checkout("P003", item)
        for patron, pickup in holders:
            main.place_hold(patron, item, pickup_location=pickup)
        assert main.checkin(item).route == "holds_shelf"
    clock.advance(days=8)  # the shelf deadline was 2026-11-09 23:59
    main.checkout("P003", "B003")
    main.place_hold("P001", "B003")
    assert main.checkin("B003").route == "holds_shelf"
    return desk


def make(qtbot, screen_context, settle) -> HoldsShelfScreen:
    screen = show(qtbot, HoldsShelfScreen(screen_context))
    settle()
    screen.activate()
    settle()
    return screen


def column(table, index: int) -> list[str]:
    return [table.item(row, index).text() for row in range(table.rowCount())]


def test_the_shelf_lists_waiting_holds_with_deadlines(qtbot, screen_context, shelf,
                                                      settle) -> None:
    screen = make(qtbot, screen_context, settle)
    assert screen.location.currentData() == "MAIN"
    assert screen.location.count() == 2
    assert column(screen.shelf_table, 4) == ["B100", "B001", "B002", "L001", "B003"]
    assert column(screen.shelf_table, 0)[:4] == ["2026-11-09"] * 4
    assert column(screen.shelf_table, 1)[0] == "陳○明"        # masked: the screen faces the counter
    assert not any("陳小明" in text for text in column(screen.shelf_table, 1))
    assert screen.status.text() == "5 hold(s) waiting, 4 expired."
    # the status is said in words, not by the row's colour alone
    assert column(screen.shelf_table, 7) == ["Expired: pull"] * 4 + ["Waiting"]
    screen.location.setCurrentIndex(screen.location.findData("LAW"))
    screen.refresh()
    settle()
    assert screen.shelf_table.rowCount() == 0


def test_clear_expired_then_pull_checklist(qtbot, screen_context, shelf, settle, heard) -> None:
    screen = make(qtbot, screen_context, settle)
    qtbot.mouseClick(screen.clear_button, Qt.MouseButton.LeftButton)
    question = screen.clear_question
    assert question is not None and question.isVisible()
    assert "Cancel 4 expired hold(s)" in question.text()
    question.defaultButton().click()                   # Enter keeps them: nothing cleared
    settle()
    assert screen.pulls == [] and screen.shelf_table.rowCount() == 5
    question = screen.ask_clear_expired()
    next(b for b in question.buttons()
         if question.buttonRole(b) == question.ButtonRole.AcceptRole).click()
    settle()
    assert {e.barcode: e.done for e in screen.pulls} == {
        "B100": False, "B001": False, "L001": False, "B002": True}
    assert screen.pull_table.isVisible()
    assert "4 expired: 3 to pull, 1 retrapped" in screen.status.text()
    # B002 stays for P002 (王大同) with a new hold slip.
    [slip] = screen_context.slips.history
    assert slip.kind == "hold" and slip.lines[0].startswith("王○同")
    assert sorted(column(screen.shelf_table, 4)) == ["B002", "B003"]
    # Each pulled book is scanned to confirm: the scan checks it in.
    type_scan(qtbot, screen.scan, "B100")
    settle()
    assert item_status(shelf.library, "B100").status == "available"
    assert "back in circulation" in column(screen.pull_table, 4)[0]
    assert heard.sound[-1] == "success.holds_shelf.pulled"
    type_scan(qtbot, screen.scan, "B999")
    settle()
    assert heard.error[-1] == "B999 is not on the pull list."
    type_scan(qtbot, screen.scan, "L001")
    settle()
    assert item_status(shelf.library, "L001").status == "in_transit"
    transit = screen_context.slips.history[-1]
    assert transit.kind == "transit" and "法學分館" in transit.lines[-1]
    type_scan(qtbot, screen.scan, "B001")
    settle()
    assert all(e.done for e in screen.pulls)
    assert heard.sound[-1] == "success.holds_shelf.done"
    assert screen.status.text().endswith("All books pulled.")
    # With the checklist done, a scan is a shelf lookup again.
    type_scan(qtbot, screen.scan, "B003")
    settle()
    assert heard.sound[-1] == "info.holds_shelf.keep" and screen.verdicts == []


def test_clearing_an_empty_shelf_says_so(qtbot, screen_context, settle, heard) -> None:
    screen = make(qtbot, screen_context, settle)
    screen.clear_expired()
    settle()
    assert screen.pulls == [] and not screen.pull_table.isVisible()
    assert heard.info[-1] == "No expired holds on this shelf."


def test_sweep_gives_each_book_a_verdict_and_sound(qtbot, screen_context, shelf, settle,
                                                   heard) -> None:
    screen = make(qtbot, screen_context, settle)
    qtbot.mouseClick(screen.sweep_button, Qt.MouseButton.LeftButton)
    settle()
    assert screen.sweep_table.isVisible()
    for code in ("B003", "B100", "B005"):
        type_scan(qtbot, screen.scan, code)
        settle()
    assert screen.verdicts == [("B003", "keep"), ("B100", "pull"), ("B005", "not_on_shelf")]
    assert heard.sound[-3:] == ["info.holds_shelf.keep", "warning.holds_shelf.pull",
                                "error.holds_shelf.not_on_shelf"]
    assert column(screen.sweep_table, 2)[0] == "Keep — for 陳○明 until 2026-11-17"
    assert column(screen.sweep_table, 2)[1] == "Expired — pull it"
    # A book trapped after the sweep started is found on a second look.
    shelf.main.checkout("P003", "B004")
    shelf.main.place_hold("P002", "B004")
    shelf.main.checkin("B004")
    type_scan(qtbot, screen.scan, "B004")
    settle()
    assert screen.verdicts[-1] == ("B004", "keep")


def test_pull_list_prints_and_saves_as_pdf(qtbot, screen_context, shelf, settle, heard,
                                           tmp_path) -> None:
    screen = make(qtbot, screen_context, settle)
    screen.sweep_button.setChecked(True)
    settle()
    type_scan(qtbot, screen.scan, "B100")
    settle()
    screen.print_pull_list()
    slip = screen_context.slips.history[-1]
    assert slip.kind == "pull_list" and slip.title.startswith("Pull list MAIN 2026-11-10")
    assert [line.split()[1] for line in slip.lines] == ["B100", "B001", "B002", "L001"]
    assert slip.lines[0].startswith("✓") and slip.lines[1].startswith("☐")
    target = tmp_path / "pull.pdf"
    screen.save_pull_list_pdf(target)
    settle()
    assert heard.info[-1] == f"Pull list saved: {target}"
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    for code in ("B100", "B001", "B002", "L001"):
        assert code in text
    assert "B003" not in text  # not expired: stays on the shelf
    assert "三國演義" in text and "[x] B100" in text and "[ ] B001" in text
