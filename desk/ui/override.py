"""The *Override…* dialog: a supervisor signs in with login and password and writes a reason.

The password is checked by ``Library.authorize`` on the worker thread (the lockout and the
audit of ``sign_in`` apply); a staff member who is not a supervisor is told so. On success
``granted(Override)`` is emitted; the caller retries the refused operation with it, and the
circulation layer audits the override.

At a busy counter the dialog is worked from the keyboard: Enter (or Ctrl+Enter) in the reason
submits, Shift+Enter starts a new line, and the common reasons are one key each (Alt+1 to
Alt+4), written into the reason field where they can still be added to.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget)

from desk.circulation import AuthenticationFailed, CirculationRefused, Override
from desk.ui.context import DeskContext

if TYPE_CHECKING:
    from desk.models import StaffUser


ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class OverrideDialog(QDialog):
    granted = Signal(object)

    def __init__(self, context: DeskContext, codes: list[str], reasons: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.codes = list(codes)
        self.setWindowTitle(self.tr("Supervisor override"))
        self.setObjectName("overrideDialog")
        intro = QLabel(self.tr("A supervisor may allow this:") + "\n"
                       + "\n".join(f"• {text}" for text in reasons))
        intro.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("supervisorLogin")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.reason.installEventFilter(self)
        self.reason_buttons: list[QPushButton] = []
        choices = QHBoxLayout()
        for number, text in enumerate(self.common_reasons(), start=1):
            button = QPushButton(f"Alt+{number}  {text}")
            button.setObjectName(f"commonReason{number}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, text=text: self.choose_reason(text))
            key = QShortcut(QKeySequence(f"Alt+{number}"), self)
            key.activated.connect(button.click)
            choices.addWidget(button)
            self.reason_buttons.append(button)
        choices.addStretch(1)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Supervisor login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", choices)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.override: Override | None = None

    def common_reasons(self) -> list[str]:
        """The reasons a supervisor gives most often at the counter, in the desk's language."""
        return [self.tr("Needed for teaching"), self.tr("Fine paid / to be paid today"),
                self.tr("Record error, checked by staff"), self.tr("Approved by the supervisor")]

    def choose_reason(self, text: str) -> None:
        """A common reason: written into the field (after what is there), focus to the field
        so that Enter submits or more can be typed."""
        before = self.reason.toPlainText().strip()
        self.reason.setPlainText(f"{before}; {text}" if before else text)
        self.reason.moveCursor(self.reason.textCursor().MoveOperation.End)
        self.reason.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter or Ctrl+Enter in the reason submits; Shift+Enter is a new line."""
        if watched is self.reason and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() in ENTER_KEYS \
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            if self.buttons.isEnabled():
                self.submit()
            return True
        return super().eventFilter(watched, event)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
        self.context.messages.sound.emit("error.override")

    def submit(self) -> None:
        login, password = self.login.text().strip(), self.password.text()
        reason = self.reason.toPlainText().strip()
        if not login or not password:
            self._fail(self.tr("Enter the supervisor's login and password."))
            return
        if not reason:
            self._fail(self.tr("A written reason is required."))
            self.reason.setFocus()
            return
        self.buttons.setEnabled(False)
        authorize = functools.partial(self.context.library.authorize,
                                      desk=self.context.circulation.desk_code)
        self.context.tasks.run(authorize, login, password,
                               on_done=lambda staff: self._signed_in(staff, reason),
                               on_error=self._refused)

    def _signed_in(self, staff: StaffUser, reason: str) -> None:
        if not staff.is_supervisor:
            self.password.clear()
            self._fail(self.tr("%1 is not a supervisor.").replace("%1", staff.login))
            return
        self.override = Override(codes=frozenset(self.codes), supervisor=staff, reason=reason)
        self.granted.emit(self.override)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()
        if isinstance(error, AuthenticationFailed):
            self._fail(self.tr("Wrong login or password."))
        elif isinstance(error, CirculationRefused):  # locked out, or not a supervisor
            self._fail(str(error))
        else:
            self._fail(str(error))
