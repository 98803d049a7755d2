"""Slips as the screens make them, and the on-screen sink used until a printer is wired.

``ScreenSlip`` is the plain model screens hand to ``context.slips.print_slip``: a kind
(checkout, checkin, hold, transit, ...), a title and its lines. ``PreviewSlipSink`` keeps the
last slips and shows each in the slip preview panel; the app swaps in the printer when
``desk.devices`` is configured.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal


@dataclass
class ScreenSlip:
    kind: str
    title: str
    lines: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join([self.title, "-" * 24, *self.lines])


class PreviewSlipSink(QObject):
    """Collects slips and announces them (``printed``) for the on-screen preview."""

    printed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history: list[object] = []

    @property
    def last(self) -> object | None:
        return self.history[-1] if self.history else None

    def print_slip(self, slip: object) -> None:
        self.history.append(slip)
        del self.history[:-50]
        self.printed.emit(slip)
