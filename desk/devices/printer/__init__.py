"""Receipt printers: ESC/POS over serial/USB/network/file, PDF, none; the print queue.

Slips come from ``desk.devices.slips`` (model) and ``desk.devices.slip_builders``.
"""

import importlib
from typing import Any

# python-escpos takes half a second to import: the submodules load when first used.
_WHERE = {
    "NoPrinter": "base", "PrinterError": "base", "PrinterStatus": "base",
    "ReceiptPrinter": "base", "EscposPrinter": "escpos_printer", "connect": "escpos_printer",
    "EscposLayout": "escpos_render", "EscposSlipWriter": "escpos_render",
    "slip_to_escpos": "escpos_render", "PdfPrinter": "pdf", "slip_to_pdf": "pdf",
    "PrintQueue": "queue",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
