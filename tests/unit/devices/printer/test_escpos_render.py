"""ESC/POS bytes for a known slip, checked exactly; Chinese as Big5 and as raster; barcodes decode."""

from __future__ import annotations

from datetime import date, datetime

import zxingcpp
from escpos.printer import Dummy

from desk.devices.escpos_decode import Barcode, RasterImage, TextLine, decode
from desk.devices.escpos_preview import to_png_image, to_text
from desk.devices.printer.escpos_render import (
    EscposLayout,
    EscposSlipWriter,
    slip_to_escpos,
)
from desk.devices.slip_builders import hold_slip
from desk.devices.slips import Slip, SlipKind, SlipLine

WHEN = datetime(2025, 3, 14, 9, 30)
KNOWN = Slip(SlipKind.CHECKOUT, "Checkout", ("City Library",),
             (SlipLine("Item", "31234000000016"), SlipLine("Due", "2025-03-28")),
             "31234000000016", ("Thank you",), WHEN)
HOLD = hold_slip(library=("國立臺灣大學圖書館", "Main Library"), patron_name="陳大明",
                 card="21234000000422", item_barcode="31234000000016", title="紅樓夢",
                 pickup_location="總圖書館 1F", hold_until=date(2025, 3, 21), when=WHEN)


def test_known_slip_bytes_exactly() -> None:
    rule = b"-" * 32 + b"\n"
    expected = (
        b"\x1b@"                                              # initialise
        b"\x1b!\x00\x1b!\x00\x1b!\x30\x1bE\x01\x1ba\x01"      # double size, bold, centred
        b"\x1bt\x00City Library\n"                            # code page 0 once, library name
        b"\x1b!\x00\x1b!\x00\x1b!\x00\x1bE\x01\x1ba\x01Checkout\n"
        b"\x1bE\x00\x1ba\x012025-03-14 09:30\n"
        b"\x1ba\x00" + rule +
        b"Item: 31234000000016\nDue: 2025-03-28\n" + rule +
        b"\x1ba\x01\x1dhP\x1dw\x02\x1df\x00\x1dH\x02\x1dkI\x10{B31234000000016\n"   # Code 128
        b"\x1ba\x01Thank you\n"
        b"\x1bd\x06\x1dV\x00"                                 # feed and full cut
    )
    assert slip_to_escpos(KNOWN, EscposLayout(columns=32)) == expected


def test_drawer_kick_bytes() -> None:
    dummy = Dummy()
    EscposSlipWriter(dummy).open_drawer(2)
    assert dummy.output == b"\x1bp\x00\x32\x32"


def test_big5_mode_bytes_and_text() -> None:
    data = slip_to_escpos(HOLD, EscposLayout(cjk="big5"))
    assert b"\x1c&\xb0\xea\xa5\xdf\xbbO\xc6W\xa4j\xbe\xc7\xb9\xcf\xae\xd1\xc0]\x1c.\n" in data
    assert b"\x1c&Patron: \xb3\xaf\xa1\xb3\xa9\xfa\x1c.\n" in data
    decoder = decode(data)
    assert decoder.unknown == []
    lines = [e.text for e in decoder.elements if isinstance(e, TextLine)]
    assert lines[0] == "國立臺灣大學圖書館" and "Patron: 陳○明" in lines and "Title: 紅樓夢" in lines
    assert "陳大明" not in to_text(decoder.elements)


def test_raster_mode_prints_chinese_as_images_and_barcode_decodes(tmp_path) -> None:
    data = slip_to_escpos(HOLD)
    assert "陳".encode("big5") not in data and b"\x1c&" not in data
    decoder = decode(data)
    assert decoder.unknown == []
    images = [e for e in decoder.elements if isinstance(e, RasterImage)]
    assert len(images) == 4  # library name, patron, pick-up place, title
    assert all(image.image.width == 576 for image in images)
    assert all(image.image.convert("L").getextrema()[0] == 0 for image in images)  # ink
    plain = [e.text for e in decoder.elements if isinstance(e, TextLine)]
    assert "Card: ****0422" in plain and "Main Library" in plain
    barcodes = [e for e in decoder.elements if isinstance(e, Barcode)]
    assert [(b.symbology, b.data) for b in barcodes] == [("CODE128", "31234000000016")]
    paper = to_png_image(decoder.elements)
    paper.save(tmp_path / "slip.png")
    found = zxingcpp.read_barcodes(paper)
    assert [(r.format, r.text) for r in found] == [(zxingcpp.BarcodeFormat.Code128, "31234000000016")]


def test_long_lines_wrap_within_the_paper() -> None:
    slip = Slip(SlipKind.TEST, "T", (), (SlipLine("Title", "A very long English title " * 4),
                                         SlipLine("書名", "很長的中文書名" * 8)), None, (), WHEN)
    decoder = decode(slip_to_escpos(slip))
    texts = [e.text for e in decoder.elements if isinstance(e, TextLine)]
    assert all(len(text) <= 48 for text in texts)
    images = [e for e in decoder.elements if isinstance(e, RasterImage)]
    assert len(images) >= 2


def test_checkout_slip_escpos_prints_the_accessories() -> None:
    from desk.devices.slip_builders import SlipItem, checkout_slip
    slip = checkout_slip(library="Library", patron_name="Ann Lee", card="21234000000422",
                         items=[SlipItem("31234000000016", "Python", date(2025, 3, 28),
                                         accessories="2 CD-ROMs")], when=WHEN)
    decoder = decode(slip_to_escpos(slip))
    lines = [e.text for e in decoder.elements if isinstance(e, TextLine)]
    assert "Accessories: 2 CD-ROMs" in lines
