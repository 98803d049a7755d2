"""One presentation online and offline: with the database down, the manual-fallback receipt
and the patron panel show the same facts as the online slips and panel of the same minute —
the library's local time, the category's name, the staff member's name, and the due date
rendered by the same function."""

from __future__ import annotations

from datetime import datetime, timezone

from desk.ui.slips import ScreenSlip
from tests.ui.conftest import scan
from tests.ui.test_offline_mode import data_dir, mode, settle  # noqa: F401 - fixtures

UTC_EVENING = datetime(2026, 11, 2, 13, 38, tzinfo=timezone.utc)    # 21:38 in Taipei


def lend(qtbot, window, patron: str, item: str) -> ScreenSlip:
    """Lend ``item`` to ``patron`` at the checkout screen; the visit's slip (online) or the
    manual-fallback receipt (offline)."""
    checkout = window.screens["checkout"]
    window.set_mode("checkout")
    scan(qtbot, checkout.scan_field, patron)
    qtbot.waitUntil(lambda: checkout.patron_barcode == patron)
    rows = checkout.table.rowCount()
    scan(qtbot, checkout.scan_field, item)
    qtbot.waitUntil(lambda: checkout.table.rowCount() == rows + 1, timeout=10000)
    settle(qtbot, window)
    if not window.context.circulation.offline:
        checkout.done()                                  # the online slip is printed at the end
    slip = window.context.slips.last
    assert isinstance(slip, ScreenSlip)
    return slip


def value_of(slip: ScreenSlip, label: str) -> str:
    """The value printed beside ``label`` on ``slip`` (its first such line)."""
    return next(line.value for line in slip.device_slip.lines if line.label == label)


def test_the_fallback_receipt_prints_the_library_time_as_online_slips(
        qtbot, window, desk, mode, clock) -> None:
    clock.now = UTC_EVENING
    online = lend(qtbot, window, "P001", "B001")
    mode.failover.go_offline("test")
    receipt = lend(qtbot, window, "P002", "B002")
    assert receipt.device_slip.kind.value == "manual"
    taipei_evening = datetime(2026, 11, 2, 21, 38)
    assert online.device_slip.created_at == receipt.device_slip.created_at == taipei_evening
    assert "21:38" in receipt.text() and "13:38" not in receipt.text()


def test_the_offline_patron_panel_names_the_category(qtbot, window, desk, mode) -> None:
    checkout = window.screens["checkout"]
    scan(qtbot, checkout.scan_field, "P005")
    qtbot.waitUntil(lambda: checkout.panel.summary is not None)
    online = checkout.panel.category.text()
    assert "Consortium card" in online
    scan(qtbot, checkout.scan_field, "P001")               # the next patron, online
    qtbot.waitUntil(lambda: checkout.panel.summary is not None
                    and checkout.panel.summary.barcode == "P001")
    settle(qtbot, window)
    mode.failover.go_offline("test")
    scan(qtbot, checkout.scan_field, "P005")
    qtbot.waitUntil(lambda: checkout.panel.summary is not None
                    and checkout.panel.summary.barcode == "P005")
    assert checkout.panel.summary.category_name == "Consortium card"
    assert checkout.panel.category.text() == online


def test_the_fallback_receipt_names_the_staff_member(qtbot, window, desk, mode) -> None:
    online = lend(qtbot, window, "P001", "B001")
    mode.failover.go_offline("test")
    receipt = lend(qtbot, window, "P002", "B002")
    staff_lines = {line.value for line in online.device_slip.lines if "林館員" in line.value}
    assert staff_lines, "the online slip names the staff member"
    assert staff_lines <= {line.value for line in receipt.device_slip.lines}
    assert "clerk" not in receipt.text()


def test_the_fallback_receipt_prints_the_due_date_as_online_slips(
        qtbot, window, desk, mode) -> None:
    online = lend(qtbot, window, "P001", "B001")           # a 30-day loan, due at 23:59
    mode.failover.go_offline("test")
    receipt = lend(qtbot, window, "P002", "B002")           # the same rule offline
    online_due = [line for line in online.device_slip.lines if line.value == "2026-12-02"]
    assert online_due, "the online slip prints the day of a day loan"
    label = online_due[0].label
    assert value_of(receipt, label) == "2026-12-02"
    assert "23:59" not in receipt.text()
