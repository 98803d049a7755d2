"""The receipt-printer interface and the "no printer" printer.

``print_slip`` returns when the printer took the slip and raises ``PrinterError`` (with a message
for staff) when it did not: unreachable, out of paper, cover open. The print queue keeps slips
that raised and tries again later.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.slips import Slip
from desk.devices.status import DeviceState, DeviceStatus, StatusReporter


class PrinterError(Exception):
    """The slip was not printed; ``str(error)`` is for staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class PrinterStatus:
    """What the printer reports (``known`` False when it reports nothing: all flags are guesses)."""

    known: bool
    online: bool = True
    paper_out: bool = False
    paper_low: bool = False
    cover_open: bool = False

    @property
    def ready(self) -> bool:
        return self.online and not self.paper_out and not self.cover_open

    def problem(self) -> str:
        """The message for staff when not ready ("" when ready)."""
        if self.cover_open:
            return tr(messages.PRINTER_COVER_OPEN)
        if self.paper_out:
            return tr(messages.PRINTER_PAPER_OUT)
        if not self.online:
            return tr(messages.PRINTER_OFFLINE, detail="offline")
        return ""


class ReceiptPrinter(ABC):
    """One receipt printer (ESC/POS, PDF, or none)."""

    has_drawer = False

    def __init__(self) -> None:
        self.reporter = StatusReporter()

    @property
    def status(self) -> DeviceStatus:
        return self.reporter.status

    @abstractmethod
    def print_slip(self, slip: Slip) -> None:
        """Print ``slip`` or raise PrinterError."""

    def open_drawer(self) -> None:
        """Kick the cash drawer connected to the printer."""
        raise PrinterError(tr(messages.PRINTER_NO_DRAWER))

    def query_status(self) -> PrinterStatus:
        return PrinterStatus(known=False)

    def test(self) -> str:
        """Check the printer can be reached (prints nothing); a detail text or PrinterError."""
        return self.status.detail

    def close(self) -> None:
        """Release the connection."""


class NoPrinter(ReceiptPrinter):
    """No printer: printing fails with a clear message, so slips stay queued and visible."""

    def __init__(self) -> None:
        super().__init__()
        self.reporter.set(DeviceState.OFF, tr(messages.PRINTER_NONE))

    def print_slip(self, slip: Slip) -> None:
        raise PrinterError(tr(messages.PRINTER_NONE))

    def test(self) -> str:
        return tr(messages.PRINTER_NONE)
