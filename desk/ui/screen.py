"""The base class of every mode of the main window (checkout, checkin, renew, ...).

A screen shows one job. The main window gives it scans (``handle_scan``) while it is the active
mode, tells it when it becomes active (``activate``: focus the scan field) and when the next
patron steps up (``reset``). A language change rebuilds the screens, so translated texts
are simply set in ``__init__`` with ``self.tr``. All circulation calls go through ``context.tasks`` so the window
never freezes; all user-facing messages and sounds go through ``context.messages``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desk.ui.context import DeskContext


class Screen(QWidget):
    """Subclasses set ``mode_key`` and ``shortcut`` as class attributes and ``title`` in
    ``__init__`` (``self.tr(...)``, so it follows the language)."""

    mode_key: str = ""
    shortcut: str = ""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title = self.mode_key

    def handle_scan(self, code: str) -> None:
        """A scan (keyboard wedge or serial) arrived while this mode is active."""

    def activate(self) -> None:
        """The mode became active: put the focus in its scan field."""

    def reset(self) -> None:
        """Clear everything for the next patron."""
