"""Making a file's directory entry durable, on POSIX and on Windows.

After creating or renaming a file, POSIX needs the directory itself fsynced for the new name to
survive a power cut. Windows cannot open a directory as a file (``os.open`` raises
``PermissionError``) and NTFS journals its metadata itself, so there the file's own fsync is all
there is and this does nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def fsync_directory(directory: Path | str) -> None:
    """fsync ``directory`` where the system allows it (not on Windows)."""
    if sys.platform == "win32":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
