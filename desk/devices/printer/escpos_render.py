"""A ``Slip`` as ESC/POS commands, written through python-escpos.

Traditional Chinese: printed as raster images of the text, rendered with Pillow and a CJK font
(``cjk="raster"``, the default), because that works on every ESC/POS printer that prints images
(``GS v 0``), whatever fonts and code pages it has: international models have no Big5 font at
all, and Chinese models differ in how they enter Chinese mode. ``cjk="big5"`` sends the text in
Big5 between ``FS &`` and ``FS .`` instead: faster and sharper, for printers known to have a
Traditional Chinese font ROM. Pure-ASCII lines always go out as plain text.

Barcodes are printed by the printer itself (``GS k``, Code 128 code set B), human-readable text
below. The layout is: header (library name large), title, time, rule, label/value lines, rule,
barcode, footer, cut.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from escpos.escpos import Escpos
from escpos.image import EscposImage
from escpos.printer import Dummy
from PIL import Image, ImageDraw, ImageFont

from desk.devices.fonts import cjk_font_path
from desk.devices.slips import Slip, format_datetime, wrap_columns, wrap_measured

GS, ESC, FS = b"\x1d", b"\x1b", b"\x1c"
Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class EscposLayout:
    """Paper and rendering settings (80 mm paper at 203 dpi: 576 dots, 48 columns of font A)."""

    width_dots: int = 576
    columns: int = 48
    cjk: Literal["raster", "big5"] = "raster"
    font_path: str = ""
    font_px: int = 24
    barcode_height: int = 80
    barcode_module: int = 2
    cut: bool = True

    def __post_init__(self) -> None:
        if self.cjk not in ("raster", "big5"):
            raise ValueError(f"cjk must be 'raster' or 'big5', not {self.cjk!r}")


def is_plain(text: str) -> bool:
    """Text any printer prints as it is: printable ASCII."""
    return text.isascii() and text.isprintable()


def code128_data(value: str) -> bytes:
    """``GS k`` Code 128 data in code set B (``{`` itself is sent as ``{{``)."""
    if not value or not is_plain(value):
        raise ValueError(f"Code 128 set B takes printable ASCII, not {value!r}")
    return b"{B" + value.replace("{", "{{").encode("ascii")


def barcode_bytes(value: str, height: int, module: int) -> bytes:
    """Centre, height, module width, HRI font A below, then ``GS k 73 n data``."""
    data = code128_data(value)
    return (ESC + b"a\x01" + GS + b"h" + bytes([height]) + GS + b"w" + bytes([module])
            + GS + b"f\x00" + GS + b"H\x02" + GS + b"kI" + bytes([len(data)]) + data)


def raster_bytes(image: Image.Image) -> bytes:
    """``GS v 0`` normal density with python-escpos's 1-bit conversion (1 = black dot)."""
    im = EscposImage(image)
    return bytes(GS + b"v0\x00" + im.width_bytes.to_bytes(2, "little")
                 + im.height.to_bytes(2, "little") + im.to_raster_format())


def _font(layout: EscposLayout, scale: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(layout)), layout.font_px * scale)


def wrap_pixels(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` cut into pieces no wider than ``width`` pixels (at spaces when it can)."""
    return wrap_measured(text, font.getlength, width)


def text_image(text: str, layout: EscposLayout, align: Align, scale: int = 1) -> Image.Image:
    """One line of text drawn across the paper width, black on white."""
    font = _font(layout, scale)
    ascent, descent = font.getmetrics()
    image = Image.new("L", (layout.width_dots, ascent + descent + 2), 255)
    width = font.getlength(text)
    x = {"left": 0.0, "center": (layout.width_dots - width) / 2, "right": layout.width_dots - width}[align]
    ImageDraw.Draw(image).text((max(0.0, x), 1), text, font=font, fill=0)
    return image


class EscposSlipWriter:
    """Writes slips to a python-escpos printer object (any connection, or ``Dummy``)."""

    def __init__(self, printer: Escpos, layout: EscposLayout | None = None) -> None:
        self.printer = printer
        self.layout = layout or EscposLayout()

    def write(self, slip: Slip) -> None:
        p, layout = self.printer, self.layout
        p.hw("INIT")
        for index, line in enumerate(slip.header):
            large = index == 0
            p.set(align="center", bold=True, double_width=large, double_height=large,
                  normal_textsize=not large)
            self.line(line, "center", 2 if large else 1)
        p.set(align="center", bold=True, normal_textsize=True)
        self.line(slip.title, "center")
        p.set(align="center", bold=False)
        self.line(format_datetime(slip.created_at), "center")
        p.set(align="left")
        self.rule()
        for slip_line in slip.lines:
            self.line(slip_line.text(), "left")
        self.rule()
        if slip.barcode:
            p._raw(barcode_bytes(slip.barcode, layout.barcode_height, layout.barcode_module))
            p.ln()
        p.set(align="center")
        for line in slip.footer:
            self.line(line, "center")
        if layout.cut:
            p.cut()

    def rule(self) -> None:
        self.printer.textln("-" * self.layout.columns)

    def line(self, text: str, align: Align, scale: int = 1) -> None:
        """A line, wrapped: plain text, or Chinese as raster images or as Big5 in Chinese mode."""
        if not is_plain(text) and self.layout.cjk == "raster":
            font = _font(self.layout, scale)
            for piece in wrap_pixels(text, font, self.layout.width_dots):
                self.printer._raw(raster_bytes(text_image(piece, self.layout, align, scale)))
            return
        for piece in wrap_columns(text, self.layout.columns // scale) or [""]:
            if is_plain(piece):
                self.printer.textln(piece)
            else:
                encoded = piece.encode("big5", errors="replace")
                self.printer._raw(FS + b"&" + encoded + FS + b"." + b"\n")

    def open_drawer(self, pin: int = 2) -> None:
        self.printer.cashdraw(pin)


def slip_to_escpos(slip: Slip, layout: EscposLayout | None = None) -> bytes:
    """The exact bytes a printer receives for ``slip``."""
    dummy = Dummy()
    EscposSlipWriter(dummy, layout).write(slip)
    return bytes(dummy.output)


def font_file(layout: EscposLayout) -> Path:
    return Path(layout.font_path) if layout.font_path else cjk_font_path()
