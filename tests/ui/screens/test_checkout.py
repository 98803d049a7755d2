"""The checkout screen on the real small library: patron panel, lending, refusals, overrides,
switching patron, Done and the slip."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desk.models import AuditEvent
from tests.ui.conftest import scan


def checkout_screen(window):
    window.set_mode("checkout")
    return window.screens["checkout"]


def open_loans(library, patron):
    from desk.circulation.queries import patron_summary
    return [loan.item_barcode for loan in patron_summary(library, patron).loans]


def test_patron_then_items_are_lent_with_due_dates(qtbot, window, desk):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    assert screen.panel.name.text() == "陳小明"
    assert "student" in screen.panel.category.text()
    assert "2027-06-30" in screen.panel.expiry.text()
    assert screen.panel.property("state") == "ok"
    assert not screen.panel.photo.image.pixmap().isNull()    # the silhouette
    assert not screen.panel.photo.has_photo and screen.panel.photo.mark.isVisible()
    assert screen.panel.photo.mark.text() == "No photo — ask for ID"
    scan(qtbot, screen.scan_field, "B001")
    scan(qtbot, screen.scan_field, "C001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert screen.table.item(0, 0).text() == "B001"
    assert screen.table.item(0, 1).text() == "書名 1"
    assert screen.table.item(0, 2).text() == "2026-12-02"      # 30 days from 2026-11-02
    assert "1 CD-ROM" in screen.table.item(1, 3).text()        # accessories notice
    assert open_loans(desk.library, "P001") == ["C001", "B001"]
    qtbot.waitUntil(lambda: "Loans 2" in screen.panel.counts.text())
    # success.checkout falls back to "success"; the accessories notice to "info"
    assert window.sounds.played[-2:] == ["success", "info"]


def test_blocked_patron_is_highlighted_and_refused_with_every_reason(qtbot, window, desk):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P007")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    assert screen.panel.property("state") == "blocked"
    assert "證件遺失" in screen.panel.alerts.text()
    assert window.sounds.played[-1] == "error.checkout.patron_blocked"
    flashes = window.flash.count
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    assert "blocked" in screen.refusal.reasons.text()
    assert screen.refusal.override_button.isVisible()
    assert window.flash.count == flashes + 1
    assert window.status_text.property("level") == "error"
    assert screen.results == [] and screen.unresolved_refusals() == ["B001"]   # nothing lent
    assert open_loans(desk.library, "P007") == []


def test_expired_card_refusal_lists_every_reason(qtbot, window, desk, clock):
    # P004's card expired; give them an overdue loan too, so two reasons apply.
    override_circ = desk.main
    from desk.circulation import Override
    override_circ.checkout("P004", "B005", override=Override({"patron_expired"}, desk.boss, "test"))
    clock.advance(days=40)
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P004")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    text = screen.refusal.reasons.text()
    assert "expired" in text and "overdue" in text
    assert text.count("•") >= 2


def test_override_by_supervisor_lends_and_is_audited(qtbot, window, desk):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P007")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    dialog = screen.ask_override()
    qtbot.waitUntil(dialog.isVisible)
    # a wrong password first: refused, nothing lent
    qtbot.keyClicks(dialog.login, "boss")
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClicks(dialog.reason, "card found again")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "Wrong login or password" in dialog.error.text()
    # a clerk is not a supervisor
    dialog.login.setText("clerk")
    dialog.password.setText("clerk-pass")
    dialog.submit()
    qtbot.waitUntil(lambda: "not a supervisor" in dialog.error.text())
    dialog.login.setText("boss")
    dialog.password.setText("boss-pass")
    with qtbot.waitSignal(screen.row_added, timeout=10000):
        dialog.submit()
    assert screen.table.item(0, 0).text() == "B001"
    assert not screen.refusal.isVisible()
    # the patron-level override stands for the rest of the visit
    scan(qtbot, screen.scan_field, "B002")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert open_loans(desk.library, "P007") == ["B001", "B002"]
    with desk.library.sessions() as session:
        events = session.query(AuditEvent).filter_by(action="checkout", outcome="overridden").all()
        assert {e.item_barcode for e in events} == {"B001", "B002"}
        assert all(e.reason == "card found again" and e.supervisor_id == desk.boss.id
                   for e in events)


def test_not_overridable_refusal_offers_no_override(qtbot, window, desk):
    desk.main.checkout("P002", "B003")
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B003")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    assert "already on loan" in screen.refusal.reasons.text()
    assert not screen.refusal.override_button.isVisible()
    assert screen.ask_override() is None


def test_unknown_item_and_unknown_card(qtbot, window):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P999")
    qtbot.waitUntil(lambda: "No patron has card P999" in window.status_text.text())
    assert screen.patron_barcode is None
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "X123")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    assert "No item has barcode X123" in screen.refusal.reasons.text()


def test_scanning_another_card_switches_patron_and_prints_the_first_slip(qtbot, window, context):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    scan(qtbot, screen.scan_field, "P002")
    qtbot.waitUntil(lambda: screen.panel.summary is not None
                    and screen.panel.summary.barcode == "P002")
    assert screen.table.rowCount() == 0
    slip = context.slips.last
    assert slip.kind == "checkout" and "陳小明" in slip.text() and "B001" in slip.text()
    assert window.last_patron == "P002"


def test_done_prints_the_slip_and_clears(qtbot, window, context):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P003")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    scan(qtbot, screen.scan_field, "F001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F12)
    assert screen.table.rowCount() == 0 and screen.panel.summary is None
    slip = context.slips.last
    assert slip.title == "Checkout" and slip.device_slip is not None   # the printed slip
    assert "Patron: Prof. Lee" in slip.text()
    assert "Item: F001" in slip.text() and "Title: Dune" in slip.text()
    assert "Due: 2027-01-31" in slip.text()               # faculty: 90 days
    assert "Dune" in window.slip_view.toPlainText()
    # F9 reprints it, F8 brings the patron back
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F9)
    assert len(context.slips.history) == 2
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    assert screen.panel.summary.barcode == "P003"
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Escape)
    assert screen.panel.summary is None


def test_expiry_date_shown_in_red_when_expired(qtbot, window):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P004")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    assert screen.panel.expiry.property("alert") is True
    assert date(2026, 1, 31).isoformat() in screen.panel.expiry.text()


# --- refused books stay in the visit's list (issue 10, item 1) ---------------------------------
def refused_rows(screen):
    return [row for row in range(screen.table.rowCount())
            if screen.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == "refused"]


def lend_elsewhere(desk, *items):
    for item in items:
        desk.main.checkout("P002", item)


def test_refused_books_stay_as_red_rows_with_their_reasons(qtbot, window, context, desk):
    lend_elsewhere(desk, "B003", "B004")
    sounds: list[str] = []
    context.messages.sound.connect(sounds.append)
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B003")
    scan(qtbot, screen.scan_field, "B004")
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3)
    assert [screen.table.item(row, 0).text() for row in range(3)] == ["B003", "B004", "B001"]
    assert refused_rows(screen) == [0, 1]
    for row in (0, 1):
        assert "Not lent" in screen.table.item(row, 2).text()          # a word, not colour only
        assert not screen.table.item(row, 0).icon().isNull()          # and an icon
        assert "already on loan" in screen.table.item(row, 3).text()  # the reason
        assert screen.table.item(row, 1).text() == f"書名 {row + 3}"   # and which book it is
        colour = screen.table.item(row, 0).background().color()
        assert colour.red() > colour.green() + 20                      # red
    assert screen.table.item(2, 2).text() == "2026-12-02"
    assert screen.table.item(2, 0).icon().isNull()
    assert sounds.count("error.checkout.item_checked_out") == 2
    assert screen.count_label.text() == "Items lent: 1"
    assert screen.refused_label.isVisible() and "2" in screen.refused_label.text()
    assert screen.unresolved_refusals() == ["B003", "B004"]


def test_a_refusal_is_overridden_from_its_row_by_keyboard_and_becomes_the_lent_row(
        qtbot, window, desk):
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P007")                           # blocked: every book refused
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    scan(qtbot, screen.scan_field, "B002")
    qtbot.waitUntil(lambda: len(refused_rows(screen)) == 2)
    # the rows are reached from the scan field with the keyboard: Tab, arrows, Ctrl+O
    screen.table.setFocus()
    screen.table.selectRow(0)
    qtbot.keyClick(screen.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.override_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert "blocked" in " ".join(dialog.codes)
    dialog.login.setText("boss")
    dialog.password.setText("boss-pass")
    dialog.reason.setPlainText("card found again")
    with qtbot.waitSignal(screen.row_added, timeout=10000):
        dialog.submit()
    assert screen.table.rowCount() == 2                               # no second row
    assert screen.table.item(0, 0).text() == "B001"
    assert screen.table.item(0, 0).data(Qt.ItemDataRole.UserRole) != "refused"
    assert screen.table.item(0, 2).text() == "2026-12-02"
    assert refused_rows(screen) == [1]
    assert screen.count_label.text() == "Items lent: 1"
    # the patron's block is overridden for the visit: the other row needs no second sign-in
    window.activateWindow()                    # back from the dialog (offscreen does not)
    qtbot.waitUntil(window.isActiveWindow)
    screen.table.clearSelection()
    screen.table.selectRow(1)
    qtbot.keyClick(screen.table, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: refused_rows(screen) == [])
    assert screen.table.rowCount() == 2
    assert sorted(open_loans(desk.library, "P007")) == ["B001", "B002"]
    assert screen.count_label.text() == "Items lent: 2"
    assert not screen.refused_label.isVisible()


def test_a_refused_book_scanned_again_and_lent_replaces_its_row(qtbot, window, desk):
    lend_elsewhere(desk, "B003")
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B003")
    qtbot.waitUntil(lambda: refused_rows(screen) == [0])
    scan(qtbot, screen.scan_field, "B003")                           # refused again: one row
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert refused_rows(screen) == [0]
    desk.main.checkin("B003")                                        # the other patron's copy back
    scan(qtbot, screen.scan_field, "B003")
    qtbot.waitUntil(lambda: refused_rows(screen) == [])
    assert [screen.table.item(row, 0).text() for row in range(2)] == ["B003", "B001"]
    assert screen.count_label.text() == "Items lent: 2"
    assert screen.unresolved_refusals() == []


def test_done_asks_while_a_refusal_is_unresolved_and_the_slip_lists_only_loans(
        qtbot, window, context, desk):
    lend_elsewhere(desk, "B003")
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    scan(qtbot, screen.scan_field, "B003")
    scan(qtbot, screen.scan_field, "C001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3)
    for key in (Qt.Key.Key_F12, Qt.Key.Key_Escape):
        qtbot.keyClick(screen.scan_field, key)
        question = screen.finish_question
        assert question is not None
        qtbot.waitUntil(question.isVisible)
        assert "B003" in question.text()
        assert question.defaultButton() is question.go_back       # Enter goes back
        qtbot.keyClick(question, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not question.isVisible())
        assert screen.table.rowCount() == 3 and screen.panel.summary is not None
        assert context.slips.last is None                         # nothing printed, visit open
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F12)
    question = screen.finish_question
    qtbot.waitUntil(question.isVisible)
    question.finish_anyway.click()
    qtbot.waitUntil(lambda: screen.table.rowCount() == 0)
    text = context.slips.last.text()
    assert "Item: B001" in text and "Item: C001" in text and "B003" not in text
    assert "Items: 2" in text
    assert "Accessories: 1 CD-ROM" in text                       # issue 10, item 2
    assert screen.panel.summary is None


def test_the_next_patrons_card_asks_too_while_a_refusal_is_unresolved(qtbot, window, context,
                                                                      desk):
    lend_elsewhere(desk, "B003")
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    scan(qtbot, screen.scan_field, "B003")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    scan(qtbot, screen.scan_field, "P003")                 # the next patron steps up
    question = screen.finish_question
    assert question is not None
    qtbot.waitUntil(question.isVisible)
    qtbot.keyClick(question, Qt.Key.Key_Return)            # go back: P001's visit goes on
    qtbot.waitUntil(lambda: not question.isVisible())
    assert screen.patron_barcode == "P001" and screen.unresolved_refusals() == ["B003"]
    assert context.slips.last is None
    scan(qtbot, screen.scan_field, "P002")       # another card (one card twice is a double read)
    question = screen.finish_question
    qtbot.waitUntil(question.isVisible)
    question.finish_anyway.click()
    qtbot.waitUntil(lambda: screen.panel.summary is not None
                    and screen.panel.summary.barcode == "P002")
    text = context.slips.last.text()
    assert "陳小明" in text and "Item: B001" in text and "B003" not in text
    assert screen.table.rowCount() == 0


def test_a_visit_ended_otherwise_closes_its_open_question(qtbot, window, context, desk):
    """A shift change or the idle end resets the screen: the question about that visit goes."""
    lend_elsewhere(desk, "B003")
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B003")
    qtbot.waitUntil(lambda: screen.unresolved_refusals() == ["B003"])
    screen.done()
    question = screen.finish_question
    qtbot.waitUntil(question.isVisible)
    screen.reset()
    qtbot.waitUntil(lambda: not question.isVisible())
    assert screen.patron_barcode is None and context.slips.last is None


def test_a_refusal_for_fines_offers_to_pay_them_and_f11_takes_the_patron(qtbot, window, desk,
                                                                      clock):
    desk.main.checkout("P001", "B001")
    clock.advance(days=33)
    desk.main.checkin("B001")                                    # NT$15 owed
    screen = checkout_screen(window)
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B002")
    qtbot.waitUntil(lambda: len(refused_rows(screen)) == 1)
    assert screen.refusal.pay_button.isVisible()
    assert screen.refusal.pay_button.text() == "Pay the fines (F11)"
    screen.refusal.pay_button.click()                       # the next step, said on the box
    fines = window.screens["fines"]
    assert window.active_screen is fines
    qtbot.waitUntil(lambda: fines.current_patron() == "P001")
    window.set_mode("checkout")
    screen.finish()                                         # the visit ends, the refusal left
    scan(qtbot, screen.scan_field, "P007")                  # blocked, owes nothing: no button
    qtbot.waitUntil(lambda: screen.patron_barcode == "P007" and screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B003")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    assert not screen.refusal.pay_button.isVisible()
    fines.reset()
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F11)
    assert window.active_screen is fines
    qtbot.wait(100)
    assert fines.current_patron() is None


def test_the_panel_names_the_department_and_the_books_waiting_and_the_prompt_moves_on(
        qtbot, window, desk):
    desk.main.update_patron("P001", department="資訊工程學系")
    desk.main.checkout("P003", "B001")
    desk.main.place_hold("P001", "B001")
    assert desk.main.checkin("B001").route == "holds_shelf"
    screen = checkout_screen(window)
    assert screen.scan_field.placeholderText() == "Scan a patron card, then items"
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    assert screen.panel.category.text().endswith("· 資訊工程學系")
    assert screen.panel.waiting.isVisible()
    assert screen.panel.waiting.text().startswith("★ On the holds shelf for them: 書名 1")
    assert "pick up by" in screen.panel.waiting.text()
    assert screen.scan_field.placeholderText().startswith("Scan the items to lend")
    screen.finish()
    assert screen.scan_field.placeholderText() == "Scan a patron card, then items"
    # the book on the shelf for P001, brought by somebody else: the refusal says what to do
    scan(qtbot, screen.scan_field, "P002")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    assert not screen.panel.waiting.isVisible()
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.refusal.isVisible())
    assert "put it back on the holds shelf" in screen.refusal.reasons.text()
