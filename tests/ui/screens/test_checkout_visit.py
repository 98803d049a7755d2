"""A checkout visit in the whole window (issue 10, item 3): the patron panel is refreshed when
the checkout screen is shown and after a change to that patron on another screen, a visit ends
after an idle time with a countdown, and the current patron goes from screen to screen only by
the one deliberate action (F8), never by switching screens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk.circulation.queries import patron_summary
from tests.ui.conftest import scan


@pytest.fixture
def owing(desk, clock):
    """P001 owes NT$25 (B001 returned 5 days late) and still has B003 out, 10 days overdue."""
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B003")
    clock.set(2026, 12, 7)
    desk.main.checkin("B001")
    clock.set(2026, 12, 12)
    return desk


def loans(desk, patron: str) -> list[str]:
    return [loan.item_barcode for loan in patron_summary(desk.library, patron).loans]


def load_in_checkout(qtbot, window, patron: str):
    window.set_mode("checkout")
    checkout = window.screens["checkout"]
    scan(qtbot, checkout.scan_field, patron)
    qtbot.waitUntil(lambda: checkout.panel.summary is not None
                    and checkout.panel.summary.barcode == patron)
    return checkout


def pay_in_fines(qtbot, window, context, patron: str, amount: int):
    window.set_mode("fines")
    fines = window.screens["fines"]
    scan(qtbot, fines.scan, patron)
    qtbot.waitUntil(lambda: fines.charges is not None and fines.charges.barcode == patron)
    fines.take_payment(amount, "cash", amount)
    qtbot.waitUntil(lambda: fines.charges.balance == 0 and context.tasks.pending == 0,
                    timeout=10000)
    return fines


# --- refreshed when shown and after a change elsewhere ----------------------------------------
def test_the_checkout_panel_is_fresh_after_a_payment_in_f11(qtbot, window, context, owing):
    checkout = load_in_checkout(qtbot, window, "P001")
    assert checkout.panel.summary.balance == 25
    assert checkout.panel.property("state") == "blocked"
    pay_in_fines(qtbot, window, context, "P001", 25)
    window.set_mode("checkout")
    qtbot.waitUntil(lambda: checkout.panel.summary.balance == 0, timeout=10000)
    assert "patron_owes_fines" not in {r.code for r in checkout.panel.summary.block_reasons}
    assert "NT$0" in checkout.panel.balance.text()


def test_a_renew_screen_holding_the_patron_is_fresh_after_a_payment(qtbot, window, context,
                                                                   owing):
    window.set_mode("renew")
    renew = window.screens["renew"]
    scan(qtbot, renew.scan, "P001")
    qtbot.waitUntil(lambda: renew.summary is not None)
    assert renew.panel.summary.balance == 25
    pay_in_fines(qtbot, window, context, "P001", 25)
    window.set_mode("renew")
    qtbot.waitUntil(lambda: renew.panel.summary.balance == 0, timeout=10000)
    assert renew.summary.balance == 0


def fines_holding_p001(qtbot, window):  # noqa: ANN001, ANN201
    """F11 with P001 up, owing the NT$25 of the ``owing`` fixture."""
    window.set_mode("fines")
    fines = window.screens["fines"]
    scan(qtbot, fines.scan, "P001")
    qtbot.waitUntil(lambda: fines.charges is not None)
    assert fines.charges.balance == 25
    return fines


def test_a_renewal_in_f3_refreshes_the_fines_screen_holding_that_patron(qtbot, window, context,
                                                                        owing):
    fines = fines_holding_p001(qtbot, window)
    window.set_mode("renew")
    renew = window.screens["renew"]
    scan(qtbot, renew.scan, "B003")              # 10 days overdue: the fine is charged now
    qtbot.waitUntil(lambda: bool(renew.rows) and renew.rows[renew._row_of("B003")].renewed,
                    timeout=10000)
    window.set_mode("fines")
    qtbot.waitUntil(lambda: fines.charges.balance == 75, timeout=10000)


def test_a_return_in_f2_refreshes_the_fines_screen_holding_that_patron(qtbot, window, context,
                                                                      owing):
    fines = fines_holding_p001(qtbot, window)
    window.set_mode("checkin")
    checkin = window.screens["checkin"]
    scan(qtbot, checkin.scan_field, "B003")          # 10 days overdue: the fine is charged now
    qtbot.waitUntil(lambda: checkin.table.rowCount() == 1, timeout=10000)
    window.set_mode("fines")
    qtbot.waitUntil(lambda: fines.charges.balance == 75, timeout=10000)


# --- the visit ends after an idle time --------------------------------------------------------
def test_an_idle_visit_counts_down_then_ends_like_f12(qtbot, window, context, config, desk):
    config.set("visit_idle_seconds", 3)
    checkout = load_in_checkout(qtbot, window, "P001")
    scan(qtbot, checkout.scan_field, "B001")
    qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
    qtbot.waitUntil(checkout.visit_countdown.isVisible)
    assert "Visit ends in" in checkout.visit_countdown.text()
    assert "scan or press a key to continue" in checkout.visit_countdown.text()
    qtbot.waitUntil(lambda: checkout.patron_barcode is None, timeout=10000)
    assert checkout.panel.summary is None and checkout.panel.name.text() == "No patron"
    assert checkout.table.rowCount() == 0
    assert not checkout.visit_countdown.isVisible()
    slip = context.slips.last
    assert slip is not None and "B001" in "\n".join(slip.lines)
    assert "visit ended" in window.status_text.text().lower()
    assert loans(desk, "P001") == ["B001"]


def test_a_key_or_a_scan_restarts_the_idle_time(qtbot, window, config):
    config.set("visit_idle_seconds", 8)
    checkout = load_in_checkout(qtbot, window, "P001")
    qtbot.wait(1500)
    assert checkout.visit_seconds_left() < 7
    qtbot.keyClick(checkout.scan_field, Qt.Key.Key_A)
    assert checkout.visit_seconds_left() > 7.5
    qtbot.wait(1500)
    scan(qtbot, checkout.scan_field, "B001")
    assert checkout.visit_seconds_left() > 7.5
    qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
    assert checkout.patron_barcode == "P001"
    settle_window(qtbot, window)


def settle_window(qtbot, window) -> None:
    """Let the panel refresh that follows a loan answer before the window goes."""
    qtbot.wait(600)
    qtbot.waitUntil(lambda: window.context.tasks.pending == 0, timeout=10000)


def test_an_idle_visit_ends_on_another_screen_and_f1_lends_to_nobody(qtbot, window, config,
                                                                      desk):
    config.set("visit_idle_seconds", 2)
    checkout = load_in_checkout(qtbot, window, "P001")
    window.set_mode("item_status")
    qtbot.waitUntil(lambda: checkout.patron_barcode is None, timeout=10000)
    window.set_mode("checkout")
    scan(qtbot, checkout.scan_field, "B001")       # minutes later: not lent to P001
    qtbot.wait(300)
    window.context.tasks.wait()
    assert loans(desk, "P001") == []
    assert checkout.table.rowCount() == 0


def test_no_idle_end_when_the_setting_is_zero(qtbot, window, config):
    config.set("visit_idle_seconds", 0)
    checkout = load_in_checkout(qtbot, window, "P001")
    assert checkout.visit_seconds_left() is None
    qtbot.wait(300)
    assert not checkout.visit_countdown.isVisible()
    assert checkout.patron_barcode == "P001"


# --- the patron is carried deliberately ---------------------------------------------------------
def test_f8_brings_the_patron_of_the_screen_just_left(qtbot, window):
    load_in_checkout(qtbot, window, "P001")
    assert any(window.last_patron_action in bar.actions() for bar in
               (window.toolbar, window.office_toolbar, *window.more_toolbars))
    assert "F8" in window.last_patron_action.iconText()
    window.set_mode("fines")
    fines = window.screens["fines"]
    assert fines.charges is None                        # switching alone carries nothing
    qtbot.keyClick(window.active_screen, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: fines.charges is not None and fines.charges.barcode == "P001")
    window.set_mode("renew")
    renew = window.screens["renew"]
    assert renew.summary is None
    window.last_patron_action.trigger()
    qtbot.waitUntil(lambda: renew.summary is not None and renew.summary.barcode == "P001")
    window.set_mode("patron_search")
    search = window.screens["patron_search"]
    window.last_patron_action.trigger()
    qtbot.waitUntil(lambda: search.record.barcode == "P001" and search.showing_record())


def test_f4_takes_the_selected_patron_to_checkout(qtbot, window, desk, context):
    checkout = load_in_checkout(qtbot, window, "P001")
    window.set_mode("patron_search")
    search = window.screens["patron_search"]
    assert not search.record.checkout_button.isEnabled()
    scan(qtbot, search.search, "P002")
    qtbot.waitUntil(lambda: search.record.record is not None)
    assert search.record.checkout_button.isEnabled()
    assert "F1" in search.record.checkout_button.text()
    qtbot.mouseClick(search.record.checkout_button, Qt.MouseButton.LeftButton)
    assert window.active_screen is checkout
    qtbot.waitUntil(lambda: checkout.panel.summary is not None
                    and checkout.panel.summary.barcode == "P002")
    scan(qtbot, checkout.scan_field, "B001")
    qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
    assert loans(desk, "P002") == ["B001"] and loans(desk, "P001") == []


def test_switching_screens_never_carries_a_patron_into_checkout(qtbot, window, context, desk):
    window.set_mode("fines")
    fines = window.screens["fines"]
    scan(qtbot, fines.scan, "P002")
    qtbot.waitUntil(lambda: fines.charges is not None)
    window.set_mode("checkout")
    checkout = window.screens["checkout"]
    assert checkout.patron_barcode is None
    scan(qtbot, checkout.scan_field, "B001")
    qtbot.wait(300)
    context.tasks.wait()
    assert loans(desk, "P002") == []
