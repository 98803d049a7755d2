"""A strip unit triggered by pulsing a serial control line (RTS or DTR) for a set time.

``desensitize_line`` and ``resensitize_line`` name the line each action pulses; ``None`` means the
unit does not do that action (a desensitize-only unit re-sensitizes by other means), and the
action then does nothing. Pseudo-terminals have no control lines: such a port raises StripError.
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

LINES = ("RTS", "DTR")


class ControlLineStrip(SecurityStrip):
    """Pulses RTS or DTR high for ``pulse_ms`` milliseconds (low when ``active_high`` is False)."""

    def __init__(
        self,
        url: str,
        desensitize_line: str | None = "RTS",
        resensitize_line: str | None = None,
        pulse_ms: int = 200,
        active_high: bool = True,
    ) -> None:
        super().__init__()
        for line in (desensitize_line, resensitize_line):
            if line is not None and line.upper() not in LINES:
                raise ValueError(f"control line must be RTS or DTR, not {line!r}")
        if pulse_ms <= 0:
            raise ValueError("pulse_ms must be positive")
        self.url = url
        self.lines = {"desensitize": desensitize_line.upper() if desensitize_line else None,
                      "resensitize": resensitize_line.upper() if resensitize_line else None}
        self.pulse_ms = pulse_ms
        self.active_high = active_high
        self._port: serial.SerialBase | None = None
        self._lock = threading.Lock()

    @property
    def port(self) -> serial.SerialBase | None:
        """The open port, for diagnostics (None until the first action or test)."""
        return self._port

    def desensitize(self) -> None:
        self._pulse("desensitize")

    def resensitize(self) -> None:
        self._pulse("resensitize")

    def test(self) -> str:
        with self._lock:
            port = self._ensure_open()
            for line in {line for line in self.lines.values() if line}:
                self._set(port, line, False)
        return tr(messages.STRIP_READY, port=self.url)

    def close(self) -> None:
        with self._lock:
            if self._port is not None:
                try:
                    self._port.close()
                except PORT_ERRORS:
                    pass
                self._port = None

    def _pulse(self, action: str) -> None:
        line = self.lines[action]
        if line is None:
            return
        with self._lock:
            try:
                port = self._ensure_open()
                self._set(port, line, True)
                time.sleep(self.pulse_ms / 1000)
                self._set(port, line, False)
            except StripError as error:
                self.reporter.set(DeviceState.ERROR, error.message)
                if self._port is not None:
                    self._port.close()
                self._port = None
                raise
        self.reporter.set(DeviceState.CONNECTED, tr(messages.STRIP_READY, port=self.url))

    def _set(self, port: serial.SerialBase, line: str, active: bool) -> None:
        level = active if self.active_high else not active
        try:
            if line == "RTS":
                port.rts = level
            else:
                port.dtr = level
        except PORT_ERRORS as error:
            raise StripError(tr(messages.STRIP_NO_CONTROL_LINE, port=self.url, line=line,
                                detail=error)) from error

    def _ensure_open(self) -> serial.SerialBase:
        if self._port is not None and self._port.is_open:
            return self._port
        try:
            port = serial.serial_for_url(self.url, do_not_open=True)
            for line in {line for line in self.lines.values() if line}:
                setattr(port, line.lower(), not self.active_high)
            port.open()
            self._port = port
        except (serial.SerialException, OSError, ValueError) as error:
            self._port = None
            raise StripError(tr(messages.STRIP_PORT_GONE, port=self.url, detail=error)) from error
        return self._port
