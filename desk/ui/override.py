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

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desk.circulation import Override
from desk.ui.context import DeskContext
from desk.ui.widgets.supervised_dialog import SupervisedDialog

if TYPE_CHECKING:
    from desk.models import StaffUser


ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class OverrideDialog(SupervisedDialog):
    granted = Signal(object)

    def __init__(self, context: DeskContext, codes: list[str], reasons: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(context, "overrideDialog", "override", "", parent)
        self.codes = list(codes)
        self.setWindowTitle(self.tr("Supervisor override"))
        self.intro.setText(self.tr("A supervisor may allow this:") + "\n"
                           + "\n".join(f"• {text}" for text in reasons))
        login_label, login, password_label, password = self.supervisor_fields()
        self.reason = self.reason_field("overrideReason")
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
        self.form.addRow(login_label, login)
        self.form.addRow(password_label, password)
        self.form.addRow(self.tr("Reason"), self.reason)
        self.form.addRow("", choices)
        self.lay_out()
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

    def submit(self) -> None:
        entered = self.supervisor_entered()
        if entered is None:
            return
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.fail(self.tr("A written reason is required."))
            self.reason.setFocus()
            return
        self.authorize(*entered, lambda staff: self._granted(staff, reason))

    def _granted(self, staff: StaffUser, reason: str) -> None:
        self.override = Override(codes=frozenset(self.codes), supervisor=staff, reason=reason)
        self.granted.emit(self.override)
        self.accept()

    def failed(self, error: BaseException) -> None:
        """A wrong password, a lockout or a refusal: the password is typed again."""
        self.password.clear()
        self.password.setFocus()
        super().failed(error)

