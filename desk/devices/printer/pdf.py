"""A ``Slip`` as a PDF (reportlab): on an 80 mm roll or on A4, Chinese in an embedded CJK font.

The CJK font (see ``desk.devices.fonts``) is registered once as ``DeskCJK`` and embedded as a
subset, with a ToUnicode map, so the text can be searched and extracted. The barcode is a vector
Code 128 with its human-readable text. ``PdfPrinter`` is the "pdf" printer kind: every slip
becomes a file in a directory (archives, or a desk with no receipt printer).
"""

from __future__ import annotations

import itertools
import threading
from pathlib import Path
from typing import BinaryIO, Literal

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desk.wording import devices as messages
from desk.devices.fonts import cjk_font_path
from desk.wording import text as tr
from desk.devices.printer.base import PrinterError, ReceiptPrinter
from desk.devices.slips import Slip, format_datetime, wrap_measured
from desk.devices.status import DeviceState

FONT = "DeskCJK"
Page = Literal["roll80", "a4"]
_font_lock = threading.Lock()


def register_cjk_font() -> str:
    """Register the CJK font with reportlab (once) and return its name."""
    with _font_lock:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            path = cjk_font_path()
            pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0) if path.suffix.lower() == ".ttc"
                                    else TTFont(FONT, str(path)))
    return FONT


def wrap_width(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` cut into pieces no wider than ``width`` points."""
    return wrap_measured(text, lambda piece: pdfmetrics.stringWidth(piece, font, size), width)


class _Layout:
    def __init__(self, page: Page) -> None:
        if page not in ("roll80", "a4"):
            raise ValueError(f"page must be 'roll80' or 'a4', not {page!r}")
        self.page = page
        self.width = 80 * mm if page == "roll80" else A4[0]
        self.margin = 4 * mm if page == "roll80" else 20 * mm
        self.size = 9.0 if page == "roll80" else 11.0
        self.lead = self.size * 1.4
        self.bar_height = 12 * mm
        self.bar_width = 0.33 * mm if page == "roll80" else 0.4 * mm


def _content(slip: Slip, layout: _Layout) -> list[tuple[str, float, str]]:
    """(text, size, align) rows, wrapped to the printable width."""
    inner = layout.width - 2 * layout.margin
    rows: list[tuple[str, float, str]] = []

    def add(text: str, size: float, align: str) -> None:
        rows.extend((piece, size, align) for piece in wrap_width(text, FONT, size, inner))

    for index, header_line in enumerate(slip.header):
        add(header_line, layout.size * (1.6 if index == 0 else 1.0), "center")
    add(slip.title, layout.size * 1.3, "center")
    add(format_datetime(slip.created_at), layout.size, "center")
    rows.append(("-", layout.size, "rule"))
    for line in slip.lines:
        add(line.text(), layout.size, "left")
    rows.append(("-", layout.size, "rule"))
    return rows


def slip_to_pdf(slip: Slip, target: str | Path | BinaryIO, page: Page = "roll80") -> None:
    """Write ``slip`` as a PDF to a path or a binary file object."""
    register_cjk_font()
    layout = _Layout(page)
    rows = _content(slip, layout)
    footer = [(piece, layout.size, "center") for text in slip.footer
              for piece in wrap_width(text, FONT, layout.size, layout.width - 2 * layout.margin)]
    barcode = (Code128(slip.barcode, barWidth=layout.bar_width, barHeight=layout.bar_height,
                       humanReadable=True, fontName=FONT, fontSize=layout.size)
               if slip.barcode else None)
    bar_block = layout.bar_height + layout.size * 2.5 if barcode else 0.0
    content_height = sum(size * 1.4 for _, size, _ in rows + footer) + bar_block
    if page == "roll80":
        page_size = (layout.width, content_height + 2 * layout.margin)
    else:
        page_size = A4
    canvas = Canvas(str(target) if isinstance(target, (str, Path)) else target, pagesize=page_size)
    canvas.setTitle(slip.title)
    y = page_size[1] - layout.margin
    all_rows = rows + footer
    for index, (text, size, align) in enumerate(all_rows):
        if y - size * 1.4 < layout.margin:
            canvas.showPage()
            y = page_size[1] - layout.margin
        y -= size * 1.4
        _draw(canvas, layout, text, size, align, y)
        if index == len(rows) - 1 and barcode is not None:
            if y - bar_block < layout.margin:
                canvas.showPage()
                y = page_size[1] - layout.margin
            y -= bar_block
            x = (layout.width - barcode.width) / 2 if page == "roll80" else layout.margin
            barcode.drawOn(canvas, x, y + layout.size * 1.6)
    canvas.showPage()
    canvas.save()


def _draw(canvas: Canvas, layout: _Layout, text: str, size: float, align: str, y: float) -> None:
    if align == "rule":
        canvas.setLineWidth(0.5)
        canvas.line(layout.margin, y + size * 0.4, layout.width - layout.margin, y + size * 0.4)
        return
    canvas.setFont(FONT, size)
    if align == "center":
        canvas.drawCentredString(layout.width / 2, y, text)
    else:
        canvas.drawString(layout.margin, y, text)


class PdfPrinter(ReceiptPrinter):
    """Writes each slip to ``directory`` as ``YYYYmmdd-HHMMSS-kind-N.pdf``."""

    def __init__(self, directory: str | Path, page: Page = "roll80") -> None:
        super().__init__()
        _Layout(page)
        self.directory = Path(directory)
        self.page = page
        self.last_path: Path | None = None
        self._counter = itertools.count(1)

    def print_slip(self, slip: Slip) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            while True:
                name = f"{slip.created_at:%Y%m%d-%H%M%S}-{slip.kind.value}-{next(self._counter)}.pdf"
                path = self.directory / name
                if not path.exists():
                    break
            temporary = path.with_suffix(".part")
            slip_to_pdf(slip, temporary, self.page)
            temporary.replace(path)
        except OSError as error:
            message = tr(messages.PRINTER_OFFLINE, detail=error)
            self.reporter.set(DeviceState.ERROR, message)
            raise PrinterError(message) from error
        self.last_path = path
        self.reporter.set(DeviceState.CONNECTED, tr(messages.PRINTER_PDF_WRITTEN, path=path))

    def test(self) -> str:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            register_cjk_font()
        except (OSError, FileNotFoundError) as error:
            raise PrinterError(tr(messages.PRINTER_OFFLINE, detail=error)) from error
        detail = tr(messages.PRINTER_READY, target=self.directory)
        self.reporter.set(DeviceState.CONNECTED, detail)
        return detail
