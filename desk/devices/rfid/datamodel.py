"""ISO 28560-3, the Danish data model: the fixed 32-byte block of a library RFID tag.

Layout (bytes): 0 version (high nibble, 1) and type of usage (low nibble); 1 parts in the set;
2 this part's number; 3-18 the primary item identifier (ASCII, NUL padded); 19-20 the CRC, low
byte first; 21-22 the country (ISO 3166-1 alpha-2); 23-31 the ISIL of the owner library (NUL
padded). The CRC (``desk.devices.rfid.crc``) runs over bytes 0-18 and 21-31 followed by two NUL
bytes, as the model's document and the reference implementations (libdanrfid, rfidgeek) do.

A blank tag (all NUL) decodes to ``BlankTag``; an ISO 28560-2 tag (its first byte is a
compaction precursor, not version 1) and a tag whose CRC does not match are refused with
``TagDataError``, whose message is in the user's language. Pure Python, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from desk.devices.rfid.crc import crc16_ccitt
from desk.wording import rfid as messages
from desk.wording import text as tr

SIZE = 32
ID_LENGTH = 16
ISIL_LENGTH = 9
VERSION = 1


class Usage(IntEnum):
    """The type of usage (low nibble of byte 0) the model defines."""

    ACQUISITION = 0
    CIRCULATING = 1
    NOT_CIRCULATING = 2
    DISCARDED = 7
    PATRON_CARD = 8


class TagDataError(ValueError):
    """The tag's data is not a Danish-model block the desk can use; ``message`` is for staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class BlankTag:
    """A tag with nothing written on it (every byte NUL): ready to be programmed."""


@dataclass(frozen=True)
class LibraryTag:
    """The decoded fields of one tag. ``primary_id`` is the item's barcode (or the patron's
    card number when ``usage`` is ``PATRON_CARD``)."""

    primary_id: str
    usage: int = Usage.CIRCULATING
    parts_in_set: int = 1
    part_number: int = 1
    country: str = ""
    isil: str = ""
    version: int = VERSION

    @property
    def is_patron_card(self) -> bool:
        return self.usage == Usage.PATRON_CARD


def tag_crc(block: bytes) -> int:
    """The model's CRC of a 32-byte block (the CRC bytes 19-20 themselves left out)."""
    return crc16_ccitt(block[:19] + block[21:SIZE] + b"\x00\x00")


def _ascii(name: str, value: str, length: int) -> bytes:
    try:
        raw = value.encode("ascii")
    except UnicodeEncodeError:
        raise TagDataError(tr(messages.RFID_FIELD_NOT_ASCII, field=name, value=value)) from None
    if len(raw) > length or b"\x00" in raw or any(b < 0x20 or b > 0x7E for b in raw):
        raise TagDataError(tr(messages.RFID_FIELD_TOO_LONG, field=name, value=value,
                              length=length))
    return raw.ljust(length, b"\x00")


def encode(tag: LibraryTag) -> bytes:
    """The 32 bytes to write for ``tag``, CRC included; ``TagDataError`` for a field that does
    not fit (an identifier over 16 characters, a part number above the parts in the set…)."""
    if not tag.primary_id:
        raise TagDataError(tr(messages.RFID_NO_IDENTIFIER))
    if not 0 <= tag.usage <= 15 or not 0 <= tag.version <= 15:
        raise TagDataError(tr(messages.RFID_BAD_FIELD, field="usage", value=tag.usage))
    if not 1 <= tag.parts_in_set <= 255 or not 1 <= tag.part_number <= tag.parts_in_set:
        raise TagDataError(tr(messages.RFID_BAD_PARTS, part=tag.part_number,
                              parts=tag.parts_in_set))
    if tag.country and len(tag.country) != 2:
        raise TagDataError(tr(messages.RFID_BAD_FIELD, field="country", value=tag.country))
    block = bytearray(SIZE)
    block[0] = (tag.version << 4) | tag.usage
    block[1] = tag.parts_in_set
    block[2] = tag.part_number
    block[3:19] = _ascii("primary_id", tag.primary_id, ID_LENGTH)
    block[21:23] = _ascii("country", tag.country, 2)
    block[23:32] = _ascii("isil", tag.isil, ISIL_LENGTH)
    crc = tag_crc(bytes(block))
    block[19], block[20] = crc & 0xFF, crc >> 8
    return bytes(block)


def _text(raw: bytes, name: str) -> str:
    value = raw.split(b"\x00", 1)[0]
    if raw[len(value):].strip(b"\x00") or any(b < 0x20 or b > 0x7E for b in value):
        raise TagDataError(tr(messages.RFID_BAD_FIELD, field=name, value=raw.hex(" ")))
    return value.decode("ascii")


def decode(block: bytes) -> LibraryTag | BlankTag:
    """The tag in ``block`` (at least 32 bytes, as read from the tag's first 8 blocks)."""
    if len(block) < SIZE:
        raise TagDataError(tr(messages.RFID_TOO_SHORT, length=len(block), size=SIZE))
    block = bytes(block[:SIZE])
    if not any(block):
        return BlankTag()
    version = block[0] >> 4
    if version != VERSION:
        # ISO 28560-2 starts with a precursor byte (offset bit, compaction scheme, object id),
        # not a version nibble of 1; the desk does not decode that object-based encoding.
        raise TagDataError(tr(messages.RFID_NOT_DANISH, first=f"{block[0]:02X}"))
    stored = block[19] | (block[20] << 8)
    if stored != tag_crc(block):
        raise TagDataError(tr(messages.RFID_BAD_CRC, stored=f"{stored:04X}",
                              computed=f"{tag_crc(block):04X}"))
    parts, part = block[1], block[2]
    if parts == 0 or not 1 <= part <= parts:
        raise TagDataError(tr(messages.RFID_BAD_PARTS, part=part, parts=parts))
    primary = _text(block[3:19], "primary_id")
    if not primary:
        raise TagDataError(tr(messages.RFID_NO_IDENTIFIER))
    return LibraryTag(primary_id=primary, usage=block[0] & 0x0F, parts_in_set=parts,
                      part_number=part, country=_text(block[21:23], "country"),
                      isil=_text(block[23:32], "isil"), version=version)
