"""Raw ESC/POS to a Windows printer queue: python-escpos's ``Win32Raw`` with ``win32print``
imported when a job opens.

``Win32Raw`` is the base (its type, its ``printer_name`` and its job protocol: ``OpenPrinter``,
``StartDocPrinter`` with the ``RAW`` data type, ``StartPagePrinter``, ``WritePrinter``, then
``EndPagePrinter``, ``EndDocPrinter``, ``ClosePrinter``), but its methods are replaced because
as shipped (python-escpos 3.1) it

- binds ``win32print`` when ``escpos.printer`` is imported and refuses to be constructed without
  it (an English ``RuntimeError``), so a desk whose settings name a Windows queue would not even
  build its printer off Windows; here the module loads in ``open`` and its absence is a
  ``PrinterError`` in the user's language;
- checks the printer name with ``assert`` (dropped under ``python -O``) against
  ``EnumPrinters(PRINTER_ENUM_NAME, "", 4)``, and leaks the printer handle when
  ``StartDocPrinter`` fails; here ``OpenPrinter`` is the check and the handle is always closed;
- falls back to the default printer for an empty name: raw ESC/POS on an office laser printer
  prints pages of garbage, so the desk requires the name (``desk.devices.registry``).

One slip (or drawer kick) is one print job: the spooler prints a job when its document ends, so
``EscposPrinter`` closes this connection after every job; a job whose write failed is aborted
(``AbortPrinter``), not ended, so half a slip is never printed. The spooler reports no paper or
cover state back through a raw queue: ``EscposPrinter`` asks no status here.
"""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any

from escpos import printer as escpos_printers
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError

from desk.devices.printer.base import PrinterError
from desk.devices.windows_printers import Win32PrintMissing, load_win32print

log = logging.getLogger(__name__)

JOB_NAME = "Circulation Desk"


class Win32RawConnection(escpos_printers.Win32Raw):
    """A named Windows printer queue taking raw bytes, one document per ``open``/``close``."""

    _device: Any

    def __init__(self, printer_name: str, job_name: str = JOB_NAME, **kwargs: Any) -> None:
        Escpos.__init__(self, **kwargs)   # not Win32Raw.__init__: it needs win32print already
        self.printer_name = printer_name
        self.job_name = job_name
        self._device = False
        self._win32print: ModuleType | None = None

    def _module(self) -> ModuleType:
        if self._win32print is None:
            try:
                self._win32print = load_win32print(self.printer_name)
            except Win32PrintMissing as error:
                raise PrinterError(str(error)) from error
        return self._win32print

    def probe(self) -> None:
        """Check the queue exists and may be opened (starts no job)."""
        win32print = self._module()
        try:
            win32print.ClosePrinter(win32print.OpenPrinter(self.printer_name))
        except win32print.error as error:
            raise DeviceNotFoundError(_describe(self.printer_name, error)) from error

    def open(self, job_name: str = "", raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        win32print = self._module()
        try:
            handle = win32print.OpenPrinter(self.printer_name)
        except win32print.error as error:
            self._device = None
            raise DeviceNotFoundError(_describe(self.printer_name, error)) from error
        try:
            win32print.StartDocPrinter(handle, 1, (job_name or self.job_name, None, "RAW"))
            win32print.StartPagePrinter(handle)
        except win32print.error as error:
            win32print.ClosePrinter(handle)
            self._device = None
            raise DeviceNotFoundError(_describe(self.printer_name, error)) from error
        self._device = handle

    def close(self) -> None:
        """End the document (the spooler then prints it) and release the queue."""
        handle, self._device = self._device, False
        if not handle:
            return
        win32print = self._module()
        try:
            win32print.EndPagePrinter(handle)
            win32print.EndDocPrinter(handle)
        except win32print.error as error:
            raise DeviceNotFoundError(_describe(self.printer_name, error)) from error
        finally:
            win32print.ClosePrinter(handle)

    def _raw(self, msg: bytes) -> None:
        if not self._device:
            raise DeviceNotFoundError(f"no print job open on {self.printer_name}")
        win32print = self._module()
        try:
            win32print.WritePrinter(self._device, msg)
        except win32print.error as error:
            self._abort()
            raise DeviceNotFoundError(_describe(self.printer_name, error)) from error

    def _abort(self) -> None:
        """Delete the job begun (a half-written slip must not be printed) and release the queue."""
        handle, self._device = self._device, False
        win32print = self._module()
        try:
            win32print.AbortPrinter(handle)
        except win32print.error as error:
            log.warning("could not delete the half-written job on %s: %s", self.printer_name, error)
        finally:
            win32print.ClosePrinter(handle)


def _describe(printer: str, error: BaseException) -> str:
    """``"EPSON TM-T82: OpenPrinter: The printer name is invalid."`` from a pywintypes.error
    (``winerror``, ``funcname``, ``strerror``) or anything else."""
    function = getattr(error, "funcname", "")
    reason = getattr(error, "strerror", "") or str(error)
    return f"{printer}: {function}: {reason}" if function else f"{printer}: {reason}"
