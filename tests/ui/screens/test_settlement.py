"""The settlement screen: a blind count by denomination, then expected against counted, a note
for a difference, closing through the supervisor dialog, the locked day, the PDF and CSV, the
history of closed days; and the supervisor's day view with its hour chart."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pypdf import PdfReader

from desk.ui.screens.day_view import DayViewScreen
from desk.ui.screens.settlement import SettlementScreen
from tests.support.small_library import PASSWORDS
from tests.ui.screens.conftest import show, type_text

OFFSCREEN_DIALOG = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def day(desk, clock):
    """A day at MAIN-1: float NT$500, NT$60 cash (change given), NT$40 EasyCard, one void."""
    for item in ("B001", "B002"):
        desk.main.checkout("P001", item)
    clock.advance(days=40)
    for item in ("B001", "B002"):
        desk.main.checkin(item)                  # 2 x NT$50
    desk.main.set_float(500, supervisor=desk.boss)
    desk.main.take_payment("P001", 60, "cash", tendered=100)
    desk.main.pay("P001", 40, "easycard")
    return desk


def make(qtbot, screen_context, settle) -> SettlementScreen:
    screen = show(qtbot, SettlementScreen(screen_context))
    screen.activate()
    settle()
    return screen


def count(screen: SettlementScreen, notes: dict[int, int], easycard: int) -> None:
    for face, number in notes.items():
        screen.notes[face].setValue(number)
    screen.other_counts["easycard"].setValue(easycard)


def sign(qtbot, dialog) -> None:
    qtbot.keyClicks(dialog.login, "boss")
    qtbot.keyClicks(dialog.password, PASSWORDS["boss"])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_expected_is_hidden_until_the_count_is_locked(qtbot, screen_context, day,
                                                      settle) -> None:
    screen = make(qtbot, screen_context, settle)
    assert screen.result.rowCount() == 0 and screen.report is None
    assert "NT$" not in screen.details.text()
    count(screen, {500: 1, 50: 1, 10: 1}, 40)
    assert screen.drawer.text() == "Cash in the drawer: NT$560"
    screen.compare()
    settle()
    assert not screen.notes[500].isEnabled()                 # the count is locked
    rows = [[screen.result.item(r, c).text() for c in range(5)] for r in range(3)]
    assert rows[0] == ["Cash", "NT$60", "NT$60", "NT$0", "balanced"]
    assert rows[1] == ["EasyCard", "NT$40", "NT$40", "NT$0", "balanced"]
    assert "clerk NT$100 (2)" in screen.details.text()
    assert "Overdue fine NT$100 (3)" in screen.details.text()   # 3 allocations
    assert screen.float_amount.value() == 500


def test_a_recount_after_start_over_is_recorded_and_said(qtbot, screen_context, day,
                                                        settle) -> None:
    from sqlalchemy import select

    from desk.models import AuditEvent
    screen = make(qtbot, screen_context, settle)
    count(screen, {500: 1, 50: 1}, 40)                       # NT$10 short
    screen.compare()
    settle()
    assert screen.result.item(0, 3).text() == "-NT$10"
    assert "recounted" not in screen.details.text()
    qtbot.mouseClick(screen.start_over, Qt.MouseButton.LeftButton)
    assert screen.result.rowCount() == 0 and screen.notes[500].isEnabled()
    count(screen, {500: 1, 50: 1, 10: 1}, 40)
    screen.compare()
    settle()
    assert screen.result.item(0, 3).text() == "NT$0"
    assert "Counted 2 times: the money was recounted" in screen.details.text()
    with day.library.sessions() as session:
        recorded = session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "blind_count").order_by(AuditEvent.id)).all()
    assert [d["cash"] for d in recorded] == [50, 60]


@OFFSCREEN_DIALOG
def test_deficit_needs_a_note_then_closes_and_locks(qtbot, screen_context, day, settle,
                                                    tmp_path: Path) -> None:
    screen = make(qtbot, screen_context, settle)
    count(screen, {500: 1, 50: 1, 5: 1}, 40)                  # NT$5 short
    screen.compare()
    settle()
    assert screen.result.item(0, 3).text() == "-NT$5" and screen.result.item(0, 4).text() == "deficit"
    screen.request_close()
    assert screen.dialog is None and "write a note" in screen.status.text()
    type_text(screen.note, "找錯零錢 wrong change")
    screen.request_close()
    sign(qtbot, screen.dialog)
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.settlement_id is not None,
                    timeout=10000)
    settle()
    assert "is locked" in screen.status.text()
    assert not screen.close_button.isEnabled()
    screen.print_slip()
    slip = screen_context.slips.last
    assert slip.kind == "settlement" and "Cash: NT$60 / NT$55 (-NT$5)" in slip.text()
    with pytest.raises(Exception) as error:
        day.main.close_day({"cash": 0}, supervisor=day.boss)
    assert error.value.codes == ["day_closed"]
    screen.save_report(tmp_path / "day.pdf", "pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "day.pdf").pages)
    assert "短收 deficit" in text and "找錯零錢 wrong change" in text and "NT$555" in text
    screen.save_report(tmp_path / "day.csv", "csv")
    with open(tmp_path / "day.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["difference"] for r in rows if r["section"] == "method" and r["key"] == "cash"] == ["-5"]
    screen.refresh_history()
    settle()
    assert screen.history_table.rowCount() == 1
    assert screen.history_table.item(0, 5).text() == "-NT$5"
    screen.history_table.selectRow(0)
    screen.open_history()
    settle()
    assert screen.report.note == "找錯零錢 wrong change"


def test_day_view_totals_open_desks_and_chart(qtbot, screen_context, day, settle) -> None:
    screen = show(qtbot, DayViewScreen(screen_context))
    screen.activate()
    settle()
    view = screen.view
    assert view.totals.text() == "Collected so far: NT$100 (Cash NT$60 · EasyCard NT$40)"
    assert view.open_desks.text() == "Not settled: LAW-1, MAIN-1"
    assert view.desks.item(1, 0).text() == "MAIN-1" and view.desks.item(1, 2).text() == "2"
    assert view.chart.by_hour == {10: {"cash": 60, "easycard": 40}}
    image = view.chart.grab().toImage()
    assert image.width() > 0
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3)}
    assert "#2e7d32" in colours and "#1565c0" in colours     # both methods drawn


@pytest.fixture
def closed(day, clock):
    """The ``day`` closed at 17:32 by 張主任 (balanced), the clock then at 17:40 that day."""
    clock.set(2026, 12, 12, 17, 32)
    day.main.close_day({"cash": 60, "easycard": 40}, supervisor=day.boss,
                       denominations={500: 1, 50: 1, 10: 1})
    clock.set(2026, 12, 12, 17, 40)
    return day


def test_a_closed_day_is_said_before_any_count(qtbot, screen_context, closed, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    assert not any(spin.isEnabled() for spin in [*screen.notes.values(),
                                                 *screen.other_counts.values()])
    banner = screen.closed_banner
    assert banner.isVisible()
    assert banner.text() == ("Today (2026-12-12) is already closed: closed by 張主任 at 17:32. "
                             "Payments taken after the close are booked to 2026-12-13.")
    assert not any(spin.isEnabled() for spin in [*screen.notes.values(),
                                                 *screen.other_counts.values()])
    assert not screen.compare_button.isEnabled()
    assert screen.report is None and screen.result.rowCount() == 0   # nothing counted
    qtbot.mouseClick(screen.start_over, Qt.MouseButton.LeftButton)   # still closed
    settle()
    assert not screen.notes[500].isEnabled() and not screen.compare_button.isEnabled()
    assert banner.isVisible()
    # what makes sense instead: that day's report
    assert screen.open_closed_button.isEnabled()
    qtbot.mouseClick(screen.open_closed_button, Qt.MouseButton.LeftButton)
    settle()
    assert screen.report is not None and screen.report.business_date.isoformat() == "2026-12-12"
    assert screen.result.item(0, 2).text() == "NT$60"
    assert not screen.close_button.isEnabled() and screen.slip_button.isEnabled()


def test_an_open_day_shows_no_closed_banner(qtbot, screen_context, day, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    assert not screen.closed_banner.isVisible()
    assert not screen.open_closed_button.isVisible()
    assert screen.notes[500].isEnabled() and screen.compare_button.isEnabled()


@OFFSCREEN_DIALOG
def test_closing_the_day_says_where_later_payments_go(qtbot, screen_context, day,
                                                      settle) -> None:
    screen = make(qtbot, screen_context, settle)
    count(screen, {500: 1, 50: 1, 10: 1}, 40)
    screen.compare()
    settle()
    screen.request_close()
    sign(qtbot, screen.dialog)
    qtbot.waitUntil(lambda: screen.report is not None and screen.report.settlement_id is not None,
                    timeout=10000)
    settle()
    assert "booked to 2026-12-13" in screen.closed_banner.text()
    qtbot.mouseClick(screen.start_over, Qt.MouseButton.LeftButton)
    settle()
    assert not screen.notes[500].isEnabled() and not screen.compare_button.isEnabled()


def test_day_view_lists_a_payment_after_the_close_on_the_next_day(qtbot, screen_context, closed,
                                                                  settle) -> None:
    closed.main.add_charge("P001", "ill_fee", 30, "館際合作")
    receipt = closed.main.take_payment("P001", 30, "cash", tendered=30)   # 17:40, after the close
    screen = show(qtbot, DayViewScreen(screen_context))
    screen.activate()
    settle()
    view = screen.view
    assert view.heading.text() == "Business day 2026-12-12"
    assert view.totals.text() == "Collected so far: NT$100 (Cash NT$60 · EasyCard NT$40)"
    assert view.payments.rowCount() == 2                      # the day's two payments only
    assert receipt not in [view.payments.item(r, 0).text() for r in range(2)]
    assert view.later_note.isVisible()
    assert view.later_note.text() == ("1 payment taken on this day after the close is booked to "
                                      "a later day: %s (2026-12-13)." % receipt)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.heading.text() == "Business day 2026-12-13"
    assert view.payments.rowCount() == 1
    row = [view.payments.item(0, c).text() for c in range(6)]
    assert row == [receipt, "2026-12-12 17:40", "2026-12-13", "MAIN-1", "Cash", "NT$30"]
    assert view.totals.text() == "Collected so far: NT$30 (Cash NT$30)"
    assert view.later_note.isHidden()
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    settle()
    assert view.heading.text() == "Business day 2026-12-12"


def test_the_closed_day_in_traditional_chinese(qtbot, screen_context, closed, settle) -> None:
    from desk.ui import i18n
    try:
        i18n.install("zh_TW")
        screen = make(qtbot, screen_context, settle)
        assert screen.closed_banner.text() == (
            "本日（2026-12-12）已結帳，由 張主任 於 17:32 結帳。結帳後的收款計入 2026-12-13。")
        assert screen.open_closed_button.text() == "開啟該日結算報表(&O)"
    finally:
        i18n.install("en")


def test_a_day_closed_meanwhile_is_said_when_the_count_is_compared(qtbot, screen_context, day,
                                                                   settle) -> None:
    screen = make(qtbot, screen_context, settle)
    count(screen, {500: 1, 50: 1, 10: 1}, 40)
    day.main.close_day({"cash": 60, "easycard": 40}, supervisor=day.boss)   # another workstation
    screen.compare()
    settle()
    settle()
    assert screen.report is None
    assert screen.closed_banner.isVisible() and "is already closed" in screen.closed_banner.text()
    qtbot.mouseClick(screen.start_over, Qt.MouseButton.LeftButton)
    settle()
    assert not screen.notes[500].isEnabled() and not screen.compare_button.isEnabled()


def test_day_view_counts_the_counters_work_beside_the_money(qtbot, screen_context, day,
                                                            settle) -> None:
    day.main.checkout("P002", "B003")                  # today: one loan, ...
    day.main.place_hold("P003", "B003")                # ... one hold placed, ...
    day.main.checkin("B003")                           # ... a third return, trapped for P003
    screen = show(qtbot, DayViewScreen(screen_context))
    screen.activate()
    settle()
    assert screen.view.activity.text() == ("Lent 1 · Returned 3 · Holds placed 1 · "
                                           "Put on the holds shelf 1")
    screen.view.show_day(screen.view._shown_day() - timedelta(days=40))   # the loans' day
    settle()
    assert screen.view.activity.text().startswith("Lent 2 · Returned 0 ·")


def test_the_blind_count_is_typed_from_the_keyboard(qtbot, screen_context, day, settle) -> None:
    screen = make(qtbot, screen_context, settle)
    fields = screen.count_fields()
    assert fields[0].hasFocus()                       # the day is open: the count starts here
    for _ in range(fields.index(screen.notes[500])):                # to the NT$500 field
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert screen.notes[500].hasFocus()
    qtbot.keyClicks(screen.notes[500], "1")
    for _ in range(len(fields) - 1 - fields.index(screen.notes[500])):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert screen.other_counts["easycard"].hasFocus()
    qtbot.keyClicks(screen.other_counts["easycard"], "40")
    qtbot.keyClick(screen.other_counts["easycard"], Qt.Key.Key_Return)
    assert screen.compare_button.hasFocus() and screen.report is None   # not locked yet
    assert screen.drawer_cash() == 500
    qtbot.keyClick(screen.compare_button, Qt.Key.Key_Return)           # a second Enter: compare
    settle()
    assert screen.report is not None and not screen.notes[500].isEnabled()
