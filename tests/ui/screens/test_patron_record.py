"""The patron's own screen (F4 → Enter) on real widgets and a real library: the header and its
standing, every tab, the keys between them, renew / cancel / proxies from the tabs, the Fines
screen's pay and waive, history a page at a time, and the photo from a file or a camera."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from desk.circulation.queries.patron_record import HISTORY_PAGE
from desk.models import AuditEvent, Desk as DeskRow, Hold, Item, Loan, Patron, Proxy
from desk.ui.screens.patron_record import (ACTIVITY, CHARGES, HISTORY, HOLDS, LOANS, MESSAGES,
                                           PROXIES, REQUESTS, PatronRecordView)
from tests.ui.screens.conftest import show

MULTIMEDIA_NOISE = (r"Couldn't (load|resolve) va", r"Couldn't (load|resolve) pipewire",
                    r"Using Qt multimedia with FFmpeg", r"No RHI backend", r"ensureRhi")


def make(qtbot, screen_context, settle, card: str) -> PatronRecordView:
    view = show(qtbot, PatronRecordView(screen_context, "patron_search"))
    view.open(card)
    settle()
    assert view.barcode == card
    return view


def column(table, index: int) -> list[str]:
    return [table.item(row, index).text() for row in range(table.rowCount())]


def photo_of(desk, card: str) -> bytes | None:
    with desk.library.read_sessions() as session:
        return session.scalars(select(Patron.photo).where(Patron.barcode == card)).one()


def test_header_and_standing(qtbot, screen_context, desk, clock, settle) -> None:
    desk.main.checkout("P001", "B001")
    clock.advance(days=35)
    view = make(qtbot, screen_context, settle, "P001")
    assert view.name.text() == "陳小明"
    assert view.card.text() == "Card: P001" and "2027-06-30" in view.expiry.text()
    assert view.standing.property("alert") is True
    assert "overdue" in view.standing.text()
    assert not view.photo.has_photo and view.photo.mark.isVisible()
    assert column(view.loans, 2)[0].endswith("(overdue)")
    assert view.loans.item(0, 0).data(Qt.ItemDataRole.UserRole) == "overdue"
    good = make(qtbot, screen_context, settle, "P003")
    assert good.standing.text() == "In good standing: may borrow."
    blocked = make(qtbot, screen_context, settle, "P007")
    assert "證件遺失" in blocked.standing.text()
    assert column(blocked.messages, 0) == ["Block"] and column(blocked.messages, 1) == ["證件遺失"]
    assert blocked.tabs.tabText(MESSAGES) == "5 Messages (1)"


def test_keys_between_tabs_and_esc(qtbot, screen_context, desk, settle) -> None:
    view = make(qtbot, screen_context, settle, "P001")
    assert view.tabs.currentIndex() == LOANS and view.loans.hasFocus()
    for index in range(8):
        qtbot.keyClick(view.focusWidget(), Qt.Key(Qt.Key.Key_1 + index),
                       Qt.KeyboardModifier.AltModifier)
        assert view.tabs.currentIndex() == index
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentIndex() == LOANS                      # round from the last
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert view.tabs.currentIndex() == ACTIVITY
    with qtbot.waitSignal(view.closed, timeout=1000):
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Escape)


def test_renew_from_the_loans_tab(qtbot, screen_context, desk, clock, settle, heard) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B100")
    desk.main.place_hold("P002", "B100")         # someone waits: B100 cannot be renewed
    clock.advance(days=10)
    view = make(qtbot, screen_context, settle, "P001")
    row = column(view.loans, 0).index("B001")
    view.loans.selectRow(row)
    qtbot.keyClick(view.loans, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert "B001 renewed, due 2026-12-12" in view.status.text()
    assert column(view.activity, 1) == ["checkout", "checkout"]  # a renewal names the item only
    assert column(view.loans, 3)[column(view.loans, 0).index("B001")] == "1"   # read again
    view.loans.selectRow(column(view.loans, 0).index("B100"))
    view.renew_button.click()
    settle()
    assert "B100 not renewed: Another patron has a hold on this title." in view.status.text()
    assert heard.sound[-1] == "error.renew"


def test_cancel_a_hold_after_asking(qtbot, screen_context, desk, settle) -> None:
    hold_id = desk.main.place_hold("P001", "B100")
    view = make(qtbot, screen_context, settle, "P001")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert view.holds.hasFocus() and view.tabs.currentIndex() == HOLDS
    qtbot.keyClick(view.holds, Qt.Key.Key_Delete)
    assert view.dialog is not None and view.dialog.objectName() == "cancelHoldQuestion"
    assert "三國演義" in view.dialog.text()
    view.dialog.accept()
    settle()
    with desk.library.read_sessions() as session:
        assert session.get(Hold, hold_id).status == "cancelled"
    assert view.holds.rowCount() == 0 and "cancelled" in view.status.text()


def test_charges_go_to_the_fines_screens_pay_and_waive(qtbot, window, desk, clock) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    clock.advance(days=40)
    desk.main.checkin("B001")
    desk.main.checkin("B002")
    window.set_mode("patron_search")
    search = window.screens["patron_search"]
    search.handle_scan("P001")
    qtbot.waitUntil(lambda: search.showing_record())
    view = search.record
    assert view.tabs.tabText(CHARGES) == "3 Charges (NT$100)"
    view.tabs.setCurrentIndex(CHARGES)
    assert view.charges.hasFocus() and view.charges.currentRow() == 0
    view.charges.clearSelection()
    view.waive_button.click()                                    # nothing chosen
    assert window.active_screen is search and "Select the charges" in view.status.text()
    view.charges.selectRow(1)
    chosen = search.record.record.summary.charges[1].charge_id
    view.waive_button.click()
    fines = window.screens["fines"]
    assert window.active_screen is fines
    qtbot.waitUntil(lambda: fines.dialog is not None)
    assert fines._selected_charge_ids() == [chosen]             # the Fines screen's own waiver
    assert fines.dialog.isVisible()
    fines.dialog.reject()
    window.set_mode("patron_search")
    view.pay_button.click()
    assert window.active_screen is fines
    qtbot.waitUntil(lambda: window.focusWidget() is fines.payment.amount)
    assert fines._selected_charge_ids() == [chosen]              # the charge chosen on the tab
    assert fines.payment.amount.value() == 50


def add_returned_loans(desk, card: str, count: int) -> None:
    """``count`` returned loans of one item, straight into the database (a long history)."""
    with desk.library.sessions() as session, session.begin():
        patron = session.scalars(select(Patron).where(Patron.barcode == card)).one()
        item_id = session.scalars(select(Item.id).where(Item.barcode == "B012")).one()
        desk_row = session.scalars(select(DeskRow).where(DeskRow.code == "MAIN-1")).one()
        start = desk.library.now() - timedelta(days=count + 30)
        session.add_all(Loan(item_id=item_id, patron_id=patron.id, desk_id=desk_row.id,
                             staff_id=desk.clerk.id, out_at=start + timedelta(days=n),
                             due_at=start + timedelta(days=n + 14),
                             returned_at=start + timedelta(days=n + 7), renewals=0)
                        for n in range(count))


def test_history_is_shown_a_page_at_a_time(qtbot, screen_context, desk, settle) -> None:
    add_returned_loans(desk, "P003", HISTORY_PAGE * 2 + 17)
    view = make(qtbot, screen_context, settle, "P003")
    assert view.tabs.tabText(HISTORY) == "6 History (217)"
    assert view.history_table.rowCount() == HISTORY_PAGE
    assert view.history_count.text() == "100 of 217 returned loans"
    newest = view.history_table.item(0, 0).text()
    view.tabs.setCurrentIndex(HISTORY)
    view.older_button.click()
    settle()
    view.older_button.click()
    settle()
    assert view.history_table.rowCount() == 217 and not view.older_button.isEnabled()
    assert view.history_count.text() == "217 of 217 returned loans"
    returned = column(view.history_table, 0)
    assert returned[0] == newest and returned == sorted(returned, reverse=True)
    assert len(set(returned)) == 217                               # none twice
    view.reload()                                                  # read again: page one
    settle()
    assert view.history_table.rowCount() == HISTORY_PAGE and view.older_button.isEnabled()
    assert column(view.history_table, 0) == returned[:HISTORY_PAGE]


def test_register_and_end_a_proxy(qtbot, screen_context, desk, settle) -> None:
    view = make(qtbot, screen_context, settle, "P001")
    view.tabs.setCurrentIndex(PROXIES)
    view.add_proxy_button.click()
    dialog = view.dialog
    qtbot.keyClicks(dialog.card, "P001")                           # one's own card: refused
    dialog.submit()
    settle()
    assert dialog.isVisible() and dialog.error.text() == "A patron cannot be their own proxy."
    with desk.library.read_sessions() as session:
        assert session.scalars(select(Proxy)).all() == []
    dialog.card.setText("P002")
    dialog.note.setText("F-K08-033 #5")
    dialog.submit()
    settle()
    assert not dialog.isVisible()
    assert column(view.proxies, 0) == ["May borrow for this patron"]
    assert column(view.proxies, 1) == ["王大同"] and column(view.proxies, 4) == ["F-K08-033 #5"]
    assert column(view.proxies, 3) == ["until ended"]
    other = make(qtbot, screen_context, settle, "P002")
    assert column(other.proxies, 0) == ["This patron may borrow for"]
    assert column(other.proxies, 1) == ["陳小明"]
    view.proxies.selectRow(0)
    view.end_proxy_button.click()
    assert view.dialog.objectName() == "endProxyQuestion"
    view.dialog.accept()
    settle()
    assert view.proxies.rowCount() == 0 and view.status.text() == "Proxy authorisation ended."
    with desk.library.read_sessions() as session:
        actions = session.scalars(select(AuditEvent.action).where(
            AuditEvent.action.in_(["add_proxy", "end_proxy"])).order_by(AuditEvent.id)).all()
    assert actions == ["add_proxy", "add_proxy", "end_proxy"]       # the refusal too


def test_photo_from_a_file_is_scaled_and_shown(qtbot, screen_context, desk, settle,
                                               tmp_path) -> None:
    path = tmp_path / "photo.png"
    Image.new("RGB", (1200, 1600), (30, 90, 160)).save(path)
    view = make(qtbot, screen_context, settle, "P001")
    view.photo_actions.use_file(str(path))
    settle()
    stored = photo_of(desk, "P001")
    assert stored is not None and stored.startswith(b"\xff\xd8\xff")
    image = QImage.fromData(stored)
    assert (image.width(), image.height()) == (360, 480)
    assert view.photo.has_photo and not view.photo.mark.isVisible()
    assert view.status.text() == "Photo saved."


def test_a_file_that_is_no_image_is_refused(qtbot, screen_context, desk, settle,
                                            tmp_path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("not a picture")
    view = make(qtbot, screen_context, settle, "P001")
    view.photo_actions.use_file(str(path))
    settle()
    assert "is not an image the desk can read" in view.status.text()
    assert photo_of(desk, "P001") is None


def test_the_file_dialog_opens_for_images(qtbot, screen_context, desk, settle) -> None:
    view = make(qtbot, screen_context, settle, "P001")
    view.photo_actions.file_button.click()
    dialog = view.photo_actions.dialog
    assert dialog.objectName() == "photoFileDialog" and dialog.isVisible()
    assert "*.jpg" in dialog.nameFilters()[0]
    dialog.reject()


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_no_camera_says_so_on_the_button(qtbot, screen_context, desk, settle, heard) -> None:
    from desk.ui.camera_dialog import cameras
    if cameras():
        pytest.skip("this machine has a camera")
    view = make(qtbot, screen_context, settle, "P001")
    assert view.photo_actions.camera_button.isEnabled()
    view.photo_actions.camera_button.click()
    assert view.photo_actions.camera_button.text() == "No camera found" and not view.photo_actions.camera_button.isEnabled()
    assert heard.warning == ["No camera found: load the photo from a file."]
    assert view.photo_actions.dialog is None


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_camera_preview_and_capture_key(qtbot, screen_context, desk, settle) -> None:
    """The camera dialog fed by a QVideoFrameInput: frames reach the preview through the
    capture session's video sink, Space takes the picture, the desk scales and stores it."""
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameInput
    view = make(qtbot, screen_context, settle, "P002")
    frames = QVideoFrameInput()
    dialog = view.photo_actions.from_camera(frames)
    assert dialog is not None and dialog.isVisible()
    picture = QImage(640, 480, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2a7"))
    assert frames.sendVideoFrame(QVideoFrame(picture))
    qtbot.waitUntil(lambda: not dialog.last_frame.isNull(), timeout=5000)
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    assert not dialog.isVisible()
    settle()
    stored = QImage.fromData(photo_of(desk, "P002"))
    assert (stored.width(), stored.height()) == (480, 360)
    assert view.photo.has_photo


@pytest.mark.qt_log_ignore(*MULTIMEDIA_NOISE)
def test_capture_before_any_frame_says_so(qtbot, screen_context, desk, settle) -> None:
    from PySide6.QtMultimedia import QVideoFrameInput
    view = make(qtbot, screen_context, settle, "P002")
    dialog = view.photo_actions.from_camera(QVideoFrameInput())
    dialog.capture()
    assert dialog.isVisible() and dialog.error.text() == "No picture from the camera yet."
    dialog.reject()
    assert photo_of(desk, "P002") is None


def test_scans_on_the_record(qtbot, screen_context, desk, settle) -> None:
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    view = make(qtbot, screen_context, settle, "P001")
    view.tabs.setCurrentIndex(PROXIES)
    assert view.handle_scan("B002") is True
    assert view.tabs.currentIndex() == LOANS and view.loans.currentRow() == 1
    assert view.handle_scan("B005") is False          # not this patron's: for the search
    assert view.handle_scan("P002") is False


def test_checkout_shows_the_photo_large(qtbot, window, desk) -> None:
    import io
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (120, 40, 40)).save(out, "JPEG")
    desk.main.set_patron_photo("P002", out.getvalue())
    from tests.ui.conftest import scan
    checkout = window.screens["checkout"]
    window.set_mode("checkout")
    scan(qtbot, checkout.scan_field, "P002")
    qtbot.waitUntil(lambda: checkout.panel.summary is not None)
    photo = checkout.panel.photo
    assert photo.has_photo and not photo.mark.isVisible()
    assert photo.image.pixmap().height() == 188 and photo.image.height() == 188
    QApplication.processEvents()


def test_the_wedge_scanner_on_the_patron_screen(qtbot, window, desk) -> None:
    """Scans through the main window (as a wedge burst or a serial line arrives): an item of
    the patron shown is selected, another card opens that patron."""
    desk.main.checkout("P001", "B003")
    window.set_mode("patron_search")
    search = window.screens["patron_search"]
    window.scan("P001")
    qtbot.waitUntil(lambda: search.showing_record() and search.current_patron() == "P001")
    search.record.tabs.setCurrentIndex(HISTORY)
    window.scan("B003")
    assert search.record.tabs.currentIndex() == LOANS
    window.scan("P002")
    qtbot.waitUntil(lambda: search.current_patron() == "P002")
    assert search.record.name.text() == "王大同"


def test_the_requests_tab_lists_deliveries_searches_and_retrievals(qtbot, screen_context, desk,
                                                                   settle) -> None:
    desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                          call_number="011.2 8743")
    desk.law.request_delivery("P001", "B001", pickup_location="LAW", method="cash")
    desk.main.request_search("P001", "B002")
    desk.main.request_retrieval("P001", "W002")
    desk.main.request_search("P002", "B100")           # another patron's: not shown
    view = make(qtbot, screen_context, settle, "P001")
    assert view.tabs.tabText(REQUESTS) == "4 Requests (3)"
    assert sorted(column(view.requests, 1)) == ["delivery", "search", "withdrawn area"]
    assert sorted(column(view.requests, 2)) == ["B001", "B002", "W002"]
    rows = {view.requests.item(row, 2).text(): row for row in range(view.requests.rowCount())}
    assert "→" in view.requests.item(rows["B001"], 4).text()     # from MAIN to LAW
    assert all(view.requests.item(row, 6).text() for row in (rows["B001"], rows["B002"]))
    desk.main.search_not_found(next(e.request_id for e in desk.main.pull_list()
                                    if e.kind == "search"))
    view.reload()
    settle()
    assert view.tabs.tabText(REQUESTS) == "4 Requests (2)"      # the closed one stays, greyed
    assert view.requests.rowCount() == 3
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert view.tabs.currentIndex() == REQUESTS and view.requests.hasFocus()


def test_a_failed_deliverys_fee_is_refunded_from_the_requests_tab(qtbot, screen_context, desk,
                                                                  settle) -> None:
    request_id, receipt = desk.law.request_delivery("P001", "B001", pickup_location="LAW",
                                                    method="cash")
    view = make(qtbot, screen_context, settle, "P001")
    view.tabs.setCurrentIndex(REQUESTS)
    view.requests.selectRow(0)
    assert view.refund_delivery() is False                   # not failed: nothing to refund
    assert "could not be met" in view.status.text()
    desk.main.fail_delivery(request_id, "書架上找不到")
    view.reload()
    settle()
    view.requests.selectRow(0)
    assert view.refund_delivery() is True
    qtbot.waitUntil(lambda: "refunded" in view.status.text())
    slip = screen_context.slips.last.device_slip
    assert slip.barcode == receipt and "NT$20" in "\n".join(slip.text_lines())
    qtbot.waitUntil(lambda: view.record.requests[0].status == "refunded")   # read again


def test_project_books_ready_from_the_patron_screen(qtbot, screen_context, desk, settle) -> None:
    from desk.models import PatronNotice
    view = make(qtbot, screen_context, settle, "P003")
    view.setFocus()
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = view.dialog
    assert dialog is not None and dialog.objectName() == "projectBooksDialog"
    assert view.handle_scan("B001")                       # a scan goes onto the list
    qtbot.keyClicks(dialog.item, "B001")
    qtbot.keyClick(dialog.item, Qt.Key.Key_Return)        # Enter adds; twice is said
    assert dialog.barcodes() == ["B001"] and "already" in dialog.error.text()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.item, "B002")
    qtbot.keyClick(dialog.item, Qt.Key.Key_Return)
    assert dialog.barcodes() == ["B001", "B002"]
    dialog.submit()                       # OK (Ctrl+Enter: the dialog's shortcut)
    qtbot.waitUntil(lambda: not dialog.isVisible() or dialog.error.isVisible())
    assert not dialog.isVisible(), dialog.error.text()
    qtbot.waitUntil(lambda: "2 book(s) kept" in view.status.text())
    with desk.library.read_sessions() as session:
        assert session.scalars(select(PatronNotice.kind)).all() == ["project_ready"]
    qtbot.waitUntil(lambda: view.record is not None and view.record.summary.holds_count == 2)
