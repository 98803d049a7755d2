"""The supervisor's override dialog from the keyboard: Enter in the reason submits (Shift+Enter
is a new line), the common reasons are one key each, and a granted override is the one the
circulation layer audits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from desk.models import AuditEvent
from desk.ui.override import OverrideDialog
from tests.ui.conftest import scan


def refused_book(qtbot, window) -> OverrideDialog:  # noqa: ANN001
    screen = window.screens["checkout"]
    scan(qtbot, screen.scan_field, "P007")                  # blocked: the book is refused
    qtbot.waitUntil(lambda: screen.panel.summary is not None)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: bool(screen.unresolved_refusals()))
    dialog = screen.ask_override("B001")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()              # a shortcut needs its window active (offscreen too)
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_common_reason_is_one_key_and_enter_submits(qtbot, window, desk):
    dialog = refused_book(qtbot, window)
    qtbot.keyClicks(dialog.login, "boss")
    qtbot.keyClicks(dialog.password, "boss-pass")
    qtbot.keyClick(dialog.password, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert dialog.reason.toPlainText() == "Needed for teaching"
    assert dialog.reason.hasFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.reason, "course EE101")           # a new line, then more words
    assert dialog.reason.toPlainText() == "Needed for teaching\ncourse EE101"
    with qtbot.waitSignal(dialog.granted, timeout=10000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.override is not None
    assert dialog.override.reason == "Needed for teaching\ncourse EE101"
    screen = window.screens["checkout"]
    qtbot.waitUntil(lambda: not screen.unresolved_refusals())
    with desk.library.sessions() as session:
        reasons = session.scalars(select(AuditEvent.reason).where(
            AuditEvent.action == "checkout", AuditEvent.item_barcode == "B001",
            AuditEvent.supervisor_id == desk.boss.id)).all()
    assert reasons == ["Needed for teaching\ncourse EE101"]


def test_enter_with_no_reason_says_so_and_grants_nothing(qtbot, window):
    dialog = refused_book(qtbot, window)
    dialog.login.setText("boss")
    dialog.password.setText("boss-pass")
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Enter)
    assert dialog.error.text() == "A written reason is required."
    assert dialog.override is None and dialog.isVisible()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert dialog.reason.toPlainText() == ("Fine paid / to be paid today; "
                                           "Record error, checked by staff")
    dialog.reject()
