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
    assert routes == ["staff", "transit", "holds_shelf", "shelve"]     # the newest on top
    assert screen.table.item(3, 2).text() == "陳小明"          # former borrower
    assert "法學分館" in screen.table.item(1, 4).text()
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
    assert screen.table.item(0, 3).text() == "NT$5"  # 12-03 is one open day late (newest on top)
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


# --- accessories at return (SOP 5.3.6) and masked hold names (issue 10, items 2 and 5) -------

def open_prompt(qtbot, screen):
    qtbot.waitUntil(lambda: screen.accessories_prompt is not None
                    and screen.accessories_prompt.isVisible())
    return screen.accessories_prompt


def problem_register(desk) -> list[tuple[str, str, str]]:
    from desk.models import ProblemEntry
    with desk.library.sessions() as session:
        return [(p.item_barcode, p.code, p.note) for p in session.query(ProblemEntry).all()]


def test_accessories_stop_the_checkin_until_staff_confirm_them(qtbot, window, desk):
    desk.main.checkout("P001", "C001")                 # 1 CD-ROM
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P001", "B002")
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "C001")
    prompt = open_prompt(qtbot, screen)
    assert prompt.isModal()
    assert prompt.question.text() == "Check the accessories: 1 CD-ROM"
    assert screen.table.rowCount() == 0               # nothing goes on past the prompt
    assert screen.banner.route == "staff"
    # Scans while the prompt is open wait for it: from the wedge into the dialog and from a
    # serial scanner; neither answers the prompt nor is lost.
    scan(qtbot, prompt.present_button, "B001")
    window.scan("B002")
    assert prompt.isVisible() and screen.table.rowCount() == 0
    assert screen.queued == ["B001", "B002"]
    qtbot.keyClick(prompt.present_button, Qt.Key.Key_Return)     # Enter: all present
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3)
    assert not prompt.isVisible() and screen.accessories_prompt is None
    assert [screen.table.item(r, 0).text() for r in range(3)] == ["B002", "B001", "C001"]
    assert screen.table.item(2, 0).data(Qt.ItemDataRole.UserRole) == "shelve"
    assert "1 CD-ROM" in screen.table.item(2, 5).text()
    assert problem_register(desk) == []


def test_a_wedge_burst_into_the_accessories_prompt_is_cleaned_like_every_scan(qtbot, window,
                                                                             desk):
    from desk.numbering import with_check_digit
    desk.main.checkout("P001", "C001")
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "C001")
    prompt = open_prompt(qtbot, screen)
    item = with_check_digit("3123400000001")
    wrong = item[:-1] + str((int(item[-1]) + 1) % 10)
    scan(qtbot, prompt.present_button, f"A{item}B")      # Codabar start/stop stripped
    scan(qtbot, prompt.present_button, wrong)            # refused as a serial scan is
    assert prompt.isVisible() and screen.queued == [item]
    assert "check digit" in window.status_text.text() and wrong in window.status_text.text()


def test_accessories_marked_missing_send_the_item_to_staff(qtbot, window, desk):
    desk.main.checkout("P001", "C001")
    desk.main.place_hold("P002", "C001")               # would go on the holds shelf
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "C001")
    prompt = open_prompt(qtbot, screen)
    qtbot.keyClick(prompt, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)   # "Missing…"
    qtbot.waitUntil(prompt.missing_text.isVisible)   # a mnemonic clicks its button animated
    assert prompt.missing_text.text() == "1 CD-ROM"   # prefilled with what is on record
    prompt.missing_text.setText("the CD (case empty)")
    qtbot.keyClick(prompt.missing_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.accessories_prompt is None
    assert screen.table.item(0, 0).data(Qt.ItemDataRole.UserRole) == "staff"
    assert "accessories missing" in screen.table.item(0, 4).text().lower()
    assert screen.banner.route == "staff"
    assert "accessories missing" in screen.banner.headline.text().lower()
    assert window.sounds.played[-1] == "warning.checkin.staff"
    [(barcode, code, note)] = problem_register(desk)
    assert (barcode, code) == ("C001", "accessories_missing") and "case empty" in note
    status = item_status(desk.library, "C001")
    assert status.status == "available"                # not on the holds shelf
    assert [s.kind for s in window.context.slips.history] == []     # no hold slip


def test_an_empty_missing_text_is_refused_in_the_prompt(qtbot, window, desk):
    desk.main.checkout("P001", "C001")
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "C001")
    prompt = open_prompt(qtbot, screen)
    prompt.ask_missing()
    prompt.missing_text.setText("   ")
    qtbot.keyClick(prompt.missing_text, Qt.Key.Key_Return)
    assert prompt.isVisible() and prompt.error.isVisible()
    assert "what is missing" in prompt.error.text().lower()
    qtbot.keyClick(prompt.missing_text, Qt.Key.Key_Escape)       # back to the question
    assert prompt.isVisible() and not prompt.missing_text.isVisible()
    qtbot.keyClick(prompt.present_button, Qt.Key.Key_Escape)     # the prompt cannot be dismissed
    assert prompt.isVisible()
    qtbot.keyClick(prompt.present_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert problem_register(desk) == []


def test_book_drop_sends_items_with_accessories_to_staff_without_a_prompt(qtbot, window, desk):
    desk.main.checkout("P001", "C001")
    screen = checkin_screen(window)
    screen.set_bookdrop(True)
    scan(qtbot, screen.scan_field, "C001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.accessories_prompt is None
    assert screen.table.item(0, 0).data(Qt.ItemDataRole.UserRole) == "staff"
    assert screen.banner.route == "staff"
    assert "check accessories" in screen.banner.headline.text().lower()
    assert "1 CD-ROM" in screen.banner.detail.text()
    assert window.sounds.played[-1] == "warning.checkin.staff"


def visible_texts(window) -> list[str]:
    """Every text a passer-by can read on the window: labels, buttons, table cells, the slip
    preview, tooltips."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QPlainTextEdit, QTableWidget
    texts: list[str] = []
    for label in window.findChildren(QLabel):
        if label.isVisible():
            texts += [label.text(), label.toolTip()]
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            texts += [button.text(), button.toolTip()]
    for edit in window.findChildren(QPlainTextEdit):
        if edit.isVisible():
            texts.append(edit.toPlainText())
    for table in window.findChildren(QTableWidget):
        if table.isVisible():
            for row in range(table.rowCount()):
                for column in range(table.columnCount()):
                    cell = table.item(row, column)
                    if cell is not None:
                        texts += [cell.text(), cell.toolTip()]
    return texts


def test_the_hold_patron_name_is_masked_everywhere_on_the_checkin_screen(qtbot, window, desk,
                                                                         context):
    desk.main.checkout("P001", "B002")
    desk.main.place_hold("P002", "B002")               # 王大同 waits for it
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "B002")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    qtbot.waitUntil(lambda: bool(context.slips.history))
    texts = visible_texts(window)
    assert any("王○同" in text for text in texts)
    assert [text for text in texts if "王大同" in text] == []
    assert "王大同" not in window.status_text.text()
    assert "王大同" not in context.slips.history[-1].text()


def test_the_accessories_prompt_in_chinese(qtbot, window, desk):
    desk.library.add_item("C002", "Python 進階", item_type="cd", location="MAIN",
                          accessories="附光碟1片")
    desk.main.checkout("P001", "C002")
    try:
        window.switch_language("zh_TW")
        screen = checkin_screen(window)
        scan(qtbot, screen.scan_field, "C002")
        prompt = open_prompt(qtbot, screen)
        assert prompt.question.text() == "請點收：附光碟1片"
        assert "短缺" in prompt.missing_button.text() and "Alt+S" in prompt.missing_button.text()
        assert screen.banner.headline.text() == "請點收附件"
        qtbot.keyClick(prompt.present_button, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
        assert "附光碟1片" in screen.table.item(0, 5).text()
    finally:
        window.switch_language("en")


def test_offline_the_prompt_still_stops_and_missing_is_refused_clearly(qtbot, window, desk,
                                                                       context, clock, tmp_path):
    from desk.circulation.offline.desk import FailoverDesk, OfflineDesk
    from desk.circulation.offline.journal import Journal
    from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
    from tests.support.clock import TAIPEI
    desk.main.checkout("P001", "C001")
    refresh_snapshot(desk.library, tmp_path / "snap.sqlite")
    offline = OfflineDesk(Journal(tmp_path / "journal.jsonl", "MAIN-1"), clock=clock, tz=TAIPEI,
                          staff="clerk", snapshot=Snapshot(tmp_path / "snap.sqlite"))
    failover = FailoverDesk(desk.main, offline)
    failover.go_offline("test")
    context.circulation = failover
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "C001")
    prompt = open_prompt(qtbot, screen)
    assert prompt.question.text() == "Check the accessories: 1 CD-ROM"
    prompt.ask_missing()
    qtbot.keyClick(prompt.missing_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.table.item(0, 0).data(Qt.ItemDataRole.UserRole) == "staff"
    assert "suspended while the system is down" in window.status_text.text()
    assert "not recorded" in screen.table.item(0, 4).text()
    assert context.slips.last.kind == "manual"        # the offline return's own receipt
    assert problem_register(desk) == []


def test_a_refusal_that_comes_back_during_the_prompt_waits_for_it(qtbot, window, desk, context):
    desk.main.checkout("P001", "C001")
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "C001")
    scan(qtbot, screen.scan_field, "ZZ99")             # unknown: refused
    prompt = open_prompt(qtbot, screen)
    qtbot.waitUntil(lambda: context.tasks.pending == 0)
    qtbot.wait(50)
    assert screen.banner.route == "staff"               # still the accessories question
    assert "ZZ99" not in screen.banner.detail.text()
    qtbot.keyClick(prompt.present_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.banner.route == "refused")
    assert "No item has barcode ZZ99" in screen.banner.detail.text()
    assert screen.table.rowCount() == 1


def test_a_fine_at_checkin_shows_an_amber_banner_and_f11_collects_it(qtbot, window, desk, clock):
    desk.main.checkout("P001", "B001")
    desk.main.checkout("P002", "B002")
    clock.advance(days=33)                            # both three days late
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.banner.route == "shelve"           # the trolley is still the shelf ...
    assert screen.fine_banner.isVisible()            # ... and the fine is not missed
    assert screen.fine_banner.text().startswith("$ Collect the overdue fine NT$15 from 陳小明")
    colour = screen.fine_banner.grab().toImage().pixelColor(6, 6)
    assert colour.red() > colour.blue() + 60         # amber, not the green of "shelve"
    scan(qtbot, screen.scan_field, "B003")           # not on loan: no fine, no banner
    qtbot.waitUntil(lambda: screen.banner.route in ("refused", "staff", "shelve")
                    and not screen.fine_banner.isVisible())
    scan(qtbot, screen.scan_field, "B002")
    qtbot.waitUntil(lambda: screen.fine_banner.isVisible())
    assert "王大同" in screen.fine_banner.text()
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F11)        # one key: to the fines, with him
    assert window.active_screen.mode_key == "fines"
    fines = window.screens["fines"]
    qtbot.waitUntil(lambda: fines.current_patron() == "P002")
    window.set_mode("checkin")                        # the banner did its job
    assert not screen.fine_banner.isVisible()
    fines.reset()
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F11)        # no banner: F11 alone carries nobody
    assert window.active_screen is fines
    qtbot.wait(100)
    assert fines.current_patron() is None


def test_a_course_reserve_goes_back_to_its_own_shelf(qtbot, window, desk):
    desk.main.checkout("P001", "R001")
    desk.main.checkout("P001", "B001")
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "R001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.banner.route == "shelve"
    assert screen.banner.headline.text() == "SHELVE: course-reserve shelf"
    assert "back to the course-reserve shelf" in screen.banner.detail.text()
    scan(qtbot, screen.scan_field, "B001")                     # an ordinary book: the stacks
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert screen.banner.headline.text() == "SHELVE"


def test_a_reading_loan_return_shows_the_id_to_hand_back(qtbot, window, desk, clock):
    desk.library.add_item("W002", "善本書目", location="MAIN", staff_flag="withdrawn_area",
                          loanable=False)
    desk.main.request_retrieval("P002", "W002")
    desk.main.retrieval_fetched("W002")
    desk.main.lend_for_reading("W002", id_kept="學生證 110305001")
    clock.advance(hours=3)
    screen = checkin_screen(window)
    scan(qtbot, screen.scan_field, "W002")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert screen.id_banner.isVisible()
    assert screen.id_banner.text() == "🪪 Hand back the ID kept at the desk to 王大同: 學生證 110305001"
    assert "學生證 110305001" in screen.table.item(0, 5).text()
    assert "學生證 110305001" in screen.banner.detail.text()
    assert window.sounds.played[-1] == "warning"      # warning.checkin.id_kept → warning.wav
    colour = screen.id_banner.grab().toImage().pixelColor(6, 6)
    assert colour.red() > colour.blue() + 60          # amber
    desk.main.checkout("P001", "B001")
    scan(qtbot, screen.scan_field, "B001")            # the next return: the banner goes
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert not screen.id_banner.isVisible()
