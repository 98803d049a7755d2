"""How a patron moves between the main window's screens, only ever on purpose: *Bring patron
here* (F8) shows, on the active screen, the patron of the screen used just before (checkout,
renew, patron search, fines), or the last checkout patron; on a screen without a patron it opens
checkout with them. A screen left may offer its patron to the mode chosen in words ("F11:
collect", ``Screen.handoff``); F4's *Check out to this patron* and *Pay* / *Waive* open checkout
or fines with them. When a screen changes a patron the other screens holding them refresh."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject

from desk.ui.screen import Screen
from desk.ui.screen_set import ScreenSet


class PatronWindow(Protocol):
    """What the patron moves need of the main window (which owns them)."""

    screens: ScreenSet
    is_signed_in: bool

    @property
    def active_screen(self) -> Screen | None: ...

    def set_mode(self, mode_key: str, *, handoff: bool = True) -> None: ...

    def show_status(self, text: str, level: str) -> None: ...


class PatronMoves(QObject):
    """``last``: the last checkout patron; ``recent``: the modes used before the one shown,
    newest first."""

    def __init__(self, window: PatronWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.last: str | None = None
        self.recent: list[str] = []

    def forget(self) -> None:
        """The visit at the desk ended: no patron is carried into the next one."""
        self.last = None
        self.recent = []

    def checkout_patron_changed(self, card: str) -> None:
        self.last = card

    def changed_elsewhere(self, card: str, source: str) -> None:
        """A screen changed this patron: the other screens holding them refresh."""
        for key, screen in self.window.screens.built().items():   # one not built holds none
            if key != source:
                screen.patron_updated(card)

    def switched(self, previous: Screen | None, screen: Screen, handoff: bool) -> None:
        """The window went from ``previous`` to ``screen``; ``handoff``: the screen left may
        hand its offered patron to it."""
        if previous is None or previous is screen:
            return
        self.recent = [previous.mode_key, *(key for key in self.recent
                                            if key != previous.mode_key)]
        card = previous.handoff(screen.mode_key) if handoff else None
        if card and screen.carries_patron:
            # The screen left offered this patron for this mode in words ("F11: collect").
            screen.take_patron(card)
            self._brought(card)

    def to_bring(self) -> str | None:
        """The patron *Bring patron here* shows: the one on the most recently used other
        screen that holds a patron, else the last checkout patron."""
        active = self.window.active_screen
        for key in self.recent:
            screen = self.window.screens.get(key)
            if screen is not None and screen is not active and screen.carries_patron:
                card = screen.current_patron()
                if card:
                    return card
        return self.last

    def recall(self) -> None:
        """F8, *Bring patron here*: the one deliberate way a patron goes to another screen."""
        card = self.to_bring()
        if card is None:
            self.window.show_status(self.tr("No patron to bring here."), "warning")
            return
        screen = self.window.active_screen
        if screen is None or not screen.carries_patron:
            self.checkout(card)
            return
        screen.take_patron(card)
        self._brought(card)

    def _brought(self, card: str) -> None:
        self.window.show_status(self.tr("Patron %1 brought here.").replace("%1", card), "info")

    def checkout(self, card: str) -> None:
        """Checkout (F1) with this patron (F4's *Check out to this patron*, or F8)."""
        checkout = self.window.screens.get("checkout")
        if checkout is None or not self.window.is_signed_in:
            return
        self.window.set_mode("checkout", handoff=False)
        checkout.take_patron(card)

    def fines(self, card: str, charge_ids: list[int], action: str) -> None:
        """The patron screen's *Pay* / *Waive*: the Fines screen (F11), which owns payments
        and waivers, with this patron and these charges chosen."""
        from desk.ui.screens.fines import FinesScreen
        fines = self.window.screens.get("fines")
        if not isinstance(fines, FinesScreen) or not self.window.is_signed_in:
            return
        self.window.set_mode("fines", handoff=False)
        fines.open_for(card, charge_ids, action)
