"""DeviceHub with every device simulated: scans, strip results, printing, queue, tests."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk.devices.hub import DeviceHub
from desk.devices.sim import PrinterSimulator, PtyPort, ScannerSimulator, StripSimulator
from desk.devices.slip_builders import SlipItem, checkout_slip

SLIP = checkout_slip(library="國立臺灣大學圖書館", patron_name="Ann", card="21234000000422",
                     items=[SlipItem("31234000000016", "紅樓夢")], when=datetime(2025, 3, 14, 9, 30))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Rig:
    def __init__(self, tmp_path: Path) -> None:
        self.scanner_port = PtyPort(tmp_path / "scanner")
        self.strip_port = PtyPort(tmp_path / "strip")
        self.strip = StripSimulator(self.strip_port)
        self.strip.start()
        self.printer = PrinterSimulator()
        self.tcp = free_port()
        self.printer.start_tcp(port=self.tcp)
        self.config = {
            "scanner": {"kind": "serial", "url": self.scanner_port.path, "terminator": "CRLF",
                        "reconnect_interval": 0.2, "check_digit": True},
            "strip": {"kind": "serial_command", "url": self.strip_port.path, "timeout": 0.3, "retries": 1},
            "printer": {"kind": "escpos_network", "host": "127.0.0.1", "port": self.tcp, "timeout": 1},
        }
        self.queue_dir = tmp_path / "queue"

    def close(self) -> None:
        self.strip.stop()
        self.printer.stop()
        self.scanner_port.close()
        self.strip_port.close()


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    rig = Rig(tmp_path)
    yield rig
    rig.close()


@pytest.fixture
def hub(qtbot, rig: Rig) -> Iterator[DeviceHub]:
    hub = DeviceHub(rig.config, rig.queue_dir, library="Test Library", retry_interval_ms=200)
    with qtbot.waitSignal(hub.status_changed, check_params_cb=lambda d, s, _: (d, s) == ("scanner", "connected"),
                          timeout=5000):
        hub.start()
    yield hub
    hub.shutdown()


def test_scans_reach_the_hub(qtbot, hub: DeviceHub, rig: Rig) -> None:
    sim = ScannerSimulator(rig.scanner_port, terminator="CRLF")
    with qtbot.waitSignal(hub.scanned, timeout=5000) as blocker:
        sim.send("31234000000016")
    assert blocker.args == ["31234000000016"]
    with qtbot.waitSignal(hub.scan_rejected, timeout=5000) as blocker:
        sim.send("31234000000017")
    assert "check digit" in blocker.args[0]
    assert hub.status("scanner").state.value == "connected"


def test_strip_results_as_signals(qtbot, hub: DeviceHub, rig: Rig) -> None:
    with qtbot.waitSignal(hub.strip_finished, timeout=5000) as blocker:
        hub.desensitize()
    assert blocker.args == ["desensitize", True, ""]
    rig.strip.mode = "timeout"
    with qtbot.waitSignal(hub.strip_finished, timeout=5000) as blocker:
        hub.resensitize()
    assert blocker.args[:2] == ["resensitize", False] and "did not answer" in blocker.args[2]
    assert hub.status("strip").state.value == "error"
    rig.strip.mode = "ok"
    with qtbot.waitSignal(hub.status_changed, check_params_cb=lambda d, s, _: (d, s) == ("strip", "connected"),
                          timeout=5000):
        hub.resensitize()


def test_printing_queue_and_recovery(qtbot, hub: DeviceHub, rig: Rig) -> None:
    assert hub.print_slip(SLIP).result(10) is True
    assert rig.printer.wait_for_jobs(1)
    rig.printer.stop()  # printer switched off
    with qtbot.waitSignal(hub.print_queue_changed, check_params_cb=lambda n, _: n == 1, timeout=10000) as blocker:
        assert hub.print_slip(SLIP).result(10) is False
    assert "cannot be reached" in blocker.args[1]
    assert hub.status("printer").state.value == "error"
    back = PrinterSimulator()
    back.start_tcp(port=rig.tcp)
    try:
        with qtbot.waitSignal(hub.print_queue_changed, check_params_cb=lambda n, m: (n, m) == (0, ""),
                              timeout=10000):
            pass  # the retry timer prints it
        assert back.wait_for_jobs(1)
        assert "Item: 31234000000016" in back.jobs[0].text
        assert hub.reprint_last().result(10) is True
        assert back.wait_for_jobs(2)
        with qtbot.waitSignal(hub.drawer_finished, timeout=5000) as blocker:
            hub.open_drawer()
        assert blocker.args == [True, ""]
    finally:
        back.stop()


def test_settings_test_buttons(qtbot, hub: DeviceHub, rig: Rig) -> None:
    for device in ("scanner", "strip", "printer"):
        with qtbot.waitSignal(hub.test_finished, timeout=10000) as blocker:
            hub.test(device)
        assert blocker.args[0] == device and blocker.args[1] is True, blocker.args
    assert rig.printer.wait_for_jobs(1)
    assert "[barcode CODE128 TEST-1234]" in rig.printer.jobs[0].text
    rig.strip.mode = "timeout"
    ok, detail = hub.run_test("strip")
    assert ok  # the strip test only opens the port; it never changes a strip
    rig.strip_port.unplug()
    hub.strip.close()
    ok, detail = hub.run_test("strip")
    assert not ok and "cannot be used" in detail
    with pytest.raises(ValueError):
        hub.test("camera")


def test_wedge_and_reconfigure(qtbot, hub: DeviceHub, rig: Rig, tmp_path: Path) -> None:
    hub.reconfigure({"scanner": {"kind": "wedge", "check_digit": True}, "strip": "none", "printer": {
        "kind": "pdf", "directory": str(tmp_path / "pdf")}})
    assert hub.status("strip").state.value == "off" and hub.status("scanner").state.value == "connected"
    with qtbot.waitSignal(hub.scanned, timeout=2000) as blocker:
        hub.submit_wedge_scan("A31234000000016B")
    assert blocker.args == ["31234000000016"]
    with qtbot.waitSignal(hub.scan_rejected, timeout=2000):
        hub.submit_wedge_scan("31234000000017")
    assert hub.print_slip(SLIP).result(10) is True
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 1
    ok, detail = hub.run_test("scanner")
    assert ok and "Keyboard-wedge" in detail


def test_stop_and_shutdown_are_safe_to_repeat(qtbot, rig: Rig) -> None:
    hub = DeviceHub(rig.config, rig.queue_dir)
    hub.start()
    hub.stop()
    hub.shutdown()
    hub.shutdown()
    assert hub.status("scanner").state.value == "off"
