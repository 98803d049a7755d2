"""One scan path: whatever a scanner sent (a serial line, a keyboard-wedge burst) is cleaned by a
``BarcodeCleaner`` and handed on as a barcode (``on_scan``) or a reason for refusing it
(``on_reject``); an empty line (a stray CR or LF) is dropped. Pure Python, usable with or
without a ``DeviceHub``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from desk.devices.scanner.cleaner import BarcodeCleaner, CleanResult


@dataclass(frozen=True)
class ScanIntake:
    """Cleans each scan with ``cleaner`` and calls ``on_scan(code)`` or ``on_reject(reason)``."""

    cleaner: BarcodeCleaner
    on_scan: Callable[[str], None]
    on_reject: Callable[[str], None]

    def submit(self, raw: bytes | str) -> CleanResult:
        result = self.cleaner.clean(raw)
        if result.ok:
            self.on_scan(result.code)
        elif not result.ignored:
            self.on_reject(result.reason)
        return result
