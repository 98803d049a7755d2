"""The 3M 810 reader's serial protocol (ISO 15693 library pads), as framed on the wire.

Documented by Biblio-RFID (``Biblio::RFID::Reader::3M810``, reverse engineered from 3M's
software, with 3M's protocol specification in its ``docs``): 19200 baud 8N1. A request is
``D6``, the length (2 bytes, big-endian: the payload plus the 2 CRC bytes), the payload and the
CRC; a reply is framed the same way. The version probe uses ``D5`` instead of ``D6``. The CRC
is CRC-16/CCITT (0x1021, initial 0xFFFF) inverted (``xorout`` 0xFFFF) over the length and the
payload, big-endian (``D5 00 05 04 00 11`` -> ``8C 66``).

Payloads (tag ids are the 8-byte ISO 15693 UIDs; block numbers in replies little-endian):
    version      04 00 11                     -> 04 00 11 v1 v2 v3 v4
    inventory    FE 00 05                     -> FE 00 00 05 n uid*n
    read blocks  02 uid start count          -> 02 00 uid n (block_lo block_hi d0 d1 d2 d3)*n
    write blocks 04 uid start count 00 data   -> 04 00 uid count
    write AFI    09 uid afi                   -> 09 00 uid
    read AFI     0A uid                       -> 0A 00 uid afi
A failure (tag gone, tag not answering, write refused) answers the command byte and ``06``.
Pure functions, no I/O: the reader driver and the simulator share them byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk.devices.rfid.crc import crc16_ccitt

BAUD = 19200
PROBE_START = 0xD5
START = 0xD6
UID_LENGTH = 8
BLOCK_SIZE = 4

VERSION = bytes.fromhex("040011")
INVENTORY = bytes.fromhex("FE0005")
READ_BLOCKS = 0x02
WRITE_BLOCKS = 0x04
WRITE_AFI = 0x09
READ_AFI = 0x0A
OK = 0x00
FAILED = 0x06
MAX_FRAME = 3 + 0xFFFF


class FrameError(ValueError):
    """Bytes that are not a frame of this protocol (bad start, length or CRC)."""


def checksum(data: bytes) -> bytes:
    return (crc16_ccitt(data) ^ 0xFFFF).to_bytes(2, "big")


def frame(payload: bytes, start: int = START) -> bytes:
    """``payload`` framed for the wire."""
    body = (len(payload) + 2).to_bytes(2, "big") + payload
    return bytes([start]) + body + checksum(body)


def frame_length(head: bytes) -> int:
    """The whole frame's length from its first 3 bytes; FrameError for a bad start byte."""
    if head[0] not in (START, PROBE_START):
        raise FrameError(f"bad start byte {head[0]:02X}")
    length = int.from_bytes(head[1:3], "big")
    if length < 2:
        raise FrameError(f"bad length {length}")
    return 3 + length


def unframe(data: bytes) -> bytes:
    """The payload of one whole frame; FrameError if it is not one."""
    if len(data) < 5 or len(data) != frame_length(data[:3]):
        raise FrameError(f"bad frame length {len(data)}")
    body, crc = data[1:-2], data[-2:]
    if checksum(body) != crc:
        raise FrameError(f"bad checksum {crc.hex()} (expected {checksum(body).hex()})")
    return body[2:]


def take_frame(buffer: bytearray) -> bytes | None:
    """Cut one whole frame off the front of ``buffer`` (skipping noise before a start byte);
    None while it is incomplete."""
    while buffer and buffer[0] not in (START, PROBE_START):
        del buffer[0]
    if len(buffer) < 3:
        return None
    try:
        size = frame_length(bytes(buffer[:3]))
    except FrameError:
        del buffer[0]
        return take_frame(buffer)
    if len(buffer) < size:
        return None
    data = bytes(buffer[:size])
    del buffer[:size]
    return data


# --- requests -----------------------------------------------------------------------------
def read_blocks_request(uid: bytes, start: int, count: int) -> bytes:
    return bytes([READ_BLOCKS]) + uid + bytes([start, count])


def write_blocks_request(uid: bytes, start: int, data: bytes) -> bytes:
    if len(data) % BLOCK_SIZE:
        raise ValueError("data must be whole 4-byte blocks")
    return bytes([WRITE_BLOCKS]) + uid + bytes([start, len(data) // BLOCK_SIZE, 0]) + data


def write_afi_request(uid: bytes, afi: int) -> bytes:
    return bytes([WRITE_AFI]) + uid + bytes([afi])


def read_afi_request(uid: bytes) -> bytes:
    return bytes([READ_AFI]) + uid


# --- replies ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reply:
    """A reply's command byte, status and what follows."""

    command: int
    ok: bool
    rest: bytes


def inventory_reply(uids: list[bytes]) -> bytes:
    return bytes.fromhex("FE000005") + bytes([len(uids)]) + b"".join(uids)


def parse_inventory(payload: bytes) -> list[bytes]:
    if payload[:4] != bytes.fromhex("FE000005") or len(payload) < 5:
        raise FrameError(f"not an inventory reply: {payload.hex(' ')}")
    count = payload[4]
    uids = payload[5:]
    if len(uids) != count * UID_LENGTH:
        raise FrameError(f"{count} tags announced, {len(uids)} bytes of ids")
    return [uids[i * UID_LENGTH:(i + 1) * UID_LENGTH] for i in range(count)]


def parse_reply(payload: bytes, command: int) -> Reply:
    if len(payload) < 2 or payload[0] != command:
        raise FrameError(f"reply {payload[:2].hex(' ')} to command {command:02X}")
    return Reply(command, payload[1] == OK, payload[2:])


def read_blocks_reply(uid: bytes, start: int, data: bytes) -> bytes:
    count = len(data) // BLOCK_SIZE
    blocks = b"".join((start + i).to_bytes(2, "little") + data[i * 4:(i + 1) * 4]
                      for i in range(count))
    return bytes([READ_BLOCKS, OK]) + uid + bytes([count]) + blocks


def parse_read_blocks(rest: bytes, uid: bytes, start: int, count: int) -> bytes:
    """The data of a successful read-blocks reply's ``rest``, checked block by block."""
    if rest[:UID_LENGTH] != uid or len(rest) < UID_LENGTH + 1:
        raise FrameError("read-blocks reply for another tag")
    n = rest[UID_LENGTH]
    body = rest[UID_LENGTH + 1:]
    if n != count or len(body) != n * 6:
        raise FrameError(f"{n} blocks in the reply, {count} asked")
    data = bytearray()
    for i in range(n):
        number = int.from_bytes(body[i * 6:i * 6 + 2], "little")
        if number != start + i:
            raise FrameError(f"block {number} where {start + i} was expected")
        data += body[i * 6 + 2:i * 6 + 6]
    return bytes(data)


def failed_reply(command: int, uid: bytes) -> bytes:
    return bytes([command, FAILED]) + uid
