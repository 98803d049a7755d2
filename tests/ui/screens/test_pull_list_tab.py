"""The Pull list tab of F6: this desk's location's deliveries and holds to fetch in shelf
order, overdue ones marked with an icon and the word; a scan confirms (a delivery leaves with
its slip printed, a hold's book is trapped); a book not on the list is refused; the list saves
as a PDF with the barcodes."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from desk.circulation.queries import item_status
from desk.ui.screens.holds_shelf import HoldsShelfScreen
from tests.ui.screens.conftest import show, type_scan


def make(qtbot, screen_context, settle) -> HoldsShelfScreen:
    screen = show(qtbot, HoldsShelfScreen(screen_context))
    settle()
    screen.activate()
    screen.show_pull_list()
    settle()
    return screen


def column(table, index: int) -> list[str]:
    return [table.item(row, index).text() for row in range(table.rowCount())]


def test_deliveries_and_holds_to_pull_confirmed_by_scanning(
        qtbot, screen_context, desk, clock, settle, heard, tmp_path: Path) -> None:
    desk.library.add_item("B200", "Old book", location="MAIN", call_number="900 A1")
    desk.library.add_item("B201", "New book", location="MAIN", call_number="100 Z9")
    desk.law.request_delivery("P001", "B200", pickup_location="LAW", method="cash")
    clock.advance(days=3)                                    # past the 2 open days: overdue
    desk.law.request_delivery("P002", "B201", pickup_location="LAW", method="cash")
    desk.main.checkout("P003", "B100")
    desk.main.place_hold("P001", "B100")                     # B101 on the shelf: to pull
    screen = make(qtbot, screen_context, settle)
    tab = screen.pull_tab
    assert screen.tabs.currentWidget() is tab and tab.scan.hasFocus()
    table = tab.table
    assert column(table, 1) == ["B101", "B201", "B200"]        # by call number (B101 has none)
    assert column(table, 0) == ["", "100 Z9", "900 A1"]
    by_item = {table.item(r, 1).text(): r for r in range(table.rowCount())}
    overdue_row = by_item["B200"]
    assert table.item(overdue_row, 6).text() == "Overdue"
    assert not table.item(overdue_row, 6).icon().isNull()
    assert table.item(by_item["B201"], 6).text() == "scan to confirm"
    assert "法學分館" in table.item(by_item["B200"], 3).text()
    assert tab.status.text() == "3 book(s) to fetch, 1 overdue."
    # the printable list, before anything is confirmed
    pdf = tmp_path / "pull.pdf"
    tab.save_pdf(pdf)
    settle()
    text = PdfReader(pdf).pages[0].extract_text()
    assert text.index("100 Z9") < text.index("900 A1")
    # a book not on the list
    type_scan(qtbot, tab.scan, "B005")
    settle()
    assert "B005 is not on the pull list." in heard.error[-1]
    # the overdue delivery: sent, with its slip
    screen.handle_scan("B200")
    settle()
    assert item_status(desk.library, "B200").status == "in_delivery"
    slip = screen_context.slips.history[-1]
    assert slip.kind == "delivery" and "法學分館" in slip.text()
    assert table.item(by_item["B200"], 6).text().startswith("✓ sent to 法學分館")
    # the hold's book: checked in, trapped
    screen.handle_scan("B101")
    settle()
    assert item_status(desk.library, "B101").status == "on_holds_shelf"
    assert tab.status.text().endswith("1 left to fetch.")
    screen.handle_scan("B200")
    settle()
    assert "already confirmed" in heard.info[-1]


def test_a_delivery_not_found_is_failed_with_its_reason(qtbot, screen_context, desk,
                                                        settle) -> None:
    from sqlalchemy import select

    from desk.models import PatronNotice
    from desk.models.delivery import DeliveryRequest

    desk.library.add_item("B200", "Old book", location="MAIN", call_number="900 A1")
    request_id, _receipt = desk.law.request_delivery("P001", "B200", pickup_location="LAW",
                                                     method="cash")
    screen = make(qtbot, screen_context, settle)
    tab = screen.pull_tab
    assert tab.ask_not_found() is None                        # nothing selected: said so
    assert "Select a delivery" in tab.status.text()
    tab.table.selectRow(0)
    dialog = tab.ask_not_found()
    assert dialog is not None and "B200" in dialog.labelText()
    dialog.setTextValue("書架上找不到")
    dialog.accept()
    qtbot.waitUntil(lambda: "B200" in tab.done)
    assert "refundable until" in tab.done["B200"]
    with desk.library.read_sessions() as session:
        request = session.get(DeliveryRequest, request_id)
        assert request is not None and request.status == "failed"
        assert request.fail_reason == "書架上找不到"
        kinds = session.scalars(select(PatronNotice.kind)).all()
    assert "delivery_failed" in kinds
    tab.refresh()
    settle()
    assert "B200" not in column(tab.table, 1) or "✓" in column(tab.table, 6)[0]
