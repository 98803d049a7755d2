"""Library barcodes (patron cards, item labels) as Codabar, for the screen (PNG) and print (PDF).

python-barcode's Codabar takes the start/stop characters as part of the code and computes no
check digit (it has no ``add_checksum`` option at all), so the desk adds both: a 13-digit library
number body gets its Luhn (mod-10) check digit, and every code is framed ``A…B``. Scanners strip
the frame again (``BarcodeCleaner``). PNG is for the screen: python-barcode's SVG uses mm units
that Qt's SVG renderer draws wrongly.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import barcode
from barcode.writer import ImageWriter
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from desk.devices.printer.pdf import FONT, register_cjk_font
from desk.devices.scanner.cleaner import CODABAR_DATA
from desk.numbering import has_valid_check_digit, with_check_digit

START, STOP = "A", "B"


def library_number(number: str) -> str:
    """A 13-digit body gets its check digit; a 14-digit number must already carry a right one."""
    number = number.strip()
    if len(number) == 13 and number.isdigit() and number[0] in "23":
        return with_check_digit(number)
    if len(number) == 14 and number.isdigit() and number[0] in "23" and not has_valid_check_digit(number):
        raise ValueError(f"{number} has a wrong check digit")
    return number


def codabar_code(number: str, start: str = START, stop: str = STOP) -> str:
    """``A`` + number (check digit added for a 13-digit body) + ``B``, as python-barcode wants it."""
    value = library_number(number)
    if not value or not set(value) <= CODABAR_DATA:
        raise ValueError(f"Codabar carries digits and - $ : / . + only, not {value!r}")
    if start not in "ABCD" or stop not in "ABCD":
        raise ValueError("Codabar start/stop characters are A, B, C or D")
    return f"{start}{value}{stop}"


def codabar_image(number: str, dpi: int = 300, module_width_mm: float = 0.25,
                  height_mm: float = 12.0, text: str | None = None) -> Image.Image:
    """The Codabar symbol of ``number`` with its number printed below."""
    code = codabar_code(number)
    symbol = barcode.get("codabar", code, writer=ImageWriter())
    image: Image.Image = symbol.render({
        "dpi": dpi, "module_width": module_width_mm / 2.0, "module_height": height_mm,
        "quiet_zone": 4.0, "font_size": 8, "text_distance": 3.0,
        "write_text": True, "human": text if text is not None else library_number(number),
    })
    return image.convert("RGB")


def codabar_png(number: str, target: str | Path | BinaryIO | None = None, dpi: int = 300) -> bytes:
    """PNG bytes of the Codabar label (also written to ``target`` when given)."""
    buffer = io.BytesIO()
    codabar_image(number, dpi=dpi).save(buffer, format="PNG", dpi=(dpi, dpi))
    data = buffer.getvalue()
    if isinstance(target, (str, Path)):
        Path(target).write_bytes(data)
    elif target is not None:
        target.write(data)
    return data


def labels_pdf(numbers: Sequence[str], target: str | Path | BinaryIO,
               captions: Sequence[str] | None = None, columns: int = 3, rows: int = 8) -> None:
    """An A4 sheet (or several) of Codabar labels, ``columns`` x ``rows`` per page, with captions."""
    register_cjk_font()
    canvas = Canvas(str(target) if isinstance(target, (str, Path)) else target, pagesize=A4)
    margin_x, margin_y = 8 * mm, 12 * mm
    cell_w = (A4[0] - 2 * margin_x) / columns
    cell_h = (A4[1] - 2 * margin_y) / rows
    per_page = columns * rows
    for index, number in enumerate(numbers):
        if index and index % per_page == 0:
            canvas.showPage()
        slot = index % per_page
        col, row = slot % columns, slot // columns
        x = margin_x + col * cell_w
        y = A4[1] - margin_y - (row + 1) * cell_h
        image = codabar_image(number)
        scale = min((cell_w - 4 * mm) / image.width, (cell_h - 8 * mm) / image.height)
        width, height = image.width * scale, image.height * scale
        canvas.drawImage(ImageReader(image), x + (cell_w - width) / 2, y + 2 * mm, width, height)
        if captions and index < len(captions) and captions[index]:
            canvas.setFont(FONT, 8)
            canvas.drawCentredString(x + cell_w / 2, y + 2 * mm + height + 1.5 * mm, captions[index][:40])
    canvas.showPage()
    canvas.save()
