"""The last scan's outcome, large, at the left of the status bar: ``… code`` while the scan is
worked on, then the first message after it (the scan's outcome) with an icon and a word besides
its colour, until the next scan. Other messages go beside it (``StatusBar``)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk.ui.accessibility import describe
from desk.ui.widgets.elided_label import ElidedLabel


def repolish(widget: QWidget) -> None:
    """A dynamic property changed: the style sheet is applied again (the colours follow it)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ScanFeedback(QObject):
    """``label`` shows the last scan; ``taken(code)`` when a scan goes to the active mode,
    ``take(text, level)`` offers a message (True: it was that scan's outcome)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = ElidedLabel()
        self.label.setObjectName("lastScan")
        self.label.setAccessibleName(self.tr("Last scan"))
        # A long outcome never widens the window: the whole text is in the tool tip.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.waiting = False         # a scan was taken; its outcome is the next message
        self.code = ""

    def taken(self, code: str) -> None:
        self.waiting = True
        self.code = code
        self.label.setText(f"… {code}")
        self.label.setProperty("outcome", "waiting")
        repolish(self.label)         # not the last refusal's red

    def take(self, text: str, level: str) -> bool:
        """Show ``text`` as the outcome of the scan waiting for one, if any."""
        if not self.waiting:
            return False
        self.show_outcome(text, level)
        return True

    def show_outcome(self, text: str, level: str) -> None:
        self.waiting = False
        icon, word = {"error": ("✖", self.tr("Refused")), "warning": ("⚠", self.tr("Check")),
                      }.get(level, ("✔", self.tr("Done")))
        code = self.code
        shown = text if not code or code in text else f"{code} — {text}"
        self.label.setText(f"{icon} {word}: {shown}")
        self.label.setToolTip(text)
        self.label.setProperty("outcome", level)
        repolish(self.label)
        describe(self.label, self.tr("Last scan"), f"{word}: {text}")

    def clear(self) -> None:
        """The shift ended: the last scan may name the last patron."""
        self.label.clear()
        self.waiting = False
