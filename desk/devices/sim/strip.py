"""A serial security-strip unit simulator: answers commands on a simulated cable (``Link``: a
TCP socket the desk opens as ``socket://HOST:PORT``, or a pseudo-terminal).

``mode`` is what the unit does with a known command: ``"ok"`` acknowledges, ``"fail"`` refuses
(NAK), ``"timeout"`` says nothing, ``"garbage"`` answers noise. ``ignore_first`` swallows that
many commands before behaving (to exercise retries). Unknown lines get the refusal.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from desk.devices.sim.link import Link
from desk.devices.sim.served import LinkServer

MODES = ("ok", "fail", "timeout", "garbage")


@dataclass
class StripSimulator(LinkServer):
    """Runs in a thread (``start``/``stop``) or in the foreground (``serve_forever``)."""

    thread_name = "strip-sim"

    port: Link
    desensitize_command: str = "D\r"
    resensitize_command: str = "R\r"
    ack: str = "OK\r\n"
    nak: str = "NG\r\n"
    mode: str = "ok"
    ignore_first: int = 0
    received: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event, init=False, repr=False)
    _thread: threading.Thread | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        self._buffer = b""
        self._lock = threading.Lock()

    @property
    def actions(self) -> list[str]:
        """The recognised commands received, as "desensitize"/"resensitize"/"unknown"."""
        with self._lock:
            return list(self.received)

    def feed(self, data: bytes) -> None:
        """Take bytes from the desk and answer every complete command in them."""
        self._buffer += data
        commands = {self.desensitize_command.encode("latin-1"): "desensitize",
                    self.resensitize_command.encode("latin-1"): "resensitize"}
        while self._buffer:
            for command, action in commands.items():
                if self._buffer.startswith(command):
                    self._buffer = self._buffer[len(command):]
                    self._answer(action)
                    break
            else:
                cut = min((i for i in (self._buffer.find(b"\r"), self._buffer.find(b"\n")) if i >= 0),
                          default=-1)
                if cut < 0:
                    return
                self._buffer = self._buffer[cut + 1:]
                self._answer("unknown")

    def _answer(self, action: str) -> None:
        with self._lock:
            self.received.append(action)
        if self.ignore_first > 0:
            self.ignore_first -= 1
            return
        if action == "unknown" or self.mode == "fail":
            self.port.write(self.nak.encode("latin-1"))
        elif self.mode == "ok":
            self.port.write(self.ack.encode("latin-1"))
        elif self.mode == "garbage":
            self.port.write(b"\x00?\xff\r\n")
