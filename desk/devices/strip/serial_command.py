"""A strip unit driven by simple serial commands, answered by an acknowledgement string.

No vendor publishes an open protocol, so the command, acknowledgement and refusal strings are
settings (e.g. ``"D\\r"`` / ``"R\\r"`` / ``"OK"`` / ``"NG"``). A command that gets no answer within
``timeout`` seconds is sent again, up to ``retries`` more times; a refusal is not retried; a port
that fails is reopened for the next attempt.
"""

from __future__ import annotations

import threading
import time

import serial

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.port_errors import PORT_ERRORS
from desk.devices.status import DeviceState
from desk.devices.strip.base import SecurityStrip, StripError


def as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")


class SerialCommandStrip(SecurityStrip):
    """Sends ``desensitize_command`` / ``resensitize_command`` and waits for ``ack``."""

    def __init__(
        self,
        url: str,
        baud: int = 9600,
        desensitize_command: str | bytes = "D\r",
        resensitize_command: str | bytes = "R\r",
        ack: str | bytes = "OK",
        nak: str | bytes = "NG",
        timeout: float = 1.0,
        retries: int = 2,
        parity: str = "N",
    ) -> None:
        super().__init__()
        if not ack:
            raise ValueError("ack must not be empty")
        if timeout <= 0 or retries < 0:
            raise ValueError("timeout must be positive and retries not negative")
        self.url = url
        self.baud = baud
        self.commands = {"desensitize": as_bytes(desensitize_command),
                         "resensitize": as_bytes(resensitize_command)}
        self.ack = as_bytes(ack)
        self.nak = as_bytes(nak)
        self.timeout = timeout
        self.retries = retries
        self.parity = parity
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()

    def desensitize(self) -> None:
        self._run("desensitize")

    def resensitize(self) -> None:
        self._run("resensitize")

    def test(self) -> str:
        with self._lock:
            self._ensure_open()
        return tr(messages.STRIP_READY, port=self.url)

    def close(self) -> None:
        with self._lock:
            self._close()

    def _run(self, action: str) -> None:
        with self._lock:
            try:
                self._attempts(self.commands[action])
            except StripError as error:
                self.reporter.set(DeviceState.ERROR, error.message)
                raise
            self.reporter.set(DeviceState.CONNECTED, tr(messages.STRIP_READY, port=self.url))

    def _attempts(self, command: bytes) -> None:
        port_error: BaseException | None = None
        unexpected = b""
        attempts = self.retries + 1
        for _ in range(attempts):
            try:
                port = self._ensure_open()
                port.reset_input_buffer()
                port.write(command)
                port.flush()
                reply = self._read_reply(port)
            except StripError as error:
                port_error = error
                continue
            except PORT_ERRORS as error:
                self._close()
                port_error = StripError(tr(messages.STRIP_PORT_GONE, port=self.url, detail=error))
                continue
            port_error = None
            if self.ack in reply:
                return
            if self.nak and self.nak in reply:
                raise StripError(tr(messages.STRIP_NAK, reply=_shown(reply)))
            if reply:
                unexpected = reply
        if port_error is not None:
            raise port_error if isinstance(port_error, StripError) else StripError(str(port_error))
        if unexpected:
            raise StripError(tr(messages.STRIP_UNEXPECTED, reply=_shown(unexpected)))
        raise StripError(tr(messages.STRIP_TIMEOUT, timeout=self.timeout, attempts=attempts))

    def _read_reply(self, port: serial.SerialBase) -> bytes:
        deadline = time.monotonic() + self.timeout
        reply = b""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return reply
            port.timeout = min(remaining, 0.05)
            reply += bytes(port.read(max(1, port.in_waiting)))
            if self.ack in reply or (self.nak and self.nak in reply):
                return reply

    def _ensure_open(self) -> serial.SerialBase:
        if self._port is not None and self._port.is_open:
            return self._port
        try:
            self._port = serial.serial_for_url(self.url, baudrate=self.baud, parity=self.parity,
                                               timeout=self.timeout, write_timeout=self.timeout)
        except (serial.SerialException, OSError, ValueError) as error:
            self._port = None
            message = tr(messages.STRIP_PORT_GONE, port=self.url, detail=error)
            self.reporter.set(DeviceState.ERROR, message)
            raise StripError(message) from error
        self.reporter.set(DeviceState.CONNECTED, tr(messages.STRIP_READY, port=self.url))
        return self._port

    def _close(self) -> None:
        if self._port is not None:
            try:
                self._port.close()
            except PORT_ERRORS:
                pass
            self._port = None


def _shown(reply: bytes) -> str:
    return reply.decode("latin-1").strip() or repr(reply)
