"""What an ESC/POS printer would print, from decoded elements: as text and as a PNG image.

The PNG is drawn the way a 203-dpi printer does it: text in a CJK-capable font at 24 dots per
line (times the size multiplier), raster images dot for dot, Code 128 barcodes bar for bar at the
module width and height the stream asked for, a dashed line where the paper was cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from desk.devices.escpos_decode import (
    Barcode,
    Cut,
    DrawerKick,
    Element,
    Feed,
    RasterImage,
    StatusQuery,
    TextLine,
)
from desk.devices.fonts import cjk_font_path

LINE_DOTS = 24
QUIET_MODULES = 10


def to_text(elements: Sequence[Element]) -> str:
    """One line per text line; other elements as ``[bracketed]`` notes."""
    out: list[str] = []
    for element in elements:
        if isinstance(element, TextLine):
            out.append(element.text)
        elif isinstance(element, RasterImage):
            out.append(f"[image {element.image.width}x{element.image.height}]")
        elif isinstance(element, Barcode):
            out.append(f"[barcode {element.symbology} {element.data}]")
        elif isinstance(element, Feed):
            out.extend([""] * max(0, element.lines - 1))
        elif isinstance(element, Cut):
            out.append("[partial cut]" if element.partial else "[cut]")
        elif isinstance(element, DrawerKick):
            out.append(f"[cash drawer pin {element.pin}]")
        elif isinstance(element, StatusQuery):
            out.append(f"[status query {element.n}]")
    return "\n".join(out) + "\n"


def _x(align: str, width: int, total: int) -> int:
    if align == "center":
        return max(0, (total - width) // 2)
    if align == "right":
        return max(0, total - width)
    return 0


def barcode_image(barcode: Barcode) -> Image.Image:
    """The bars (with quiet zones) and the human-readable text below when HRI asks for it."""
    module = max(1, barcode.module_width)
    width = (len(barcode.modules) + 2 * QUIET_MODULES) * module
    text_height = LINE_DOTS + 4 if barcode.hri in (2, 3) else 0
    image = Image.new("L", (width, barcode.height + text_height), 255)
    draw = ImageDraw.Draw(image)
    for index, bit in enumerate(barcode.modules):
        if bit == "1":
            x = (QUIET_MODULES + index) * module
            draw.rectangle([x, 0, x + module - 1, barcode.height - 1], fill=0)
    if text_height:
        font = ImageFont.truetype(str(cjk_font_path()), 20)
        text_width = int(font.getlength(barcode.data))
        draw.text(((width - text_width) // 2, barcode.height + 2), barcode.data, font=font, fill=0)
    return image


def to_png_image(elements: Sequence[Element], width_dots: int = 576) -> Image.Image:
    """The printed paper as a greyscale image ``width_dots`` wide."""
    blocks: list[tuple[Image.Image, int]] = []
    fonts: dict[int, ImageFont.FreeTypeFont] = {}
    for element in elements:
        if isinstance(element, TextLine):
            size = LINE_DOTS * element.height
            font = fonts.setdefault(size, ImageFont.truetype(str(cjk_font_path()), size))
            block = Image.new("L", (width_dots, size + 6), 255)
            text_width = int(font.getlength(element.text)) * element.width
            line = Image.new("L", (max(1, int(font.getlength(element.text))), size + 6), 255)
            ImageDraw.Draw(line).text((0, 1), element.text, font=font, fill=0)
            if element.width > 1:
                line = line.resize((line.width * element.width, line.height))
            block.paste(line, (_x(element.align, text_width, width_dots), 0))
            blocks.append((block, 0))
        elif isinstance(element, RasterImage):
            image = element.image.convert("L")
            blocks.append((image, _x(element.align, image.width, width_dots)))
        elif isinstance(element, Barcode) and element.modules:
            image = barcode_image(element)
            if image.width > width_dots:
                # Narrow paper: the printer has no room for the whole quiet zone, only the bars.
                quiet = QUIET_MODULES * max(1, element.module_width)
                trim = min(quiet, (image.width - width_dots + 1) // 2)
                image = image.crop((trim, 0, image.width - trim, image.height))
            blocks.append((image, _x(element.align, image.width, width_dots)))
        elif isinstance(element, Feed):
            blocks.append((Image.new("L", (width_dots, (LINE_DOTS + 6) * max(0, element.lines - 1) + 1), 255), 0))
        elif isinstance(element, Cut):
            block = Image.new("L", (width_dots, 12), 255)
            ImageDraw.Draw(block).line([(0, 6), (width_dots, 6)], fill=0, width=1)
            blocks.append((block, 0))
    height = sum(block.height for block, _ in blocks) or 1
    width = max([width_dots] + [block.width + x for block, x in blocks])
    paper = Image.new("L", (width, height), 255)
    y = 0
    for block, x in blocks:
        paper.paste(block, (x, y))
        y += block.height
    return paper
