"""An ESC/POS receipt printer over any python-escpos connection, with drawer kick and status.

Connections (see ``connect``): ``Serial`` (RS-232/USB CDC-ACM: COM3, /dev/ttyUSB0), ``Usb``
(needs pyusb), ``Network`` (host:port, usually 9100), ``File`` (a device file such as
/dev/usb/lp0), ``Win32Raw`` (a Windows printer queue, ``desk.devices.printer.win32raw``) and
``Dummy`` (keeps the bytes, for tests). A slip is rendered to bytes first and sent in one write, so a failure never
leaves half a slip queued in the driver. Where the connection can read (serial, network) the
printer is asked for its status with ``DLE EOT 1/2/4`` before printing: paper out or cover open
raise ``PrinterError`` instead of sending a slip into a printer that will drop it. A network or
Windows-queue connection is closed after each job, inside the job: a Windows job is printed only
when its document ends, so a spooler refusing the end is a failed slip, not a silent one.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

from escpos import printer as escpos_printers
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.exceptions import Error as EscposError

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.port_errors import PORT_ERRORS
from desk.devices.printer.base import PrinterError, PrinterStatus, ReceiptPrinter
from desk.devices.printer.escpos_render import EscposLayout, slip_to_escpos
from desk.devices.slips import Slip
from desk.devices.status import DeviceState

DLE_EOT = b"\x10\x04"
STATUS_TIMEOUT = 1.0


def status_byte_valid(value: int) -> bool:
    """Real-time status bytes have bits 1 and 4 set, bits 0 and 7 clear."""
    return value & 0x93 == 0x12


class NetworkConnection(escpos_printers.Network):
    """python-escpos ``Network`` that also closes its socket when connecting fails."""

    _device: Any

    def open(self, raise_not_found: bool = True) -> None:
        if self._device:
            self.close()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect((self.host, self.port))
        except OSError as error:
            sock.close()
            self._device = None
            raise DeviceNotFoundError(f"Could not open socket for {self.host}:{self.port}: {error}") from error
        self._device = sock


def connect(kind: str, **options: Any) -> Escpos:
    """A python-escpos connection: ``serial``, ``usb``, ``network``, ``file``, ``win32raw`` or
    ``dummy``."""
    if kind == "serial":
        return escpos_printers.Serial(devfile=options["devfile"], baudrate=int(options.get("baudrate", 9600)),
                                      timeout=float(options.get("timeout", 1)), dsrdtr=False)
    if kind == "network":
        return NetworkConnection(host=options["host"], port=int(options.get("port", 9100)),
                                       timeout=float(options.get("timeout", 5)))
    if kind == "file":
        return escpos_printers.File(devfile=options["devfile"])
    if kind == "usb":
        if not escpos_printers.Usb.is_usable():
            raise ValueError("USB printers need the pyusb package (pip install pyusb)")
        return escpos_printers.Usb(idVendor=int(str(options["vendor_id"]), 0),
                                   idProduct=int(str(options["product_id"]), 0))
    if kind == "win32raw":
        from desk.devices.printer.win32raw import Win32RawConnection
        return Win32RawConnection(printer_name=str(options["printer_name"]))
    if kind == "dummy":
        return escpos_printers.Dummy()
    raise ValueError(f"unknown ESC/POS connection {kind!r}")


class EscposPrinter(ReceiptPrinter):
    """A receipt printer speaking ESC/POS through ``connection``."""

    has_drawer = True

    def __init__(self, connection: Escpos, layout: EscposLayout | None = None, drawer_pin: int = 2,
                 close_after_job: bool | None = None, description: str = "",
                 check_status: bool = True) -> None:
        super().__init__()
        self.connection = connection
        self.layout = layout or EscposLayout()
        self.drawer_pin = drawer_pin
        one_job_each = isinstance(connection, (escpos_printers.Network, escpos_printers.Win32Raw))
        self.close_after_job = one_job_each if close_after_job is None else close_after_job
        self.description = description or type(connection).__name__
        self.check_status = check_status
        self._lock = threading.Lock()

    @property
    def reads_status(self) -> bool:
        return isinstance(self.connection, (escpos_printers.Serial, escpos_printers.Network))

    def print_slip(self, slip: Slip) -> None:
        self._job(slip_to_escpos(slip, self.layout), check=True)

    def open_drawer(self) -> None:
        self._job(b"\x1bp" + bytes([0 if self.drawer_pin == 2 else 1, 50, 50]), check=False)

    def send_raw(self, data: bytes) -> None:
        """Send bytes as one job (no status check)."""
        self._job(data, check=False)

    def query_status(self) -> PrinterStatus:
        with self._lock:
            try:
                return self._query()
            except PrinterError as error:
                self.reporter.set(DeviceState.ERROR, error.message)
                self._drop()
                raise
            finally:
                if self.close_after_job:
                    self._drop()

    def test(self) -> str:
        self._probe()
        status = self.query_status()
        if status.known and not status.ready:
            raise PrinterError(status.problem())
        detail = tr(messages.PRINTER_READY, target=self.description)
        self.reporter.set(DeviceState.CONNECTED, detail)
        return detail if status.known else f"{detail}. {tr(messages.PRINTER_STATUS_UNKNOWN)}"

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _job(self, data: bytes, check: bool) -> None:
        with self._lock:
            try:
                self._open()
                if check and self.check_status:
                    status = self._query()
                    if status.known and not status.ready:
                        raise PrinterError(status.problem())
                self.connection._raw(data)
                flush = getattr(self.connection.device, "flush", None)
                if callable(flush):
                    flush()
                if self.close_after_job:
                    self._end_job()
            except PrinterError as error:
                self.reporter.set(DeviceState.ERROR, error.message)
                self._drop()
                raise
            except (TimeoutError, *PORT_ERRORS, EscposError) as error:
                message = tr(messages.PRINTER_OFFLINE, detail=_one_line(error))
                self.reporter.set(DeviceState.ERROR, message)
                self._drop()
                raise PrinterError(message) from error
            self.reporter.set(DeviceState.CONNECTED, tr(messages.PRINTER_READY, target=self.description))

    def _open(self) -> None:
        if not self.connection._device:
            try:
                self.connection.open()
            except (*PORT_ERRORS, EscposError) as error:
                self.connection._device = False
                raise PrinterError(tr(messages.PRINTER_OFFLINE, detail=_one_line(error))) from error

    def _end_job(self) -> None:
        try:
            self.connection.close()
        finally:
            self.connection._device = False

    def _probe(self) -> None:
        """Where the connection can be checked without printing (a Windows queue), check it."""
        probe = getattr(self.connection, "probe", None)
        if not callable(probe):
            return
        with self._lock:
            try:
                try:
                    probe()
                except (*PORT_ERRORS, EscposError) as error:
                    raise PrinterError(tr(messages.PRINTER_OFFLINE, detail=_one_line(error))) from error
            except PrinterError as error:
                self.reporter.set(DeviceState.ERROR, error.message)
                raise

    def _query(self) -> PrinterStatus:
        if not self.reads_status:
            return PrinterStatus(known=False)
        self._open()
        try:
            printer = self._ask(1)
            cause = self._ask(2)
            paper = self._ask(4)
        except PORT_ERRORS as error:  # socket timeouts are OSError too
            raise PrinterError(tr(messages.PRINTER_OFFLINE, detail=_one_line(error) or "timeout")) from error
        if printer is None or cause is None or paper is None:
            return PrinterStatus(known=False)
        return PrinterStatus(
            known=True, online=not printer & 0x08, cover_open=bool(cause & 0x04),
            paper_out=bool(cause & 0x20) or bool(paper & 0x60), paper_low=bool(paper & 0x0C))

    def _ask(self, n: int) -> int | None:
        """Send ``DLE EOT n`` and read the one status byte (None: the printer said nothing valid)."""
        device = self.connection.device
        self.connection._raw(DLE_EOT + bytes([n]))
        if isinstance(self.connection, escpos_printers.Network):
            device.settimeout(STATUS_TIMEOUT)
            try:
                reply = device.recv(1)
            except TimeoutError:
                return None
            if not reply:
                raise ConnectionResetError("printer closed the connection")
        else:
            device.timeout = STATUS_TIMEOUT
            reply = device.read(1)
        if not reply or not status_byte_valid(reply[0]):
            return None
        return int(reply[0])

    def _drop(self) -> None:
        try:
            self.connection.close()
        except (*PORT_ERRORS, EscposError):
            pass
        self.connection._device = False


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
