"""The supervised dialogs' one skeleton, on the real small library: the supervisor's login and
password are checked by ``Library.authorize`` (a missing field, a wrong password and a clerk are
each refused in the dialog, which stays open), Enter submits and Esc cancels, an error that is no
refusal is said in words (and logged), and an optional date is off until its box is ticked."""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from desk.models import StaffUser
from desk.ui.context import DeskContext
from desk.ui.widgets.supervised_dialog import SupervisedDialog

WAIT = 10000


class Approval(SupervisedDialog):
    """The smallest supervised dialog: a supervisor approves, nothing else."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, "approvalDialog", "approval", "Approve this", parent)
        self.approved: StaffUser | None = None
        self.add_supervisor(True)
        self.lay_out()

    def submit(self) -> None:
        entered = self.supervisor_entered()
        if entered is not None:
            self.authorize(*entered, self._approved)

    def _approved(self, staff: StaffUser) -> None:
        self.approved = staff
        self.accept()


def opened(qtbot, context: DeskContext) -> tuple[Approval, list[str]]:  # noqa: ANN001
    sounds: list[str] = []
    context.messages.sound.connect(sounds.append)
    dialog = Approval(context)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, sounds


def test_a_missing_password_is_asked_for_and_nothing_is_checked(qtbot, context) -> None:  # noqa: ANN001
    dialog, sounds = opened(qtbot, context)
    dialog.login.setText("boss")
    dialog.submit()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Enter the supervisor's login and password."
    assert sounds == ["error.approval"]
    assert dialog.approved is None and dialog.isVisible() and dialog.buttons.isEnabled()


def test_a_wrong_password_and_a_clerk_are_refused_in_the_dialog(qtbot, context) -> None:  # noqa: ANN001
    dialog, _sounds = opened(qtbot, context)
    dialog.login.setText("boss")
    dialog.password.setText("not-the-password")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() == "Wrong login or password.", timeout=WAIT)
    assert dialog.password.text() == "" and dialog.buttons.isEnabled()
    dialog.login.setText("clerk")
    dialog.password.setText("clerk-pass")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() == "clerk is not a supervisor.", timeout=WAIT)
    assert dialog.approved is None and dialog.isVisible() and dialog.buttons.isEnabled()


def test_enter_submits_and_a_supervisor_approves(qtbot, context) -> None:  # noqa: ANN001
    dialog, _sounds = opened(qtbot, context)
    qtbot.keyClicks(dialog.login, "boss")
    qtbot.keyClicks(dialog.password, "boss-pass")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.approved is not None and dialog.approved.login == "boss"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_esc_cancels(qtbot, context) -> None:  # noqa: ANN001
    dialog, _sounds = opened(qtbot, context)
    dialog.login.setText("boss")
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT):
        qtbot.keyClick(dialog.login, Qt.Key.Key_Escape)
    assert dialog.approved is None


def test_an_error_that_is_no_refusal_is_said_in_words_and_logged(qtbot, context,  # noqa: ANN001
                                                                 caplog) -> None:  # noqa: ANN001
    dialog, sounds = opened(qtbot, context)
    with caplog.at_level(logging.ERROR):
        dialog.failed(RuntimeError("server closed the connection unexpectedly"))
    assert "server closed" not in dialog.error.text()
    assert "database did not answer" in dialog.error.text()
    assert "server closed" in caplog.text
    assert sounds == ["error.approval"]


def test_an_optional_date_is_off_until_its_box_is_ticked(qtbot, context) -> None:  # noqa: ANN001
    dialog, _sounds = opened(qtbot, context)
    box, chosen = dialog.optional_date("Until", "untilSet", "until", days=14)
    assert box.objectName() == "untilSet" and chosen.objectName() == "until"
    assert not chosen.isEnabled()
    assert chosen.date().toPython() == context.library.local_today() + timedelta(days=14)
    box.setChecked(True)
    assert chosen.isEnabled()


def test_no_supervised_dialog_shows_a_raw_error(qtbot, context, caplog) -> None:  # noqa: ANN001
    """The proxy, override and patron action dialogs say what the skeleton says of an error
    that is no refusal: the driver's words go to the log, never to the counter."""
    from desk.ui.override import OverrideDialog
    from desk.ui.patron_actions import ACTIONS, PatronActionDialog
    from desk.ui.proxy_dialog import ProxyDialog

    raw = "psycopg.OperationalError: server closed the connection unexpectedly"
    dialogs = [ProxyDialog(context, "P001", "陳小明"),
               OverrideDialog(context, ["patron_has_overdue"], ["Overdue items"]),
               *(PatronActionDialog(context, action, "P001", "陳小明") for action in ACTIONS)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        with caplog.at_level(logging.ERROR):
            dialog.failed(RuntimeError(raw))
        assert "OperationalError" not in dialog.error.text(), dialog.objectName()
        assert "database did not answer" in dialog.error.text(), dialog.objectName()
    assert caplog.text.count("server closed the connection") == len(dialogs)
