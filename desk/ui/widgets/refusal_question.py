"""The question before a visit ends while a scanned book was refused and not resolved: it names
every such book and its reasons; Enter (and Esc) go back to the visit, *Finish anyway* ends it.

Opened with ``open()`` (window-modal, not blocking), so the screen and the tests carry on while
it is up; ``finish_confirmed`` when staff choose to finish anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


class UnresolvedRefusalsQuestion(QMessageBox):
    """Asks before finishing; ``lines`` are one text per refused book (barcode and reasons)."""

    finish_confirmed = Signal()

    def __init__(self, lines: Sequence[str], override_key: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unresolvedRefusalsQuestion")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Books not lent"))
        self.setText(self.tr("These books were scanned in this visit but not lent:") + "\n"
                     + "\n".join(f"• {line}" for line in lines))
        self.setInformativeText(
            self.tr("Go back to lend them (a supervisor may allow some: select the row and "
                    "press %1), or finish the visit anyway?").replace("%1", override_key))
        self.go_back = self.addButton(self.tr("&Go back"), QMessageBox.ButtonRole.RejectRole)
        self.finish_anyway = self.addButton(self.tr("&Finish anyway"),
                                            QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.go_back)
        self.setEscapeButton(self.go_back)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.finish_anyway:
            self.finish_confirmed.emit()
