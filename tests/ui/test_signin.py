"""The sign-in dialog: a wrong password, then the lockout's message in the user's language;
the desk session it opens is for a staff object the library issued."""

from __future__ import annotations

from desk import wording
from desk.ui.signin import SignInDialog
from tests.support.small_library import PASSWORDS


def test_the_dialog_shows_the_lockout(qtbot, context, desk) -> None:  # noqa: ANN001
    dialog = SignInDialog(desk.library, "MAIN-1", context.tasks)
    qtbot.addWidget(dialog)
    dialog.login.setText("clerk")
    for _ in range(4):
        dialog.password.setText("guess-again")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
        assert dialog.error.text() == "Wrong login or password."
    wording.set_language("zh_TW")
    dialog.password.setText("guess-again")
    dialog.submit()
    qtbot.waitUntil(lambda: "鎖定" in dialog.error.text())
    dialog.password.setText(PASSWORDS["clerk"])
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    assert "鎖定" in dialog.error.text() and dialog.circulation is None


def test_signing_in_opens_a_session_for_the_issued_staff(qtbot, context,  # noqa: ANN001
                                                        desk) -> None:
    dialog = SignInDialog(desk.library, "MAIN-1", context.tasks)
    qtbot.addWidget(dialog)
    dialog.login.setText("boss")
    dialog.password.setText(PASSWORDS["boss"])
    with qtbot.waitSignal(dialog.signed_in):
        dialog.submit()
    staff = dialog.circulation.staff
    assert staff.login == "boss" and desk.library.issued_staff_id(staff) == staff.id


def test_staff_change_their_own_password(qtbot, window, desk) -> None:  # noqa: ANN001
    dialog = window.change_password()
    qtbot.addWidget(dialog)
    dialog.old.setText("not-my-password")
    dialog.new.setText("my-new-counter-pass")
    dialog.confirm.setText("my-new-counter-pass")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    assert dialog.error.text() == "The current password is wrong."
    dialog.old.setText(PASSWORDS["clerk"])
    for field in (dialog.new, dialog.confirm):
        field.setText("clerk")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled())
    assert "too weak" in dialog.error.text()
    dialog.old.setText(PASSWORDS["clerk"])
    for field in (dialog.new, dialog.confirm):
        field.setText("my-new-counter-pass")
    with qtbot.waitSignal(dialog.accepted):
        dialog.submit()
    assert desk.library.sign_in("clerk", "my-new-counter-pass").login == "clerk"
