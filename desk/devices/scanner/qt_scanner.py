"""Qt face of the serial scanner: ``scanned(str)``, ``rejected(str)``, ``status_changed(str, str)``.

Signals are emitted from the reader thread; Qt queues them to receivers in the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desk.devices.scanner.serial_scanner import (
    SerialScannerSettings,
    SerialScannerWorker,
)
from desk.devices.status import DeviceStatus, StatusReporter


class SerialScanner(QObject):
    """A serial scanner as a ``QObject``; ``start()`` it, ``stop()`` it before quitting."""

    scanned = Signal(str)
    rejected = Signal(str)
    status_changed = Signal(str, str)

    def __init__(self, settings: SerialScannerSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = StatusReporter()
        self._status.add_listener(self._emit_status)
        self.worker = SerialScannerWorker(
            settings, on_scan=self.scanned.emit, on_reject=self.rejected.emit, status=self._status)

    @property
    def status(self) -> DeviceStatus:
        return self._status.status

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()

    def _emit_status(self, status: DeviceStatus) -> None:
        self.status_changed.emit(status.state.value, status.detail)
