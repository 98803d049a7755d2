"""The CRC-16 both RFID layers use: CCITT polynomial 0x1021, initial value 0xFFFF, no
reflection. The Danish data model stores it as is (check value ``b"RFID tag data model"`` ->
0x1AEE, from the model's document); the 3M 810 reader frames invert it (``xorout`` 0xFFFF).
"""

from __future__ import annotations


def _table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
        table.append(crc & 0xFFFF)
    return tuple(table)


_TABLE = _table()


def crc16_ccitt(data: bytes, initial: int = 0xFFFF) -> int:
    """CRC-16/CCITT-FALSE of ``data`` (0x29B1 for ``b"123456789"``)."""
    crc = initial
    for byte in data:
        crc = ((crc << 8) & 0xFFFF) ^ _TABLE[((crc >> 8) ^ byte) & 0xFF]
    return crc
