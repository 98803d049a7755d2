"""The main window: modes on the toolbar and function keys, one place where messages, sounds
and the refusal flash are wired, the slip preview, and sign-out / shift change.

Every scan, from the keyboard-wedge filter or a serial scanner, goes through the devices layer's
one cleaner (``desk.devices.scanner.ScanIntake``: the ``DeviceHub``'s when there is one, else one
built from the same settings) and enters through ``scan()``, which drops a double read and hands
the code to the active mode; a refused scan (a wrong check digit, line noise) is shown by
``_scan_rejected``.

A patron moves between screens only on purpose: *Bring patron here* (F8) shows, on the active
screen, the patron of the screen used just before (checkout, renew, patron search, fines), or
the last checkout patron; on a screen without a patron it opens checkout with them. When a screen
changes a patron (``messages.patron_changed``) the other screens holding them refresh.

With a ``DeviceHub`` in ``context.devices`` the window takes its serial scans, shows the device
status area (scanner / strip / printer) and the print-queue warning in the status bar, says
when the cash drawer did not open, and reconfigures the hub when device settings change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QActionGroup, QCloseEvent, QKeySequence,
                           QResizeEvent, QShortcut)
from PySide6.QtWidgets import (QApplication, QDialog, QDockWidget, QLabel, QMainWindow,
                               QMessageBox, QPlainTextEdit, QProgressBar, QSizePolicy,
                               QStackedWidget, QToolBar, QWidget)

from desk.circulation.session import DeskSession
from desk.ui.accessibility import describe, name_widgets
from desk.ui.context import DeskContext
from desk.ui.key_help import KeyHelpDialog, collect_keys
from desk.ui.modes import screen_classes
from desk.ui.screen import Screen
from desk.ui.screen_set import ScreenSet
from desk.ui.screens.checkout import CheckoutScreen
from desk.ui.screens.patron_search import PatronSearchScreen
from desk.ui.signin import SignInDialog
from desk.ui.slips import PrintedSlip
from desk.ui.sounds import SoundPlayer
from desk.ui.wedge import DuplicateGuard, WedgeFilter
from desk.ui.widgets.device_status import DeviceStatusArea
from desk.ui.widgets.flash import FlashOverlay
from desk.ui.widgets.slip_panel import SlipPanel
from desk.ui.widgets.tables import fit_tables
from desk.ui.window_state import WindowState

if TYPE_CHECKING:
    from desk.devices.printer.base import ReceiptPrinter
    from desk.ui.backup_schedule import BackupScheduler
    from desk.ui.notice_schedule import NoticeScheduler

log = logging.getLogger(__name__)
BUSY_DELAY_MS = 150
FUNCTION_KEYS = {f"F{number}" for number in range(1, 36)}
SPARE_MODE_ROWS = 3           # rows for modes beyond the two, for large text
# Keys the window itself uses (DESIGN: Evergreen's map); a mode asking for one does not get it.
RESERVED_KEYS = ("F7", "F8", "F9", "F12", "Esc")


def is_function_key(key: str) -> bool:
    return key in FUNCTION_KEYS


def label_with_key(action: QAction) -> None:
    """The toolbar button reads "F1 Checkout" and its tool tip ends with the key; the menus
    show the plain name with the key beside it (Qt's own)."""
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    if not key:
        return
    action.setIconText(f"{key} {action.text()}")
    tip = action.toolTip()
    if key not in tip:
        action.setToolTip(f"{tip} ({key})")


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
        self.last_patron: str | None = None
        self.recent_modes: list[str] = []     # the modes used before this one, newest first
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
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(lambda: self.busy_bar.show())
        self.device_status: DeviceStatusArea | None = None
        self.backups: BackupScheduler | None = None     # the app's automatic backups
        self.notices: NoticeScheduler | None = None     # sends patron notices on a timer
        self._status_widgets: list[QWidget] = []      # what a rebuild takes off the status bar
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
        self._build_status_bar()
        self._build_slip_dock()
        self.update_title()
        self.set_mode("checkout")
        self.rebuilt.emit()

    def _build_modes(self) -> None:
        """Two rows of modes, every one visible at 1280 px (nothing behind a ``»``): the counter
        row (the function-key modes) and below it *Bring patron here*, *Reprint*, the
        back-office modes (Ctrl keys or none) and the key help; more rows when large text or
        a narrow window needs it (``reflow_modes``). Each button reads "key name", its tool tip
        says the key again."""
        self.toolbar = self._mode_row(self.tr("Counter modes"), "modesToolbar")
        self.addToolBarBreak()
        self.office_toolbar = self._mode_row(self.tr("Back-office modes"), "officeToolbar")
        # Used only when the two rows do not fit (large text, a narrow window, many modes).
        self.more_toolbars: list[QToolBar] = []
        for number in range(SPARE_MODE_ROWS):
            self.addToolBarBreak()
            row = self._mode_row(self.tr("More modes"), f"moreModesToolbar{number + 1}")
            row.hide()
            self.more_toolbars.append(row)
        group = QActionGroup(self)
        used = set(RESERVED_KEYS)
        self.admin_modes = set()
        for cls in screen_classes():
            self.screens.offer(cls)
            if cls.admin_only:
                self.admin_modes.add(cls.mode_key)
            key = QKeySequence(cls.shortcut).toString() if cls.shortcut else ""
            if key and key in used:
                log.warning("mode %s: shortcut %s is taken; the mode gets none",
                            cls.mode_key, key)
                key = ""
            used.add(key)
            action = QAction(cls.mode_title(), self)
            action.setObjectName(f"mode_{cls.mode_key}")
            action.setCheckable(True)
            if key:
                action.setShortcut(QKeySequence(key))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            label_with_key(action)
            action.triggered.connect(lambda _=False, key=cls.mode_key: self.set_mode(key))
            group.addAction(action)
            row = self.toolbar if is_function_key(key) else self.office_toolbar
            row.addAction(action)
            self.actions_by_mode[cls.mode_key] = action
        self.last_patron_action = self._action(self.tr("Bring patron here"), "F8",
                                               self.recall_patron, "lastPatron")
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
        # The rows' contents, a separator as None (the toolbar owns and deletes its own).
        self._mode_items = tuple([None if action.isSeparator() else action
                                  for action in row.actions()]
                                 for row in (self.toolbar, self.office_toolbar))
        self._mode_rows: list[list[QAction | None]] = []
        self._reflow_later.start()

    def reflow_modes(self) -> None:
        """Put the mode buttons on as many rows (up to five) as the window's width needs, so
        that none is ever behind a ``»``: the counter modes first, the back-office ones after.
        Runs after every resize and change of text size."""
        available = max(200, self.width() - 24)
        rows = [self.toolbar, self.office_toolbar, *self.more_toolbars]
        buttons = {id(action): widget for row in rows for action in row.actions()
                   if (widget := row.widgetForAction(action)) is not None}

        def width(action: QAction | None) -> int:
            if action is None:
                return 10
            if not action.isVisible():
                return 0
            button = buttons.get(id(action))
            hint = button.sizeHint().width() if button is not None else 120
            return hint + 4

        packed: list[list[QAction | None]] = []
        for items in self._mode_items:
            current: list[QAction | None] = []
            used = 0
            for action in items:
                needed = width(action)
                if current and used + needed > available:
                    packed.append(current)
                    current, used = [], 0
                if action is None and not current:
                    continue
                current.append(action)
                used += needed
            if current:
                packed.append(current)
        if len(packed) > len(rows):
            packed = packed[:len(rows) - 1] + [[a for row in packed[len(rows) - 1:] for a in row]]
        if packed == self._mode_rows:
            return
        self._mode_rows = packed
        for row, actions in zip(rows, packed + [[]] * (len(rows) - len(packed))):
            row.clear()
            for action in actions:
                if action is None:
                    row.addSeparator()
                else:
                    row.addAction(action)
            row.setVisible(bool(actions))

    def _mode_row(self, title: str, name: str) -> QToolBar:
        row = QToolBar(title)
        row.setObjectName(name)
        row.setMovable(False)
        row.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, row)
        return row

    def _make_screen(self, cls: type[Screen]) -> Screen:
        """A mode's screen, built the first time it is asked for (``ScreenSet``)."""
        screen = cls(self.context, self.stack)
        self.stack.addWidget(screen)
        fit_tables(screen)
        name_widgets(screen)
        self.window_state.restore_splitters(screen)
        if isinstance(screen, CheckoutScreen):
            screen.patron_changed.connect(self._patron_changed)
            screen.refusal.pay_requested.connect(lambda: self.set_mode("fines"))
        if isinstance(screen, PatronSearchScreen):
            screen.checkout_requested.connect(self.checkout_patron)
            screen.fines_requested.connect(self.fines_for_patron)
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

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        for old in self._status_widgets:
            bar.removeWidget(old)
            old.deleteLater()
        self.last_scan = QLabel()
        self.last_scan.setObjectName("lastScan")
        self.last_scan.setAccessibleName(self.tr("Last scan"))
        # A long outcome never widens the window: the whole text is in the tool tip.
        self.last_scan.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._scan_waiting = False          # a scan was taken; its outcome is the next message
        self._scan_code = ""
        self.status_text = QLabel()
        self.status_text.setObjectName("statusText")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.hide()
        self.who = QLabel()
        bar.addWidget(self.last_scan, 3)
        bar.addWidget(self.status_text, 1)
        bar.addPermanentWidget(self.busy_bar)
        self.device_status = None
        hub = self.context.devices
        if hub is not None:
            self.device_status = DeviceStatusArea()
            for device in ("scanner", "strip", "rfid", "printer"):
                status = hub.status(device)
                self.device_status.set_status(device, status.state.value, status.detail)
            self.device_status.set_queue(hub.queue.count, hub.queue.message())
            bar.addPermanentWidget(self.device_status)
        bar.addPermanentWidget(self.who)
        self._status_widgets = [self.last_scan, self.status_text, self.busy_bar, self.who,
                                *([self.device_status] if self.device_status else [])]

    def _build_slip_dock(self) -> None:
        for dock in self.findChildren(QDockWidget):
            self.removeDockWidget(dock)
            dock.deleteLater()
        dock = QDockWidget(self.tr("Last slip"), self)
        dock.setObjectName("slipDock")
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.slip_view = SlipPanel()
        self.slip_view.show_printer(self._printer())
        dock.setWidget(self.slip_view)
        name_widgets(dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    # --- the one place where messages reach the user ------------------------------------------
    def _connect_messages(self) -> None:
        bridge = self.context.messages
        bridge.info.connect(lambda text: self.show_status(text, "info"))
        bridge.warning.connect(lambda text: self.show_status(text, "warning"))
        bridge.error.connect(self._error)
        bridge.sound.connect(self.sounds.play)
        bridge.busy.connect(self._busy)
        bridge.patron_changed.connect(self._patron_changed_elsewhere)
        bridge.session_ended.connect(self.end_session)
        self.context.slips.printed.connect(self.show_slip)

    def _connect_devices(self) -> None:
        hub = self.context.devices
        if hub is None:
            return
        hub.scanned.connect(self.scan)
        hub.scan_rejected.connect(self._scan_rejected)
        hub.status_changed.connect(self._device_status_changed)
        hub.print_queue_changed.connect(self._print_queue_changed)
        hub.drawer_finished.connect(self._drawer_finished)

    def _scan_rejected(self, reason: str) -> None:
        self.sounds.play("error.scan")
        self.show_status(reason, "warning")

    def _device_status_changed(self, device: str, state: str, detail: str) -> None:
        if self.device_status is not None:
            self.device_status.set_status(device, state, detail)

    def _print_queue_changed(self, pending: int, message: str) -> None:
        before = self.device_status.pending if self.device_status is not None else 0
        if self.device_status is not None:
            self.device_status.set_queue(pending, message)
        if pending > before:
            self.show_status(message, "warning")
        elif before and not pending:
            self.show_status(self.tr("Every waiting slip has been printed."), "info")

    def _drawer_finished(self, ok: bool, message: str) -> None:
        if not ok:
            self.show_status(self.tr("The cash drawer did not open: %1").replace("%1", message),
                             "warning")

    def show_status(self, text: str, level: str) -> None:
        """A message in the status bar; the first after a scan is that scan's outcome, shown
        large (``last_scan``) instead, until the next scan."""
        outcome = self._scan_waiting
        if outcome:
            self.show_scan_outcome(text, level)
        self.status_text.setVisible(not outcome)
        self.status_text.setText(text)
        self.status_text.setProperty("level", level)
        self.status_text.style().unpolish(self.status_text)
        self.status_text.style().polish(self.status_text)

    def show_scan_outcome(self, text: str, level: str) -> None:
        """The last scan's outcome, large, with an icon and a word besides its colour; it
        stays until the next scan (other messages go beside it)."""
        self._scan_waiting = False
        icon, word = {"error": ("✖", self.tr("Refused")), "warning": ("⚠", self.tr("Check")),
                      }.get(level, ("✔", self.tr("Done")))
        code = self._scan_code
        shown = text if not code or code in text else f"{code} — {text}"
        self.last_scan.setText(f"{icon} {word}: {shown}")
        self.last_scan.setToolTip(text)
        self.last_scan.setProperty("outcome", level)
        self.last_scan.style().unpolish(self.last_scan)
        self.last_scan.style().polish(self.last_scan)
        describe(self.last_scan, self.tr("Last scan"), f"{word}: {text}")

    def _error(self, text: str) -> None:
        self.show_status(text, "error")
        if self.context.config.get("flash"):
            self.flash.flash()

    def _busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start(BUSY_DELAY_MS)
        else:
            self._busy_timer.stop()
            self.busy_bar.hide()

    def _printer(self) -> ReceiptPrinter | None:
        hub = self.context.devices
        return hub.printer if hub is not None else None

    def show_slip(self, slip: PrintedSlip) -> None:
        """The slip as the printer puts it on paper, in the *Last slip* panel."""
        hub = self.context.devices
        header = hub.library if hub is not None else self.context.config.get("slip_header")
        header = (header,) if isinstance(header, str) else tuple(header)
        self.slip_view.show_slip(slip, self._printer(), header)

    def clear_slip(self) -> None:
        """The last slip (a patron's name, their books) leaves the screen with the shift."""
        self.slip_view.clear()
        self.context.slips.forget()

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
        if previous is not None and previous is not screen:
            self.recent_modes = [previous.mode_key, *(key for key in self.recent_modes
                                                      if key != previous.mode_key)]
        if previous is not screen:
            # A message belongs to the screen that said it: it does not linger on the next.
            self.show_status("", "info")
        self.stack.setCurrentWidget(screen)
        self.actions_by_mode[mode_key].setChecked(True)
        self.duplicates.forget()
        if self.context.devices is not None:
            self.context.devices.forget_pad()
        screen.activate()
        card = previous.handoff(mode_key) if handoff and previous is not None \
            and previous is not screen else None
        if card and screen.carries_patron:
            # The screen left offered this patron for this mode in words ("F11: collect").
            screen.take_patron(card)
            self.show_status(self.tr("Patron %1 brought here.").replace("%1", card), "info")

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
        self._scan_waiting = True
        self._scan_code = code
        self.last_scan.setText(f"… {code}")
        self.last_scan.setProperty("outcome", "waiting")
        self.last_scan.style().unpolish(self.last_scan)     # not the last refusal's red
        self.last_scan.style().polish(self.last_scan)
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

    def _patron_changed(self, barcode: str) -> None:
        self.last_patron = barcode

    def _patron_changed_elsewhere(self, card: str, source: str) -> None:
        """A screen changed this patron: the other screens holding them refresh."""
        for key, screen in self.screens.built().items():     # one not built holds no patron
            if key != source:
                screen.patron_updated(card)

    def patron_to_bring(self) -> str | None:
        """The patron *Bring patron here* shows: the one on the most recently used other
        screen that holds a patron, else the last checkout patron."""
        active = self.active_screen
        for key in self.recent_modes:
            screen = self.screens.get(key)
            if screen is not None and screen is not active and screen.carries_patron:
                card = screen.current_patron()
                if card:
                    return card
        return self.last_patron

    def recall_patron(self) -> None:
        """F8, *Bring patron here*: the one deliberate way a patron goes to another screen."""
        card = self.patron_to_bring()
        if card is None:
            self.show_status(self.tr("No patron to bring here."), "warning")
            return
        screen = self.active_screen
        if screen is None or not screen.carries_patron:
            self.checkout_patron(card)
            return
        screen.take_patron(card)
        self.show_status(self.tr("Patron %1 brought here.").replace("%1", card), "info")

    def checkout_patron(self, card: str) -> None:
        """Checkout (F1) with this patron (F4's *Check out to this patron*, or F8)."""
        checkout = self.screens.get("checkout")
        if checkout is None or not self.is_signed_in:
            return
        self.set_mode("checkout", handoff=False)
        checkout.take_patron(card)

    def fines_for_patron(self, card: str, charge_ids: list[int], action: str) -> None:
        """The patron screen's *Pay* / *Waive*: the Fines screen (F11), which owns payments
        and waivers, with this patron and these charges chosen."""
        from desk.ui.screens.fines import FinesScreen
        fines = self.screens.get("fines")
        if not isinstance(fines, FinesScreen) or not self.is_signed_in:
            return
        self.set_mode("fines", handoff=False)
        fines.open_for(card, charge_ids, action)

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
    def update_title(self) -> None:
        circulation = self.context.circulation
        if not self.is_signed_in:
            staff = self.tr("signed out")
            desk = circulation.desk_code
        else:
            staff = f"{circulation.staff.name} ({circulation.staff.login})"
            desk = circulation.desk_code
        self.setWindowTitle(self.tr("Circulation Desk — %1 — %2 — %3")
                            .replace("%1", desk).replace("%2", staff)
                            .replace("%3", self.context.library.url))
        self.who.setText(f"{desk} · {staff}")
        admin = self.is_admin()
        for key in self.admin_modes:
            self.actions_by_mode[key].setVisible(admin)
        self.purge_action.setVisible(admin)
        self._reflow_later.start()
        self.maintenance_menu.menuAction().setVisible(admin)
        active = self.active_screen
        if active is not None and active.mode_key in self.admin_modes and not admin:
            self.set_mode("checkout")

    def is_admin(self) -> bool:
        """Whether an administrator is signed in here (the Staff screen is theirs)."""
        staff = getattr(self.context.circulation, "staff", None)
        return self.is_signed_in and getattr(staff, "role", None) == "admin" \
            and bool(getattr(staff, "active", False))

    def sign_out(self) -> SignInDialog:
        """End this staff member's shift and ask the next one to sign in. The window stays
        locked (no screen shown, scans ignored) until somebody signs in."""
        for screen in self.screens.built().values():         # one not built has nothing to reset
            screen.reset()
        staff = getattr(self.context.circulation, "staff", None)
        if staff is not None:  # no longer good for approvals or a new desk session
            self.context.library.sign_out(staff)
        self.is_signed_in = False
        self.last_scan.clear()              # it may name the last patron
        self._scan_waiting = False
        self.last_patron = None
        self.recent_modes = []
        self.clear_slip()
        self.update_title()
        self.stack.setCurrentWidget(self.locked)
        self.signed_out.emit()
        return self.ask_sign_in()

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

    def ask_sign_in(self) -> SignInDialog:
        self.signin = SignInDialog(self.context.library, self.context.config.get("desk"),
                                   self.context.tasks, self)
        self.signin.signed_in.connect(self.signed_in)
        self.signin.open()
        return self.signin

    def take_over(self, circulation: DeskSession) -> None:
        """Another staff member signed in at the idle lock: the visit on screen ends (every
        screen reset, as at a shift change) and the desk is theirs."""
        before = self.context.circulation.staff
        for screen in self.screens.built().values():
            screen.reset()
        self.context.library.sign_out(before)
        self.last_patron = None
        self.recent_modes = []
        self.signed_in(circulation)
        self.show_status(self.tr("The visit at the desk ended; %1 signed in.")
                         .replace("%1", circulation.staff.name), "info")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._reflow_later.start()
        idle_lock = getattr(self, "idle_lock", None)
        if idle_lock is not None:
            idle_lock.follow_resize()

    def signed_in(self, circulation: DeskSession) -> None:
        self.context.circulation = circulation
        self.shift_started.emit()
        self.is_signed_in = True
        self.update_title()
        self.set_mode("checkout")
        self.show_status(self.tr("Signed in: %1").replace("%1", circulation.staff.name), "info")

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
        self.configure_scanning()
        from desk.ui.devices_config import DEVICE_SETTINGS, reconfigure
        if self.context.devices is not None and changed & set(DEVICE_SETTINGS):
            error = reconfigure(self.context.devices, self.context.config)
            if error:
                self.show_status(error, "error")
        if "language" in changed:
            self.switch_language(self.context.config.get("language"))
        if self.backups is not None and any(name.startswith("backup_") for name in changed):
            self.backups.check()
        if self.notices is not None and "notices_send_every_minutes" in changed:
            self.notices.start()
        if changed & {"text_size_percent", "high_contrast"}:
            from desk.ui.appearance import apply_appearance
            apply_appearance(QApplication.instance(), self.context.config.get("text_size_percent"),
                             self.context.config.get("high_contrast"))
            self._reflow_later.start()
        if "idle_lock_minutes" in changed:
            self.idle_lock.configure(self.context.config.get("idle_lock_minutes"))
        if changed & {"database_url", "desk"}:
            self.show_status(self.tr("Database and desk changes apply after a restart."),
                             "warning")

    def switch_language(self, setting: str) -> str:
        """Install the translators for the ``language`` setting and rebuild in that language."""
        from desk.ui import i18n
        language = i18n.install(i18n.resolve(setting))
        self.build()
        self.language_changed.emit(language)
        return language

    def ask_quit(self) -> QMessageBox:
        """Ctrl+Q: quitting ends the desk for everybody at it, so the desk asks first (No is
        the default: an Enter meant for a scan field does not close the desk)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Quit"),
                          self.tr("Quit the circulation desk? Scans are not taken until it "
                                  "is started again."),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("quitQuestion")
        quit_button = box.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(self.tr("&Stay"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.buttonClicked.connect(lambda button: self.close() if button is quit_button else None)
        self.quit_question = box
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.window_state.save_window(self)
        QApplication.instance().removeEventFilter(self.wedge)
        self.idle_lock.stop()
        self.context.tasks.wait(10000)
        if self.context.devices is not None:
            self.context.devices.shutdown()       # ports released, device threads ended
        super().closeEvent(event)
