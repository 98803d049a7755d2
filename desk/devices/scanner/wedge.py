"""Keyboard-wedge scan detection: tells a scanner's keystroke burst from a person typing.

Pure Python, for the UI's application-wide key filter. Feed every printable key and the suffix
keys as ``(char, timestamp_ms)``; the classifier answers with decisions:

* ``WedgeDecision("scan", code)``: at least ``min_length`` characters arrived with no gap longer
  than ``max_interval_ms`` and ended in a suffix key (Enter ``"\\r"``/``"\\n"`` or Tab ``"\\t"``).
  The UI swallows those keystrokes and passes ``code`` through ``BarcodeCleaner.clean``.
* ``WedgeDecision("typing", text)``: the keys were a person's; the UI replays them to the widget
  that had focus (the suffix key included, when it was one).

Keys are held back while they could still be a scan; call ``flush(now_ms)`` from a timer (every
``max_interval_ms`` or so) so that a person's keys are released once the burst window has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DEFAULT_SUFFIXES = ("\r", "\n", "\t")


@dataclass(frozen=True)
class WedgeDecision:
    kind: Literal["scan", "typing"]
    text: str


@dataclass
class WedgeClassifier:
    """Burst classifier; see the module docstring."""

    max_interval_ms: float = 35.0
    min_length: int = 4
    suffixes: tuple[str, ...] = DEFAULT_SUFFIXES
    prefix: str = ""
    max_length: int = 128
    _buffer: list[str] = field(default_factory=list, init=False, repr=False)
    _last_ms: float = field(default=0.0, init=False, repr=False)

    @property
    def pending(self) -> str:
        """Keys held back, not yet decided."""
        return "".join(self._buffer)

    def feed(self, char: str, timestamp_ms: float) -> list[WedgeDecision]:
        """Take one key; return the decisions it settles (often none)."""
        decisions = self._expire(timestamp_ms)
        if char in self.suffixes:
            text = "".join(self._buffer)
            self._buffer.clear()
            if len(text) >= self.min_length + len(self.prefix) and text.startswith(self.prefix):
                decisions.append(WedgeDecision("scan", text[len(self.prefix):]))
            else:
                decisions.append(WedgeDecision("typing", text + char))
            return decisions
        self._buffer.append(char)
        self._last_ms = timestamp_ms
        if len(self._buffer) > self.max_length:
            decisions.append(WedgeDecision("typing", "".join(self._buffer)))
            self._buffer.clear()
        return decisions

    def flush(self, now_ms: float) -> list[WedgeDecision]:
        """Release held keys as typing once no key came for longer than ``max_interval_ms``."""
        return self._expire(now_ms)

    def _expire(self, now_ms: float) -> list[WedgeDecision]:
        if self._buffer and now_ms - self._last_ms > self.max_interval_ms:
            text = "".join(self._buffer)
            self._buffer.clear()
            return [WedgeDecision("typing", text)]
        return []
