"""Where the bundled resources (sounds, style, translations, icons) are, frozen or not."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    """``resources/`` next to the package, or inside the PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)   # set by PyInstaller only: not in typeshed's sys
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
