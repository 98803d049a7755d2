"""The New patron and Edit patron dialogs, driven by the keyboard on the small library: Enter
moves on and saves on the last field, each refusal shows beside its field and saves nothing, a
duplicate is confirmed before saving, a deposit prints its receipt; F4 opens the dialog when a
search finds nobody and the checkout offers it for an unknown card, then lends to the new
patron."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desk.ui.patron_form import EditPatronDialog, NewPatronDialog
from desk.ui.screens.checkout import CheckoutScreen
from desk.ui.screens.patron_search import PatronSearchScreen
from tests.ui.screens.conftest import show, type_text


def declare(desk) -> None:  # noqa: ANN001
    desk.library.add_category("student", "Student", term_days=180, registration="check",
                              required_fields=["email"])
    desk.library.add_category("external", "External borrower", term_days=365,
                              registration="guarantee", deposit=1000)
    desk.library.set_rule("external", "book", loan_days=14, max_items=3, renewals=1,
                          renewal_days=14, fine_per_day=5)


def new_dialog(qtbot, context, barcode: str = "") -> NewPatronDialog:  # noqa: ANN001
    dialog = NewPatronDialog(context, barcode=barcode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.category.count() > 0, timeout=5000)
    return dialog


def choose(dialog: NewPatronDialog, code: str) -> None:
    dialog.category.setCurrentIndex(dialog.category.findData(code))


def visible_error(dialog, key: str) -> str:  # noqa: ANN001
    label = dialog.errors[key]
    return label.text() if label.isVisibleTo(dialog) else ""


def test_enter_moves_on_and_saves_on_the_last_field(qtbot, screen_context, desk, settle,
                                                    heard) -> None:
    declare(desk)
    dialog = new_dialog(qtbot, screen_context, "S500")
    choose(dialog, "student")
    assert dialog.name.hasFocus()
    type_text(dialog.name, "林同學")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.category.hasFocus()
    qtbot.keyClick(dialog.category, Qt.Key.Key_Return)
    assert dialog.checked.hasFocus()            # students: the registration check
    assert dialog.guarantor.isHidden()          # no guarantor for a student
    qtbot.keyClick(dialog.checked, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.checked, Qt.Key.Key_Return)
    assert dialog.email.hasFocus()
    qtbot.keyClicks(dialog.email, "lin@nccu.edu.tw")
    for field in (dialog.email, dialog.phone, dialog.department, dialog.birth_date):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.expires.hasFocus()
    with qtbot.waitSignal(dialog.registered, timeout=10000) as saved:
        qtbot.keyClick(dialog.expires, Qt.Key.Key_Return)   # the last field saves
    assert saved.args == ["S500"]
    settle()
    assert desk.main.checkout("S500", "B001").loan_id
    assert any("S500" in text for text in heard.info)


def test_each_refusal_shows_beside_its_field_and_saves_nothing(qtbot, screen_context, desk,
                                                               settle) -> None:
    declare(desk)
    dialog = new_dialog(qtbot, screen_context, "P001")     # a card already in use
    choose(dialog, "student")
    qtbot.keyClicks(dialog.email, "not-an-email")
    qtbot.keyClicks(dialog.birth_date, "1999-13-01")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "YYYY-MM-DD" in visible_error(dialog, "birth_date")   # checked on the form itself
    dialog.birth_date.clear()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_error(dialog, "email") != "", timeout=5000)
    settle()
    assert "not an e-mail address" in visible_error(dialog, "email")
    assert visible_error(dialog, "name") == "The name is required."
    assert dialog.name.hasFocus()                       # the first wrong field
    type_text(dialog.name, "林同學")
    dialog.email.setText("lin@nccu.edu.tw")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_error(dialog, "barcode") != "", timeout=5000)
    assert "P001 exists already" in visible_error(dialog, "barcode")
    assert "Check the registration first" in visible_error(dialog, "registration_checked")
    assert visible_error(dialog, "email") == "" and visible_error(dialog, "name") == ""
    assert dialog.isVisible()
    with desk.library.read_sessions() as session:
        from sqlalchemy import func, select

        from desk.models import Patron
        assert session.scalar(select(func.count()).select_from(Patron)) == 7


def test_a_guarantor_shows_their_standing_and_a_deposit_prints_its_receipt(
        qtbot, screen_context, desk, settle) -> None:
    declare(desk)
    dialog = new_dialog(qtbot, screen_context, "E500")
    choose(dialog, "external")
    assert not dialog.guarantor.isHidden() and dialog.checked.isHidden()
    type_text(dialog.name, "校外人士")
    qtbot.keyClicks(dialog.guarantor, "P007")
    qtbot.keyClick(dialog.guarantor, Qt.Key.Key_Return)       # editing finished: looked up
    qtbot.waitUntil(lambda: "blocked" in dialog.standing.text(), timeout=5000)
    assert "趙停權" in dialog.standing.text()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible_error(dialog, "guarantor") != "", timeout=5000)
    assert "cannot stand guarantor" in visible_error(dialog, "guarantor")
    dialog.guarantor.clear()
    dialog.deposit.setValue(1000)
    with qtbot.waitSignal(dialog.registered, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle()
    slip = screen_context.slips.last
    assert slip is not None and "1,000" in slip.text()
    assert desk.main.balance("E500") == 0


def test_a_duplicate_names_the_record_and_is_saved_once_confirmed(qtbot, screen_context, desk,
                                                                  settle) -> None:
    desk.library.add_patron("P050", "陳大文", "faculty", email="chen@nccu.edu.tw")
    dialog = new_dialog(qtbot, screen_context, "F500")
    choose(dialog, "faculty")
    type_text(dialog.name, "陳大文")
    qtbot.keyClicks(dialog.email, "chen@nccu.edu.tw")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.confirm.isVisible(), timeout=5000)
    assert "陳大文 (P050)" in dialog.general.text()
    assert dialog.confirm.hasFocus()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.registered, timeout=10000):
        qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)     # the last field: saves
    settle()


def test_edit_saves_changes_and_ctrl_e_extends_by_the_term(qtbot, screen_context, desk, settle,
                                                          clock) -> None:
    declare(desk)
    dialog = EditPatronDialog(screen_context, "P001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=5000)
    assert dialog.expires.text() == "2027-06-30"
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert dialog.expires.text() == "2027-12-27"               # 2027-06-30 + 180 days
    qtbot.keyClicks(dialog.phone, "0912-345-678")
    with qtbot.waitSignal(dialog.changed, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    settle()
    from desk.circulation.queries.registration import patron_record
    record = patron_record(desk.library, "P001")
    assert (record.phone, record.expires_on) == ("0912345678", date(2027, 12, 27))


def test_f4_finding_nobody_offers_the_new_patron_dialog(qtbot, screen_context, desk,
                                                        settle) -> None:
    screen = show(qtbot, PatronSearchScreen(screen_context))
    screen.activate()
    type_text(screen.search, "無此人")
    qtbot.waitUntil(lambda: "Ctrl+N" in screen.count.text(), timeout=5000)
    qtbot.keyClick(screen.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.patron_dialog
    assert isinstance(dialog, NewPatronDialog)
    assert dialog.name.text() == "無此人"
    qtbot.waitUntil(lambda: dialog.category.count() > 0, timeout=5000)
    qtbot.keyClicks(dialog.barcode, "F600")
    with qtbot.waitSignal(dialog.registered, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.current_patron() == "F600", timeout=5000)
    settle()


def test_an_unknown_card_at_checkout_asks_to_register_then_lends(qtbot, screen_context, desk,
                                                                 settle) -> None:
    screen = show(qtbot, CheckoutScreen(screen_context))
    screen.activate()
    screen.handle_scan("F700")
    qtbot.waitUntil(lambda: screen.register_question is not None, timeout=5000)
    question = screen.register_question
    assert "F700" in question.text()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Yes)
    qtbot.keyClick(question, Qt.Key.Key_Return)                 # Enter: yes
    qtbot.waitUntil(lambda: screen.new_patron_dialog is not None, timeout=5000)
    dialog = screen.new_patron_dialog
    qtbot.waitUntil(lambda: dialog.category.count() > 0, timeout=5000)
    assert dialog.barcode.text() == "F700" and dialog.name.hasFocus()
    choose(dialog, "faculty")
    type_text(dialog.name, "新教授")
    with qtbot.waitSignal(dialog.registered, timeout=10000):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.panel.summary is not None, timeout=5000)
    assert screen.patron_barcode == "F700"
    screen.handle_scan("B001")
    qtbot.waitUntil(lambda: len(screen.results) == 1, timeout=5000)
    settle()
    assert screen.results[0].loan_id
