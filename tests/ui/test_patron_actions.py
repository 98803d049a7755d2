"""The patron actions of issue 15 on the real main window (pytest-qt): messages with author
and date on the checkout panel and acknowledged by key, block and unblock, a replaced card with
its temporary card slip, and a claim; a refusal stays in the dialog and saves nothing."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.circulation.queries import item_status, patron_summary
from desk.models import Patron
from desk.ui.patron_actions import PatronActionDialog
from tests.support import db_state
from tests.ui.conftest import scan

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def checkout_with(qtbot, window, card: str):  # noqa: ANN001, ANN201
    window.set_mode("checkout")
    screen = window.screens["checkout"]
    scan(qtbot, screen.scan_field, card)
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    return screen


def open_dialog(qtbot, screen, key: Qt.Key) -> PatronActionDialog:  # noqa: ANN001
    qtbot.keyClick(screen.scan_field, key, CTRL_SHIFT)
    qtbot.waitUntil(lambda: screen.actions.dialog is not None
                    and screen.actions.dialog.isVisible())
    return screen.actions.dialog


def test_a_message_shows_with_author_and_date_until_acknowledged(qtbot, window, desk) -> None:
    screen = checkout_with(qtbot, window, "P001")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_M)
    assert dialog.objectName() == "patronAction_message"
    dialog.text.insertPlainText("請繳回舊證")  # typed (an IME: not key by key)
    dialog.submit()
    qtbot.waitUntil(lambda: "請繳回舊證" in screen.panel.alerts.text())
    assert "林館員, 2026-11-02" in screen.panel.alerts.text()
    assert screen.panel.property("state") == "message"
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert "請繳回舊證" not in screen.table.item(0, 3).text()   # on the panel, not the row
    # The offscreen platform does not give activation back to the window when the dialog
    # closes (a window manager does): the window's keys need it.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_K, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "請繳回舊證" not in screen.panel.alerts.text())
    assert patron_summary(desk.library, "P001").messages == []


def test_an_empty_reason_stays_in_the_dialog_and_saves_nothing(qtbot, window, desk) -> None:
    screen = checkout_with(qtbot, window, "P007")
    before = db_state.rows(desk.library)
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_U)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "required" in dialog.error.text() and dialog.isVisible()
    assert db_state.rows(desk.library) == before
    dialog.text.insertPlainText("證件已尋回")  # typed (an IME: not key by key)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: screen.panel.property("state") == "ok")


def test_a_timed_block_from_the_dialog(qtbot, window, desk) -> None:
    screen = checkout_with(qtbot, window, "P001")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_B)
    dialog.text.insertPlainText("借書證待查")  # typed (an IME: not key by key)
    dialog.until_set.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: screen.panel.property("state") == "blocked")
    assert "借書證待查" in screen.panel.alerts.text()
    assert "2026-11-16" in screen.panel.alerts.text()      # two weeks, lifting by itself


def test_replace_card_prints_a_temporary_card_and_the_visit_goes_on(qtbot, window, desk,
                                                                   context) -> None:
    screen = checkout_with(qtbot, window, "P001")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_R)
    qtbot.keyClicks(dialog.new_card, "P002")                # another patron's card
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "P002" in dialog.error.text()
    dialog.new_card.clear()
    qtbot.keyClicks(dialog.new_card, "P901")
    dialog.submit()
    qtbot.waitUntil(lambda: screen.patron_barcode == "P901")
    slip = context.slips.last.device_slip
    assert slip.barcode == "P901" and "Temporary library card" in slip.title
    qtbot.waitUntil(lambda: "P901" in screen.panel.card.text())
    with desk.library.read_sessions() as session:
        assert session.scalars(select(Patron.name).where(Patron.barcode == "P901")).one() == \
            "陳小明"
    qtbot.wait(900)              # past the duplicate-scan window of the first P001 scan
    scan(qtbot, screen.scan_field, "P001")                  # the old card now
    qtbot.waitUntil(lambda: screen.patron_barcode is None)
    assert "was replaced on 2026-11-02" in window.status_text.text()
    assert window.sounds.played[-1] == "error"


def test_a_claim_from_the_dialog(qtbot, window, desk) -> None:
    desk.main.checkout("P001", "B001")
    screen = checkout_with(qtbot, window, "P001")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_L)
    qtbot.keyClicks(dialog.item, "B001")
    dialog.never.setChecked(True)
    qtbot.keyClicks(dialog.form_no, "F-045-7")
    dialog.submit()
    qtbot.waitUntil(lambda: "F-045-7" in screen.panel.alerts.text())
    status = item_status(desk.library, "B001")
    assert status.status == "claims_returned" and "F-045-7" in (status.claim or "")


def test_the_keys_work_on_patron_search(qtbot, window, desk) -> None:
    window.set_mode("patron_search")
    screen = window.screens["patron_search"]
    scan(qtbot, screen.search, "P001")
    qtbot.waitUntil(lambda: screen.record.record is not None)
    dialog = open_dialog_on(qtbot, screen, Qt.Key.Key_M)
    dialog.text.insertPlainText("來電詢問")  # typed (an IME: not key by key)
    dialog.submit()
    qtbot.waitUntil(lambda: screen.record.record is not None and any(
        "來電詢問" in message.text for message in screen.record.record.messages))


def open_dialog_on(qtbot, screen, key: Qt.Key) -> PatronActionDialog:  # noqa: ANN001
    qtbot.keyClick(screen.search, key, CTRL_SHIFT)
    qtbot.waitUntil(lambda: screen.actions.dialog is not None
                    and screen.actions.dialog.isVisible())
    return screen.actions.dialog


def test_without_a_patron_the_keys_say_so(qtbot, window) -> None:
    window.set_mode("checkout")
    screen = window.screens["checkout"]
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_B, CTRL_SHIFT)
    assert screen.actions.dialog is None


def test_the_dialogs_in_chinese_show_no_english(qtbot, context) -> None:
    from desk.ui import i18n
    from tests.ui.visible_text import untranslated, visible_texts
    i18n.install("zh_TW")
    try:
        for action in ("block", "unblock", "message", "replace_card", "close_card", "claim"):
            dialog = PatronActionDialog(context, action, "P001", "陳小明")
            qtbot.addWidget(dialog)
            dialog.show()
            texts = visible_texts(dialog) + [dialog.windowTitle()]
            assert untranslated(texts, ["陳小明", "P001"]) == [], action
        assert dialog.windowTitle() == "登記借閱爭議"
        assert dialog.returned.text() == "宣稱已還" and dialog.never.text() == "宣稱未借"
    finally:
        i18n.install("en")


def test_a_scan_while_the_dialog_is_open_goes_to_the_dialog(qtbot, window, desk,
                                                             context) -> None:
    screen = checkout_with(qtbot, window, "P001")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_R)
    window.scan("P901")                    # a serial scanner's scan: the new card
    assert dialog.new_card.text() == "P901" and screen.patron_barcode == "P001"
    dialog.submit()
    qtbot.waitUntil(lambda: screen.patron_barcode == "P901")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_M)
    window.scan("B001")                    # not for a message: not taken, not lent either
    assert dialog.error.isVisible() and "B001" in dialog.error.text()
    assert screen.results == []


def test_a_wedge_scan_into_the_dialog_is_cleaned(qtbot, window, desk, context) -> None:
    screen = checkout_with(qtbot, window, "P002")
    desk.main.checkout("P002", "B001")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_L)
    dialog.wedge.clock = itertools.count(0.0, 0.001).__next__   # a scanner's pace
    dialog.item.setFocus()
    qtbot.keyClicks(dialog.item, "B001")
    qtbot.keyClick(dialog.item, Qt.Key.Key_Return)
    assert dialog.item.text() == "B001" and dialog.isVisible()   # Enter was the scanner's
    assert dialog.focusWidget() is dialog.form_no             # next: the form number


def test_close_card_pays_back_the_deposit_with_a_supervisor_and_prints_the_refund(
        qtbot, window, desk, context) -> None:
    desk.library.add_category("external", "External borrower", term_days=365,
                              registration="guarantee", deposit=1000)
    desk.main.register_patron("E200", "押金讀者", "external", deposit=1000,
                              deposit_method="cash")
    screen = checkout_with(qtbot, window, "E200")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_X)
    assert dialog.objectName() == "patronAction_close_card"
    qtbot.waitUntil(lambda: dialog.deposit is not None)
    assert "1,000" in dialog.deposit_label.text() and dialog.supervisor_rows.isVisible()
    dialog.text.insertPlainText("畢業離校")  # typed (an IME: not key by key)
    before = db_state.rows(desk.library)
    dialog.login.setText("clerk")                       # not a supervisor: nothing is done
    dialog.password.setText("clerk-pass")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "not a supervisor" in dialog.error.text()
    after = db_state.rows(desk.library)
    attempts = after.pop("sign_in_attempts")
    assert attempts[-1][1:2] + attempts[-1][3:4] == ("clerk", "refused_role")   # recorded
    before.pop("sign_in_attempts")
    assert after == before                                  # and nothing else changed
    dialog.login.setText("boss")
    dialog.password.setText("boss-pass")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    slip = context.slips.last.device_slip
    assert slip.title == "Deposit refund"
    assert slip.barcode == dialog.deposit.receipt_no
    lines = {line.label: line.value for line in slip.lines}
    assert lines["Refunded"] == "NT$1,000" and lines["Approved by"] == "張主任"
    assert lines["For"] == "畢業離校"
    assert patron_summary(desk.library, "E200").expired      # the card lends no more


def test_close_card_without_a_deposit_needs_no_supervisor(qtbot, window, desk,
                                                          context) -> None:
    screen = checkout_with(qtbot, window, "P007")
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    assert dialog.deposit is None and not dialog.supervisor_rows.isVisible()
    assert "No deposit" in dialog.deposit_label.text()
    printed = context.slips.last
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert context.slips.last is printed                     # nothing paid back: no receipt
    with desk.library.read_sessions() as session:
        assert session.scalars(select(Patron.closed_at).where(
            Patron.barcode == "P007")).one() is not None


def test_a_card_with_loans_is_not_closed_and_the_dialog_says_why(qtbot, window,
                                                                 desk) -> None:
    desk.main.checkout("P001", "B001")
    screen = checkout_with(qtbot, window, "P001")
    before = db_state.rows(desk.library)
    dialog = open_dialog(qtbot, screen, Qt.Key.Key_X)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "loan" in dialog.error.text() and dialog.isVisible()
    assert db_state.rows(desk.library) == before
