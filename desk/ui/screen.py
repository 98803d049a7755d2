"""The base class of every mode of the main window (checkout, checkin, renew, ...).

A screen shows one job. The main window gives it scans (``handle_scan``) while it is the active
mode, tells it when it becomes active (``activate``: focus the scan field) and when the next
patron steps up (``reset``). A language change rebuilds the screens, so translated texts
are simply set in ``__init__`` with ``self.tr``. All circulation calls go through ``context.tasks`` so the window
never freezes; all user-facing messages and sounds go through ``context.messages``.

Screens that hold a patron (checkout, renew, patron search, fines) set ``carries_patron`` and
answer ``current_patron`` (the card shown) and ``take_patron`` (show this card: the main window's
one deliberate "bring the patron here" action, F8). A screen that offers the next step for a
patron in words ("collect the fine: F11") answers ``handoff(mode_key)`` with that patron's card:
going straight from it to that mode takes them along. After changing a patron a screen says so with
``context.messages.patron_changed.emit(card, self.mode_key)``; the main window then calls
``patron_updated`` on every other screen, and a screen holding that patron refreshes it (now if
shown, else when it is shown again). Switching screens alone never moves a patron.

The main window builds a screen the first time it is shown (``desk.ui.screen_set``); its name on
the toolbar comes before that from the class (``title_text``, ``mode_title``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk.ui.context import DeskContext


class Screen(QWidget):
    """Subclasses set ``mode_key``, ``shortcut`` and ``title_text`` as class attributes;
    ``title`` is ``title_text`` in the current language."""

    mode_key: str = ""
    shortcut: str = ""
    # QT_TRANSLATE_NOOP("<the class's name>", "..."): translated in that class's context, as
    # ``self.tr`` in the class would be.
    title_text: str = ""
    carries_patron: bool = False      # holds one patron; takes one with ``take_patron``
    admin_only: bool = False          # offered only while an administrator is signed in

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title = self.mode_title()
        self._patron_stale = False      # the patron shown was changed while hidden

    @classmethod
    def mode_title(cls) -> str:
        """The mode's name in the current language, known before the screen is built."""
        if not cls.title_text:
            return cls.mode_key
        return QCoreApplication.translate(cls.__name__, cls.title_text)

    def handle_scan(self, code: str) -> None:
        """A scan (keyboard wedge or serial) arrived while this mode is active."""

    def activate(self) -> None:
        """The mode became active: put the focus in its scan field."""

    def reset(self) -> None:
        """Clear everything for the next patron."""

    # --- the patron this screen holds (``carries_patron`` screens) ----------------------------
    def current_patron(self) -> str | None:
        """The card of the patron this screen shows, if any."""
        return None

    def take_patron(self, card: str) -> None:
        """Show the patron with this card (brought here on purpose from another screen)."""

    def handoff(self, mode_key: str) -> str | None:
        """The card of the patron this screen offers to ``mode_key`` right now (a fine to
        collect: F11), or None. Asked when the staff go straight from here to that mode."""
        return None

    def patron_updated(self, card: str) -> None:
        """Another screen changed the patron with this card: if it is the one shown, read it
        again now when this screen is shown, else as soon as it is (``refresh_if_stale``)."""
        if card != self.current_patron():
            return
        if self.isVisible():
            self.reread_patron()
        else:
            self._patron_stale = True

    def reread_patron(self) -> None:
        """Read the patron shown afresh (screens that hold one)."""

    def refresh_if_stale(self) -> None:
        """Called by ``activate``: catch up with a change made while this screen was hidden."""
        if self._patron_stale:
            self._patron_stale = False
            self.reread_patron()
