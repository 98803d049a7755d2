"""The slip as the configured printer will put it on paper, for the desk's slip panel.

An ESC/POS printer: the very bytes it would be sent (``slip_to_escpos`` with the printer's own
layout: paper width, Chinese as raster or Big5), decoded and drawn dot for dot
(``escpos_preview``). A PDF printer: the PDF page it would write (``slip_to_pdf`` at its page
size), for the screen to render. The system printer and no printer: the 80 mm ESC/POS raster,
the common receipt roll. Nothing here opens a port or writes a file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from desk.devices.printer.base import NoPrinter, ReceiptPrinter
from desk.devices.slips import Slip

if TYPE_CHECKING:     # Pillow and the ESC/POS renderer load with the first slip, not at start
    from PIL import Image

    from desk.devices.printer.escpos_render import EscposLayout

Kind = Literal["escpos", "pdf", "system", "none"]
MM_PER_INCH = 25.4
DOTS_PER_INCH = 203


@dataclass(frozen=True)
class PrinterFacts:
    """What the slip panel says about the printer: its kind, its name (the URL or queue it was
    configured with), the paper width in millimetres, and for a PDF printer its folder."""

    kind: Kind
    name: str
    paper_mm: int
    folder: Path | None = None


@dataclass(frozen=True)
class SlipPreview:
    """The slip drawn as printed (``image``, greyscale) or as the PDF page (``pdf`` bytes)."""

    facts: PrinterFacts
    image: Image.Image | None = None
    pdf: bytes | None = None


def printer_facts(printer: ReceiptPrinter | None) -> PrinterFacts:
    if printer is None or isinstance(printer, NoPrinter):
        return PrinterFacts("none", "", 80)
    # The printer's own module is loaded already: it made the printer.
    from desk.devices.printer.escpos_printer import EscposPrinter
    from desk.devices.printer.pdf import PdfPrinter
    if isinstance(printer, EscposPrinter):
        width = round(printer.layout.width_dots / DOTS_PER_INCH * MM_PER_INCH)
        return PrinterFacts("escpos", printer.description, 80 if width >= 70 else 58)
    if isinstance(printer, PdfPrinter):
        return PrinterFacts("pdf", str(printer.directory), 210 if printer.page == "a4" else 80,
                            printer.directory)
    if printer is not None and type(printer).__name__ == "SystemPrinter":
        return PrinterFacts("system", getattr(printer, "description", "") or "system", 80)
    return PrinterFacts("none", "", 80)


def escpos_image(slip: Slip, layout: EscposLayout | None = None) -> Image.Image:
    """The paper an ESC/POS printer with ``layout`` prints for ``slip``."""
    from desk.devices.escpos_decode import decode
    from desk.devices.escpos_preview import to_png_image
    from desk.devices.printer.escpos_render import EscposLayout, slip_to_escpos
    layout = layout or EscposLayout()
    elements = decode(slip_to_escpos(slip, layout)).elements
    return to_png_image(elements, layout.width_dots)


def preview(slip: Slip, printer: ReceiptPrinter | None) -> SlipPreview:
    """The slip as ``printer`` will print it (see the module docstring)."""
    from desk.devices.printer.escpos_printer import EscposPrinter
    from desk.devices.printer.pdf import PdfPrinter, slip_to_pdf
    facts = printer_facts(printer)
    if isinstance(printer, PdfPrinter):
        out = io.BytesIO()
        slip_to_pdf(slip, out, printer.page)
        return SlipPreview(facts, pdf=out.getvalue())
    layout = printer.layout if isinstance(printer, EscposPrinter) else None
    return SlipPreview(facts, image=escpos_image(slip, layout))
