"""``DeviceHub``: the one ``QObject`` the app talks to for scanners, strip units and printers.

Build it from the device settings dict (format in ``desk.devices.registry``) and a directory for
the print queue. Strip actions, printing and tests run in one background thread per device, so
the counter screen never waits on a serial timeout; their outcomes come back as signals (queued
to the GUI thread). Device names: ``"scanner"``, ``"strip"``, ``"printer"``, ``"rfid"``.

The RFID pad (``desk.devices.rfid.station``) is a scanner: each item laid on it comes as
``scanned`` (through the same cleaner), after ``parts_seen(barcode)`` has learnt how many of its
pieces lay there. Securing runs on the strip thread in request order: ``desensitize(barcode)``
writes the on-loan AFI to the item's tags when the pad saw them, else works the strip unit.

Signals:
    ``scanned(str)``: a clean barcode from the serial scanner, or from ``submit_wedge_scan`` (a
    keyboard-wedge burst the UI detected); both are cleaned by the same ``BarcodeCleaner``.
    ``scan_rejected(str)``: why a scan was refused (line noise, wrong check digit…).
    ``status_changed(str device, str state, str detail)``: state is connected / error / off.
    ``strip_finished(str action, bool ok, str message)``: action is desensitize / resensitize.
    ``print_queue_changed(int pending, str message)``: message is "" when nothing waits.
    ``drawer_finished(bool ok, str message)``.
    ``test_finished(str device, bool ok, str detail)``: the Settings page *Test* button.
    ``tag_programmed(str barcode, bool ok, str message)``: ``program_tag`` is done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desk.wording import devices as messages
from desk.wording import rfid as rfid_messages
from desk.wording import text as tr
from desk.devices.printer.base import PrinterError, ReceiptPrinter
from desk.devices.printer.queue import PrintQueue
from desk.devices.registry import (RfidSpec, ScannerSpec, build_printer, build_rfid,
                                   build_scanner, build_strip)
from desk.devices.rfid.pad import PadItem
from desk.devices.rfid.reader import RfidError
from desk.devices.rfid.station import RfidStation
from desk.devices.scanner.qt_scanner import SerialScanner
from desk.devices.scanner.intake import ScanIntake
from desk.devices.slip_builders import printer_test_slip
from desk.devices.slips import Slip
from desk.devices.status import DeviceState, DeviceStatus
from desk.devices.strip.base import SecurityStrip, StripError

DEVICES = ("scanner", "strip", "printer", "rfid")


class DeviceHub(QObject):
    """Owns the configured devices; see the module docstring for the signals."""

    scanned = Signal(str)
    scan_rejected = Signal(str)
    status_changed = Signal(str, str, str)
    strip_finished = Signal(str, bool, str)
    print_queue_changed = Signal(int, str)
    drawer_finished = Signal(bool, str)
    test_finished = Signal(str, bool, str)
    tag_programmed = Signal(str, bool, str)

    def __init__(self, config: Mapping[str, Any], queue_dir: str | Path, library: str | tuple[str, ...] = "",
                 retry_interval_ms: int = 5000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.queue_dir = Path(queue_dir)
        self.library = library
        self._statuses: dict[str, DeviceStatus] = {name: DeviceStatus(DeviceState.OFF) for name in DEVICES}
        self._workers = {name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"hub-{name}")
                         for name in ("strip", "printer", "scanner")}
        self._serial_scanner: SerialScanner | None = None
        self.rfid: RfidStation | None = None
        self._shut_down = False
        self._retry = QTimer(self)
        self._retry.setInterval(retry_interval_ms)
        self._retry.timeout.connect(self.retry_printing)
        self._build(config)

    # -- configuration ------------------------------------------------------------------------
    def _build(self, config: Mapping[str, Any]) -> None:
        self.scanner_spec: ScannerSpec = build_scanner(config.get("scanner"))
        self.strip: SecurityStrip = build_strip(config.get("strip"))
        self.printer: ReceiptPrinter = build_printer(config.get("printer"))
        self.queue = PrintQueue(self.printer, self.queue_dir, on_change=self._queue_changed)
        self.strip.reporter.add_listener(lambda s: self._set_status("strip", s))
        self.printer.reporter.add_listener(lambda s: self._set_status("printer", s))
        self._set_status("strip", self.strip.status)
        self._set_status("printer", self.printer.status)
        self.rfid_spec: RfidSpec = build_rfid(config.get("rfid"))
        self.rfid = None
        if self.rfid_spec.kind != "none":
            self.rfid = RfidStation(self.rfid_spec, self._pad_item, self.scan_rejected.emit)
            self.rfid.reporter.add_listener(lambda s: self._set_status("rfid", s))
        else:
            self._set_status("rfid", DeviceStatus(DeviceState.OFF, tr(rfid_messages.RFID_NONE)))
        if self.scanner_spec.serial is not None:
            self._serial_scanner = SerialScanner(self.scanner_spec.serial, self)
            self._serial_scanner.scanned.connect(self.scanned)
            self._serial_scanner.rejected.connect(self.scan_rejected)
            self._serial_scanner.status_changed.connect(
                lambda state, detail: self._set_status("scanner", DeviceStatus(DeviceState(state), detail)))
        else:
            wedge = self.scanner_spec.kind == "wedge"
            detail = tr(messages.SCANNER_WEDGE) if wedge else tr(messages.SCANNER_NONE)
            state = DeviceState.CONNECTED if self.scanner_spec.kind == "wedge" else DeviceState.OFF
            self._set_status("scanner", DeviceStatus(state, detail))

    def reconfigure(self, config: Mapping[str, Any]) -> None:
        """Apply new settings (the Settings page's *Apply*): stop everything, rebuild, start."""
        self.stop()
        self._build(config)
        self.start()

    def start(self) -> None:
        if self._serial_scanner is not None:
            self._serial_scanner.start()
        if self.rfid is not None:
            self.rfid.start()
        self._retry.start()
        if self.queue.count:
            self.retry_printing()

    def stop(self) -> None:
        """Stop the scanner thread and release ports (before quitting or reconfiguring)."""
        self._retry.stop()
        if self._serial_scanner is not None:
            self._serial_scanner.stop()
            self._serial_scanner.deleteLater()
            self._serial_scanner = None
        if self.rfid is not None:
            self.rfid.stop()
        for name in ("strip", "printer"):
            self._workers[name].submit(lambda: None).result()
        self.strip.close()
        self.printer.close()

    def shutdown(self) -> None:
        """``stop`` and end the background threads; the hub cannot be used afterwards."""
        if self._shut_down:
            return
        self.stop()
        for worker in self._workers.values():
            worker.shutdown(wait=True)
        self._shut_down = True

    # -- status -------------------------------------------------------------------------------
    def status(self, device: str) -> DeviceStatus:
        return self._statuses[device]

    def _set_status(self, device: str, status: DeviceStatus) -> None:
        self._statuses[device] = status
        self.status_changed.emit(device, status.state.value, status.detail)

    # -- scanner ------------------------------------------------------------------------------
    def submit_wedge_scan(self, burst: str) -> None:
        """A keyboard-wedge burst (the UI's key filter detected it): cleaned exactly like a serial
        line, then ``scanned`` or ``scan_rejected``."""
        ScanIntake(self.scanner_spec.cleaner, self.scanned.emit, self.scan_rejected.emit).submit(burst)

    # -- RFID pad -----------------------------------------------------------------------------
    def _pad_item(self, item: PadItem) -> None:
        """An item laid on the pad (pad thread): its pieces noted, then scanned like a barcode."""
        if self.rfid is not None:
            self.rfid.remember(item)
        ScanIntake(self.scanner_spec.cleaner, self.scanned.emit,
                   self.scan_rejected.emit).submit(item.barcode)

    def parts_seen(self, barcode: str) -> int | None:
        """How many pieces of ``barcode`` the RFID pad read (None: not read on the pad)."""
        return self.rfid.parts_seen(barcode) if self.rfid is not None else None

    def has_tags(self, barcode: str) -> bool:
        """The RFID pad saw ``barcode``'s tags: its security is the tags' AFI."""
        return self.rfid is not None and self.rfid.has_tags(barcode)

    def forget_pad(self) -> None:
        """A new patron or screen: items put on the pad from now on are scanned again."""
        if self.rfid is not None:
            self.rfid.forget()

    def program_tag(self, barcode: str, parts: int = 1, part: int = 1) -> Future[None]:
        """Write ``barcode`` to the blank tag on the pad; ``tag_programmed`` says how it went."""
        def run() -> None:
            if self.rfid is None:
                self.tag_programmed.emit(barcode, False, tr(rfid_messages.RFID_NONE))
                return
            try:
                message = self.rfid.program(barcode, parts, part)
            except RfidError as error:
                self.tag_programmed.emit(barcode, False, error.message)
                return
            self.tag_programmed.emit(barcode, True, message)
        return self._workers["strip"].submit(run)

    # -- strip --------------------------------------------------------------------------------
    def desensitize(self, barcode: str = "") -> Future[None]:
        return self._strip("desensitize", barcode)

    def resensitize(self, barcode: str = "") -> Future[None]:
        return self._strip("resensitize", barcode)

    def _strip(self, action: str, barcode: str = "") -> Future[None]:
        """The item's RFID tags when the pad saw them (AFI written and read back), else the
        strip unit."""
        def run() -> None:
            try:
                if barcode and self.rfid is not None and self.rfid.has_tags(barcode):
                    self.rfid.secure(barcode, on_loan=action == "desensitize")
                else:
                    getattr(self.strip, action)()
            except (StripError, RfidError) as error:
                self.strip_finished.emit(action, False, error.message)
                return
            self.strip_finished.emit(action, True, "")
        return self._workers["strip"].submit(run)

    # -- printer ------------------------------------------------------------------------------
    def print_slip(self, slip: Slip) -> Future[bool]:
        """Queue ``slip`` (on disk first) and try to print; the future says if it printed now."""
        return self._workers["printer"].submit(self.queue.submit, slip)

    def reprint_last(self) -> Future[bool]:
        def run() -> bool:
            try:
                return self.queue.reprint_last()
            except PrinterError as error:
                self.print_queue_changed.emit(self.queue.count, error.message)
                return False
        return self._workers["printer"].submit(run)

    def retry_printing(self) -> Future[int] | None:
        if not self.queue.count:
            return None
        return self._workers["printer"].submit(self.queue.flush)

    def open_drawer(self) -> Future[None]:
        def run() -> None:
            try:
                self.printer.open_drawer()
            except PrinterError as error:
                self.drawer_finished.emit(False, error.message)
                return
            self.drawer_finished.emit(True, "")
        return self._workers["printer"].submit(run)

    def _queue_changed(self, pending: int, message: str) -> None:
        self.print_queue_changed.emit(pending, message)

    # -- tests --------------------------------------------------------------------------------
    def test(self, device: str) -> Future[tuple[bool, str]]:
        """Run the *Test* for ``device`` in the background; ``test_finished`` gives the outcome."""
        if device not in DEVICES:
            raise ValueError(tr(messages.DEVICE_UNKNOWN, name=device))

        def run() -> tuple[bool, str]:
            ok, detail = self.run_test(device)
            self.test_finished.emit(device, ok, detail)
            return ok, detail
        worker = {"printer": "printer", "scanner": "scanner"}.get(device, "strip")
        return self._workers[worker].submit(run)

    def run_test(self, device: str) -> tuple[bool, str]:
        """The *Test* itself (blocking): scanner status, strip reachability, a printed test slip."""
        if device == "scanner":
            return self._test_scanner()
        if device == "rfid" and self.rfid is None:
            return False, tr(rfid_messages.RFID_NONE)
        tests: dict[str, Callable[[], str]] = {"strip": self.strip.test, "printer": self._test_printer}
        if self.rfid is not None:
            tests["rfid"] = self.rfid.test
        try:
            detail = tests[device]()
        except (StripError, PrinterError, RfidError) as error:
            return False, error.message
        return True, tr(messages.DEVICE_TEST_OK, detail=detail)

    def _test_scanner(self) -> tuple[bool, str]:
        if self.scanner_spec.kind == "none":
            return False, tr(messages.SCANNER_NONE)
        if self.scanner_spec.kind == "wedge":
            return True, tr(messages.DEVICE_TEST_OK, detail=tr(messages.SCANNER_WEDGE))
        status = self._statuses["scanner"]
        if status.state is not DeviceState.CONNECTED:
            return False, status.detail or tr(messages.STATE_ERROR)
        return True, tr(messages.DEVICE_TEST_OK, detail=status.detail)

    def _test_printer(self) -> str:
        detail = self.printer.test()
        library = self.library or "Circulation Desk"
        self.printer.print_slip(printer_test_slip(library=library, device=detail, when=datetime.now()))
        return detail
