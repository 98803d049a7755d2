"""The idle lock: the desk covers itself after ``idle_lock_minutes``; the visit stays
underneath, scans are not taken, the signed-in staff member's password resumes, another staff
member signing in ends the visit and takes the desk. Idle time is advanced by calling the
lock's timer slot, not by waiting ten minutes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.small_library import PASSWORDS


def _lock(qtbot, window):  # noqa: ANN001, ANN202
    window.idle_lock.timer.timeout.emit()           # ten idle minutes went by
    cover = window.idle_lock.cover
    assert window.idle_lock.locked and cover is not None and cover.isVisible()
    return cover


def test_the_timer_follows_the_setting_and_activity(qtbot, window, config) -> None:  # noqa: ANN001
    lock = window.idle_lock
    assert config.get("idle_lock_minutes") == 10
    assert lock.timer.isActive() and lock.timer.interval() == 10 * 60_000
    lock.timer.stop()
    qtbot.keyClick(window.active_screen, Qt.Key.Key_Shift)   # any key starts the count again
    assert lock.timer.isActive()
    lock.configure(0)
    assert not lock.timer.isActive()
    lock.touch()
    assert not lock.timer.isActive()


def test_locked_keeps_the_visit_ignores_scans_and_resumes_with_the_password(
        qtbot, window, desk) -> None:  # noqa: ANN001
    checkout = window.screens["checkout"]
    window.scan("P001")
    qtbot.waitUntil(lambda: checkout.current_patron() == "P001")
    cover = _lock(qtbot, window)
    assert "林館員" in cover.who.text() and cover.login.text() == "clerk"
    window.scan("B001")                                    # not processed while locked
    assert checkout.table.rowCount() == 0 and "locked" in window.status_text.text()
    cover.password.setText("wrong-password")
    cover.button.click()
    qtbot.waitUntil(lambda: "Wrong login or password" in cover.error.text())
    assert window.idle_lock.locked
    cover.password.setText(PASSWORDS["clerk"])
    cover.button.click()
    qtbot.waitUntil(lambda: not window.idle_lock.locked)
    assert window.idle_lock.cover is None and window.idle_lock.timer.isActive()
    assert checkout.current_patron() == "P001"           # the visit was kept
    assert window.context.circulation is desk.main
    window.scan("B001")
    qtbot.waitUntil(lambda: checkout.table.rowCount() == 1)


def test_another_staff_member_takes_the_desk_and_the_visit_ends(qtbot, window,
                                                                desk) -> None:  # noqa: ANN001
    checkout = window.screens["checkout"]
    window.scan("P001")
    qtbot.waitUntil(lambda: checkout.current_patron() == "P001")
    cover = _lock(qtbot, window)
    cover.login.setText("boss")
    cover.password.setText(PASSWORDS["boss"])
    cover.button.click()
    qtbot.waitUntil(lambda: not window.idle_lock.locked)
    assert window.context.circulation.staff.login == "boss"
    assert checkout.current_patron() is None
    assert "張主任" in window.windowTitle()
    assert desk.library.issued_staff_id(desk.clerk) is None   # the clerk's sign-in ended


def test_the_lock_screen_shows_the_lockout(qtbot, window) -> None:  # noqa: ANN001
    cover = _lock(qtbot, window)
    for _ in range(5):
        cover.password.setText("guess")
        cover.button.click()
        qtbot.waitUntil(lambda: cover.button.isEnabled())
    qtbot.waitUntil(lambda: "locked" in cover.error.text())
    cover.password.setText(PASSWORDS["clerk"])
    cover.button.click()
    qtbot.waitUntil(lambda: cover.button.isEnabled())
    assert "locked" in cover.error.text() and window.idle_lock.locked


def test_nothing_to_lock_while_signed_out(qtbot, window) -> None:  # noqa: ANN001
    window.sign_out()
    window.signin.close()
    window.idle_lock.lock_now()
    assert not window.idle_lock.locked
