"""Due dates on screen follow the loan (hourly or not), never a guess from the clock time: an
hourly loan due at 23:59 still shows its time; a day loan shows its day."""

from __future__ import annotations

from tests.ui.conftest import scan


def test_an_hourly_loan_due_at_2359_shows_its_time(qtbot, window, desk, clock):
    clock.set(2026, 11, 2, 21, 59)                     # a 2-hour reserve: due 23:59 exactly
    window.set_mode("checkout")
    screen = window.screens["checkout"]
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "R001")
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert screen.table.item(0, 2).text() == "2026-11-02 23:59"
    assert screen.table.item(1, 2).text() == "2026-12-02"
    results = {result.item_barcode: result for result in screen.results}
    assert screen._slip_due(results["R001"]).strftime("%Y-%m-%d %H:%M") == "2026-11-02 23:59"
    assert str(screen._slip_due(results["B001"])) == "2026-12-02"
