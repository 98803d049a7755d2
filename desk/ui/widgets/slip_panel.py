"""The *Last slip* panel: the slip drawn as the configured printer puts it on paper (the ESC/POS
raster at the paper's width, or the PDF page), under a line naming the printer, or saying where
the PDF slips go, or that there is no printer.

The drawing comes from ``desk.devices.slip_preview``; the PDF page is rendered with QtPdf. The
picture is scaled to the panel's width. A screen reader gets the slip's text as the picture's
description, and ``toPlainText`` gives it too.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from desk.devices.slip_preview import PrinterFacts, SlipPreview, printer_facts
from desk.ui.accessibility import describe

if TYPE_CHECKING:
    from desk.devices.printer.base import ReceiptPrinter
    from desk.ui.slips import PrintedSlip

log = logging.getLogger(__name__)


def qimage(preview_: SlipPreview, width: int) -> QImage:
    """The slip's picture: the ESC/POS raster as it is, the PDF's first page ``width`` wide."""
    if preview_.image is not None:
        image = preview_.image.convert("L")
        data = image.tobytes()
        return QImage(data, image.width, image.height, image.width,
                      QImage.Format.Format_Grayscale8).copy()
    from PySide6.QtPdf import QPdfDocument
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(preview_.pdf or b""))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.pageCount() < 1:
        raise ValueError(f"the PDF slip has no page ({document.error()})")
    page = document.pagePointSize(0)
    height = round(width * page.height() / page.width())
    image = document.render(0, QSize(width, height))
    document.close()
    return image


class SlipPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slipPanel")
        self.printer_line = QLabel()
        self.printer_line.setObjectName("slipPrinter")
        self.printer_line.setWordWrap(True)
        self.printer_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.picture = QLabel()
        self.picture.setObjectName("slipImage")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("slipScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.picture)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setAccessibleName(self.tr("Last slip"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.printer_line)
        layout.addWidget(self.scroll, 1)
        self.setMinimumWidth(300)
        self._text = ""
        self._image: QImage | None = None
        self.facts: PrinterFacts | None = None

    def show_printer(self, printer: ReceiptPrinter | None) -> None:
        """Say where slips go, before any was printed."""
        self.facts = printer_facts(printer)
        self.printer_line.setText(self.where(self.facts))

    def where(self, facts: PrinterFacts) -> str:
        if facts.kind == "escpos":
            return self.tr("Receipt printer %1 (%2 mm paper): the slip as it prints.") \
                .replace("%1", facts.name).replace("%2", str(facts.paper_mm))
        if facts.kind == "pdf":
            return self.tr("Slips are saved as PDF files in %1: the page as saved.") \
                .replace("%1", str(facts.folder))
        if facts.kind == "system":
            return self.tr("System printer %1: the slip as an 80 mm receipt printer prints it.") \
                .replace("%1", facts.name)
        return self.tr("No receipt printer is set up (Settings, Devices): slips are only "
                       "shown here, as an 80 mm receipt printer would print them.")

    def show_slip(self, slip: PrintedSlip, printer: ReceiptPrinter | None,
                  header: Sequence[str]) -> None:
        from desk.devices.slip_preview import preview
        from desk.ui.slips import device_slip_of
        self._text = slip.text()
        self.show_printer(printer)
        try:
            drawn = preview(device_slip_of(slip, header), printer)
            self._image = qimage(drawn, max(200, self.scroll.viewport().width()) * 2)
        except Exception:  # noqa: BLE001 - the slip was printed; only its picture failed
            log.exception("the slip preview could not be drawn")
            self._image = None
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self._text)
        else:
            self._fit()
        describe(self.picture, self.tr("Last slip"), self._text)

    def clear(self) -> None:
        """No slip shown (at sign-out: the last slip names a patron and their books); the
        printer line stays."""
        self._text, self._image = "", None
        self.picture.setPixmap(QPixmap())
        self.picture.setText("")
        describe(self.picture, self.tr("Last slip"), "")

    def toPlainText(self) -> str:  # noqa: N802 - as the text view it replaced
        return self._text

    def _fit(self) -> None:
        if self._image is None:
            return
        width = max(100, self.scroll.viewport().width() - 4)
        pixmap = QPixmap.fromImage(self._image.scaledToWidth(
            width, Qt.TransformationMode.SmoothTransformation))
        self.picture.setText("")
        self.picture.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()
