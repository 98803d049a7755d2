"""The main window: modes on function keys, scans from anywhere, double reads, title, shift
change, settings and the language switch."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desk import wording
from desk.circulation.queries import patron_summary
from tests.ui.conftest import scan


def test_function_keys_switch_modes(qtbot, window):
    assert window.active_screen.mode_key == "checkout"
    qtbot.keyClick(window.active_screen, Qt.Key.Key_F2)
    assert window.active_screen.mode_key == "checkin"
    assert window.actions_by_mode["checkin"].isChecked()
    qtbot.keyClick(window.active_screen, Qt.Key.Key_F1)
    assert window.active_screen.mode_key == "checkout"
    shortcuts = {key: action.shortcut().toString() for key, action in window.actions_by_mode.items()}
    assert shortcuts["checkout"] == "F1" and shortcuts["checkin"] == "F2"
    assert window.last_patron_action.shortcut().toString() == "F8"
    assert window.reprint_action.shortcut().toString() == "F9"


def test_title_names_desk_staff_and_database(window, desk):
    title = window.windowTitle()
    assert "MAIN-1" in title and "林館員" in title and "clerk" in title
    assert desk.library.url in title


def test_a_wedge_scan_reaches_the_mode_wherever_focus_is(qtbot, window, desk):
    screen = window.screens["checkout"]
    screen.table.setFocus()                     # focus away from the scan field
    scan(qtbot, screen.table, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.done_button, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    assert [loan.item_barcode for loan in patron_summary(desk.library, "P001").loans] == ["B001"]


def test_hand_typed_code_in_the_scan_field_works(qtbot, window):
    screen = window.screens["checkout"]
    qtbot.keyClicks(screen.scan_field, "P001", delay=60)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return, delay=60)
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    assert screen.panel.summary.barcode == "P001"


def test_a_double_read_is_taken_once(qtbot, window, desk):
    window.set_mode("checkin")
    screen = window.screens["checkin"]
    desk.main.checkout("P001", "B001")
    scan(qtbot, screen.scan_field, "B001")
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    qtbot.wait(300)
    assert screen.table.rowCount() == 1
    assert window.dropped_scans == 1


def test_shift_change_signs_the_next_staff_member_in(qtbot, window, context, desk):
    screen = window.screens["checkout"]
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    clerk_session = context.circulation
    dialog = window.sign_out()
    assert not window.is_signed_in
    assert window.stack.currentWidget() is window.locked
    assert screen.panel.summary is None                # the last patron is gone
    assert "signed out" in window.windowTitle()
    qtbot.keyClicks(dialog.login, "boss")
    qtbot.keyClicks(dialog.password, "nope")
    dialog.submit()
    qtbot.waitUntil(dialog.error.isVisible)
    assert "Wrong login or password" in dialog.error.text()
    assert context.circulation is clerk_session and not window.is_signed_in
    dialog.password.setText("boss-pass")
    with qtbot.waitSignal(dialog.signed_in, timeout=10000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert context.circulation.staff.login == "boss"
    assert "張主任" in window.windowTitle()
    assert window.active_screen is screen
    scan(qtbot, screen.scan_field, "P002")
    scan(qtbot, screen.scan_field, "B002")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1)
    from desk.models import AuditEvent
    with desk.library.sessions() as session:
        event = session.query(AuditEvent).filter_by(action="checkout", item_barcode="B002").one()
        assert event.staff_id == desk.boss.id


def test_scans_are_ignored_while_signed_out(qtbot, window, context):
    checkout = window.screens["checkout"]
    window.sign_out()
    window.scan("P001")
    window.set_mode("checkin")
    assert window.active_screen is None
    qtbot.wait(100)
    assert checkout.patron_barcode is None and checkout.panel.summary is None


def test_settings_dialog_saves_and_applies(qtbot, window, context, config):
    from desk.ui.settings_dialog import SettingsDialog
    dialog = SettingsDialog(config, window)
    dialog.applied.connect(window._settings_applied)
    qtbot.addWidget(dialog)
    assert dialog.editors["desk"].toolTip().startswith("Code of this circulation desk")
    dialog.show()
    dialog.editors["wedge_max_interval_ms"].setValue(50)
    dialog.editors["sounds"].setChecked(False)
    dialog.editors["patron_pattern"].setText("^(P")
    dialog.apply()
    assert dialog.error.isVisible() and "not a valid pattern" in dialog.error.text()
    assert config.get("wedge_max_interval_ms") == 35          # nothing changed
    dialog.editors["patron_pattern"].setText(r"^P\d+$")
    dialog.apply()
    assert config.get("wedge_max_interval_ms") == 50 and config.get("sounds") is False
    assert window.wedge.max_interval == 0.05 and window.sounds.enabled is False
    assert "wedge_max_interval_ms = 50" in config.path.read_text()


def test_list_settings_are_edited_one_item_per_line(qtbot, window, config):
    from desk.ui.settings_dialog import SettingsDialog
    dialog = SettingsDialog(config, window)
    qtbot.addWidget(dialog)
    header = dialog.editors["slip_header"]
    assert header.toPlainText() == "圖書館 Library"
    header.setPlainText("National Library, Main Branch\n\n  1 Roosevelt Rd., Sec. 4, Taipei  \n")
    dialog.apply()
    assert config.get("slip_header") == ["National Library, Main Branch",
                                         "1 Roosevelt Rd., Sec. 4, Taipei"]
    assert "1 Roosevelt Rd., Sec. 4, Taipei" in config.path.read_text()
    again = SettingsDialog(config, window)
    qtbot.addWidget(again)
    assert again.editors["slip_header"].toPlainText() == (
        "National Library, Main Branch\n1 Roosevelt Rd., Sec. 4, Taipei")


def test_language_switch_rebuilds_in_chinese_and_back(qtbot, window, context, config):
    try:
        assert window.switch_language("zh_TW") == "zh_TW"
        assert wording.language() == "zh_TW"
        screen = window.screens["checkout"]
        assert screen.title == "借書"
        assert window.actions_by_mode["checkin"].text().startswith("還書")
        assert "櫃台" in window.windowTitle() or "借還書" in window.windowTitle()
        scan(qtbot, screen.scan_field, "P007")
        qtbot.waitUntil(lambda: screen.panel.summary is not None)
        scan(qtbot, screen.scan_field, "B001")
        qtbot.waitUntil(screen.refusal.isVisible)
        assert "停權" in screen.refusal.reasons.text()            # circulation notices too
        assert screen.refusal.override_button.text() == "主管核可…"
    finally:
        window.switch_language("en")
    assert window.screens["checkout"].title == "Checkout"
    assert wording.language() == "en"
