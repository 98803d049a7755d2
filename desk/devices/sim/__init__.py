"""Simulators for every device, usable in-process (threads, for tests) or from the command line.

``python -m desk.devices.sim scanner|strip|printer|rfid`` (see ``__main__``). Serial devices run on a
TCP socket (``TcpPort``, which the desk opens as ``socket://HOST:PORT``; any platform) or on a
pseudo-terminal pair (``PtyPort``; Linux and macOS, the only POSIX-only module of the desk,
imported only when asked for); the printer listens on TCP like a network printer (9100) or on a
pseudo-terminal.
"""

import importlib
from typing import Any

_WHERE = {
    "Job": "printer", "PrinterSimulator": "printer", "PtyPort": "pty_port", "RfidSimulator": "rfid",
    "ScannerSimulator": "scanner", "StripSimulator": "strip", "TcpPort": "tcp_port",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
