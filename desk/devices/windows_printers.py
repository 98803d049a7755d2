"""The Windows print spooler through pywin32's ``win32print``, loaded only when asked.

``win32print`` exists only on Windows with pywin32 installed (a dependency there, see
``pyproject.toml``), so nothing here imports it at module level: ``load_win32print`` imports it
when a raw print job opens (``desk.devices.printer.win32raw``) and turns its absence into
``Win32PrintMissing`` with a message for staff; ``queue_names`` lists the printer queues for the
Devices settings to offer as ``win32raw:NAME`` and is empty where there is no spooler.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from desk.wording import devices as messages
from desk.wording import text as tr

# EnumPrinters flags (winspool.h): the computer's own queues and its connections to shared ones.
PRINTER_ENUM_LOCAL = 0x2
PRINTER_ENUM_CONNECTIONS = 0x4


class Win32PrintMissing(ImportError):
    """No Windows spooler here (not Windows, or pywin32 not installed); ``str()`` is for staff."""


def load_win32print(printer: str = "") -> ModuleType:
    """pywin32's ``win32print``, or ``Win32PrintMissing`` naming the printer that needs it."""
    try:
        return importlib.import_module("win32print")
    except ImportError as error:
        raise Win32PrintMissing(tr(messages.PRINTER_WIN32_UNAVAILABLE, printer=printer)) from error


def queue_names() -> list[str]:
    """The names of this computer's printer queues, sorted; none without ``win32print`` or when
    the spooler cannot be asked (a queue can still be typed in)."""
    try:
        win32print = load_win32print()
    except Win32PrintMissing:
        return []
    try:
        found = win32print.EnumPrinters(PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS, None, 4)
    except win32print.error:
        return []
    return sorted({str(entry["pPrinterName"]) for entry in found})
