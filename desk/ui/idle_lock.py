"""The idle lock: after ``idle_lock_minutes`` with no key, mouse or scan, the desk covers its
window with a lock screen (setting; 0: never).

The visit stays as it was underneath, hidden from the next person at the counter; scans while
locked are not taken (the main window asks ``locked``). As at Koha's and Evergreen's lock
screens, the signed-in staff member's password resumes. Another staff member may sign in there
instead: the visit then ends (every screen is reset, as at a shift change) and the desk is
theirs. The password is checked by ``Library.sign_in`` on the worker thread, with its lockout
and audit.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from desk.circulation import AuthenticationFailed, CirculationRefused, Library
from desk.circulation.session import DeskSession
from desk.ui.context import DeskContext

ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
            QEvent.Type.MouseMove)


def unlock(library: Library, desk: str, current: str, login: str,
           password: str) -> DeskSession | None:
    """On the worker thread: ``None`` when ``login`` is the staff member signed in (resume),
    else the desk session of whoever signed in instead."""
    staff = library.sign_in(login, password, desk=desk)
    if staff.login == current:
        library.sign_out(staff)   # the desk keeps the object it was opened with
        return None
    return library.circulation(desk, staff)


class LockableWindow(Protocol):
    """What the idle lock needs of the main window (which owns it)."""

    context: DeskContext
    is_signed_in: bool

    def take_over(self, circulation: DeskSession) -> None: ...

    def rect(self) -> QRect: ...


class LockScreen(QFrame):
    """The cover: who is signed in, login (theirs, filled in) and password."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel(self.tr("This desk is locked"))
        self.heading.setObjectName("lockHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 6)
        self.heading.setFont(font)
        self.who = QLabel()
        self.who.setObjectName("lockWho")
        self.who.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("lockLogin")
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self.tr("Unlock"))
        self.button.setObjectName("unlockButton")
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setWordWrap(True)
        note = QLabel(self.tr("Another staff member may sign in here instead: the visit on "
                              "screen then ends and the desk is theirs."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        box = QWidget()
        box.setMaximumWidth(460)
        inner = QVBoxLayout(box)
        for widget in (self.heading, self.who):
            inner.addWidget(widget)
        inner.addLayout(form)
        inner.addWidget(self.button)
        inner.addWidget(self.error)
        inner.addWidget(note)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.password.returnPressed.connect(self.button.click)
        self.login.returnPressed.connect(self.password.setFocus)


class IdleLock(QObject):
    """Watches the application's input and locks ``window`` when it has been idle."""

    locked_changed = Signal(bool)

    def __init__(self, window: LockableWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        self.host = parent          # the widget the cover covers (the window itself)
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        self.cover: LockScreen | None = None
        self.configure(window.context.config.get("idle_lock_minutes"))
        QApplication.instance().installEventFilter(self)

    def configure(self, minutes: int) -> None:
        self.minutes = max(0, int(minutes))
        self.touch()

    def touch(self) -> None:
        """Activity: the idle time starts again."""
        if self.locked:
            return
        if self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in ACTIVITY:
            self.touch()
        return False

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)

    # --- locking and unlocking ---------------------------------------------------------------
    def lock_now(self) -> None:
        """Cover the window (nothing to cover while nobody is signed in)."""
        if self.locked or not self.window.is_signed_in:
            return
        self.locked = True
        self.timer.stop()
        cover = self.cover = LockScreen(self.host)
        staff = self.window.context.circulation.staff
        cover.who.setText(self.tr("%1 (%2) is signed in at desk %3. Enter the password to "
                                  "continue.").replace("%1", staff.name)
                          .replace("%2", staff.login)
                          .replace("%3", self.window.context.circulation.desk_code))
        cover.login.setText(staff.login)
        cover.button.clicked.connect(self.submit)
        cover.setGeometry(self.window.rect())
        cover.show()
        cover.raise_()
        cover.password.setFocus()
        self.locked_changed.emit(True)

    def follow_resize(self) -> None:
        if self.cover is not None:
            self.cover.setGeometry(self.window.rect())

    def submit(self) -> None:
        cover = self.cover
        if cover is None:
            return
        login, password = cover.login.text().strip(), cover.password.text()
        if not login or not password:
            self._fail(self.tr("Enter the login and the password."))
            return
        cover.button.setEnabled(False)
        circulation = self.window.context.circulation
        self.window.context.tasks.run(unlock, self.window.context.library,
                                      circulation.desk_code, circulation.staff.login, login,
                                      password, on_done=self._unlocked, on_error=self._refused)

    def _unlocked(self, taken_over: DeskSession | None) -> None:
        self._uncover()
        if taken_over is not None:
            self.window.take_over(taken_over)
        self.touch()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, AuthenticationFailed):
            self._fail(self.tr("Wrong login or password."))
        elif isinstance(error, CirculationRefused):
            self._fail(str(error))
        else:
            self._fail(self.tr("The password cannot be checked now: the database did not "
                               "answer. Try again."))

    def _fail(self, text: str) -> None:
        if self.cover is None:
            return
        self.cover.error.setText(text)
        self.cover.password.clear()
        self.cover.password.setFocus()
        self.cover.button.setEnabled(True)
        self.window.context.messages.sound.emit("error.signin")

    def release(self) -> None:
        """Take the cover away without a sign-in (the desk signs out instead)."""
        if self.locked:
            self._uncover()

    def _uncover(self) -> None:
        if self.cover is not None:
            self.cover.hide()
            self.cover.deleteLater()
            self.cover = None
        self.locked = False
        self.locked_changed.emit(False)
