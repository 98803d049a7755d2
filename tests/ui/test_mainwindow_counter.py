"""The main window at a busy counter (issue 19's walkthrough): a message belongs to the screen
that said it, the last patron's slip leaves with the shift, Ctrl+Q asks before the desk closes,
and the sign-in names the desk and its location, not the database's path."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desk.ui.signin import SignInDialog
from tests.ui.conftest import scan


def test_a_status_message_does_not_linger_on_the_next_screen(qtbot, window):
    window.show_status("P009 not found", "warning")
    window.set_mode("checkin")
    assert window.status_text.text() == ""
    window.show_status("something on checkin", "info")
    window.set_mode("checkin")                   # the same screen again: the message stays
    assert window.status_text.text() == "something on checkin"


def test_signing_out_takes_the_last_slip_off_the_screen(qtbot, window, context):
    screen = window.screens["checkout"]
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    screen.finish()
    qtbot.waitUntil(lambda: bool(window.slip_view.toPlainText()))
    assert "B001" in window.slip_view.toPlainText()
    dialog = window.sign_out()
    qtbot.addWidget(dialog)
    assert window.slip_view.toPlainText() == ""
    assert context.slips.last is None and not context.slips.reprint()


def test_ctrl_q_asks_and_stay_keeps_the_desk_open(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = window.quit_question
    qtbot.waitUntil(box.isVisible)
    assert box.defaultButton() is box.escapeButton()       # Enter or Esc: stay
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.isVisible() and not box.isVisible()
    box = window.ask_quit()
    quit_button = next(b for b in box.buttons()
                       if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_sign_in_names_the_desk_and_its_location_not_the_database(qtbot, context, desk):
    dialog = SignInDialog(desk.library, "LAW-1", context.tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "法學分館" in dialog.where.text())
    assert dialog.where.text() == "Desk LAW-1 · 法學分館 (LAW)"
    assert desk.library.url not in dialog.where.text()
    unknown = SignInDialog(desk.library, "NOWHERE-9", context.tasks)
    qtbot.addWidget(unknown)
    qtbot.waitUntil(lambda: "not set up" in unknown.where.text())


def test_f1_from_a_patrons_own_screen_takes_them_along_the_search_alone_does_not(
        qtbot, window):
    window.set_mode("patron_search")
    search = window.screens["patron_search"]
    checkout = window.screens["checkout"]
    search.search.setText("陳")                    # a search page with results, no patron open
    search._search_now()
    qtbot.waitUntil(lambda: bool(search.found))
    assert search.results.item(0, 3) is not None   # the department column is there
    qtbot.keyClick(search.search, Qt.Key.Key_F1)
    assert window.active_screen is checkout
    qtbot.wait(100)
    assert checkout.patron_barcode is None
    window.set_mode("patron_search")
    window.scan("P001")                            # the patron's own screen
    qtbot.waitUntil(search.showing_record)
    qtbot.keyClick(window.active_screen, Qt.Key.Key_F1)      # "Check out to this patron (F1)"
    assert window.active_screen is checkout
    qtbot.waitUntil(lambda: checkout.panel.summary is not None)
    assert checkout.patron_barcode == "P001"
