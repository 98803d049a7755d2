"""A barcode scanner on a serial port (RS-232 or USB CDC-ACM), read in a background thread.

Pure Python (no Qt): ``SerialScannerWorker`` opens the port with ``serial.serial_for_url`` (so
``loop://`` and ``/dev/ttyACM0`` alike), reads it with pyserial's ``ReaderThread`` and a
``Packetizer``-shaped ``ScanLineReader`` cut at the configured terminator and hands each line to
a ``ScanIntake`` (the ``BarcodeCleaner`` every scan goes through), which calls ``on_scan(code)``
or ``on_reject(reason)``. When the port vanishes
(USB unplugged, pseudo-terminal closed) it reports an error status and tries to reopen the port
every ``reconnect_interval`` seconds until it is back, without anyone restarting anything.
``desk.devices.scanner.qt_scanner.SerialScanner`` wraps it in Qt signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import serial
from serial.threaded import Packetizer, ReaderThread

from desk.wording import devices as messages
from desk.wording import text as tr
from desk.devices.port_errors import PORT_ERRORS
from desk.devices.scanner.cleaner import BarcodeCleaner
from desk.devices.scanner.intake import ScanIntake
from desk.devices.status import DeviceState, StatusReporter

log = logging.getLogger(__name__)

TERMINATORS: dict[str, bytes] = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n"}
PARITIES: dict[str, str] = {
    "N": serial.PARITY_NONE, "NONE": serial.PARITY_NONE,
    "E": serial.PARITY_EVEN, "EVEN": serial.PARITY_EVEN,
    "O": serial.PARITY_ODD, "ODD": serial.PARITY_ODD,
    "M": serial.PARITY_MARK, "MARK": serial.PARITY_MARK,
    "S": serial.PARITY_SPACE, "SPACE": serial.PARITY_SPACE,
}


def terminator_bytes(name: str) -> bytes:
    """``"CR"``, ``"LF"`` or ``"CRLF"`` (also ``"CR LF"``) as bytes."""
    key = name.upper().replace(" ", "").replace("+", "")
    if key not in TERMINATORS:
        raise ValueError(f"terminator must be one of {', '.join(TERMINATORS)}, not {name!r}")
    return TERMINATORS[key]


def parity_code(name: str) -> str:
    key = name.upper()
    if key not in PARITIES:
        raise ValueError(f"parity must be one of N, E, O, M, S, not {name!r}")
    return PARITIES[key]


@dataclass(frozen=True)
class SerialScannerSettings:
    """Where the scanner is and how it frames its scans."""

    url: str
    baud: int = 9600
    parity: str = "N"
    bytesize: int = 8
    stopbits: float = 1
    terminator: str = "CR"
    reconnect_interval: float = 1.0
    cleaner: BarcodeCleaner = field(default_factory=BarcodeCleaner)

    def __post_init__(self) -> None:
        terminator_bytes(self.terminator)
        parity_code(self.parity)


class ScanLineReader(Packetizer):
    """pyserial ``Packetizer`` cut at the scanner's terminator; hands raw lines to the worker."""

    def __init__(self, worker: SerialScannerWorker) -> None:
        super().__init__()
        self.TERMINATOR = terminator_bytes(worker.settings.terminator)
        self._worker = worker
        self._limit = 4 * worker.settings.cleaner.max_length + 64

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if len(self.buffer) > self._limit:
            self._worker.reject(tr(messages.SCAN_NO_TERMINATOR, length=len(self.buffer)))
            self.buffer.clear()

    def handle_packet(self, packet: bytes) -> None:
        self._worker.handle_line(bytes(packet))

    def connection_lost(self, exc: BaseException | None) -> None:
        """Remember why the port went away; never re-raise in the reader thread."""
        self.transport = None
        self._worker.last_error = exc


class ScannerReaderThread(ReaderThread):
    """pyserial's ``ReaderThread`` loop, also ending cleanly on the errors it lets through."""

    alive: bool

    def run(self) -> None:
        self.protocol = self.protocol_factory()
        self.protocol.connection_made(self)
        self._connection_made.set()
        error: BaseException | None = None
        while self.alive and self.serial.is_open:
            try:
                data = self.serial.read(self.serial.in_waiting or 1)
            except PORT_ERRORS as exc:
                error = exc
                break
            if data:
                try:
                    self.protocol.data_received(data)
                except Exception:  # a failing receiver must not stop the scanner
                    log.exception("scan receiver failed")
        self.alive = False
        self.protocol.connection_lost(error)
        self.protocol = None


class SerialScannerWorker:
    """Reads scans in background threads and reconnects; see the module docstring."""

    def __init__(
        self,
        settings: SerialScannerSettings,
        on_scan: Callable[[str], None],
        on_reject: Callable[[str], None] | None = None,
        status: StatusReporter | None = None,
    ) -> None:
        self.settings = settings
        self._on_scan = on_scan
        self._on_reject = on_reject or (lambda reason: None)
        self.status = status or StatusReporter()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._reader: ScannerReaderThread | None = None
        self.last_error: BaseException | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._supervise, name="scanner-supervisor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        reader = self._reader
        if reader is not None:
            reader.stop()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.status.set(DeviceState.OFF, tr(messages.SCANNER_STOPPED))

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def handle_line(self, raw: bytes) -> None:
        ScanIntake(self.settings.cleaner, self._on_scan, self.reject).submit(raw)

    def reject(self, reason: str) -> None:
        log.warning("scanner on %s: %s", self.settings.url, reason)
        self._on_reject(reason)

    def _open(self) -> serial.SerialBase:
        s = self.settings
        return serial.serial_for_url(
            s.url, baudrate=s.baud, parity=parity_code(s.parity), bytesize=s.bytesize,
            stopbits=s.stopbits, timeout=1)

    def _supervise(self) -> None:
        interval = self.settings.reconnect_interval
        while not self._stop.is_set():
            try:
                port = self._open()
            except (serial.SerialException, OSError, ValueError) as error:
                self._port_gone(error, interval)
                self._stop.wait(interval)
                continue
            reader = ScannerReaderThread(port, lambda: ScanLineReader(self))
            reader.start()
            # Published only once started: stop() joins it, and a thread not yet started
            # cannot be joined. A stop() in between is seen by the loop below.
            self._reader = reader
            try:
                reader.connect()
            except RuntimeError:
                # The reader ended before it was ready: stop() was called meanwhile, or the
                # port failed at once (unplugged as it opened). Both are handled below.
                pass
            else:
                self.status.set(DeviceState.CONNECTED,
                                tr(messages.SCANNER_LISTENING, port=self.settings.url))
                while reader.is_alive() and not self._stop.is_set():
                    reader.join(0.1)
            reader.stop()
            self._reader = None
            try:
                port.close()
            except PORT_ERRORS:
                pass
            if self._stop.is_set():
                break
            self._port_gone(self.last_error, interval)
            self._stop.wait(interval)

    def _port_gone(self, error: BaseException | None, interval: float) -> None:
        detail = str(error) if error is not None else "closed"
        message = tr(messages.SCANNER_PORT_GONE, port=self.settings.url, detail=detail, interval=interval)
        if self.status.status.detail != message:
            log.warning("%s", message)
        self.status.set(DeviceState.ERROR, message)

