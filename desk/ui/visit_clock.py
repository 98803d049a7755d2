"""The idle clock of a checkout visit: a visit with no scan and no key for a while ends by itself,
so a book scanned minutes later is never lent to a patron who has left the counter.

``VisitIdleClock`` runs while a patron is up. Any key or mouse press inside the watched screen
and every scan (``restart``) start it again; a supervisor dialog or question that is open keeps
the visit alive. In the last ``COUNTDOWN_SECONDS`` it says the seconds left (``countdown``), and
at zero ``expired`` is emitted once.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

COUNTDOWN_SECONDS = 30
TICK_MS = 250
ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress)


class VisitIdleClock(QObject):
    """``countdown(int)``: whole seconds left while they are shown, -1 when nothing is to be
    shown; ``expired()``: the idle time has run out (the clock is stopped)."""

    countdown = Signal(int)
    expired = Signal()

    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        self.watched = watched
        self.seconds = 0
        self._since = QElapsedTimer()
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._ticked)
        self._watching = False

    def start(self, seconds: int) -> None:
        """Run for a visit of ``seconds`` idle time at most; 0 or less: the visit never ends."""
        self.seconds = seconds
        if seconds <= 0:
            self.stop()
            return
        self._since.start()
        self._tick.start()
        if not self._watching:
            QApplication.instance().installEventFilter(self)
            self._watching = True
        self._ticked()

    def stop(self) -> None:
        self._tick.stop()
        self._since.invalidate()
        if self._watching:
            QApplication.instance().removeEventFilter(self)
            self._watching = False
        self.countdown.emit(-1)

    def restart(self) -> None:
        """Activity: the idle time starts again (nothing happens while the clock is stopped)."""
        if self.is_running():
            self._since.restart()
            self._ticked()

    def is_running(self) -> bool:
        return self._tick.isActive()

    def seconds_left(self) -> float | None:
        """Seconds until the visit ends, None while no visit is timed."""
        if not self.is_running():
            return None
        return self.seconds - self._since.elapsed() / 1000

    def _ticked(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self._since.restart()        # staff are answering a dialog: the visit goes on
        left = self.seconds_left()
        if left is None:
            return
        if left <= 0:
            self.stop()
            self.expired.emit()
            return
        self.countdown.emit(math.ceil(left) if left <= COUNTDOWN_SECONDS else -1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() in ACTIVITY and isinstance(watched, QWidget)
                and (watched is self.watched or self.watched.isAncestorOf(watched))):
            self.restart()
        return False
