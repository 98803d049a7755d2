"""What a serial-device simulator talks through: the simulator's end of the desk's "cable".

Two transports implement it: ``TcpPort`` (a TCP socket the desk opens as
``socket://HOST:PORT``; every platform) and ``PtyPort`` (a pseudo-terminal the desk opens as a
serial port; Linux and macOS only, imported only when chosen).
"""

from __future__ import annotations

from typing import Protocol


class Link(Protocol):
    """The simulator's end: what the desk should open, bytes both ways, pulling the cable."""

    @property
    def path(self) -> str:
        """What the desk's setting should say (a device path or a pyserial URL)."""

    @property
    def plugged(self) -> bool: ...

    def write(self, data: bytes) -> None:
        """Send to the desk; ``OSError`` when unplugged or no desk is connected."""

    def read(self, timeout: float) -> bytes:
        """What the desk wrote, waiting up to ``timeout`` seconds; ``b""`` if nothing came."""

    def unplug(self) -> None:
        """The desk's next read or open fails, as with a USB cable pulled out."""

    def replug(self) -> None:
        """Back at the same path, for the desk to reconnect by itself."""

    def close(self) -> None: ...
