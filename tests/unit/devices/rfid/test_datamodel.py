"""The Danish data model codec: published vectors byte for byte, refusals, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.devices.rfid.crc import crc16_ccitt
from desk.devices.rfid.datamodel import (BlankTag, LibraryTag, TagDataError, Usage, decode,
                                         encode, tag_crc)

# libdanrfid's DDMDataTest: item 11223344, 1 of 1, Germany, ISIL 705, CRC 0x3E51.
LIBDANRFID = bytes.fromhex("11010131313232333334340000000000000000513e4445373035000000000000")


def test_crc_check_values() -> None:
    # The data model document's check value, and CRC-16/CCITT-FALSE's catalogue check.
    assert crc16_ccitt(b"RFID tag data model") == 0x1AEE
    assert crc16_ccitt(b"123456789") == 0x29B1


def test_libdanrfid_vector_decodes() -> None:
    tag = decode(LIBDANRFID)
    assert tag == LibraryTag(primary_id="11223344", usage=Usage.CIRCULATING, parts_in_set=1,
                             part_number=1, country="DE", isil="705")
    assert tag_crc(LIBDANRFID) == 0x3E51


def test_libdanrfid_vector_encodes_byte_for_byte() -> None:
    assert encode(LibraryTag("11223344", country="DE", isil="705")) == LIBDANRFID


def test_a_set_and_a_patron_card() -> None:
    part = decode(encode(LibraryTag("31234567890128", parts_in_set=3, part_number=2,
                                    country="TW", isil="TW-NKUST")))
    assert isinstance(part, LibraryTag)
    assert (part.parts_in_set, part.part_number, part.isil) == (3, 2, "TW-NKUST")
    card = decode(encode(LibraryTag("21234567890123", usage=Usage.PATRON_CARD)))
    assert isinstance(card, LibraryTag) and card.is_patron_card


def test_blank_tag() -> None:
    assert decode(bytes(32)) == BlankTag()


@pytest.mark.parametrize("position", [0, 1, 3, 10, 18, 19, 20, 21, 25, 31])
def test_any_damaged_byte_is_refused(position: int) -> None:
    damaged = bytearray(LIBDANRFID)
    damaged[position] ^= 0x04
    with pytest.raises(TagDataError) as refused:
        decode(bytes(damaged))
    assert refused.value.message


def test_iso_28560_2_is_refused_with_a_clear_message() -> None:
    # An ISO 28560-2 tag begins with a precursor byte (here 0x11 of 28560-2 would be version
    # 1, so use the common 0x06 DSFID-style start of a 28560-2 encoding, then object data).
    data = bytes.fromhex("06 C1 01 0B 31 32 33 34 35 36 37 38 39 30 31".replace(" ", "")).ljust(32, b"\0")
    with pytest.raises(TagDataError, match="28560-2"):
        decode(data)


def test_short_data_and_bad_fields_are_refused() -> None:
    with pytest.raises(TagDataError):
        decode(LIBDANRFID[:20])
    with pytest.raises(TagDataError):
        encode(LibraryTag("x" * 17))
    with pytest.raises(TagDataError):
        encode(LibraryTag("書目"))
    with pytest.raises(TagDataError):
        encode(LibraryTag("123", parts_in_set=2, part_number=3))
    with pytest.raises(TagDataError):
        encode(LibraryTag(""))


PRINTABLE = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1,
                    max_size=16)


@given(primary=PRINTABLE, parts=st.integers(1, 255), data=st.data(),
       usage=st.sampled_from(list(Usage)),
       country=st.text(st.characters(min_codepoint=0x41, max_codepoint=0x5A), min_size=2,
                       max_size=2),
       isil=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=9))
def test_round_trip(primary: str, parts: int, data: st.DataObject, usage: Usage, country: str,
                    isil: str) -> None:
    part = data.draw(st.integers(1, parts))
    tag = LibraryTag(primary, usage=usage, parts_in_set=parts, part_number=part,
                     country=country, isil=isil)
    block = encode(tag)
    assert len(block) == 32
    assert decode(block) == tag


@given(st.binary(min_size=32, max_size=32))
def test_any_bytes_decode_or_are_refused_cleanly(block: bytes) -> None:
    try:
        result = decode(block)
    except TagDataError as refused:
        assert refused.message
    else:
        assert isinstance(result, (LibraryTag, BlankTag))
        if isinstance(result, LibraryTag):
            assert encode(result) == block
