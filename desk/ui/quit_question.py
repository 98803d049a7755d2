"""Ctrl+Q's question: quitting ends the desk for everybody at it, so the desk asks first. *Stay*
is the default and the Esc button: an Enter meant for a scan field does not close the desk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


class QuitQuestion(QMessageBox):
    """``on_quit`` is called when *Quit* is chosen."""

    def __init__(self, on_quit: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.NoButton,
                         parent)
        self.setObjectName("quitQuestion")
        self.setWindowTitle(self.tr("Quit"))
        self.setText(self.tr("Quit the circulation desk? Scans are not taken until it is "
                             "started again."))
        self.quit_button = self.addButton(self.tr("&Quit"), QMessageBox.ButtonRole.AcceptRole)
        stay = self.addButton(self.tr("&Stay"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(stay)
        self.setEscapeButton(stay)
        self._quit = on_quit
        self.buttonClicked.connect(self._chosen)

    def _chosen(self, button: QAbstractButton) -> None:
        if button is self.quit_button:
            self._quit()
