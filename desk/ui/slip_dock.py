"""The *Last slip* panel docked at the right of the main window: the last slip as the printer
puts it on paper (``SlipPanel``), with the library's header from the ``DeviceHub`` or the
``slip_header`` setting; it forgets the slip at a shift change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDockWidget, QWidget

from desk.ui.accessibility import name_widgets
from desk.ui.context import DeskContext
from desk.ui.slips import PrintedSlip
from desk.ui.widgets.slip_panel import SlipPanel

if TYPE_CHECKING:
    from desk.devices.printer.base import ReceiptPrinter


class SlipDock(QDockWidget):
    """``panel`` shows the slip; ``show_slip`` is connected to ``context.slips.printed``."""

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Last slip"))
        self.setObjectName("slipDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.panel = SlipPanel()
        self.panel.show_printer(self.printer())
        self.setWidget(self.panel)
        name_widgets(self)

    def printer(self) -> ReceiptPrinter | None:
        hub = self.context.devices
        return hub.printer if hub is not None else None

    def show_slip(self, slip: PrintedSlip) -> None:
        """The slip as the printer puts it on paper."""
        hub = self.context.devices
        header = hub.library if hub is not None else self.context.config.get("slip_header")
        header = (header,) if isinstance(header, str) else tuple(header)
        self.panel.show_slip(slip, self.printer(), header)

    def clear(self) -> None:
        """The last slip (a patron's name, their books) leaves the screen with the shift."""
        self.panel.clear()
        self.context.slips.forget()
