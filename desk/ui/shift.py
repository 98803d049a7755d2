"""Who works at the desk: the window's title and who is named in the status bar (the
administrator's modes shown only to one), signing out at a shift change (every screen reset, the last scan,
patron and slip forgotten, the window locked until somebody signs in), signing in, and another
staff member taking over the desk at the idle lock."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QStackedWidget, QWidget

from desk.circulation.session import DeskSession
from desk.ui.context import DeskContext
from desk.ui.patron_moves import PatronMoves, PatronWindow
from desk.ui.signin import SignInDialog
from desk.ui.status_bar import StatusBar


class ShiftWindow(PatronWindow, Protocol):
    """What a shift change needs of the main window (which owns it)."""

    context: DeskContext
    patrons: PatronMoves
    status: StatusBar
    stack: QStackedWidget
    locked: QLabel
    signin: SignInDialog | None
    signed_out: SignalInstance
    shift_started: SignalInstance
    admin_modes: set[str]
    actions_by_mode: dict[str, QAction]
    purge_action: QAction
    maintenance_menu: QMenu

    def clear_slip(self) -> None: ...

    def reflow_later(self) -> None: ...

    def setWindowTitle(self, title: str) -> None: ...  # noqa: N802 - Qt's name


class Shift(QObject):
    """The shift changes of ``window`` (its ``sign_out``, ``signed_in`` and ``take_over``)."""

    def __init__(self, window: ShiftWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window

    def _owner(self) -> QWidget | None:
        owner = self.parent()
        return owner if isinstance(owner, QWidget) else None

    def is_admin(self) -> bool:
        """Whether an administrator is signed in here (the Staff screen is theirs)."""
        staff = getattr(self.window.context.circulation, "staff", None)
        return self.window.is_signed_in and getattr(staff, "role", None) == "admin" \
            and bool(getattr(staff, "active", False))

    def show_who(self) -> None:
        """The window's title and status bar name the desk and who works at it; the
        administrator's modes and menu show only for an administrator."""
        window, circulation = self.window, self.window.context.circulation
        desk = circulation.desk_code
        if not window.is_signed_in:
            staff = self.tr("signed out")
        else:
            staff = f"{circulation.staff.name} ({circulation.staff.login})"
        window.setWindowTitle(self.tr("Circulation Desk — %1 — %2 — %3")
                              .replace("%1", desk).replace("%2", staff)
                              .replace("%3", window.context.library.url))
        window.status.who.setText(f"{desk} · {staff}")
        admin = self.is_admin()
        for key in window.admin_modes:
            window.actions_by_mode[key].setVisible(admin)
        window.purge_action.setVisible(admin)
        window.reflow_later()
        window.maintenance_menu.menuAction().setVisible(admin)
        active = window.active_screen
        if active is not None and active.mode_key in window.admin_modes and not admin:
            window.set_mode("checkout")

    def _end_visit(self) -> None:
        for screen in self.window.screens.built().values():   # one not built has nothing
            screen.reset()
        self.window.patrons.forget()

    def sign_out(self) -> SignInDialog:
        """End this staff member's shift and ask the next one to sign in. The window stays
        locked (no screen shown, scans ignored) until somebody signs in."""
        window = self.window
        self._end_visit()
        staff = getattr(window.context.circulation, "staff", None)
        if staff is not None:  # no longer good for approvals or a new desk session
            window.context.library.sign_out(staff)
        window.is_signed_in = False
        window.status.scan.clear()             # it may name the last patron
        window.clear_slip()
        self.show_who()
        window.stack.setCurrentWidget(window.locked)
        window.signed_out.emit()
        return self.ask_sign_in()

    def ask_sign_in(self) -> SignInDialog:
        window = self.window
        signin = SignInDialog(window.context.library, window.context.config.get("desk"),
                              window.context.tasks, self._owner())
        window.signin = signin
        signin.signed_in.connect(self.signed_in)
        signin.open()
        return signin

    def take_over(self, circulation: DeskSession) -> None:
        """Another staff member signed in at the idle lock: the visit on screen ends (every
        screen reset, as at a shift change) and the desk is theirs."""
        before = self.window.context.circulation.staff
        self._end_visit()
        self.window.context.library.sign_out(before)
        self.signed_in(circulation)
        self.window.show_status(self.tr("The visit at the desk ended; %1 signed in.")
                                .replace("%1", circulation.staff.name), "info")

    def signed_in(self, circulation: DeskSession) -> None:
        window = self.window
        window.context.circulation = circulation
        window.shift_started.emit()
        window.is_signed_in = True
        self.show_who()
        window.set_mode("checkout")
        window.show_status(self.tr("Signed in: %1").replace("%1", circulation.staff.name),
                           "info")
