"""The driver of a 3M 810 RFID reader (``desk.devices.rfid.m810``) on a serial port.

``RfidReader`` opens the port with ``serial.serial_for_url`` (a device path, ``COM3``, a
pseudo-terminal or ``socket://``), sends one request at a time and waits ``timeout`` seconds for
its reply; a request that gets no reply or a garbled one is sent again up to ``retries`` more
times, reopening the port after a port error (the reader was unplugged and plugged back in).
What it cannot do raises ``RfidError`` with a message for staff. A tag that answers "failed"
(it left the field, it is damaged) raises ``TagFailed`` at once: the tag's answer is not
retried here, the caller knows whether trying again makes sense.

``secure(uid, afi)`` writes the AFI and reads it back, trying ``retries`` more times when the
read-back differs. The AFI is never locked: the desk switches it on every loan and return, and
ISO 15693's *Lock AFI* is permanent.
"""

from __future__ import annotations

import threading
import time

import serial

from desk.devices.port_errors import PORT_ERRORS
from desk.devices.rfid import m810
from desk.devices.rfid.m810 import FrameError
from desk.wording import rfid as messages
from desk.wording import text as tr

DATA_BLOCKS = 8          # the Danish model's 32 bytes


class RfidError(Exception):
    """The reader did not do what it was asked; ``message`` is for staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TagFailed(RfidError):
    """The reader answered that the tag did not do it (gone from the pad, damaged, locked)."""


def uid_text(uid: bytes) -> str:
    return uid.hex().upper()


class RfidReader:
    """One reader on ``url``; thread-safe (one request at a time)."""

    def __init__(self, url: str, *, baud: int = m810.BAUD, timeout: float = 0.5,
                 retries: int = 2) -> None:
        if timeout <= 0 or retries < 0:
            raise ValueError("timeout must be positive and retries not negative")
        self.url = url
        self.baud = baud
        self.timeout = timeout
        self.retries = retries
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()
        self._buffer = bytearray()

    # -- the port ---------------------------------------------------------------------------
    def open(self) -> None:
        with self._lock:
            self._ensure_open()

    @property
    def is_open(self) -> bool:
        return self._port is not None and self._port.is_open

    def close(self) -> None:
        with self._lock:
            self._close()

    def _ensure_open(self) -> serial.SerialBase:
        if self._port is not None and self._port.is_open:
            return self._port
        try:
            self._port = serial.serial_for_url(self.url, baudrate=self.baud, timeout=self.timeout,
                                               write_timeout=self.timeout)
        except (serial.SerialException, OSError, ValueError) as error:
            self._port = None
            raise RfidError(tr(messages.RFID_PORT_GONE, port=self.url, detail=error)) from error
        self._buffer.clear()
        return self._port

    def _close(self) -> None:
        if self._port is not None:
            try:
                self._port.close()
            except PORT_ERRORS:
                pass
            self._port = None

    # -- one request ------------------------------------------------------------------------
    def request(self, payload: bytes, start: int = m810.START) -> bytes:
        """Send ``payload``, return the reply's payload (retrying as the module says)."""
        with self._lock:
            last: RfidError | None = None
            for _ in range(self.retries + 1):
                try:
                    port = self._ensure_open()
                    port.reset_input_buffer()
                    self._buffer.clear()
                    port.write(m810.frame(payload, start))
                    port.flush()
                    return self._read_frame(port)
                except PORT_ERRORS as error:
                    self._close()
                    last = RfidError(tr(messages.RFID_PORT_GONE, port=self.url, detail=error))
                except FrameError as error:
                    last = RfidError(tr(messages.RFID_GARBLED, detail=error))
                except RfidError as error:
                    last = error
            assert last is not None
            raise last

    def _read_frame(self, port: serial.SerialBase) -> bytes:
        deadline = time.monotonic() + self.timeout
        while True:
            whole = m810.take_frame(self._buffer)
            if whole is not None:
                return m810.unframe(whole)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RfidError(tr(messages.RFID_TIMEOUT, timeout=self.timeout))
            port.timeout = min(remaining, 0.05)
            chunk = port.read(max(1, port.in_waiting))
            if chunk:
                self._buffer += chunk
            elif not port.is_open:
                raise serial.SerialException("port closed")

    # -- commands ---------------------------------------------------------------------------
    def version(self) -> str:
        """The reader's hardware version ("1.2.0.4"): the Settings page's *Test*."""
        payload = self.request(m810.VERSION, m810.PROBE_START)
        if payload[:3] != m810.VERSION or len(payload) < 7:
            raise RfidError(tr(messages.RFID_GARBLED, detail=payload.hex(" ")))
        return ".".join(str(b) for b in payload[3:7])

    def inventory(self) -> list[bytes]:
        """The UIDs of the tags on the pad now."""
        try:
            return m810.parse_inventory(self.request(m810.INVENTORY))
        except FrameError as error:
            raise RfidError(tr(messages.RFID_GARBLED, detail=error)) from error

    def _command(self, payload: bytes, uid: bytes) -> m810.Reply:
        try:
            reply = m810.parse_reply(self.request(payload), payload[0])
        except FrameError as error:
            raise RfidError(tr(messages.RFID_GARBLED, detail=error)) from error
        if not reply.ok:
            raise TagFailed(tr(messages.RFID_TAG_FAILED, uid=uid_text(uid)))
        return reply

    def read_blocks(self, uid: bytes, start: int = 0, count: int = DATA_BLOCKS) -> bytes:
        reply = self._command(m810.read_blocks_request(uid, start, count), uid)
        try:
            return m810.parse_read_blocks(reply.rest, uid, start, count)
        except FrameError as error:
            raise RfidError(tr(messages.RFID_GARBLED, detail=error)) from error

    def write_blocks(self, uid: bytes, data: bytes, start: int = 0) -> None:
        self._command(m810.write_blocks_request(uid, start, data), uid)

    def write_block(self, uid: bytes, number: int, data: bytes) -> None:
        self.write_blocks(uid, data, start=number)

    def read_afi(self, uid: bytes) -> int:
        reply = self._command(m810.read_afi_request(uid), uid)
        if len(reply.rest) != m810.UID_LENGTH + 1:
            raise RfidError(tr(messages.RFID_GARBLED, detail=reply.rest.hex(" ")))
        return reply.rest[-1]

    def write_afi(self, uid: bytes, afi: int) -> None:
        self._command(m810.write_afi_request(uid, afi), uid)

    def secure(self, uid: bytes, afi: int) -> None:
        """Write ``afi`` and read it back; RfidError when the tag does not keep it."""
        seen: int | None = None
        for _ in range(self.retries + 1):
            try:
                self.write_afi(uid, afi)
                seen = self.read_afi(uid)
            except TagFailed:
                continue
            if seen == afi:
                return
        if seen is None:
            raise TagFailed(tr(messages.RFID_TAG_FAILED, uid=uid_text(uid)))
        raise RfidError(tr(messages.RFID_AFI_NOT_KEPT, uid=uid_text(uid), afi=f"{afi:02X}",
                           seen=f"{seen:02X}"))
