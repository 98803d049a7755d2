"""Outcome sounds named like Evergreen's: ``error.checkout.patron_blocked`` falls back to
``error.checkout``, then ``error``, to the first that has a file in ``resources/sounds``.

Sounds play through QtMultimedia when an audio server is running; with none (a headless test
machine) the player stays silent rather than have QtMultimedia complain, and still records what
it would have played (``played``), so the choice of sound is testable everywhere.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl

from desk.ui.resources import resource

log = logging.getLogger(__name__)


def resolve(name: str, directory: Path) -> Path | None:
    """The file for ``name`` or its nearest parent name, or None."""
    parts = name.split(".")
    while parts:
        path = directory / (".".join(parts) + ".wav")
        if path.exists():
            return path
        parts.pop()
    return None


def audio_server_running() -> bool:
    """A PulseAudio/PipeWire server to talk to (QtMultimedia only warns without one); Windows
    and macOS always have their system audio, and no ``os.getuid`` nor ``/run/user``."""
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("PULSE_SERVER"):
        return True
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    candidates = [Path(runtime) / "pulse" / "native", Path("/run/pulse/native"),
                  Path(runtime) / "pipewire-0"]
    return any(path.exists() for path in candidates)


class SoundPlayer(QObject):
    """Plays outcome sounds; ``enabled`` is the ``sounds`` setting, ``volume`` (0-1) the
    ``sound_volume`` one."""

    def __init__(self, enabled: bool = True, directory: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.directory = directory or resource("sounds")
        self.played: list[str] = []   # resolved file stems, newest last
        self._effects: dict[Path, Any] = {}
        self._audio = audio_server_running()
        self.volume = 0.6

    def set_volume(self, percent: int) -> None:
        """The ``sound_volume`` setting (0-100 %), for the sounds to come and those loaded."""
        self.volume = max(0, min(100, percent)) / 100
        for effect in self._effects.values():
            effect.setVolume(self.volume)

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        path = resolve(name, self.directory)
        if path is None:
            log.warning("no sound for %s", name)
            return
        self.played.append(path.stem)
        del self.played[:-100]
        if self._audio:
            self._effect(path).play()

    def _effect(self, path: Path) -> Any:
        effect = self._effects.get(path)
        if effect is None:
            from PySide6.QtMultimedia import QSoundEffect
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.setVolume(self.volume)
            self._effects[path] = effect
        return effect
