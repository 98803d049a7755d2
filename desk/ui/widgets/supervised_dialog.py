"""The skeleton of the desk's small request dialogs: a line saying what the dialog is about, a
form, an error label under it and OK / Cancel (Enter is OK, Esc cancels; the tab order is the
form's). The work runs on the worker thread; a refusal is shown in the dialog, which stays open
with what was typed, and plays the dialog's error sound.

Where a supervisor must approve, the dialog asks for their login and password
(``add_supervisor``) and checks them with ``Library.authorize`` (the lockout and the audit of
signing in apply; a staff member who is not a supervisor is told so). A dialog that takes scans
(``take_wedge_scans``) cleans a keyboard-wedge burst as every scan is and hands it to its
``take_scan``; serial scans come to ``take_scan`` from the screen.

The item request, proxy, patron action and override dialogs are such dialogs.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QApplication, QCheckBox, QDateEdit, QDialog, QFormLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from desk.circulation import AuthenticationFailed, CirculationRefused
from desk.ui.context import DeskContext
from desk.ui.wedge import WedgeFilter
from desk.ui.widgets.dialog_parts import error_label, ok_cancel

if TYPE_CHECKING:
    from desk.models import StaffUser

log = logging.getLogger(__name__)
REASON_HEIGHT = 70      # three lines of a written reason


class SupervisedDialog(QDialog):
    """``intro`` (the label at the top), ``form`` (the subclass's rows), ``error``, ``buttons``
    (OK runs ``submit``, the subclass's); ``login`` and ``password`` after ``add_supervisor``.
    ``sound``: the error sound's name (``error.<sound>``). A subclass fills ``form`` and then
    calls ``lay_out``: the tab order follows the layout."""

    error_alert = False      # the error label also takes the ``alert`` style (high contrast)

    def __init__(self, context: DeskContext, name: str, sound: str, intro: str,
                 parent: QWidget | None = None, *, intro_name: str = "",
                 intro_wraps: bool = True) -> None:
        super().__init__(parent)
        self.context = context
        self.sound = sound
        self.supervised = False      # the supervisor's fields are there (``supervisor_fields``)
        self.setObjectName(name)
        self.intro = QLabel(intro)
        if intro_name:
            self.intro.setObjectName(intro_name)
        self.intro.setWordWrap(intro_wraps)
        self.form = QFormLayout()
        self.error = error_label(alert=self.error_alert)
        self.buttons = ok_cancel(self, self.submit)

    def lay_out(self) -> None:
        """The intro, the form, the error and the buttons, top to bottom."""
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        raise NotImplementedError

    # --- fields more than one dialog has ------------------------------------------------------
    def optional_date(self, check: str, check_name: str, date_name: str, *, days: int = 0,
                      months: int = 0) -> tuple[QCheckBox, QDateEdit]:
        """A check box and the date it turns on: ``days`` / ``months`` after today, off
        until the box is ticked."""
        box = QCheckBox(check)
        box.setObjectName(check_name)
        chosen = QDateEdit()
        chosen.setObjectName(date_name)
        chosen.setCalendarPopup(True)
        chosen.setDisplayFormat("yyyy-MM-dd")
        today = self.context.library.local_today()
        chosen.setDate(QDate(today.year, today.month, today.day).addDays(days)
                       .addMonths(months))
        chosen.setEnabled(False)
        box.toggled.connect(chosen.setEnabled)
        return box, chosen

    @staticmethod
    def reason_field(name: str) -> QPlainTextEdit:
        """A few lines of text; Tab moves on instead of typing a tab."""
        field = QPlainTextEdit()
        field.setObjectName(name)
        field.setTabChangesFocus(True)
        field.setFixedHeight(REASON_HEIGHT)
        return field

    def supervisor_fields(self) -> tuple[str, QLineEdit, str, QLineEdit]:
        """The supervisor's login and password fields with their labels, for ``form``."""
        self.supervised = True
        self.login = QLineEdit()
        self.login.setObjectName("supervisorLogin")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        return self.tr("Supervisor login"), self.login, self.tr("Password"), self.password

    def add_supervisor(self, visible: bool) -> QWidget:
        """The supervisor's rows, as one row of ``form`` that shows when they are asked for."""
        login_label, login, password_label, password = self.supervisor_fields()
        rows = QWidget()
        rows_form = QFormLayout(rows)
        rows_form.setContentsMargins(0, 0, 0, 0)
        rows_form.addRow(login_label, login)
        rows_form.addRow(password_label, password)
        self.form.addRow(rows)
        rows.setVisible(visible)
        return rows

    # --- the supervisor's approval ------------------------------------------------------------
    def supervisor_entered(self) -> tuple[str, str] | None:
        """The login and password typed, or None after saying that both are needed."""
        login, password = self.login.text().strip(), self.password.text()
        if not login or not password:
            self.fail(self.tr("Enter the supervisor's login and password."))
            return None
        return login, password

    def authorize(self, login: str, password: str,
                  approved: Callable[[StaffUser], None]) -> None:
        """Check the login on the worker thread; ``approved(staff)`` for a supervisor."""
        self.buttons.setEnabled(False)
        check = functools.partial(self.context.library.authorize,
                                  desk=self.context.circulation.desk_code)
        self.context.tasks.run(check, login, password,
                               on_done=functools.partial(self._authorized, approved),
                               on_error=self.failed)

    def _authorized(self, approved: Callable[[StaffUser], None], staff: StaffUser) -> None:
        if not staff.is_supervisor:
            self.password.clear()
            self.fail(self.tr("%1 is not a supervisor.").replace("%1", staff.login))
            return
        approved(staff)

    # --- refusals -----------------------------------------------------------------------------
    def failed(self, error: BaseException) -> None:
        """The work (or the supervisor's sign-in) failed: the refusal's words, a wrong
        password, or ``unexpected``'s."""
        if self.supervised and isinstance(error, AuthenticationFailed):
            self.password.clear()
            self.fail(self.tr("Wrong login or password."))
        elif isinstance(error, CirculationRefused):
            self.fail(str(error))
        else:
            self.fail(self.unexpected(error))

    def unexpected(self, error: BaseException) -> str:
        """What is said of an error that is not a refusal (it is logged)."""
        log.error("%s: %r", self.objectName(), error)
        return self.tr("This could not be done now; the database did not answer. Try again.")

    def fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.buttons.setEnabled(True)
        self.context.messages.sound.emit(f"error.{self.sound}")

    # --- scans ----------------------------------------------------------------------------------
    def take_wedge_scans(self) -> None:
        """A wedge scan into this dialog is cleaned as every scan is (prefix, suffix, Codabar
        start/stop) and goes to ``take_scan``; the main window's filter leaves a dialog's keys
        alone."""
        config = self.context.config
        self.wedge = WedgeFilter(self, max_interval_ms=config.get("wedge_max_interval_ms"),
                                 min_length=config.get("wedge_min_length"))
        self.wedge.burst.connect(self._burst)
        QApplication.instance().installEventFilter(self.wedge)
        self.finished.connect(lambda _result: QApplication.instance().removeEventFilter(
            self.wedge))

    def _burst(self, burst: str) -> None:
        from desk.devices.scanner.intake import ScanIntake
        from desk.ui.devices_config import scan_cleaner  # the device drivers: not at start-up
        ScanIntake(scan_cleaner(self.context.config), self.take_scan, self.fail).submit(burst)

    def take_scan(self, code: str) -> None:
        """A scan while the dialog is open (a dialog that takes scans says what it is)."""
        raise NotImplementedError
