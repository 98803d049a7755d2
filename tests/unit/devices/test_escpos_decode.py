"""The ESC/POS decoder: code sets, Big5, raster, incremental feeding, unknown bytes."""

from __future__ import annotations

import barcode
import pytest

from desk.devices.escpos_decode import (
    Barcode,
    Cut,
    DrawerKick,
    EscposDecoder,
    Feed,
    RasterImage,
    StatusQuery,
    TextLine,
    code128_from_escpos,
    decode,
)


def test_code128_sets_and_escapes() -> None:
    assert code128_from_escpos(b"{BAB{{C")[0] == "AB{C"
    assert code128_from_escpos(b"{C\x0c\x22\x38")[0] == "123456"
    assert code128_from_escpos(b"{BAB{C\x0c")[0] == "AB12"
    # Same bars as python-barcode's own encoder for a set-B string.
    assert code128_from_escpos(b"{BHello")[1] == barcode.get("code128", "Hello").build()[0]
    with pytest.raises(ValueError):
        code128_from_escpos(b"12")


STREAM = (b"\x1b@\x1ba\x01\x1bE\x01Hi\n\x1bE\x00\x1c&\xb3\xaf\xa1\xb3\xa9\xfa\x1c.\n"
          b"\x1d!\x11Big\n\x1d!\x00"
          b"\x1dv0\x00\x01\x00\x02\x00\x80\x01"
          b"\x1dh\x50\x1dw\x02\x1dH\x02\x1dkI\x05{B123"
          b"\x10\x04\x04\x1bp\x00\x32\x32\x1bd\x03\x1dV\x00")


def test_decode_stream() -> None:
    decoder = decode(STREAM)
    assert decoder.unknown == []
    e = decoder.elements
    assert e[0] == TextLine("Hi", "center", True)
    assert e[1] == TextLine("陳○明", "center", False)
    assert e[2] == TextLine("Big", "center", False, 2, 2)
    assert isinstance(e[3], RasterImage) and e[3].image.size == (8, 2)
    assert e[3].image.getpixel((0, 0)) == 0 and e[3].image.getpixel((1, 0)) == 255
    assert e[3].image.getpixel((7, 1)) == 0
    assert isinstance(e[4], Barcode) and (e[4].symbology, e[4].data, e[4].height, e[4].module_width) == (
        "CODE128", "123", 80, 2)
    assert e[5:] == [StatusQuery(4), DrawerKick(2, 100, 100), Feed(3), Cut(False)]


def test_incremental_feeding_gives_the_same_result() -> None:
    whole = decode(STREAM).elements
    for split in range(1, len(STREAM)):
        decoder = EscposDecoder()
        decoder.feed(STREAM[:split])
        decoder.feed(STREAM[split:])
        decoder.finish()
        assert decoder.elements == whole, split


def test_unknown_bytes_reported() -> None:
    decoder = decode(b"\x1b\x99\x00ok\x07\n")
    assert decoder.unknown == [b"\x1b\x99\x00", b"\x07"]
    assert decoder.elements == [TextLine("ok")]


def test_truncated_command_reported_at_finish() -> None:
    decoder = decode(b"ok\n\x1dv0\x00\x01\x00\x05\x00\xff")
    assert decoder.unknown == [b"\x1dv0\x00\x01\x00\x05\x00\xff"]
