"""A stand-in for pywin32's ``win32print`` (Windows only), installed into ``sys.modules`` by tests.

It keeps the calls the desk makes, in order, as ``(function, arguments)`` in ``calls`` and the
documents the spooler would print in ``printed`` (the bytes of each ended document). Queues are
named at construction; opening another raises ``error`` as the real module does
(``winerror``, ``funcname``, ``strerror``, like ``pywintypes.error``). ``fail_writes`` makes
``WritePrinter`` fail (a queue deleted while a job is open).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import pytest

PRINTER_ENUM_LOCAL = 0x2
PRINTER_ENUM_CONNECTIONS = 0x4


class error(Exception):  # noqa: N801 - the module's own name for it
    def __init__(self, winerror: int, funcname: str, strerror: str) -> None:
        super().__init__(winerror, funcname, strerror)
        self.winerror, self.funcname, self.strerror = winerror, funcname, strerror


class Handle:
    """An open printer (a PyPrinterHANDLE): no ``flush``, nothing but its queue's name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.closed = False
        self.document: bytearray | None = None


class FakeWin32Print(ModuleType):
    def __init__(self, queues: list[str]) -> None:
        super().__init__("win32print")
        self.queues = list(queues)
        self.error = error
        self.calls: list[tuple[str, tuple[Any, ...]]] = []
        self.printed: list[bytes] = []
        self.handles: list[Handle] = []
        self.fail_writes = False
        self.PRINTER_ENUM_LOCAL = PRINTER_ENUM_LOCAL
        self.PRINTER_ENUM_CONNECTIONS = PRINTER_ENUM_CONNECTIONS

    @property
    def names(self) -> list[str]:
        """The functions called, in order."""
        return [name for name, _ in self.calls]

    def EnumPrinters(self, flags: int, name: str | None, level: int) -> tuple[dict[str, Any], ...]:
        self.calls.append(("EnumPrinters", (flags, name, level)))
        return tuple({"pPrinterName": queue, "pServerName": None, "Attributes": 0x40}
                     for queue in self.queues)

    def OpenPrinter(self, name: str) -> Handle:
        self.calls.append(("OpenPrinter", (name,)))
        if name not in self.queues:
            raise error(1801, "OpenPrinter", "The printer name is invalid.")
        handle = Handle(name)
        self.handles.append(handle)
        return handle

    def StartDocPrinter(self, handle: Handle, level: int, info: tuple[Any, ...]) -> int:
        self.calls.append(("StartDocPrinter", (handle, level, info)))
        handle.document = bytearray()
        return len(self.printed) + 1

    def StartPagePrinter(self, handle: Handle) -> None:
        self.calls.append(("StartPagePrinter", (handle,)))

    def WritePrinter(self, handle: Handle, data: bytes) -> int:
        self.calls.append(("WritePrinter", (handle, bytes(data))))
        if self.fail_writes:
            raise error(1804, "WritePrinter", "The specified datatype is invalid.")
        assert handle.document is not None and not handle.closed
        handle.document += data
        return len(data)

    def EndPagePrinter(self, handle: Handle) -> None:
        self.calls.append(("EndPagePrinter", (handle,)))

    def EndDocPrinter(self, handle: Handle) -> None:
        self.calls.append(("EndDocPrinter", (handle,)))
        assert handle.document is not None
        self.printed.append(bytes(handle.document))
        handle.document = None

    def AbortPrinter(self, handle: Handle) -> None:
        self.calls.append(("AbortPrinter", (handle,)))
        handle.document = None

    def ClosePrinter(self, handle: Handle) -> None:
        self.calls.append(("ClosePrinter", (handle,)))
        handle.closed = True


def install(monkeypatch: pytest.MonkeyPatch, queues: list[str]) -> FakeWin32Print:
    """Put a fake ``win32print`` with ``queues`` into ``sys.modules`` for one test."""
    fake = FakeWin32Print(queues)
    monkeypatch.setitem(sys.modules, "win32print", fake)
    return fake
