"""The system printer through Qt's print support (QtPrintSupport): an office or label printer
the operating system knows, for desks without an ESC/POS receipt printer.

The slip is laid out as a small rich-text document (its lines, then the Code 128 barcode as an
image) and painted on a ``QPrinter``: the named printer, the system's default one, or a PDF file
(Qt's own "print to file", also what the tests read back). Painting on a QPrinter is allowed off
the GUI thread, which is where the device hub prints.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.printer.base import PrinterError, ReceiptPrinter
from desk.devices.slips import Slip
from desk.devices.status import DeviceState

ROLL_WIDTH_MM = 80.0
BARCODE_RESOURCE = "slip://barcode.png"


def barcode_png(value: str) -> bytes:
    """A Code 128 image of ``value`` (python-barcode, PNG)."""
    from barcode import Code128
    from barcode.writer import ImageWriter

    out = io.BytesIO()
    Code128(value, writer=ImageWriter()).write(
        out, options={"module_width": 0.3, "module_height": 10.0, "font_size": 0,
                      "quiet_zone": 4.0, "write_text": False})
    return out.getvalue()


def slip_document(slip: Slip) -> QTextDocument:
    """The slip as a text document: header, title, lines, barcode, footer."""
    document = QTextDocument()
    parts = [f"<p align='center'>{html.escape(line)}</p>" for line in slip.header]
    parts.append(f"<h3 align='center'>{html.escape(slip.title)}</h3>")
    body = slip.text_lines()[len(slip.header) + 1:]
    if slip.barcode:
        body = [line for line in body if line != f"[{slip.barcode}]"]
    footer = list(slip.footer)
    main = body[:len(body) - len(footer)] if footer else body
    parts += [f"<div>{html.escape(line)}</div>" for line in main]
    if slip.barcode:
        image = QImage.fromData(QByteArray(barcode_png(slip.barcode)))    # PNG, detected
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(BARCODE_RESOURCE), image)
        parts.append(f"<p align='center'><img src='{BARCODE_RESOURCE}' width='170'><br>"
                     f"{html.escape(slip.barcode)}</p>")
    parts += [f"<p align='center'>{html.escape(line)}</p>" for line in footer]
    document.setHtml("".join(parts))
    return document


class SystemPrinter(ReceiptPrinter):
    """Slips on a printer of the operating system (``name``; empty: the default printer), or
    into the PDF file ``output_file``."""

    def __init__(self, name: str = "", *, output_file: str | Path | None = None,
                 roll: bool = True) -> None:
        super().__init__()
        self.name = name
        self.output_file = Path(output_file) if output_file else None
        self.roll = roll
        self.reporter.set(DeviceState.CONNECTED, self._target())

    def _target(self) -> str:
        if self.output_file is not None:
            return str(self.output_file)
        return self.name or "system default printer"

    def _printer(self) -> QPrinter:
        if self.output_file is not None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output_file))
        else:
            info = QPrinterInfo.printerInfo(self.name) if self.name else QPrinterInfo.defaultPrinter()
            if info.isNull():
                detail = f"no system printer named {self.name!r}" if self.name else \
                    "the system has no default printer"
                self.reporter.set(DeviceState.ERROR, detail)
                raise PrinterError(tr(messages.PRINTER_OFFLINE, detail=detail))
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        if self.roll:
            printer.setPageSize(QPageSize(QSizeF(ROLL_WIDTH_MM, 200.0), QPageSize.Unit.Millimeter))
        printer.setPageMargins(QMarginsF(4, 4, 4, 4), QPageLayout.Unit.Millimeter)
        return printer

    def print_slip(self, slip: Slip) -> None:
        printer = self._printer()
        document = slip_document(slip)
        document.setPageSize(printer.pageRect(QPrinter.Unit.Point).size())
        document.print_(printer)
        if self.output_file is not None and not self.output_file.exists():
            self.reporter.set(DeviceState.ERROR, str(self.output_file))
            raise PrinterError(tr(messages.PRINTER_OFFLINE, detail=f"{self.output_file} not written"))
        self.reporter.set(DeviceState.CONNECTED, self._target())

    def test(self) -> str:
        if self.output_file is None:
            self._printer()  # raises when the printer is unknown
        return tr(messages.PRINTER_READY, target=self._target())
