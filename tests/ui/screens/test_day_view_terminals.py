"""The day view and the settlement show the self-check terminals' transactions per terminal
(issue 17): loans, returns, renewals and refusals at each machine, and the fees it took, which
go into its desk's settlement."""

from __future__ import annotations

import pytest

from desk.circulation import CirculationRefused
from desk.circulation.queries.money import open_day_report
from desk.ui.screens.day_view import DayViewScreen
from desk.ui.screens.settlement import SettlementScreen
from tests.support.small_library import PASSWORDS
from tests.ui.screens.conftest import show


@pytest.fixture
def kiosk_day(desk, clock):
    """kiosk1 at MAIN-1: two loans, a return with a fine, a refusal, NT$30 paid at the kiosk;
    the clerk took NT$20 cash at the counter."""
    library = desk.library
    admin = library.sign_in("admin", PASSWORDS["admin"])
    library.add_terminal("kiosk1", "kiosk-pass-2026", desk="MAIN-1", by=admin)
    terminal = library.sign_in_terminal("kiosk1", "kiosk-pass-2026")
    kiosk = library.circulation(terminal.desk, terminal.staff)
    kiosk.checkout("P001", "B001")
    clock.advance(days=40)
    kiosk.checkin("B001", bookdrop=True)            # NT$50 fine
    kiosk.checkout("P002", "B002")
    kiosk.checkout("P002", "B003")
    with pytest.raises(CirculationRefused):
        kiosk.checkout("P004", "B004")              # expired card
    kiosk.pay("P001", 30, "easycard")
    desk.main.pay("P001", 20, "cash")
    return desk


def test_the_day_view_lists_each_terminal(qtbot, screen_context, kiosk_day, settle) -> None:
    screen = show(qtbot, DayViewScreen(screen_context))
    screen.activate()
    settle()
    view = screen.view
    assert view.terminals.isVisible() and view.terminals.rowCount() == 1
    row = [view.terminals.item(0, column).text() for column in range(8)]
    assert row == ["kiosk1", "MAIN-1", "2", "1", "0", "1", "1", "EasyCard NT$30"]
    assert view.totals.text() == "Collected so far: NT$50 (Cash NT$20 · EasyCard NT$30)"


def test_a_library_without_terminals_shows_no_terminal_table(qtbot, screen_context, desk,
                                                             settle) -> None:
    screen = show(qtbot, DayViewScreen(screen_context))
    screen.activate()
    settle()
    assert not screen.view.terminals.isVisible() and screen.view.terminals.rowCount() == 0


def test_the_settlement_shows_the_kiosks_takings(qtbot, screen_context, kiosk_day,
                                                 settle) -> None:
    screen = show(qtbot, SettlementScreen(screen_context))
    screen.activate()
    settle()
    taken = open_day_report(screen_context.library, "MAIN-1")
    assert taken.breakdowns["terminal"] == {"kiosk1": (1, 30)}
    assert taken.breakdowns["cashier"] == {"kiosk1": (1, 30), "clerk": (1, 20)}
    screen.show_report(taken)
    assert "Per self-check terminal: kiosk1 NT$30 (1)" in screen.details.text()
