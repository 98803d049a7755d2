"""The 3M 810 frames: the captures published with Biblio-RFID, byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.devices.rfid import m810


def test_version_probe_and_reply_match_the_captures() -> None:
    # Biblio::RFID::Reader::3M810: 'D5 00 05 04 00 11 8C66' and its reply '... 7250'.
    assert m810.frame(m810.VERSION, m810.PROBE_START) == bytes.fromhex("D500050400118C66")
    reply = bytes.fromhex("D500090400110A0500027250")
    assert m810.unframe(reply) == bytes.fromhex("0400110A050002")


def test_bad_checksum_and_length_are_refused() -> None:
    with pytest.raises(m810.FrameError):
        m810.unframe(bytes.fromhex("D500050400118C67"))
    with pytest.raises(m810.FrameError):
        m810.unframe(bytes.fromhex("D500060400118C66"))


def test_take_frame_skips_noise_and_waits_for_the_rest() -> None:
    whole = m810.frame(m810.INVENTORY)
    buffer = bytearray(b"\x00\xff" + whole[:4])
    assert m810.take_frame(buffer) is None
    buffer += whole[4:] + b"\xd6"
    assert m810.take_frame(buffer) == whole
    assert buffer == bytearray(b"\xd6")


@given(st.lists(st.binary(min_size=8, max_size=8), max_size=20))
def test_inventory_round_trip(uids: list[bytes]) -> None:
    payload = m810.unframe(m810.frame(m810.inventory_reply(uids)))
    assert m810.parse_inventory(payload) == uids


@given(uid=st.binary(min_size=8, max_size=8), start=st.integers(0, 20),
       data=st.binary(min_size=4, max_size=32).filter(lambda d: len(d) % 4 == 0))
def test_read_blocks_round_trip(uid: bytes, start: int, data: bytes) -> None:
    reply = m810.parse_reply(m810.read_blocks_reply(uid, start, data), m810.READ_BLOCKS)
    assert reply.ok
    assert m810.parse_read_blocks(reply.rest, uid, start, len(data) // 4) == data
