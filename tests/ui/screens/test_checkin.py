"""The checkin screen: continuous scanning, route banners, fines, book drop, hold and transit
slips."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from desk.circulation.queries import item_status
from tests.ui.conftest import scan


def checkin_screen(window):
    window.set_mode("checkin")
    return window.screens["checkin"]


def test_continuous_scans_route_each_item(qtbot, window, desk, context):
    lib = desk.library
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P002", "B002")
    desk.main.place_hold("P003", "B002")            # B002 fills P003's hold on return
    desk.main.checkout("P001", "L001")              # LAW's book returned at MAIN: transit
    desk.main.checkout("P001", "W001")              # withdrawn area: to staff
    screen = checkin_screen(window)
    for code in ("B001", "B002", "L001", "W001"):
        scan(qtbot, screen.scan_field, code)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 4)
    routes = [screen.table.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(4)]
    assert routes == ["shelve", "holds_shelf", "transit", "staff"]
    assert screen.table.item(0, 2).text() == "陳小明"          # former borrower
    assert "法學分館" in screen.table.item(2, 4).text()
    assert screen.banner.route == "staff"
    assert screen.banner.property("route") == "staff"
    assert [s.kind for s in context.slips.history] == ["hold", "transit"]
    hold_slip = context.slips.history[0].text()
    assert "Patron: P○○○○○○○e" in hold_slip                  # mask_name("Prof. Lee")
    assert "Prof. Lee" not in hold_slip                        # the name is masked
    assert "B002" in hold_slip
    assert "法學分館" in context.slips.history[1].text()
    assert window.sounds.played[-4:] == ["success.checkin", "info.checkin.holds_shelf",
                                         "info.checkin.transit", "warning.checkin.staff"]
    assert item_status(lib, "B001").status == "available"


def test_banner_colour_follows_the_route(qtbot, window, desk):
    desk.main.checkout("P001", "B001")
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.banner.route == "shelve")
    middle = screen.banner.height() // 2
    green = screen.banner.grab().toImage().pixelColor(4, middle)
    desk.main.checkout("P001", "L001")
    scan(qtbot, screen.scan_field, "L001")
    qtbot.waitUntil(lambda: screen.banner.route == "transit")
    blue = screen.banner.grab().toImage().pixelColor(4, middle)
    assert green.green() > green.red() and blue.blue() > blue.red()
    assert screen.banner.headline.text().startswith("TRANSIT")


def test_fine_is_shown_for_a_late_return(qtbot, window, desk, clock):
    desk.main.checkout("P001", "B001")
    clock.advance(days=33)                            # due 2026-12-02, three days late
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.table.item(0, 3).text() == "NT$15"
    assert "Overdue fine NT$15" in screen.table.item(0, 5).text()


def test_unknown_item_is_refused_with_a_red_banner_and_flash(qtbot, window):
    screen = checkin_screen(window)
    flashes = window.flash.count
    scan(qtbot, screen.scan_field, "ZZ99")
    qtbot.waitUntil(lambda: screen.banner.route == "refused")
    assert "No item has barcode ZZ99" in screen.banner.detail.text()
    assert window.flash.count == flashes + 1
    assert window.sounds.played[-1] == "error"       # error.checkin.item_not_found -> error
    assert screen.table.rowCount() == 0


def test_not_on_loan_notice(qtbot, window):
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "B004")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert "not on loan" in screen.table.item(0, 5).text()


def test_bookdrop_mode_backdates_returns_until_switched_off(qtbot, window, desk, clock):
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    desk.main.checkout("P001", "B003")
    clock.set(2026, 12, 3, 9, 0)                      # due 12-02; returned in the drop on 12-02
    desk.library.set_closed_days("MAIN", [date(2026, 12, 2)])
    screen = checkin_screen(window)
    assert not screen.bookdrop_bar.isVisible()
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F7)
    assert screen.bookdrop_on
    qtbot.waitUntil(lambda: screen.bookdrop_date() == date(2026, 12, 1))  # 12-02 closed
    assert screen.bookdrop_bar.isVisible() and "2026-12-01" in screen.bookdrop_bar.text()
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.table.item(0, 3).text() == ""      # dated 12-01: not late
    # staff may pick another day; the mode stays on across scans and mode switches
    screen.bookdrop_day.setDate(QDate(2026, 12, 3))
    window.set_mode("checkout")
    screen = checkin_screen(window)
    assert screen.bookdrop_on and screen.bookdrop_bar.isVisible()
    scan(qtbot, screen.scan_field, "B002")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert screen.table.item(1, 3).text() == "NT$5"  # 12-03 is one open day late
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F7)
    assert not screen.bookdrop_on and not screen.bookdrop_bar.isVisible()
    assert screen.returned_at() is None
    scan(qtbot, screen.scan_field, "B003")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3)
    with desk.library.sessions() as session:
        from desk.models import Item, Loan
        returned = {session.get(Item, loan.item_id).barcode: loan.returned_at
                    for loan in session.query(Loan).all()}
    tz = desk.library.policy.tz
    assert returned["B001"].astimezone(tz).date() == date(2026, 12, 1)
    assert returned["B002"].astimezone(tz).date() == date(2026, 12, 3)
    assert returned["B003"].astimezone(tz).hour == 9
