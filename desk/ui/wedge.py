"""Keyboard-wedge scanner detection anywhere in the window (DESIGN.md section 6).

A wedge scanner types its barcode and a terminator (Enter or Tab) much faster than a person.
``WedgeFilter`` is an application event filter that watches key presses without holding them
back (hand typing works as ever): when Enter or Tab ends a burst of at least
``wedge_min_length`` characters typed with gaps no longer than ``wedge_max_interval_ms``, the
terminator is swallowed, the burst is taken back out of the line edit it landed in, and
``burst(text)`` is emitted with the burst as typed. The UI only detects bursts: cleaning them
(prefix, suffix, AIM identifier, Codabar start/stop, check digit) is the devices layer's job,
the same for a burst as for a serial scanner's line (``desk.devices.scanner.ScanIntake``). Keys
typed into a dialog (a supervisor typing a password) are left alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
# Some scanners (and xdotool) send a bare line feed or carriage return character instead.
TERMINATOR_TEXTS = ("\r", "\n", "\t")
# Keys a wedge presses around the characters it types (Shift for a capital): part of a burst.
MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                 Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock)


class WedgeFilter(QObject):
    """Emits ``burst(text)`` for every wedge burst in ``window`` (a top-level widget)."""

    burst = Signal(str)

    def __init__(self, window: QWidget, *, max_interval_ms: int = 35, min_length: int = 4,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.max_interval = max_interval_ms / 1000.0
        self.min_length = min_length
        self.clock = clock
        self._chars: list[str] = []
        self._last_at = 0.0
        self._last_receiver: QObject | None = None
        self._last_key: tuple[int, str] | None = None
        self._edit: QLineEdit | None = None
        self._edit_before = ""

    def configure(self, *, max_interval_ms: int, min_length: int) -> None:
        self.max_interval = max_interval_ms / 1000.0
        self.min_length = min_length

    # --- the filter ---------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() != QEvent.Type.KeyPress or not isinstance(obj, QWidget) \
                or not isinstance(event, QKeyEvent):
            return False
        # Keys for a dialog (a supervisor typing a password) belong to the dialog's own window.
        # (Not QApplication.activeModalWidget(): PySide6 6.12 loses a reference to None each
        # time a Qt call returns null, and this runs on every key press.)
        if obj.window() is not self.window:
            return False
        key = (event.key(), event.text())
        if self._is_propagation(obj, key):
            return False
        self._last_receiver, self._last_key = obj, key
        now = self.clock()
        fast = now - self._last_at <= self.max_interval
        self._last_at = now
        if event.key() in MODIFIER_KEYS:
            return False
        text = event.text()
        if event.key() in TERMINATORS or text in TERMINATOR_TEXTS:
            return self._finish(fast)
        if not text or not text.isprintable() or event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self._restart(None)
            return False
        if not fast or not self._chars:
            self._restart(obj)
        self._chars.append(text)
        return False

    def _is_propagation(self, obj: QWidget, key: tuple[int, str]) -> bool:
        """An unaccepted key travels up to the parents: count it once, at the first receiver."""
        last = self._last_receiver
        if last is None or key != self._last_key or not isinstance(last, QWidget):
            return False
        try:
            return obj is not last and obj.isAncestorOf(last)
        except RuntimeError:  # the last receiver was deleted
            return False

    def _restart(self, receiver: QObject | None) -> None:
        self._chars = []
        self._edit = receiver if isinstance(receiver, QLineEdit) else None
        self._edit_before = self._edit.text() if self._edit is not None else ""

    def _finish(self, fast: bool) -> bool:
        burst = "".join(self._chars)
        edit, before = self._edit, self._edit_before
        self._restart(None)
        if not fast or len(burst.strip()) < self.min_length:
            return False
        if edit is not None:
            try:
                if edit.text().endswith(burst):
                    edit.setText(before)
            except RuntimeError:
                pass
        self.burst.emit(burst)
        return True


class DuplicateGuard:
    """Takes the same code only once within ``window_ms`` (a double read of one barcode)."""

    def __init__(self, window_ms: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window_ms / 1000.0
        self.clock = clock
        self._last: tuple[str, float] | None = None

    def accept(self, code: str) -> bool:
        now = self.clock()
        if self._last is not None and self._last[0] == code and now - self._last[1] < self.window:
            return False
        self._last = (code, now)
        return True

    def forget(self) -> None:
        """A deliberate change (a new mode): the next code counts whatever it is."""
        self._last = None
