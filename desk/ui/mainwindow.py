"""The main window: modes on the toolbar and function keys, and the one place where messages,
sounds, the refusal flash and the devices' reports are wired.

Every scan, from the keyboard-wedge filter or a serial scanner, goes through the devices layer's
one cleaner (``desk.devices.scanner.ScanIntake``: the ``DeviceHub``'s when there is one, else one
built from the same settings) and enters through ``scan()``, which drops a double read and hands
the code to the active mode; a refused scan (a wrong check digit, line noise) is shown by
``_scan_rejected``.

Jobs of their own live beside it: the status bar and the last scan's outcome (``status_bar``,
``scan_feedback``), the rows of mode buttons (``mode_rows``), the *Last slip* panel
(``slip_dock``), how a patron moves between screens (``patron_moves``, *Bring patron here*, F8),
shift changes (``shift``), what changed settings mean (``settings_applied``) and the quit
question (``quit_question``).

With a ``DeviceHub`` in ``context.devices`` the window takes its serial scans, shows the device
status area (scanner / strip / printer) and the print-queue warning in the status bar, says
when the cash drawer did not open, and reconfigures the hub when device settings change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (QApplication, QDialog, QDockWidget, QLabel, QMainWindow,
                               QMessageBox, QStackedWidget, QToolBar, QWidget)

from desk.circulation.session import DeskSession
from desk.ui.accessibility import name_widgets
from desk.ui.context import DeskContext
from desk.ui.key_help import KeyHelpDialog, collect_keys
from desk.ui.mode_rows import ModeRows, label_with_key
from desk.ui.modes import screen_classes
from desk.ui.patron_moves import PatronMoves
from desk.ui.quit_question import QuitQuestion
from desk.ui.screen import Screen
from desk.ui.screen_set import ScreenSet
from desk.ui.screens.checkout import CheckoutScreen
from desk.ui.screens.patron_search import PatronSearchScreen
from desk.ui.settings_applied import apply_settings
from desk.ui.shift import Shift
from desk.ui.signin import SignInDialog
from desk.ui.slip_dock import SlipDock
from desk.ui.slips import PrintedSlip
from desk.ui.sounds import SoundPlayer
from desk.ui.status_bar import StatusBar
from desk.ui.wedge import DuplicateGuard, WedgeFilter
from desk.ui.widgets.device_status import DeviceStatusArea
from desk.ui.widgets.flash import FlashOverlay
from desk.ui.widgets.slip_panel import SlipPanel
from desk.ui.widgets.tables import fit_tables
from desk.ui.window_state import WindowState

if TYPE_CHECKING:
    from desk.ui.backup_schedule import BackupScheduler
    from desk.ui.notice_schedule import NoticeScheduler


class MainWindow(QMainWindow):
    """``language_changed(str)`` asks the app to switch translators and rebuild the window;
    ``rebuilt`` says menus and toolbars were made anew (add-ons such as offline mode put theirs
    back); ``shift_started`` follows a sign-in that set ``context.circulation``."""

    language_changed = Signal(str)
    signed_out = Signal()
    rebuilt = Signal()
    shift_started = Signal()

    def __init__(self, context: DeskContext, sounds: SoundPlayer | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("mainWindow")
        self.sounds = sounds or SoundPlayer(context.config.get("sounds"), parent=self)
        self.patrons = PatronMoves(self, self)
        self.shift = Shift(self, self)
        self.dropped_scans = 0
        self.is_signed_in = True
        self.screens = ScreenSet(self._make_screen)     # each built when first shown
        self.actions_by_mode: dict[str, QAction] = {}
        self.duplicates = DuplicateGuard(context.config.get("duplicate_scan_ms"))
        self.wedge = WedgeFilter(self)
        self.configure_scanning()
        QApplication.instance().installEventFilter(self.wedge)
        self.wedge.burst.connect(self.take_burst)
        self.signin: SignInDialog | None = None
        self.status = StatusBar(self.statusBar(), self)
        self.backups: BackupScheduler | None = None     # the app's automatic backups
        self.notices: NoticeScheduler | None = None     # sends patron notices on a timer
        self._connect_messages()
        self._connect_devices()
        self.admin_modes: set[str] = set()
        from desk.ui.privacy_purge import HistoryPurge
        self.history_purge = HistoryPurge(self, self)
        self.window_state = WindowState()
        self._reflow_later = QTimer(self)
        self._reflow_later.setSingleShot(True)
        self._reflow_later.setInterval(0)
        self._reflow_later.timeout.connect(self.reflow_modes)
        self.key_help: KeyHelpDialog | None = None
        # ``?`` opens the key help only where it is not typed: a text field takes it first.
        question = QShortcut(QKeySequence("?"), self)
        question.setWhatsThis(self.tr("Every key of this screen"))
        question.activated.connect(self.show_key_help)
        self.build()
        self.window_state.restore_window(self)
        self.window_state.restore_docks(self)
        from desk.ui.idle_lock import IdleLock
        self.idle_lock = IdleLock(self, self)

    # --- building (again, on a language change) ---------------------------------------------
    def build(self) -> None:
        """(Re)build menus, toolbar, screens and status bar in the current language."""
        for screen in self.screens.built().values():
            screen.deleteLater()
        self.screens.clear()
        self.actions_by_mode.clear()
        self.menuBar().clear()
        for toolbar in self.findChildren(QToolBar):
            self.removeToolBar(toolbar)
            toolbar.deleteLater()
        self.stack = QStackedWidget()
        self.stack.setObjectName("modeStack")
        self.locked = QLabel(self.tr("Signed out. Sign in to continue."))
        self.locked.setObjectName("lockedPage")
        self.locked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.locked)
        self.setCentralWidget(self.stack)
        self.flash = FlashOverlay(self.stack)
        self._build_modes()
        self._build_menus()
        self.status.build(self.context.devices)
        self._build_slip_dock()
        self.shift.show_who()
        self.set_mode("checkout")
        self.rebuilt.emit()

    def _build_modes(self) -> None:
        """The mode rows (``ModeRows``): the counter modes, then *Bring patron here*, *Reprint*,
        the back-office modes and the key help."""
        self.mode_rows = ModeRows(self)
        self.toolbar, self.office_toolbar = self.mode_rows.counter, self.mode_rows.office
        self.more_toolbars = self.mode_rows.spare
        self.admin_modes = set()
        classes = screen_classes()
        for cls in classes:
            self.screens.offer(cls)
            if cls.admin_only:
                self.admin_modes.add(cls.mode_key)
        self.actions_by_mode.update(self.mode_rows.add_modes(classes, self.set_mode))
        self.last_patron_action = self._action(self.tr("Bring patron here"), "F8",
                                               self.patrons.recall, "lastPatron")
        self.last_patron_action.setToolTip(self.tr(
            "Show here the patron of the screen used just before (F1, F3, F4, F11). "
            "Switching screens alone never carries a patron.") + " (F8)")
        self.reprint_action = self._action(self.tr("Reprint slip"), "F9", self.reprint,
                                           "reprintSlip")
        first_office = self.office_toolbar.actions()[0] if self.office_toolbar.actions() \
            else None
        self.office_toolbar.insertAction(first_office, self.last_patron_action)
        self.office_toolbar.insertAction(first_office, self.reprint_action)
        self.office_toolbar.insertSeparator(first_office)
        self.key_help_action = self._action(self.tr("Keys"), "Shift+F1", self.show_key_help,
                                            "keyHelp")
        self.key_help_action.setToolTip(self.tr("Every key of this screen (Shift+F1 or ?)"))
        self.office_toolbar.addSeparator()
        self.office_toolbar.addAction(self.key_help_action)
        self.mode_rows.settle()
        self._reflow_later.start()

    def reflow_modes(self) -> None:
        """The mode buttons on as many rows as the window's width needs (``ModeRows.reflow``);
        after every resize and change of text size."""
        self.mode_rows.reflow(self.width())

    def _make_screen(self, cls: type[Screen]) -> Screen:
        """A mode's screen, built the first time it is asked for (``ScreenSet``)."""
        screen = cls(self.context, self.stack)
        self.stack.addWidget(screen)
        fit_tables(screen)
        name_widgets(screen)
        self.window_state.restore_splitters(screen)
        if isinstance(screen, CheckoutScreen):
            screen.patron_changed.connect(self.patrons.checkout_patron_changed)
            screen.refusal.pay_requested.connect(lambda: self.set_mode("fines"))
        if isinstance(screen, PatronSearchScreen):
            screen.checkout_requested.connect(self.patrons.checkout)
            screen.fines_requested.connect(self.patrons.fines)
        return screen

    def _action(self, text: str, shortcut: str, slot: Callable[[], object],
                name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        label_with_key(action)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        desk_menu = self.menuBar().addMenu(self.tr("&Desk"))
        self.signout_action = self._action(self.tr("Sign out / change shift"), "Ctrl+L",
                                           self.sign_out, "signOut")
        self.settings_action = self._action(self.tr("Settings…"), "Ctrl+,", self.open_settings,
                                            "settings")
        self.password_action = self._action(self.tr("Change my password…"), "",
                                            self.change_password, "changePassword")
        quit_action = self._action(self.tr("Quit"), "Ctrl+Q", self.ask_quit, "quit")
        for action in (self.signout_action, self.password_action, self.settings_action,
                       quit_action):
            desk_menu.addAction(action)
        modes_menu = self.menuBar().addMenu(self.tr("&Modes"))
        for action in self.actions_by_mode.values():
            modes_menu.addAction(action)
        modes_menu.addAction(self.last_patron_action)
        modes_menu.addAction(self.reprint_action)
        self.maintenance_menu = self.menuBar().addMenu(self.tr("M&aintenance"))
        self.maintenance_menu.setObjectName("maintenanceMenu")
        self.purge_action = self._action(self.tr("Anonymise old loan history…"), "",
                                         self.history_purge.start, "anonymiseHistory")
        self.maintenance_menu.addAction(self.purge_action)

    def _build_slip_dock(self) -> None:
        for dock in self.findChildren(QDockWidget):
            self.removeDockWidget(dock)
            dock.deleteLater()
        self.slip_dock = SlipDock(self.context, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.slip_dock)

    # --- what the status bar shows (``StatusBar``), under the names the desk has used ------------
    @property
    def status_text(self) -> QLabel:
        return self.status.status_text

    @property
    def last_scan(self) -> QLabel:
        return self.status.scan.label

    @property
    def device_status(self) -> DeviceStatusArea | None:
        return self.status.device_status

    @property
    def slip_view(self) -> SlipPanel:
        return self.slip_dock.panel

    # --- the one place where messages reach the user ------------------------------------------
    def _connect_messages(self) -> None:
        bridge = self.context.messages
        bridge.info.connect(lambda text: self.show_status(text, "info"))
        bridge.warning.connect(lambda text: self.show_status(text, "warning"))
        bridge.error.connect(self._error)
        bridge.sound.connect(self.sounds.play)
        bridge.busy.connect(self.status.set_busy)
        bridge.patron_changed.connect(self.patrons.changed_elsewhere)
        bridge.session_ended.connect(self.end_session)
        self.context.slips.printed.connect(self.show_slip)

    def _connect_devices(self) -> None:
        hub = self.context.devices
        if hub is None:
            return
        hub.scanned.connect(self.scan)
        hub.scan_rejected.connect(self._scan_rejected)
        hub.status_changed.connect(self.status.device_changed)
        hub.print_queue_changed.connect(self.status.print_queue_changed)
        hub.drawer_finished.connect(self.status.drawer_finished)

    def _scan_rejected(self, reason: str) -> None:
        self.sounds.play("error.scan")
        self.show_status(reason, "warning")

    def show_status(self, text: str, level: str) -> None:
        """A message in the status bar; the first after a scan is that scan's outcome, shown
        large (``last_scan``) instead, until the next scan."""
        self.status.show(text, level)

    def show_scan_outcome(self, text: str, level: str) -> None:
        """The last scan's outcome, large; it stays until the next scan."""
        self.status.scan.show_outcome(text, level)

    def _error(self, text: str) -> None:
        self.show_status(text, "error")
        if self.context.config.get("flash"):
            self.flash.flash()

    def show_slip(self, slip: PrintedSlip) -> None:
        """The slip as the printer puts it on paper, in the *Last slip* panel."""
        self.slip_dock.show_slip(slip)

    def clear_slip(self) -> None:
        """The last slip (a patron's name, their books) leaves the screen with the shift."""
        self.slip_dock.clear()

    # --- modes and scans ------------------------------------------------------------------------
    @property
    def active_screen(self) -> Screen | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Screen) else None

    def set_mode(self, mode_key: str, *, handoff: bool = True) -> None:
        """Show a mode; ``handoff``: the screen left may hand its offered patron to it
        (``Screen.handoff``), off when the caller brings a patron itself."""
        if mode_key in self.admin_modes and not self.is_admin():
            self.show_status(self.tr("Only an administrator may open this screen."), "warning")
            return
        screen = self.screens.get(mode_key)
        if screen is None:
            return
        if not self.is_signed_in:
            self.stack.setCurrentWidget(self.locked)
            return
        previous = self.active_screen
        if previous is not screen:
            # A message belongs to the screen that said it: it does not linger on the next.
            self.show_status("", "info")
        self.stack.setCurrentWidget(screen)
        self.actions_by_mode[mode_key].setChecked(True)
        self.duplicates.forget()
        if self.context.devices is not None:
            self.context.devices.forget_pad()
        screen.activate()
        self.patrons.switched(previous, screen, handoff)

    def scan(self, code: str) -> None:
        """A scan from any scanner: the active mode gets it, a double read is dropped."""
        code = code.strip()
        screen = self.active_screen
        if not code or screen is None:
            return
        idle_lock = getattr(self, "idle_lock", None)
        if idle_lock is not None:
            if idle_lock.locked:
                self.sounds.play("error.scan")
                self.show_status(self.tr("The desk is locked: %1 was not taken. Unlock it "
                                         "first.").replace("%1", code), "warning")
                return
            idle_lock.touch()
        if not self.duplicates.accept(code):
            self.dropped_scans += 1
            self.show_status(self.tr("%1 read twice: taken once.").replace("%1", code), "info")
            return
        self.status.scan.taken(code)
        screen.handle_scan(code)

    def take_burst(self, burst: str) -> None:
        """A keyboard-wedge burst: cleaned like a serial line, then ``scan`` or ``_scan_rejected``
        (through the hub's signals when a ``DeviceHub`` runs)."""
        hub = self.context.devices
        if hub is not None:
            hub.submit_wedge_scan(burst)
            return
        from desk.devices.scanner.intake import ScanIntake  # pyserial comes with the package
        ScanIntake(self.scan_cleaner, self.scan, self._scan_rejected).submit(burst)

    def configure_scanning(self) -> None:
        config = self.context.config
        from desk.ui.devices_config import scan_cleaner
        self.wedge.configure(max_interval_ms=config.get("wedge_max_interval_ms"),
                             min_length=config.get("wedge_min_length"))
        self.scan_cleaner = scan_cleaner(config)
        self.duplicates.window = config.get("duplicate_scan_ms") / 1000.0
        self.sounds.enabled = config.get("sounds")
        self.sounds.set_volume(config.get("sound_volume"))

    @property
    def last_patron(self) -> str | None:
        """The last checkout patron (``PatronMoves``)."""
        return self.patrons.last

    def show_key_help(self) -> KeyHelpDialog:
        """Shift+F1 or ``?``: the keys of the screen shown and of the desk."""
        screen = self.active_screen
        title = screen.title if screen is not None else self.windowTitle()
        dialog = KeyHelpDialog(collect_keys(self, screen), title, self)
        self.key_help = dialog
        dialog.open()
        return dialog

    def reprint(self) -> None:
        if not self.context.slips.reprint():
            self.show_status(self.tr("No slip to reprint."), "warning")

    # --- who is at the desk ---------------------------------------------------------------------
    def is_admin(self) -> bool:
        """Whether an administrator is signed in here (the Staff screen is theirs)."""
        return self.shift.is_admin()

    def sign_out(self) -> SignInDialog:
        """Ctrl+L: the shift ends and the next one signs in (``Shift``)."""
        return self.shift.sign_out()

    def end_session(self, reason: str) -> SignInDialog | None:
        """The signed-in staff member may no longer work here (the account was disabled, maybe
        on another desk): sign out at once, as at a shift change, and say why in the sign-in
        dialog. ``None`` when nobody was signed in."""
        if not self.is_signed_in:
            return None
        idle_lock = getattr(self, "idle_lock", None)
        if idle_lock is not None:
            idle_lock.release()
        self.sounds.play("error.signin")
        dialog = self.sign_out()
        dialog.explain(self.tr("The desk signed you out: %1 Ask an administrator, or sign in "
                               "as another staff member.").replace("%1", reason))
        return dialog

    def take_over(self, circulation: DeskSession) -> None:
        self.shift.take_over(circulation)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._reflow_later.start()
        idle_lock = getattr(self, "idle_lock", None)
        if idle_lock is not None:
            idle_lock.follow_resize()

    def signed_in(self, circulation: DeskSession) -> None:
        self.shift.signed_in(circulation)

    def change_password(self) -> QDialog | None:
        """*Change my password…* for the staff member signed in here."""
        if not self.is_signed_in:
            return None
        from desk.ui.password_dialog import PasswordDialog
        dialog = PasswordDialog(self.context, self)
        dialog.open()
        return dialog

    def open_settings(self) -> None:
        from desk.ui.settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.context.config, self, devices=self.context.devices)
        dialog.applied.connect(self._settings_applied)
        dialog.open()

    def _settings_applied(self, changed: set[str]) -> None:
        apply_settings(self, changed)

    def reflow_later(self) -> None:
        """``reflow_modes`` once the events waiting (a resize, a new style) are handled."""
        self._reflow_later.start()

    def switch_language(self, setting: str) -> str:
        """Install the translators for the ``language`` setting and rebuild in that language."""
        from desk.ui import i18n
        language = i18n.install(i18n.resolve(setting))
        self.build()
        self.language_changed.emit(language)
        return language

    def ask_quit(self) -> QMessageBox:
        """Ctrl+Q: the desk asks first (``QuitQuestion``)."""
        self.quit_question = QuitQuestion(self.close, self)
        self.quit_question.open()
        return self.quit_question

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.window_state.save_window(self)
        QApplication.instance().removeEventFilter(self.wedge)
        self.idle_lock.stop()
        self.context.tasks.wait(10000)
        if self.context.devices is not None:
            self.context.devices.shutdown()       # ports released, device threads ended
        super().closeEvent(event)
