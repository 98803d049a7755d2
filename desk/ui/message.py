"""The one bridge through which logic reports to the user (like qutebrowser's utils/message.py).

Screens and helpers call ``context.messages.info(...)``/``warning``/``error``/``sound``/``busy``;
the main window connects these signals in one place to the status bar, the refusal flash and
the sound player. Nothing else shows messages on its own.

``patron_changed(card, source)`` is said by a screen after it changed a patron (a payment or a
waiver in F11, a renewal in F3, a loan in F1, ...); ``source`` is that screen's ``mode_key``.
The main window hands it to every other screen (``Screen.patron_updated``), and the ones
holding that patron refresh it.

``session_ended(text)`` is said by the task runner when an operation was refused because the
signed-in staff member may no longer work (``staff_inactive``: the account was disabled, on
this desk or another); the main window then signs out and the sign-in dialog shows ``text``.

``day_closed()`` is said by the settlement screen after it closed a desk-day; the automatic
backup (``desk.ui.backup_schedule``) makes a backup then.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class MessageBridge(QObject):
    """Signals: ``info(str)``, ``warning(str)``, ``error(str)``, ``sound(str)`` (an
    Evergreen-style sound name such as ``success.checkin``), ``busy(bool)``,
    ``patron_changed(str, str)`` (card, mode key of the screen that changed the patron)."""

    info = Signal(str)
    warning = Signal(str)
    error = Signal(str)
    sound = Signal(str)
    busy = Signal(bool)
    patron_changed = Signal(str, str)
    day_closed = Signal()
    session_ended = Signal(str)
