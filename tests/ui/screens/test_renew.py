"""The renew screen: by patron and by item scan, per-row reasons, and supervisor overrides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from desk.models import AuditEvent
from desk.ui.screens.renew import RESULT, RenewScreen
from tests.support.small_library import PASSWORDS
from tests.ui.screens.conftest import show, type_scan

# A top-level dialog's size hints: the offscreen platform says it cannot pass them on.
OFFSCREEN_DIALOG = pytest.mark.qt_log_ignore("propagateSizeHints")


def make(qtbot, screen_context) -> RenewScreen:
    screen = show(qtbot, RenewScreen(screen_context))
    screen.activate()
    return screen


def result_text(screen: RenewScreen, barcode: str) -> str:
    return screen.table.item(screen._row_of(barcode), RESULT).text()


def test_scanning_a_card_lists_the_loans(qtbot, screen_context, desk, settle, heard) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "C001")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P001")
    settle()
    assert screen.summary.barcode == "P001"
    assert [row.barcode for row in screen.rows] == ["C001", "B001"]  # by due date
    assert screen.table.item(0, 2).text() == "2026-11-09"
    assert screen.panel.name.text() == "陳小明"
    assert screen.scan.text() == ""
    assert "info.renew.patron" in heard.sound


def test_renew_all_renews_every_loan(qtbot, screen_context, desk, clock, settle, heard) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    clock.advance(days=5)
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P001")
    settle()
    qtbot.mouseClick(screen.renew_all_button, Qt.MouseButton.LeftButton)
    settle()
    for barcode in ("B001", "B002"):
        assert result_text(screen, barcode).startswith("Renewed: due 2026-12-07")
        assert screen.rows[screen._row_of(barcode)].renewed
    assert screen.table.item(0, 2).text() == "2026-12-07"
    assert heard.sound.count("success.renew") == 2
    assert not screen.renew_all_button.isEnabled()  # nothing left to renew


def test_enter_on_the_table_renews_the_selected_loan(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P001")
    settle()
    screen.table.setFocus()
    screen.table.selectRow(1)
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    settle()
    renewed = [row.barcode for row in screen.rows if row.renewed]
    assert renewed == [screen.rows[1].barcode]


@OFFSCREEN_DIALOG
def test_refusal_reasons_show_per_row_and_override_renews(qtbot, screen_context, desk, settle,
                                                          heard) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    desk.main.place_hold("P002", "B002")  # someone waits for B002: renewal_on_hold
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P001")
    settle()
    screen.renew_all()
    settle()
    assert result_text(screen, "B001").startswith("Renewed")
    assert "Another patron has a hold on this title." in result_text(screen, "B002")
    assert "error.renew.renewal_on_hold" in heard.sound
    screen.table.selectRow(screen._row_of("B002"))
    assert screen.override_button.isEnabled()
    qtbot.mouseClick(screen.override_button, Qt.MouseButton.LeftButton)
    dialog = screen.override_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.login, "boss")
    qtbot.keyClicks(dialog.password, PASSWORDS["boss"])
    qtbot.keyClicks(dialog.reason, "patron is travelling, hold patron agreed")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: screen.rows[screen._row_of("B002")].renewed, timeout=10000)
    settle()
    assert result_text(screen, "B002").startswith("Renewed")
    with desk.library.sessions() as session:
        event = session.scalars(select(AuditEvent).where(
            AuditEvent.action == "renew", AuditEvent.item_barcode == "B002")
            .order_by(AuditEvent.id.desc())).first()
        assert event.outcome == "overridden" and event.codes == "renewal_on_hold"
        assert event.reason == "patron is travelling, hold patron agreed"


@OFFSCREEN_DIALOG
def test_override_by_a_non_supervisor_is_refused(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P001", "B002")
    desk.main.place_hold("P002", "B002")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "B002")  # an item scan renews at once
    settle()
    assert "Another patron has a hold" in result_text(screen, "B002")
    screen.request_override()
    dialog = screen.override_dialog
    qtbot.keyClicks(dialog.login, "clerk")
    qtbot.keyClicks(dialog.password, PASSWORDS["clerk"])
    qtbot.keyClicks(dialog.reason, "please")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle()
    assert dialog.error.isVisible() and "not a supervisor" in dialog.error.text()
    assert not screen.rows[0].renewed


def test_final_refusals_offer_no_override(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P005", "B003")  # consortium card: no renewals
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P005")
    settle()
    screen.renew_all()
    settle()
    assert "cannot be renewed" in result_text(screen, "B003")
    screen.table.selectRow(0)
    assert not screen.override_button.isEnabled()


def test_item_scan_renews_and_unknown_items_are_reported(qtbot, screen_context, desk, settle,
                                                         heard) -> None:
    desk.main.checkout("P002", "B004")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "B004")
    settle()
    assert result_text(screen, "B004").startswith("Renewed: due")
    assert screen.table.item(0, 1).text() == "書名 4"
    type_scan(qtbot, screen.scan, "NOPE1")
    settle()
    assert heard.error[-1] == "No item has barcode NOPE1."
    assert screen.table.rowCount() == 1
    type_scan(qtbot, screen.scan, "B005")  # not on loan
    settle()
    assert "is not on loan" in result_text(screen, "B005")


def test_unknown_card_by_pattern_is_reported(qtbot, screen_context, settle, heard) -> None:
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P999")
    settle()
    assert heard.error == ["No patron has card P999."]
    assert heard.sound[-1] == "error.renew.patron.patron_not_found"
    assert screen.summary is None


def test_an_item_of_another_patron_switches_to_that_patron(qtbot, screen_context, desk, settle,
                                                           heard) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P002", "B002")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P001")
    settle()
    assert [row.barcode for row in screen.rows] == ["B001"]
    type_scan(qtbot, screen.scan, "B002")          # on loan to 王大同, not to 陳小明
    settle()
    assert screen.summary.barcode == "P002"        # never listed under P001
    assert screen.panel.name.text() == "王大同"
    assert [row.barcode for row in screen.rows] == ["B002"]
    assert screen.table.item(0, 1).text() == "書名 2"
    assert result_text(screen, "B002").startswith("Renewed: due")
    assert screen.notice.isVisible()
    assert "王大同" in screen.notice.text() and "B002" in screen.notice.text()
    assert any("switched" in text for text in heard.warning)
    type_scan(qtbot, screen.scan, "P001")          # a new card clears the notice
    settle()
    assert not screen.notice.isVisible()


def test_an_item_scan_with_no_patron_up_shows_its_borrower(qtbot, screen_context, desk,
                                                           settle) -> None:
    desk.main.checkout("P002", "B002")
    desk.main.checkout("P002", "B004")
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "B004")
    settle()
    assert screen.summary is not None and screen.summary.barcode == "P002"
    assert sorted(row.barcode for row in screen.rows) == ["B002", "B004"]
    assert result_text(screen, "B004").startswith("Renewed: due")
    assert result_text(screen, "B002") == ""


def test_a_renewal_says_the_patron_changed(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P001", "B001")
    changed: list[tuple[str, str]] = []
    screen_context.messages.patron_changed.connect(lambda card, source:
                                                   changed.append((card, source)))
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P001")
    settle()
    screen.renew_all()
    settle()
    assert changed == [("P001", "renew")]


def test_a_renewal_says_the_old_due_date_and_prints_a_renewal_slip(qtbot, screen_context, desk,
                                                                   clock, settle) -> None:
    desk.main.checkout("P001", "B001")                    # due 2026-12-02
    desk.main.checkout("P001", "B002")
    desk.main.place_hold("P002", "B002")                  # someone waits: not renewed
    clock.advance(days=5)
    screen = make(qtbot, screen_context)
    type_scan(qtbot, screen.scan, "P001")
    settle()
    qtbot.mouseClick(screen.renew_all_button, Qt.MouseButton.LeftButton)
    settle()
    assert result_text(screen, "B001").startswith("Renewed: due 2026-12-07 (was 2026-12-02)")
    assert not screen.rows[screen._row_of("B002")].renewed
    # one slip for the renewals asked for together, only what was renewed, old and new dates
    [slip] = [s for s in screen_context.slips.history if s.kind == "renewal"]
    text = slip.text()
    assert "Renewal" in text and "陳小明" in text
    assert "B001" in text and "B002" not in text
    assert "Was due: 2026-12-02" in text and "Now due: 2026-12-07" in text
