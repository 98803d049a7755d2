"""The Staff screen: offered to administrators only; every change goes through the library's
staff administration and a refusal is shown in the user's language."""

from __future__ import annotations

import pytest

from desk import wording
from desk.circulation.queries.staff import staff_list
from desk.ui.mainwindow import MainWindow
from tests.support.small_library import PASSWORDS


@pytest.fixture
def admin_window(qtbot, window, desk, context):  # noqa: ANN001, ANN201
    admin = desk.library.sign_in("admin", PASSWORDS["admin"])
    window.signed_in(desk.library.circulation("MAIN-1", admin))
    window.set_mode("staff")
    screen = window.screens["staff"]
    qtbot.waitUntil(lambda: screen.table.rowCount() == 3)
    return window


def test_a_clerk_is_not_offered_the_staff_screen(window: MainWindow) -> None:
    assert "staff" in window.screens
    assert not window.actions_by_mode["staff"].isVisible()
    window.set_mode("staff")
    assert window.active_screen.mode_key == "checkout"
    assert "administrator" in window.status_text.text()


def test_the_admin_adds_an_account_and_weak_passwords_are_refused(qtbot, admin_window,
                                                                  desk) -> None:  # noqa: ANN001
    screen = admin_window.active_screen
    assert screen.mode_key == "staff" and admin_window.actions_by_mode["staff"].isVisible()
    screen.new_login.setText("amy")
    screen.new_name.setText("Amy Chen")
    screen.new_role.setCurrentIndex(screen.new_role.findData("supervisor"))
    for field in (screen.new_password, screen.new_confirm):
        field.setText("password")
    wording.set_language("zh_TW")
    screen.add_button.click()
    qtbot.waitUntil(lambda: "密碼強度不足" in screen.message.text())
    assert [r.login for r in staff_list(desk.library)] == ["admin", "boss", "clerk"]
    wording.set_language("en")
    for field in (screen.new_password, screen.new_confirm):
        field.setText("counter-desk-2026")
    screen.add_button.click()
    qtbot.waitUntil(lambda: screen.table.rowCount() == 4)
    assert "amy" in screen.message.text()
    assert desk.library.authorize("amy", "counter-desk-2026").role == "supervisor"


def test_the_admin_disables_sets_a_password_and_changes_a_role(qtbot, admin_window,
                                                               desk) -> None:  # noqa: ANN001
    screen = admin_window.active_screen
    screen.table.selectRow(2)                       # clerk
    assert screen.current().login == "clerk"
    screen.active_button.click()
    qtbot.waitUntil(lambda: not staff_list(desk.library)[2].active)
    qtbot.waitUntil(lambda: screen.active_button.text() == "Enable")
    screen.password.setText("fresh-counter-pass")
    screen.confirm.setText("fresh-counter-pass")
    screen.password_button.click()
    qtbot.waitUntil(lambda: "Password of clerk" in screen.message.text())
    screen.role.setCurrentIndex(screen.role.findData("supervisor"))
    screen.role_button.click()
    qtbot.waitUntil(lambda: staff_list(desk.library)[2].role == "supervisor")
    screen.table.selectRow(0)                       # the last admin: refused, shown
    screen.active_button.click()
    qtbot.waitUntil(lambda: "last active administrator" in screen.message.text())
    assert staff_list(desk.library)[0].active


def test_the_two_passwords_must_match(admin_window) -> None:  # noqa: ANN001
    screen = admin_window.active_screen
    screen.new_login.setText("bob")
    screen.new_name.setText("Bob")
    screen.new_password.setText("one-long-secret")
    screen.new_confirm.setText("another-long-one")
    screen.add_button.click()
    assert "differ" in screen.message.text()


def test_signing_out_hides_the_screen_again(qtbot, admin_window, desk) -> None:  # noqa: ANN001
    admin_window.sign_out()
    assert admin_window.signin is not None
    admin_window.signin.close()
    admin_window.signed_in(desk.main)
    assert not admin_window.actions_by_mode["staff"].isVisible()
    assert admin_window.active_screen.mode_key == "checkout"
