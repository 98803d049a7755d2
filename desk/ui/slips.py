"""Slips as the screens hand them over, and the two sinks they go to.

``ScreenSlip`` is what screens give ``context.slips.print_slip``: a kind (checkout, checkin,
hold, transit, ...), a title, the lines shown in the slip preview and, for the receipt printer,
the ``desk.devices`` slip it was made from (``ScreenSlip.from_device``). ``PreviewSlipSink``
only keeps the slips and announces them (``printed``) for the on-screen preview.
``DeviceSlipSink`` does the same and sends every slip through the ``DeviceHub``'s print queue
(kept on disk until printed; offline or out of paper leaves it queued, see
``desk.devices.printer.queue``). Objects that are not ``ScreenSlip`` work too when they have
``kind``, ``title``, ``lines`` and optionally ``device_slip`` (the money screens' receipts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from desk.devices.slips import Slip, SlipKind, SlipLine

HISTORY = 50


class PrintedSlip(Protocol):
    """What screens hand to ``context.slips`` (``ScreenSlip``, a money screen's
    ``ReceiptSlip``): lines for the preview, and the devices' slip when there is one."""

    kind: str
    title: str
    lines: list[str]
    barcode: str | None

    @property
    def device_slip(self) -> Slip | None: ...

    def text(self) -> str: ...


@dataclass
class ScreenSlip:
    kind: str
    title: str
    lines: list[str] = field(default_factory=list)
    barcode: str | None = None
    device_slip: Slip | None = None

    def text(self) -> str:
        return "\n".join([self.title, "-" * 24, *self.lines])

    @classmethod
    def from_device(cls, slip: Slip) -> ScreenSlip:
        """The preview of a devices slip: every printed line but the title (shown above)."""
        lines = [line for line in slip.text_lines() if line != slip.title or not slip.title]
        return cls(slip.kind.value, slip.title, lines, slip.barcode, slip)


def device_slip_of(slip: PrintedSlip, header: Sequence[str] = ()) -> Slip:
    """The devices slip to print for any slip a screen made (plain lines when it has none)."""
    if slip.device_slip is not None:
        return slip.device_slip
    try:
        slip_kind = SlipKind(slip.kind)
    except ValueError:            # settlement, pull list: SlipKind has no such kind yet
        slip_kind = SlipKind.TEST
    lines = tuple(SlipLine("", str(line)) for line in slip.lines)
    return Slip(slip_kind, slip.title, tuple(header), lines, slip.barcode)


class PreviewSlipSink(QObject):
    """Collects slips and announces them (``printed``) for the on-screen preview."""

    printed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history: list[PrintedSlip] = []
        self.forgotten = False      # signed out since the last slip: nothing to reprint

    @property
    def last(self) -> PrintedSlip | None:
        return self.history[-1] if self.history else None

    def print_slip(self, slip: PrintedSlip) -> None:
        self.history.append(slip)
        del self.history[:-HISTORY]
        self.forgotten = False
        self.printed.emit(slip)

    def forget(self) -> None:
        """Sign-out: the next staff member does not see or reprint the last patron's slips."""
        self.history.clear()
        self.forgotten = True

    def reprint(self) -> bool:
        """*Reprint last slip* (F9): False when there is none."""
        if self.last is None:
            return False
        self.print_slip(self.last)
        return True


class DeviceSlipSink(PreviewSlipSink):
    """The preview, plus the receipt printer through ``hub`` (a ``DeviceHub``). With no
    printer configured slips stay on screen only (nothing piles up in the queue)."""

    def __init__(self, hub: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub

    @property
    def has_printer(self) -> bool:
        from desk.devices.printer.base import NoPrinter
        return not isinstance(self.hub.printer, NoPrinter)

    def print_slip(self, slip: PrintedSlip) -> None:
        super().print_slip(slip)
        if self.has_printer:
            header = self.hub.library
            header = (header,) if isinstance(header, str) else tuple(header)
            self.hub.print_slip(device_slip_of(slip, header))

    def reprint(self) -> bool:
        """The last slip of this session again, or after a restart the queue's last printed."""
        if self.last is not None:
            return super().reprint()
        if not self.has_printer or self.forgotten:
            return False
        self.hub.reprint_last()
        return True
