"""The main window's status bar: the last scan's outcome (``ScanFeedback``), the latest message
with its level, a busy bar shown when work takes longer than ``BUSY_DELAY_MS``, the device status
area and print-queue warning when a ``DeviceHub`` runs, and who is signed in at which desk.

It only shows what it is told; the main window connects the message bridge and the hub's
signals to it in one place. ``build`` makes the widgets anew in the current language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from desk.ui.scan_feedback import ScanFeedback, repolish
from desk.ui.widgets.device_status import DeviceStatusArea

if TYPE_CHECKING:
    from desk.devices.hub import DeviceHub

BUSY_DELAY_MS = 150
DEVICES = ("scanner", "strip", "rfid", "printer")


class StatusBar(QObject):
    """The widgets are ``scan`` (its ``label``), ``status_text``, ``busy_bar``, ``who`` and
    ``device_status`` (None without a hub)."""

    def __init__(self, bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(lambda: self.busy_bar.show())
        self.device_status: DeviceStatusArea | None = None
        self._widgets: list[QWidget] = []      # what a rebuild takes off the bar

    def build(self, hub: DeviceHub | None) -> None:
        for old in self._widgets:
            self.bar.removeWidget(old)
            old.deleteLater()
        self.scan = ScanFeedback()       # made anew with its label: not a child
        self.status_text = QLabel()
        self.status_text.setObjectName("statusText")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.hide()
        self.who = QLabel()
        self.bar.addWidget(self.scan.label, 3)
        self.bar.addWidget(self.status_text, 1)
        self.bar.addPermanentWidget(self.busy_bar)
        self.device_status = None
        if hub is not None:
            self.device_status = DeviceStatusArea()
            for device in DEVICES:
                status = hub.status(device)
                self.device_status.set_status(device, status.state.value, status.detail)
            self.device_status.set_queue(hub.queue.count, hub.queue.message())
            self.bar.addPermanentWidget(self.device_status)
        self.bar.addPermanentWidget(self.who)
        self._widgets = [self.scan.label, self.status_text, self.busy_bar, self.who,
                         *([self.device_status] if self.device_status else [])]

    def show(self, text: str, level: str) -> None:
        """A message; the first after a scan is that scan's outcome, shown large instead,
        until the next scan."""
        outcome = self.scan.take(text, level)
        self.status_text.setVisible(not outcome)
        self.status_text.setText(text)
        self.status_text.setProperty("level", level)
        repolish(self.status_text)

    def set_busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start(BUSY_DELAY_MS)
        else:
            self._busy_timer.stop()
            self.busy_bar.hide()

    # --- the DeviceHub's reports ------------------------------------------------------------
    def device_changed(self, device: str, state: str, detail: str) -> None:
        if self.device_status is not None:
            self.device_status.set_status(device, state, detail)

    def print_queue_changed(self, pending: int, message: str) -> None:
        before = self.device_status.pending if self.device_status is not None else 0
        if self.device_status is not None:
            self.device_status.set_queue(pending, message)
        if pending > before:
            self.show(message, "warning")
        elif before and not pending:
            self.show(self.tr("Every waiting slip has been printed."), "info")

    def drawer_finished(self, ok: bool, message: str) -> None:
        if not ok:
            self.show(self.tr("The cash drawer did not open: %1").replace("%1", message),
                      "warning")
