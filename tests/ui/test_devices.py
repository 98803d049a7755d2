"""The devices wired into the desk, with the simulators on the other end of pseudo-terminal
pairs and TCP loopback: serial scans reach the checkout screen, the strip is worked after the
loan is committed (and a failure never undoes it), slips reach the printer or wait in the queue,
the status area follows unplugging, and the Settings *Test* buttons answer."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desk.circulation.queries import item_status
from desk.config import Config
from desk.devices.sim import PrinterSimulator, PtyPort, ScannerSimulator, StripSimulator
from desk.ui.context import DeskContext
from desk.ui.devices_config import build_hub
from desk.ui.mainwindow import MainWindow
from desk.ui.message import MessageBridge
from desk.ui.settings_dialog import SettingsDialog
from desk.ui.slips import DeviceSlipSink
from desk.ui.tasks import TaskRunner
from tests.ui.conftest import scan

WAIT = 10000


@dataclass
class Rig:
    window: MainWindow
    context: DeskContext
    hub: object
    scanner: ScannerSimulator | None = None
    strip: StripSimulator | None = None
    printer: PrinterSimulator | None = None

    @property
    def checkout(self):  # noqa: ANN201
        return self.window.screens["checkout"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def make_rig(qtbot, qapp, desk, tmp_path: Path) -> Iterator:
    """``make_rig(scanner=True, strip=True, printer_port=None)``: simulators, a hub configured
    through the desk's settings, and the main window signed in at MAIN-1."""
    built: list[Rig] = []

    def make(*, scanner: bool = False, strip: bool = False, printer_port: int | None = None,
             printer_sim: bool = True) -> Rig:
        config = Config(path=tmp_path / "settings.toml")
        config.set("sounds", False)
        rig_parts: dict[str, object] = {}
        if scanner:
            port = PtyPort(tmp_path / "scanner")
            rig_parts["scanner"] = ScannerSimulator(port, terminator="CR")
            config.set("scanner_device", port.path)
        if strip:
            simulator = StripSimulator(PtyPort(tmp_path / "strip"))
            simulator.start()
            rig_parts["strip"] = simulator
            config.set("strip_device", simulator.port.path)
            config.set("strip_timeout_ms", 300)
            config.set("strip_retries", 0)
        if printer_port is not None:
            if printer_sim:
                printer = PrinterSimulator()
                printer.start_tcp(port=printer_port)
                rig_parts["printer"] = printer
            config.set("printer_device", f"tcp://127.0.0.1:{printer_port}")
        hub, error = build_hub(config, tmp_path / "queue", retry_interval_ms=300)
        assert error == ""
        messages = MessageBridge()
        tasks = TaskRunner(messages)
        context = DeskContext(library=desk.library, circulation=desk.main, config=config,
                              messages=messages, tasks=tasks, slips=DeviceSlipSink(hub),
                              devices=hub)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        hub.start()
        rig = Rig(window, context, hub, **rig_parts)  # type: ignore[arg-type]
        built.append(rig)
        return rig

    yield make
    for rig in built:
        rig.context.tasks.wait()
        rig.hub.shutdown()
        if rig.strip is not None:
            rig.strip.stop()
            rig.strip.port.close()
        if rig.scanner is not None:
            rig.scanner.port.close()
        if rig.printer is not None:
            rig.printer.stop()


def test_a_serial_scan_checks_out_in_the_database(qtbot, make_rig, desk):
    rig = make_rig(scanner=True)
    area = rig.window.device_status
    qtbot.waitUntil(lambda: area.state("scanner") == "connected", timeout=WAIT)
    rig.scanner.send("P001")
    qtbot.waitUntil(lambda: rig.checkout.panel.summary is not None, timeout=WAIT)
    rig.scanner.send("B001")
    qtbot.waitUntil(lambda: rig.checkout.table.rowCount() == 1, timeout=WAIT)
    assert item_status(desk.library, "B001").borrower_barcode == "P001"
    # line noise is refused with a message and lends nothing
    rig.scanner.send_noise()
    qtbot.waitUntil(lambda: "noise" in rig.window.status_text.text(), timeout=WAIT)
    assert rig.checkout.table.rowCount() == 1


def test_a_strip_failure_leaves_the_loan_and_the_retry_key_does_it(qtbot, make_rig, desk):
    rig = make_rig(strip=True)
    screen = rig.checkout
    strip_sim = rig.strip
    strip_sim.mode = "fail"
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None, timeout=WAIT)
    scan(qtbot, screen.scan_field, "B001")
    qtbot.waitUntil(lambda: screen.strip.state(0) == "failed", timeout=WAIT)
    assert item_status(desk.library, "B001").borrower_barcode == "P001"   # the loan stands
    assert "NOT DONE" in screen.table.item(0, 4).text()
    assert "strip not done" in rig.window.status_text.text()
    assert screen.strip.button.isVisible()
    sent = len(strip_sim.actions)
    strip_sim.mode = "ok"
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: screen.strip.state(0) == "done", timeout=WAIT)
    assert strip_sim.actions[sent:] == ["desensitize"]
    assert not screen.strip.button.isVisible()
    # checkin re-sensitizes, after the return is committed
    rig.window.set_mode("checkin")
    checkin = rig.window.screens["checkin"]
    scan(qtbot, checkin.scan_field, "B001")
    qtbot.waitUntil(lambda: checkin.table.rowCount() == 1
                    and checkin.strip.state(0) == "done", timeout=WAIT)
    assert strip_sim.actions[-1] == "resensitize"
    assert item_status(desk.library, "B001").borrower_barcode is None


def test_an_item_without_a_strip_is_skipped(qtbot, make_rig, desk):
    desk.library.add_item("N001", "No strip here", location="MAIN", has_strip=False)
    rig = make_rig(strip=True)
    screen = rig.checkout
    scan(qtbot, screen.scan_field, "P001")
    qtbot.waitUntil(lambda: screen.panel.summary is not None, timeout=WAIT)
    scan(qtbot, screen.scan_field, "N001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=WAIT)
    assert screen.strip.state(0) == "skipped"
    assert rig.strip.actions == []


def test_the_checkout_slip_reaches_the_network_printer(qtbot, make_rig):
    rig = make_rig(printer_port=free_port())
    screen = rig.checkout
    scan(qtbot, screen.scan_field, "P003")
    qtbot.waitUntil(lambda: screen.panel.summary is not None, timeout=WAIT)
    scan(qtbot, screen.scan_field, "F001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=WAIT)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: len(rig.printer.jobs) == 1, timeout=WAIT)
    text = rig.printer.jobs[0].text
    assert "Title: Dune" in text and "Due: 2027-01-31" in text
    assert "Dune" in rig.window.slip_view.toPlainText()          # the on-screen preview too
    qtbot.waitUntil(lambda: rig.window.device_status.state("printer") == "connected",
                    timeout=WAIT)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_F9)             # reprint
    qtbot.waitUntil(lambda: len(rig.printer.jobs) == 2, timeout=WAIT)
    assert "Title: Dune" in rig.printer.jobs[1].text


def test_printer_offline_queues_the_slip_and_prints_it_when_back(qtbot, make_rig, tmp_path):
    port = free_port()
    rig = make_rig(printer_port=port, printer_sim=False)         # nothing listens yet
    screen = rig.checkout
    scan(qtbot, screen.scan_field, "P003")
    qtbot.waitUntil(lambda: screen.panel.summary is not None, timeout=WAIT)
    scan(qtbot, screen.scan_field, "F001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=WAIT)
    screen.done()
    area = rig.window.device_status
    qtbot.waitUntil(lambda: area.pending == 1, timeout=WAIT)
    assert area.state("printer") == "error"
    assert "1 waiting" in area.labels["printer"].text()
    assert "waiting to print" in rig.window.status_text.text()
    assert len(list((tmp_path / "queue" / "pending").glob("*.json"))) == 1   # kept on disk
    printer = PrinterSimulator()
    printer.start_tcp(port=port)
    rig.printer = printer
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=WAIT)
    assert "Title: Dune" in printer.jobs[0].text
    qtbot.waitUntil(lambda: area.pending == 0, timeout=WAIT)
    assert "1 waiting" not in area.labels["printer"].text()


def test_the_status_area_follows_unplug_and_replug(qtbot, make_rig):
    rig = make_rig(scanner=True)
    area = rig.window.device_status
    label = area.labels["scanner"]
    qtbot.waitUntil(lambda: area.state("scanner") == "connected", timeout=WAIT)
    rig.scanner.port.unplug()
    qtbot.waitUntil(lambda: area.state("scanner") == "error", timeout=WAIT)
    assert "error" in label.text() and "scanner" in label.toolTip()
    rig.scanner.port.replug()
    qtbot.waitUntil(lambda: area.state("scanner") == "connected", timeout=WAIT)
    rig.scanner.send("P002")                                     # and scans work again
    qtbot.waitUntil(lambda: rig.checkout.panel.summary is not None, timeout=WAIT)


def test_settings_devices_page_test_buttons(qtbot, make_rig):
    rig = make_rig(scanner=True, strip=True, printer_port=free_port())
    dialog = SettingsDialog(rig.context.config, rig.window, devices=rig.hub)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    results = dialog.test_results
    rig.strip.stop()
    rig.strip.port.unplug()                                     # the strip unit is not there
    qtbot.mouseClick(dialog.test_buttons["strip"], Qt.MouseButton.LeftButton)
    assert results["strip"].text() == "Testing…"
    assert not dialog.test_buttons["strip"].isEnabled()
    qtbot.waitUntil(lambda: results["strip"].text().startswith("✘"), timeout=WAIT)
    assert rig.strip.port.path in results["strip"].text()
    rig.strip.port.replug()                                     # plugged in: the test passes
    rig.strip.start()
    qtbot.waitUntil(lambda: rig.window.device_status.state("scanner") == "connected",
                    timeout=WAIT)
    for device in ("scanner", "strip", "printer"):
        qtbot.mouseClick(dialog.test_buttons[device], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda device=device: results[device].text().startswith("✔"),
                        timeout=WAIT)
        assert "Test passed" in results[device].text()
    qtbot.waitUntil(lambda: len(rig.printer.jobs) == 1, timeout=WAIT)  # the test slip
    assert "Printer test" in rig.printer.jobs[0].text


def test_changed_device_settings_apply_to_the_running_hub(qtbot, make_rig, tmp_path):
    rig = make_rig()
    port = free_port()
    printer = PrinterSimulator()
    printer.start_tcp(port=port)
    rig.printer = printer
    rig.window.open_settings()                                # Desk ▸ Settings… (Ctrl+,)
    dialog = rig.window.findChild(SettingsDialog)
    dialog.editors["printer_device"].setEditText("gopher://nowhere")        # refused, nothing saved
    dialog.apply()
    assert dialog.error.isVisibleTo(dialog) and "printer" in dialog.error.text()
    assert rig.context.config.get("printer_device") == "none"
    dialog.editors["printer_device"].setEditText(f"tcp://127.0.0.1:{port}")
    dialog.apply()
    assert rig.context.config.get("printer_device") == f"tcp://127.0.0.1:{port}"
    assert rig.context.slips.has_printer
    rig.window.set_mode("checkout")
    screen = rig.checkout
    scan(qtbot, screen.scan_field, "P003")
    qtbot.waitUntil(lambda: screen.panel.summary is not None, timeout=WAIT)
    scan(qtbot, screen.scan_field, "F001")
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=WAIT)
    screen.done()
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=WAIT)
    assert "Title: Dune" in printer.jobs[0].text


def _pay_at_fines_screen(qtbot, rig: Rig, desk, clock, method: str) -> None:  # noqa: ANN001
    desk.main.checkout("P001", "B001")
    clock.set(2026, 12, 7)
    desk.main.checkin("B001")                                   # NT$25 owed
    rig.window.set_mode("fines")
    fines = rig.window.screens["fines"]
    qtbot.keyClicks(fines.scan, "P001")
    qtbot.keyClick(fines.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: fines.charges is not None, timeout=WAIT)
    fines.payment.method.setCurrentIndex(fines.payment.method.findData(method))
    fines.payment.amount.setValue(25)
    if method == "cash":
        fines.payment.tendered.setValue(100)
    qtbot.mouseClick(fines.payment.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.main.balance("P001") == 0, timeout=WAIT)
    # The receipt; a drawer kick comes on a connection (a "job") of its own.
    qtbot.waitUntil(lambda: any("MAIN-1-2026-000001" in job.text for job in rig.printer.jobs),
                    timeout=WAIT)


def test_a_cash_payment_opens_the_drawer(qtbot, make_rig, desk, clock):
    rig = make_rig(printer_port=free_port())
    with qtbot.waitSignal(rig.hub.drawer_finished, timeout=WAIT) as opened:
        _pay_at_fines_screen(qtbot, rig, desk, clock, "cash")
    assert opened.args == [True, ""]
    assert rig.printer.drawer_kicks == 1


def test_a_card_payment_leaves_the_drawer_shut(qtbot, make_rig, desk, clock):
    rig = make_rig(printer_port=free_port())
    _pay_at_fines_screen(qtbot, rig, desk, clock, "easycard")
    assert any("Paid" in job.text for job in rig.printer.jobs)
    assert rig.printer.drawer_kicks == 0
