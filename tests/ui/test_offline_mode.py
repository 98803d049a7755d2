"""Offline mode in the real main window: the database goes away mid-session (its directory is
moved away and the pooled connections dropped, as in tests/integration/test_outage_failover.py),
the desk keeps lending and taking returns from the journal with manual-fallback receipts, refuses
renewals, and once the database is back *Back online* replays the journal exactly once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desk.circulation.offline.desk import FailoverDesk, check_database
from desk.circulation.offline.journal import read_journal
from desk.models import Item, Loan, Patron
from desk.ui.offline_mode import OfflineMode
from desk.ui.offline_support import offline_patron_summary, offline_text
from desk.ui.slips import ScreenSlip
from tests.ui.conftest import scan


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The library file in its own directory, so the test can move the directory away."""
    (tmp_path / "db").mkdir()
    return f"sqlite:///{tmp_path / 'db' / 'library.sqlite'}"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("DESK_DATA_DIR", str(data))   # where the Replay screen reads journals
    return data


@pytest.fixture
def mode(qtbot, window, desk, data_dir: Path) -> Iterator[OfflineMode]:
    url = desk.library.engine.url.render_as_string(hide_password=False)
    # The watcher thread is not started: the test checks the connection when it needs to.
    offline = OfflineMode.install(window, url=url, data_dir=data_dir, start=False)
    offline.refresh()
    qtbot.waitUntil(lambda: offline.snapshot is not None, timeout=10000)
    yield offline
    offline.stop()


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.context.tasks.pending == 0, timeout=10000)


def loans_of(library, item: str) -> list[tuple[str, object]]:
    with library.sessions() as session:
        return list(session.execute(
            select(Patron.barcode, Loan.returned_at).join(Loan, Loan.patron_id == Patron.id)
            .join(Item, Loan.item_id == Item.id).where(Item.barcode == item)).all())


def test_outage_at_the_counter_then_back_online_replays_once(qtbot, window, desk, mode,
                                                             tmp_path: Path) -> None:
    context, library = window.context, desk.library
    assert isinstance(context.circulation, FailoverDesk)
    assert not mode.toolbar.isVisible()
    desk.main.checkout("P002", "B002")                        # on loan before the outage
    checkout = window.screens["checkout"]
    scan(qtbot, checkout.scan_field, "P001")
    qtbot.waitUntil(lambda: checkout.panel.summary is not None)

    # --- the database goes away ----------------------------------------------------------
    warnings: list[str] = []
    context.messages.warning.connect(warnings.append)
    settle(qtbot, window)
    home, away = tmp_path / "db", tmp_path / "moved-away"
    os.rename(home, away)
    library.engine.dispose()
    assert not check_database(mode.url)
    with qtbot.waitSignal(mode.state_changed, timeout=10000):
        scan(qtbot, checkout.scan_field, "B001")
    qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
    assert mode.offline and mode.toolbar.isVisible()
    assert mode.banner.text.text() == offline_text()
    assert offline_text() in warnings
    journal = read_journal(mode.journal_file).entries
    assert [(e.kind, e.patron, e.item) for e in journal] == [("checkout", "P001", "B001")]
    slip_no = journal[0].slip_no
    assert slip_no in checkout.table.item(0, 3).text()
    assert checkout.table.item(0, 2).text() != checkout._due(None)   # due from the local copy
    receipt = context.slips.last
    assert isinstance(receipt, ScreenSlip) and receipt.barcode == slip_no
    assert receipt.device_slip.kind.value == "manual"       # what the printer gets
    assert "B001" in receipt.text() and slip_no in receipt.text()
    assert "圖書館 Library" in receipt.text()                # the slip header setting
    settle(qtbot, window)
    saved = PdfReader(str(mode.journal_file.parent / "receipts" / f"{slip_no}.pdf"))
    assert slip_no in saved.pages[0].extract_text()
    assert "B001" in window.slip_view.toPlainText()

    # a return offline: journalled, set aside, with its own receipt
    window.set_mode("checkin")
    checkin = window.screens["checkin"]
    scan(qtbot, checkin.scan_field, "B002")
    qtbot.waitUntil(lambda: checkin.table.rowCount() == 1)
    assert checkin.banner.route == "staff"
    assert context.slips.last.barcode == read_journal(mode.journal_file).entries[1].slip_no

    # renewals are suspended, with the reason
    context.config.set("item_pattern", r"^B\d{3}$")
    window.set_mode("renew")
    renew = window.screens["renew"]
    scan(qtbot, renew.scan, "B001")
    qtbot.waitUntil(lambda: "suspended" in renew.status.text(), timeout=10000)
    assert "Renewal is suspended while the system is down" in renew.status.text()

    # the replay waits for the database
    assert not window.screens["replay"].run_button.isEnabled()

    # a card scanned offline: the panel shows what the local copy knows
    window.set_mode("checkout")
    scan(qtbot, checkout.scan_field, "P003")
    qtbot.waitUntil(lambda: checkout.panel.summary is not None
                    and checkout.panel.summary.barcode == "P003")
    assert checkout.panel.name.text() == "Prof. Lee"
    settle(qtbot, window)

    # --- the database comes back ---------------------------------------------------------
    os.rename(away, home)
    assert not mode.back_action.isEnabled()
    mode.watcher.check_now()
    assert mode.state == "reachable" and mode.back_action.isEnabled()
    assert mode.banner.back_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not mode.offline and mode.state == "unreplayed"  # until the replay has run
    replay = window.screens["replay"]
    assert window.active_screen is replay
    settle(qtbot, window)
    assert mode.state == "online" and not mode.toolbar.isVisible()
    assert replay.table.rowCount() == 2
    assert loans_of(library, "B001") == [("P001", None)]
    [(patron, returned)] = loans_of(library, "B002")
    assert patron == "P002" and returned is not None

    qtbot.waitUntil(lambda: not mode._refreshing, timeout=20000)   # a copy after the replay
    assert offline_patron_summary(context, "P001").loans_count == 1   # B001, replayed
    replay.run_replay()                                      # a second replay applies nothing
    settle(qtbot, window)
    assert loans_of(library, "B001") == [("P001", None)]
    with library.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Loan)) == 2

    # and the desk lends online again
    window.set_mode("checkout")
    scan(qtbot, checkout.scan_field, "P001")
    qtbot.waitUntil(lambda: checkout.panel.summary is not None
                    and checkout.panel.summary.barcode == "P001")
    scan(qtbot, checkout.scan_field, "B003")
    qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
    assert not getattr(checkout.results[-1], "offline", False)
    assert loans_of(library, "B003") == [("P001", None)]


def test_watcher_noticing_the_outage_switches_to_offline(qtbot, window, desk, mode,
                                                         tmp_path: Path) -> None:
    settle(qtbot, window)
    os.rename(tmp_path / "db", tmp_path / "moved-away")
    mode.watcher.check_now()
    assert mode.offline and mode.state == "offline" and mode.toolbar.isVisible()
    assert not mode.back_action.isEnabled()
    os.rename(tmp_path / "moved-away", tmp_path / "db")
    check = window.findChild(type(mode.back_action), "checkConnection")
    with qtbot.waitSignal(mode.state_changed, timeout=10000):   # checked off the GUI thread
        check.trigger()
    assert mode.state == "reachable"


def test_banner_and_menu_survive_a_rebuild_and_a_shift_change(qtbot, window, desk, mode) -> None:
    mode.failover.go_offline("test")
    assert mode.toolbar.isVisible()
    window.build()                                           # as on a language switch
    assert mode.toolbar.isVisible() and mode.toolbar.parent() is window
    assert window.findChild(type(mode.back_action), "blankForms") is not None
    qtbot.waitUntil(lambda: len([bar for bar in window.findChildren(type(mode.toolbar))
                                 if bar.objectName() == "offlineToolbar"]) == 1)
    qtbot.keyClick(window, Qt.Key.Key_F,                   # one live shortcut, no ambiguity
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert mode.forms_dialog is not None and mode.forms_dialog.isVisible()
    mode.forms_dialog.reject()
    journal = mode.journal
    window.signed_in(desk.library.circulation("MAIN-1", desk.boss))
    assert isinstance(window.context.circulation, FailoverDesk)
    assert window.context.circulation.offline_desk.journal is journal
    assert window.context.circulation.offline_desk.staff == "boss"
    assert mode.offline                                      # still offline after the change


def test_blank_forms_action_writes_the_pdf(qtbot, window, mode, data_dir: Path,
                                           tmp_path: Path) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = mode.forms_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    dialog.count.setFocus()
    qtbot.waitUntil(dialog.count.hasFocus)
    qtbot.keyClick(dialog.count, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # keyboard only
    qtbot.waitUntil(dialog.path.hasFocus)
    qtbot.keyClick(dialog.path, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.count.hasFocus)
    dialog.kind.setCurrentIndex(dialog.kind.findData("checkin"))
    dialog.page.setCurrentIndex(dialog.page.findData("a5"))
    dialog.count.setValue(3)
    target = tmp_path / "forms" / "returns.pdf"
    dialog.path.setText(str(target))
    dialog.open_after.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        dialog.accept()
    reader = PdfReader(str(target))
    assert len(reader.pages) == 3
    text = reader.pages[0].extract_text()
    assert "Manual return slip" in text and "MR-000001" in text
    assert dialog.written == ["MR-000001", "MR-000002", "MR-000003"]
    # the next run goes on from the next number
    mode.forms_action.trigger()
    again = mode.forms_dialog
    again.kind.setCurrentIndex(again.kind.findData("checkin"))
    assert again.first.value() == 4
    again.kind.setCurrentIndex(again.kind.findData("checkout"))
    assert again.first.value() == 1
    again.reject()


def test_blank_forms_refuses_a_folder(qtbot, window, mode, tmp_path: Path) -> None:
    dialog = mode.open_blank_forms()
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()
    dialog.path.setText(str(folder))
    dialog.accept()
    assert dialog.isVisible() and "is a folder" in window.status_text.text()
    assert list(folder.iterdir()) == []
    dialog.reject()


def test_the_app_installs_offline_mode_with_the_real_url(qtbot, window, desk, data_dir) -> None:
    from desk.app import install_offline_mode
    mode = install_offline_mode(window, desk.library)
    try:
        assert isinstance(mode, OfflineMode) and mode.watcher._thread is not None
        assert window.offline_mode is mode
        assert mode.url == desk.library.engine.url.render_as_string(hide_password=False)
        assert mode.journal_file.parent == data_dir / "offline"
        assert isinstance(window.context.circulation, FailoverDesk)
        qtbot.waitUntil(lambda: mode.snapshot is not None, timeout=10000)
        assert mode.refresh_timer.isActive()
    finally:
        mode.stop()
    assert mode.watcher._thread is None


def test_a_card_scanned_as_the_database_goes_shows_the_local_copy(qtbot, window, desk, mode,
                                                                  tmp_path: Path) -> None:
    checkout = window.screens["checkout"]
    settle(qtbot, window)
    os.rename(tmp_path / "db", tmp_path / "moved-away")
    desk.library.engine.dispose()
    scan(qtbot, checkout.scan_field, "P007")                 # blocked card, in the copy
    qtbot.waitUntil(lambda: checkout.panel.summary is not None, timeout=10000)
    assert mode.offline and mode.toolbar.isVisible()
    assert not window.signout_action.isEnabled()             # nobody could sign in again
    assert checkout.panel.name.text() == "趙停權"
    assert "patron_blocked" in [n.code for n in checkout.panel.summary.block_reasons]
    assert checkout.patron_barcode == "P007"
    scan(qtbot, checkout.scan_field, "P999")                 # not in the copy: said plainly
    qtbot.waitUntil(lambda: "not in the local copy" in window.status_text.text())
    assert checkout.patron_barcode == "P999" and checkout.panel.summary is None
    scan(qtbot, checkout.scan_field, "B004")                 # still lent, with the warning
    qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
    assert "P999 is not in the local copy" in checkout.table.item(0, 3).text()


def test_offline_without_a_local_copy_still_lends(qtbot, window, desk, data_dir: Path) -> None:
    url = desk.library.engine.url.render_as_string(hide_password=False)
    mode = OfflineMode.install(window, url=url, data_dir=data_dir, start=False)
    try:
        assert mode.snapshot is None
        mode.failover.go_offline("test")
        checkout = window.screens["checkout"]
        scan(qtbot, checkout.scan_field, "P001")
        qtbot.waitUntil(lambda: "not in the local copy" in window.status_text.text())
        scan(qtbot, checkout.scan_field, "B001")
        qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
        assert checkout.table.item(0, 2).text() == "(set when replayed)"
        assert "nothing could be checked" in checkout.table.item(0, 3).text()
        assert window.context.slips.last.barcode == "MAIN-1-00001"
        checkout.done()                                      # the desk slip copes too
        assert "B001" in window.context.slips.last.text()
    finally:
        mode.stop()


def test_refresh_brings_new_patrons_into_the_local_copy(qtbot, window, desk, mode) -> None:
    from datetime import date
    desk.library.add_patron("P100", "新讀者", "student", expires=date(2027, 6, 30))
    with qtbot.waitSignal(mode.snapshot_refreshed, timeout=20000) as refreshed:
        mode.refresh()
    assert refreshed.args[0] > 0
    settle(qtbot, window)
    assert mode.failover.offline_desk.snapshot is mode.snapshot
    assert mode.snapshot.check_checkout("P100", "B001", desk.library.now(), "MAIN-1",
                                        desk.library.policy.tz).patron_name == "新讀者"
    assert not mode.snapshot_file.with_name("snapshot-next.sqlite").exists()


def test_an_unwritable_data_directory_leaves_the_desk_online_and_says_so(
        qtbot, window, desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desk.app import install_offline_mode
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the data directory should be")
    monkeypatch.setenv("DESK_DATA_DIR", str(blocker))
    circulation = window.context.circulation
    assert install_offline_mode(window, desk.library) is None
    assert window.context.circulation is circulation
    assert "Offline mode is off" in window.status_text.text()
    assert str(blocker) in window.status_text.text()


def test_error_text_puts_a_dead_database_in_plain_words() -> None:
    from sqlalchemy.exc import OperationalError

    from desk.ui.offline_support import error_text
    dead = OperationalError("SELECT 1", {}, Exception("unable to open database file"))
    assert error_text(dead) == offline_text()
    assert error_text(ValueError("bad barcode")) == "bad barcode"
    assert error_text(KeyError()) == "KeyError"


def test_a_failed_swap_keeps_the_previous_copy(qtbot, window, desk, mode) -> None:
    before = mode.snapshot.refreshed_at
    mode._staging.unlink(missing_ok=True)
    with qtbot.waitSignal(window.context.tasks.idle, timeout=10000):
        window.context.tasks.run(mode._swap, on_error=mode._swap_failed)
    assert mode.snapshot is not None and mode.snapshot.refreshed_at == before
    assert mode.failover.offline_desk.snapshot is mode.snapshot


def test_a_journal_never_replayed_is_shown_at_start(qtbot, window, desk, data_dir: Path) -> None:
    from desk.circulation.offline.desk import OfflineDesk, default_paths
    from desk.circulation.offline.journal import Journal
    journal_file, _ = default_paths(data_dir, "MAIN-1")      # left by an earlier session
    library = desk.library
    earlier = OfflineDesk(Journal(journal_file, "MAIN-1"), clock=library.now,
                          tz=library.policy.tz, staff="clerk")
    earlier.checkout("P001", "B001")
    earlier.checkin("B009")                                  # never lent: needs a decision
    url = library.engine.url.render_as_string(hide_password=False)
    mode = OfflineMode.install(window, url=url, data_dir=data_dir, start=False)
    try:
        assert mode.state == "unreplayed" and mode.toolbar.isVisible()
        assert "2 offline transaction" in mode.banner.text.text()
        assert mode.banner.replay_button.isVisible() and window.signout_action.isEnabled()
        mode.banner.replay_button.click()
        assert window.active_screen is window.screens["replay"]
        settle(qtbot, window)
        qtbot.waitUntil(lambda: mode.unreplayed == 1)        # the return waits for a decision
        assert mode.state == "unreplayed" and "1 offline transaction" in mode.banner.text.text()
        assert loans_of(library, "B001") == [("P001", None)]
        replay = window.screens["replay"]
        [waiting] = replay.replay.pending_decisions()
        assert waiting.entry.item == "B009"
        replay.replay.decide([waiting.number], apply=False, supervisor=desk.boss,
                             reason="not ours")
        window.context.tasks.idle.emit()                     # as after the decision's task
        assert mode.state == "online" and not mode.toolbar.isVisible()
    finally:
        mode.stop()
    again = OfflineMode.install(window, url=url, data_dir=data_dir, start=False)
    try:
        assert again.state == "online"                       # remembered across sessions
    finally:
        again.stop()


def test_offline_mode_in_chinese(qtbot, window, desk, mode, tmp_path: Path) -> None:
    try:
        window.switch_language("zh_TW")
        mode.failover.go_offline("test")
        assert mode.toolbar.isVisible()
        assert mode.banner.text.text() == ("無法連線圖書館資料庫：目前離線作業。續借、預約及繳款"
                                           "暫停辦理。")
        titles = [action.text() for action in window.menuBar().actions()]
        assert "系統中斷(&O)" in titles and "&Outage" not in titles
        checkout = window.screens["checkout"]
        scan(qtbot, checkout.scan_field, "P001")
        qtbot.waitUntil(lambda: checkout.panel.summary is not None)
        scan(qtbot, checkout.scan_field, "B001")
        qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)
        assert checkout.table.item(0, 3).text().startswith("離線：已記入人工借還單 MAIN-1-00001")
        assert "人工借書單" in window.context.slips.last.text()
        mode.reachable = True
        mode._show(mode.state)
        assert mode.banner.back_button.text().startswith("恢復連線")
    finally:
        window.switch_language("en")
    assert mode.banner.text.text().startswith("The library database")
