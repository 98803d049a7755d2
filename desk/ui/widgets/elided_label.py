"""``ElidedLabel``: a one-line label that ends in "…" when its text does not fit.

A plain ``QLabel`` whose size policy lets the layout give it less room than its text cuts the
text off mid-word ("SHELV" for "SHELVE"), and nothing shows that something is missing. This
one draws as much as fits followed by "…"; ``text()`` is still the whole text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """A label showing its text cut with "…" at the width it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._whole = text
        self._fit()

    def text(self) -> str:
        return self._whole

    def clear(self) -> None:
        self._whole = ""
        super().clear()

    def shown_text(self) -> str:
        """What is drawn: the text, or its start and "…"."""
        return super().text()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()      # a bigger text size or the high-contrast style

    def _fit(self) -> None:
        width = self.contentsRect().width()
        if width <= 0:       # not laid out yet: the resize to come fits it
            super().setText(self._whole)
            return
        super().setText(self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideRight,
                                                      width))
