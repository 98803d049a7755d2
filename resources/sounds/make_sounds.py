"""Generates the desk's outcome sounds as small .wav files (run once; the files are committed).

Names follow Evergreen's scheme: a sound for ``error.checkout.patron_blocked`` is looked up as
that file, then ``error.checkout``, then ``error``. The base four tones cover every outcome;
the more specific ones make the common cases tell themselves apart by ear.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
# name: list of (frequency Hz, milliseconds); frequency 0 is a pause.
SOUNDS: dict[str, list[tuple[float, int]]] = {
    "success": [(1318.5, 90)],
    "info": [(880.0, 80), (0, 30), (1174.7, 110)],
    "warning": [(659.3, 140), (0, 40), (659.3, 140)],
    "error": [(220.0, 380)],
    "success.checkin": [(1046.5, 70)],
    "info.checkin.holds_shelf": [(784.0, 90), (0, 30), (1046.5, 90), (0, 30), (1318.5, 140)],
    "info.checkin.transit": [(1318.5, 90), (0, 30), (987.8, 140)],
    "warning.checkin.staff": [(523.3, 120), (0, 40), (392.0, 180)],
    "error.checkout.patron_blocked": [(196.0, 200), (0, 60), (196.0, 300)],
    "info.holds_shelf.keep": [(1046.5, 80)],
    "warning.holds_shelf.pull": [(587.3, 150), (0, 40), (440.0, 150)],
    "error.holds_shelf.not_on_shelf": [(261.6, 300)],
}


def tone(freq: float, ms: int) -> bytes:
    count = RATE * ms // 1000
    frames = bytearray()
    for n in range(count):
        # a short fade in and out avoids clicks
        envelope = min(1.0, n / 200, (count - n) / 400)
        value = 0.0 if freq == 0 else math.sin(2 * math.pi * freq * n / RATE)
        frames += struct.pack("<h", int(value * envelope * 12000))
    return bytes(frames)


def write_all(directory: Path) -> list[Path]:
    written = []
    for name, notes in SOUNDS.items():
        path = directory / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(b"".join(tone(f, ms) for f, ms in notes))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(__file__).resolve().parent):
        print(path.name, path.stat().st_size)
