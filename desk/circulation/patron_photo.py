"""The patron's photo (SOP 5.3.1: staff check the photo at checkout): validate the bytes and
store them in ``patrons.photo``.

The circulation layer knows no Qt, so it cannot decode or scale an image: the desk scales and
re-encodes (max ``PHOTO_MAX_SIDE`` px, JPEG) before it calls ``set_patron_photo``. Here the
bytes are checked by their header: a JPEG or a PNG, of a sane number of bytes, whose declared
width and height (PNG's IHDR, JPEG's start-of-frame marker) are within bounds.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

from desk.circulation.context import OpContext
from desk.circulation.notices import CirculationRefused

PHOTO_MAX_SIDE = 480          # pixels: what the desk scales a photo to
PHOTO_MIN_SIDE = 16
PHOTO_MAX_BYTES = 512 * 1024  # a 480 px JPEG is 20-80 KB; a PNG of that size well under this
PHOTO_MIN_BYTES = 32

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
# JPEG start-of-frame markers (baseline, progressive, ...): not DHT (C4), JPG (C8), DAC (CC).
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass(frozen=True)
class PhotoFacts:
    format: str          # "jpeg" or "png"
    width: int
    height: int
    size: int            # bytes

    def audit(self, data: bytes) -> dict[str, object]:
        return {"format": self.format, "width": self.width, "height": self.height,
                "bytes": self.size, "sha256": hashlib.sha256(data).hexdigest()}


def check_photo(data: object) -> PhotoFacts:
    """The facts of a photo the desk may store, or ``CirculationRefused`` (photo_not_image,
    photo_too_small, photo_too_big, photo_bad_size)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise CirculationRefused.one("photo_not_image")
    raw = bytes(data)
    if len(raw) < PHOTO_MIN_BYTES:
        raise CirculationRefused.one("photo_too_small", size=len(raw))
    if len(raw) > PHOTO_MAX_BYTES:
        raise CirculationRefused.one("photo_too_big", size=len(raw), limit=PHOTO_MAX_BYTES)
    if raw.startswith(_PNG):
        size = _png_size(raw)
        kind = "png"
    elif raw.startswith(_JPEG):
        size = _jpeg_size(raw)
        kind = "jpeg"
    else:
        raise CirculationRefused.one("photo_not_image")
    if size is None:
        raise CirculationRefused.one("photo_not_image")
    width, height = size
    if not (PHOTO_MIN_SIDE <= width <= PHOTO_MAX_SIDE and PHOTO_MIN_SIDE <= height <= PHOTO_MAX_SIDE):
        raise CirculationRefused.one("photo_bad_size", width=width, height=height,
                                     limit=PHOTO_MAX_SIDE)
    return PhotoFacts(kind, width, height, len(raw))


def _png_size(raw: bytes) -> tuple[int, int] | None:
    """Width and height from the IHDR chunk, which must come first."""
    if len(raw) < 24 or raw[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", raw[16:24])
    return int(width), int(height)


def _jpeg_size(raw: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker, walking the segments."""
    at = 2
    while at + 4 <= len(raw):
        if raw[at] != 0xFF:
            return None
        marker = raw[at + 1]
        if marker == 0xFF:                 # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:   # no length
            at += 2
            continue
        if marker in (0xD9, 0xDA):         # end of image, start of scan: no frame seen
            return None
        (length,) = struct.unpack(">H", raw[at + 2:at + 4])
        if length < 2:
            return None
        if marker in _SOF:
            if at + 9 > len(raw):
                return None
            height, width = struct.unpack(">HH", raw[at + 5:at + 9])
            return int(width), int(height)
        at += 2 + length
    return None


def set_photo(ctx: OpContext, barcode: str, data: bytes | None) -> dict[str, object]:
    """Store (or, with ``None``, remove) the patron's photo; returns the audit detail."""
    patron = ctx.patron(barcode, lock=True)
    if data is None:
        patron.photo = None
        return {"removed": True}
    facts = check_photo(data)
    patron.photo = bytes(data)
    return facts.audit(bytes(data))
