"""The sign-in dialog: staff login and password for this desk, at start and at shift change.

The password is checked on the worker thread (argon2 takes a moment); the desk session is
opened there too. ``signed_in(Circulation)`` is emitted on success.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from desk.circulation import AuthenticationFailed, Circulation, CirculationRefused, Library
from desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def open_desk(library: Library, desk: str, login: str, password: str) -> Circulation:
    """Sign in and open the desk session (runs on the worker thread)."""
    staff = library.sign_in(login, password, desk=desk)
    return library.circulation(desk, staff)


class SignInDialog(QDialog):
    signed_in = Signal(object)

    def __init__(self, library: Library, desk: str, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.desk, self.tasks = library, desk, tasks
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in — Circulation Desk"))
        self.where = QLabel(self.tr("Desk %1").replace("%1", desk))
        self.where.setObjectName("signInWhere")
        self.where.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.circulation: Circulation | None = None
        self.login.setFocus()
        tasks.run(library.desk_location, desk, on_done=self._show_where,
                  on_error=self._where_unknown)

    def _show_where(self, place: tuple[str, str] | None) -> None:
        """The desk and where it stands (its location), never the database's path."""
        if place is None:
            self.where.setText(self.tr("Desk %1 (not set up in this library)").replace("%1", self.desk))
            return
        code, name = place
        self.where.setText(self.tr("Desk %1 · %2 (%3)").replace("%1", self.desk)
                           .replace("%2", name).replace("%3", code))

    def _where_unknown(self, error: BaseException) -> None:
        # The database is out of reach: the desk code is all there is to show; signing in
        # will say why it cannot go on.
        log.warning("the location of desk %s could not be read: %s", self.desk, error)

    def submit(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self._fail(self.tr("Enter your login and password."))
            return
        self.buttons.setEnabled(False)
        self.tasks.run(open_desk, self.library, self.desk, login, password,
                       on_done=self._done, on_error=self._failed)

    def _done(self, circulation: Circulation) -> None:
        self.circulation = circulation
        self.buttons.setEnabled(True)
        self.signed_in.emit(circulation)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, AuthenticationFailed):
            self._fail(self.tr("Wrong login or password."))
        elif isinstance(error, CirculationRefused):
            self._fail(str(error))
        else:
            self._fail(self.tr("Cannot sign in: %1").replace("%1", str(error)))

    def explain(self, text: str) -> None:
        """Say why the desk is asking for a sign-in (the last session was ended)."""
        self._fail(text)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
