"""A serial barcode scanner simulator: barcodes (typed or scripted) down a simulated cable
(``Link``: a TCP socket the desk opens as ``socket://HOST:PORT``, or a pseudo-terminal).

Each scan goes out as ``prefix + [AIM id] + [Codabar start] + code + [stop] + terminator``,
optionally preceded by a burst of line noise. Script files hold one barcode per line; blank lines
and ``#`` comments are skipped; ``!noise`` sends a garbage line, ``!sleep SECONDS`` pauses,
``!unplug`` / ``!replug`` pull the cable out and back.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from desk.devices.scanner.serial_scanner import terminator_bytes
from desk.devices.sim.link import Link

NOISE_BYTES = bytes([0x00, 0x07, 0x1B, 0x7F, 0x80, 0x9F, 0xC3, 0xE6, 0xFE, 0xFF])


@dataclass
class ScannerSimulator:
    """Sends scans down ``port``; ``noise_rate`` is the chance of a garbage line before a scan."""

    port: Link
    terminator: str = "CR"
    prefix: str = ""
    aim: str = ""
    codabar: bool = False
    noise_rate: float = 0.0
    seed: int | None = None

    def __post_init__(self) -> None:
        self._terminator = terminator_bytes(self.terminator)
        self._random = random.Random(self.seed)

    def frame(self, code: str, terminator: str | None = None) -> bytes:
        """The bytes a scanner configured like this sends for ``code``."""
        end = terminator_bytes(terminator) if terminator else self._terminator
        body = f"A{code}B" if self.codabar else code
        return (self.prefix + self.aim + body).encode("ascii") + end

    def noise(self, length: int = 12) -> bytes:
        """A garbage line: bytes that no scanner sends, ended by the terminator."""
        return bytes(self._random.choice(NOISE_BYTES) for _ in range(length)) + self._terminator

    def send(self, code: str, terminator: str | None = None) -> None:
        if self.noise_rate and self._random.random() < self.noise_rate:
            self.send_noise()
        self.port.write(self.frame(code, terminator))

    def send_noise(self, length: int = 12) -> None:
        self.port.write(self.noise(length))

    def run_script(self, lines: Iterable[str], interval: float = 0.0) -> int:
        """Play a script (see the module docstring); returns the number of barcodes sent."""
        sent = 0
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line == "!noise":
                self.send_noise()
            elif line.startswith("!sleep"):
                time.sleep(float(line.split()[1]))
            elif line == "!unplug":
                self.port.unplug()
            elif line == "!replug":
                self.port.replug()
            else:
                self.send(line)
                sent += 1
            if interval:
                time.sleep(interval)
        return sent

    def run_script_file(self, path: str | Path, interval: float = 0.0) -> int:
        return self.run_script(Path(path).read_text(encoding="utf-8").splitlines(), interval)
