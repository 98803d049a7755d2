"""*Change my password…*: the signed-in staff member sets a new password, giving the current
one (``Library.set_staff_password(login, new, by=themselves, old=current)``). The policy and
the audit are the circulation layer's; a refusal is shown in the user's language."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desk.circulation import CirculationRefused
from desk.ui.context import DeskContext

log = logging.getLogger(__name__)


class PasswordDialog(QDialog):
    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Change my password"))
        staff = context.circulation.staff
        who = QLabel(self.tr("Password of %1 (%2)").replace("%1", staff.name)
                     .replace("%2", staff.login))
        self.old, self.new, self.confirm = (self._field(name) for name in
                                            ("oldPassword", "newPassword", "confirmPassword"))
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("At least 8 characters, not your login and not a "
                                        "common password.")))
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @staticmethod
    def _field(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        return field

    def submit(self) -> None:
        if self.new.text() != self.confirm.text():
            self._fail(self.tr("The two new passwords differ."))
            return
        staff = self.context.circulation.staff
        old, new = self.old.text(), self.new.text()
        self.buttons.setEnabled(False)
        self.context.tasks.run(lambda: self.context.library.set_staff_password(
            staff.login, new, by=staff, old=old), on_done=self._done, on_error=self._refused)

    def _done(self, _: object = None) -> None:
        self.context.messages.info.emit(self.tr("Your password was changed."))
        self.accept()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, CirculationRefused):
            self._fail(str(error))
        else:
            log.error("password change failed: %r", error)
            self._fail(self.tr("The password cannot be changed now: the database did not "
                               "answer. Try again."))

    def _fail(self, text: str) -> None:
        for field in (self.old, self.new, self.confirm):
            field.clear()
        self.old.setFocus()
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
