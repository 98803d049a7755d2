"""Offline mode in the desk app: the failover desk, the connection watcher, the offline banner,
*Back online* and the blank manual-slip forms action.

``OfflineMode.install(window, url=..., data_dir=...)`` wraps ``context.circulation`` in a
``FailoverDesk`` (online ``Circulation`` while the database answers, the journalling
``OfflineDesk`` as soon as it does not), keeps the local copy of patrons and items fresh
(``refresh_snapshot`` at sign-in, every ``REFRESH_MINUTES`` and after a replay: copied on a thread
of its own, swapped in through ``context.tasks`` between scans), runs a ``ConnectionWatcher`` and
shows a bar across the main window while the desk works offline. When the database answers
again the bar offers *Back online* (also in the *Outage* menu, Ctrl+Shift+O), which switches back
and runs the Replay screen on the journal. Journal transactions no replay has dealt with yet
(the desk was closed before going back online, or decisions are open) keep an amber bar with
*Replay now*. What the screens themselves call for offline results is in
``desk.ui.offline_support``.

The failover and the watcher call back from worker threads; their callbacks only emit signals,
so everything visible happens on the GUI thread.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolBar

from desk.circulation.offline.desk import (ConnectionWatcher, FailoverDesk, OfflineDesk,
                                           check_database, default_paths)
from desk.circulation.offline.journal import Journal
from desk.circulation.offline.snapshot import Snapshot, refresh_snapshot
from desk.ui.context import DeskContext
from desk.ui.offline_support import ReplayedMarker, offline_text
from desk.ui.screens.offline import ReplayScreen

if TYPE_CHECKING:
    from desk.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)
CHECK_INTERVAL_S = 10.0
REFRESH_MINUTES = 15
BACK_ONLINE_KEY = "Ctrl+Shift+O"
BLANK_FORMS_KEY = "Ctrl+Shift+F"
BANNER_STYLE = {
    "offline": "background: #b3261e; color: white;",
    "reachable": "background: #f9a825; color: black;",
    "unreplayed": "background: #f9a825; color: black;",
}
REPLAY_KEY = "Ctrl+R"                 # the Replay screen's key


class OfflineBanner(QFrame):
    """The bar across the main window while the desk works offline."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.text = QLabel()
        self.text.setObjectName("offlineBannerText")
        self.text.setWordWrap(True)
        font = self.text.font()
        font.setBold(True)
        if font.pointSizeF() > 0:         # -1 for fonts sized in pixels
            font.setPointSizeF(font.pointSizeF() * 1.25)
        self.text.setFont(font)
        self.back_button = QPushButton(self.tr("Back online (%1)").replace(
            "%1", QKeySequence(BACK_ONLINE_KEY).toString(QKeySequence.SequenceFormat.NativeText)))
        self.back_button.setObjectName("backOnlineButton")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.replay_button = QPushButton(self.tr("Replay now (%1)").replace(
            "%1", QKeySequence(REPLAY_KEY).toString(QKeySequence.SequenceFormat.NativeText)))
        self.replay_button.setObjectName("replayNowButton")
        self.replay_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.back_button)
        layout.addWidget(self.replay_button)
        self.state = "online"

    def show_state(self, state: str, text: str) -> None:
        """``offline`` (red), ``reachable`` (amber, with *Back online*), ``unreplayed`` (amber,
        with *Replay now*) or ``online`` (hidden)."""
        self.state = state
        self.text.setText(text)
        self.setStyleSheet(f"QFrame#offlineBanner {{ {BANNER_STYLE.get(state, '')} }}"
                           f" QLabel {{ {BANNER_STYLE.get(state, '')} }}")
        self.back_button.setVisible(state == "reachable")
        self.replay_button.setVisible(state == "unreplayed")


class OfflineMode(QObject):
    """Owns the failover desk, the watcher, the snapshot refresh and the offline banner."""

    went_offline = Signal(str)        # from the worker thread: the failover gave up the database
    reachability = Signal(bool)       # from the watcher thread: the database answers, or not
    state_changed = Signal(str)       # online / offline / reachable, after the banner changed
    snapshot_refreshed = Signal(int)  # patrons and items in the new local copy
    copied = Signal(int)              # from the refresh thread: the staging copy is written

    def __init__(self, context: DeskContext, *, url: str, data_dir: Path,
                 interval: float = CHECK_INTERVAL_S, refresh_minutes: int = REFRESH_MINUTES,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.url = url
        self.data_dir = Path(data_dir)
        desk = context.circulation.desk_code
        self.journal_file, self.snapshot_file = default_paths(self.data_dir, desk)
        self.journal = Journal(self.journal_file, desk)
        self.snapshot: Snapshot | None = Snapshot.open(self.snapshot_file)
        self._snapshot_lock = threading.Lock()
        self.failover: FailoverDesk = self.wrap()
        self.reachable = True
        self.window: MainWindow | None = None
        self.banner: OfflineBanner | None = None
        self.toolbar: QToolBar | None = None
        self.back_action: QAction | None = None
        self.forms_action: QAction | None = None
        self.forms_dialog: Any = None
        self._actions: list[QAction] = []
        self.watcher = ConnectionWatcher(lambda: check_database(url), interval=interval,
                                         on_change=self._watched)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(refresh_minutes * 60 * 1000)
        self.refresh_timer.timeout.connect(self.refresh)
        self._refreshing = False
        self._refresh_thread: threading.Thread | None = None
        self._staging = self.snapshot_file.with_name("snapshot-next.sqlite")
        self._count = 0
        self._stopped = False
        self.marker = ReplayedMarker(self.journal_file)
        self.unreplayed = len(self.marker.unreplayed())
        context.tasks.idle.connect(self._note_replay)
        self.copied.connect(self._copied)
        self.went_offline.connect(self._went_offline)
        self.reachability.connect(self._reachability)

    # --- setting up -----------------------------------------------------------------------
    @classmethod
    def install(cls, window: MainWindow, *, url: str, data_dir: Path,
                interval: float = CHECK_INTERVAL_S, start: bool = True) -> OfflineMode:
        """Wire offline mode into ``window`` and start it."""
        mode = cls(window.context, url=url, data_dir=data_dir, interval=interval, parent=window)
        mode.attach(window)
        if start:
            mode.start()
        return mode

    def wrap(self, previous: FailoverDesk | None = None) -> FailoverDesk:
        """Put a ``FailoverDesk`` around the desk session signed in now (again after a shift
        change: ``previous`` is the one it replaces); the journal and the local copy stay."""
        current = self.context.circulation
        online = current.online_desk if isinstance(current, FailoverDesk) else current
        library = self.context.library
        with self._snapshot_lock:
            offline = OfflineDesk(self.journal, clock=library.now, tz=library.policy.tz,
                                  staff=online.staff.login, snapshot=self.snapshot)
        self.failover = FailoverDesk(online, offline, on_offline=self.went_offline.emit)
        if previous is not None and previous.offline:
            self.failover.offline = True              # a shift change does not end an outage
        self.context.circulation = self.failover
        return self.failover

    def attach(self, window: MainWindow) -> None:
        """Add the banner and the *Outage* menu (again whenever the window rebuilds itself)."""
        self.window = window
        window.installEventFilter(self)
        window.rebuilt.connect(self._build_ui)
        window.shift_started.connect(self._shift_started)
        self._build_ui()

    def start(self) -> None:
        self.refresh()
        self.refresh_timer.start()
        self.watcher.start()

    def stop(self) -> None:
        self._stopped = True
        self.refresh_timer.stop()
        self.watcher.on_change = None
        self.watcher.stop()
        if self._refresh_thread is not None:
            # A copy still being made is not waited for long: the staging file is simply
            # written again next time, and the copy in use stays.
            self._refresh_thread.join(5)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def _build_ui(self) -> None:
        window = self.window
        if window is None:
            return
        for old in self._actions:          # the rebuilt window's menus replace these
            old.deleteLater()
        self.banner = OfflineBanner()
        self.banner.back_button.clicked.connect(self.go_online)
        self.banner.replay_button.clicked.connect(self.replay_now)
        self.toolbar = QToolBar(self.tr("Offline"))
        self.toolbar.setObjectName("offlineToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setEnabled(False)
        self.toolbar.addWidget(self.banner)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        window.insertToolBarBreak(self.toolbar)     # a line of its own, across the window
        menu = window.menuBar().addMenu(self.tr("&Outage"))
        menu.setObjectName("outageMenu")
        self.back_action = QAction(self.tr("&Back online and replay"), window)
        self.back_action.setObjectName("backOnline")
        self.back_action.setShortcut(QKeySequence(BACK_ONLINE_KEY))
        self.back_action.triggered.connect(self.go_online)
        check_action = QAction(self.tr("&Check the database connection now"), window)
        check_action.setObjectName("checkConnection")
        check_action.triggered.connect(self.check_soon)
        self.forms_action = QAction(self.tr("Blank manual slip &forms (PDF)…"), window)
        self.forms_action.setObjectName("blankForms")
        self.forms_action.setShortcut(QKeySequence(BLANK_FORMS_KEY))
        self.forms_action.triggered.connect(self.open_blank_forms)
        self._actions = [self.back_action, check_action, self.forms_action]
        for action in self._actions:
            menu.addAction(action)
        self._show(self.state)

    def _shift_started(self) -> None:
        self.wrap(self.failover)
        self.refresh()

    # --- state ----------------------------------------------------------------------------
    @property
    def offline(self) -> bool:
        return self.failover.offline

    @property
    def state(self) -> str:
        if not self.failover.offline:
            return "unreplayed" if self.unreplayed else "online"
        return "reachable" if self.reachable else "offline"

    def _show(self, state: str) -> None:
        if self.banner is None or self.toolbar is None or self.back_action is None:
            return
        if state == "reachable":
            text = self.tr("The library database answers again. Go back online to replay the "
                           "offline transactions.")
        elif state == "unreplayed":
            text = self.tr("%n offline transaction(s) of this desk not replayed yet.", "",
                           self.unreplayed)
        else:
            text = offline_text()
        self.banner.show_state(state, text)
        self.toolbar.setVisible(state != "online")
        self.back_action.setEnabled(state == "reachable")
        # Signing in needs the database: a sign-out now would lock the desk until it is back.
        if self.window is not None:
            self.window.signout_action.setEnabled(state in ("online", "unreplayed"))
        # The replay needs the database too (it is opened on Back online).
        replay = self._replay_screen()
        if replay is not None:
            replay.run_button.setEnabled(state in ("online", "unreplayed"))
        self.state_changed.emit(state)

    def _went_offline(self, why: str) -> None:
        """On the GUI thread: the failover (or the watcher) switched to the journal."""
        self.reachable = False
        self.watcher.online = False       # so the watcher reports the database coming back
        self._show(self.state)
        self.context.messages.sound.emit("error")
        self.context.messages.warning.emit(offline_text())
        log.warning("offline: %s", why)

    def _watched(self, online: bool) -> None:
        """On the watcher thread."""
        try:
            self.reachability.emit(online)
        except RuntimeError:              # the window (and this object) is gone
            pass

    def _reachability(self, online: bool) -> None:
        self.reachable = online
        if not online:
            # Pooled connections may still reach a file that was moved away: drop them.
            self.context.library.engine.dispose()
            self.failover.go_offline("the connection check failed")
        elif self.failover.offline:
            self.context.messages.info.emit(self.tr(
                "The library database answers again: choose Back online to replay."))
        self._show(self.state)

    def check_soon(self) -> None:
        """Check the connection now, off the GUI thread (a dead server can take seconds)."""
        threading.Thread(target=self.watcher.check_now, name="db-check", daemon=True).start()

    # --- back online ----------------------------------------------------------------------
    def go_online(self) -> None:
        if not self.failover.offline:
            self.context.messages.info.emit(self.tr("The desk is online."))
            return
        self.context.library.engine.dispose()    # start from fresh connections
        self.failover.go_online()
        self.watcher.online = True
        self.unreplayed = len(self.marker.unreplayed())
        self._show(self.state)
        self.context.messages.info.emit(self.tr("Back online: replaying the offline journal."))
        replay = self._replay_screen()
        if replay is not None and self.window is not None:
            self.window.set_mode("replay")
            replay.run_replay()
        # A new local copy once the replay has run (it changes loans and counts).
        self.context.tasks.idle.connect(self._refresh_after_replay)
        if self.context.tasks.pending == 0:
            self._refresh_after_replay()

    def _refresh_after_replay(self) -> None:
        self.context.tasks.idle.disconnect(self._refresh_after_replay)
        self.refresh()

    def replay_now(self) -> None:
        """Open the Replay screen and run it (the journal has transactions not replayed)."""
        replay = self._replay_screen()
        if replay is not None and self.window is not None and not self.failover.offline:
            self.window.set_mode("replay")
            replay.run_replay()

    def _replay_screen(self) -> ReplayScreen | None:
        """The window's Replay screen (None before ``attach``)."""
        screen = self.window.screens.get("replay") if self.window is not None else None
        return screen if isinstance(screen, ReplayScreen) else None

    def _note_replay(self) -> None:
        """When the worker is idle: remember what the Replay screen's last run dealt with."""
        screen = self._replay_screen()
        replay = screen.replay if screen is not None else None
        if replay is None or not self.marker.note(replay.lines):
            return
        self.unreplayed = len(self.marker.unreplayed())
        self._show(self.state)

    # --- the local copy -------------------------------------------------------------------
    def refresh(self) -> None:
        """Refresh the local copy (online only, one at a time). Copying a large library takes
        seconds, so it runs on a thread of its own into a staging file; only the swap to the new
        copy goes through ``context.tasks``, between two scans."""
        if self.failover.offline or self._refreshing or self._stopped:
            return
        self._refreshing = True
        self._refresh_thread = threading.Thread(target=self._copy, name="snapshot-refresh",
                                                daemon=True)
        self._refresh_thread.start()

    def _copy(self) -> None:
        """On the refresh thread."""
        try:
            count = refresh_snapshot(self.context.library, self._staging)
        except Exception as error:  # noqa: BLE001 - logged; the previous copy stays in use
            log.warning("local copy not refreshed: %s", error)
            count = -1
        try:
            self.copied.emit(count)
        except RuntimeError:              # the window (and this object) is gone
            pass

    def _copied(self, count: int) -> None:
        if count < 0 or self._stopped:
            self._refreshing = False
            return
        self._count = count
        self.context.tasks.run(self._swap, on_done=self._refreshed, on_error=self._swap_failed)

    def _swap(self) -> None:
        """On the worker thread (where the offline desk reads the copy): close the old copy,
        move the new one into place, open it."""
        with self._snapshot_lock:
            if self.snapshot is not None:
                self.snapshot.close()     # Windows cannot replace a file that is open
            try:
                os.replace(self._staging, self.snapshot_file)
            finally:                      # the new copy, or the previous one again
                self.snapshot = Snapshot.open(self.snapshot_file)
                self.failover.offline_desk.snapshot = self.snapshot

    def _refreshed(self, _result: object = None) -> None:
        self._refreshing = False
        self.snapshot_refreshed.emit(self._count)

    def _swap_failed(self, error: BaseException) -> None:
        self._refreshing = False
        log.warning("local copy not swapped in: %s", error)

    # --- blank forms ----------------------------------------------------------------------
    def open_blank_forms(self) -> Any:
        from desk.ui.blank_forms import BlankFormsDialog
        self.forms_dialog = BlankFormsDialog(self.context, self.data_dir, self.window)
        self.forms_dialog.open()
        return self.forms_dialog
