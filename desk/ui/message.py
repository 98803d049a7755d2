"""The one bridge through which logic reports to the user (like qutebrowser's utils/message.py).

Screens and helpers call ``context.messages.info(...)``/``warning``/``error``/``sound``/``busy``;
the main window connects these signals in one place to the status bar, the refusal flash and
the sound player. Nothing else shows messages on its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class MessageBridge(QObject):
    """Signals: ``info(str)``, ``warning(str)``, ``error(str)``, ``sound(str)`` (an
    Evergreen-style sound name such as ``success.checkin``), ``busy(bool)``."""

    info = Signal(str)
    warning = Signal(str)
    error = Signal(str)
    sound = Signal(str)
    busy = Signal(bool)
