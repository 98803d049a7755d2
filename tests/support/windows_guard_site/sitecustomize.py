"""Installs tests/support/windows_guard.py at interpreter start (this directory on PYTHONPATH)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import windows_guard  # noqa: E402

windows_guard.install()
del sys.path[0]
