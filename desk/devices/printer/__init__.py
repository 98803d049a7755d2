"""Receipt printers: ESC/POS over serial/USB/network/file, PDF, none; the print queue.

Slips come from ``desk.devices.slips`` (model) and ``desk.devices.slip_builders``.
"""

from desk.devices.printer.base import (
    NoPrinter,
    PrinterError,
    PrinterStatus,
    ReceiptPrinter,
)
from desk.devices.printer.escpos_printer import EscposPrinter, connect
from desk.devices.printer.escpos_render import (
    EscposLayout,
    EscposSlipWriter,
    slip_to_escpos,
)
from desk.devices.printer.pdf import PdfPrinter, slip_to_pdf
from desk.devices.printer.queue import PrintQueue

__all__ = [
    "EscposLayout", "EscposPrinter", "EscposSlipWriter", "NoPrinter", "PdfPrinter", "PrintQueue",
    "PrinterError", "PrinterStatus", "ReceiptPrinter", "connect", "slip_to_escpos", "slip_to_pdf",
]
