"""The Qt serial scanner emits scanned/rejected/status_changed from its reader thread."""

from __future__ import annotations

from pathlib import Path

from desk.numbering import with_check_digit
from desk.devices.scanner.qt_scanner import SerialScanner
from desk.devices.scanner.serial_scanner import SerialScannerSettings
from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.scanner import ScannerSimulator

ITEM = with_check_digit("3123400000001")


def test_signals(qtbot, tmp_path: Path) -> None:
    port = PtyPort(link=tmp_path / "scanner")
    scanner = SerialScanner(SerialScannerSettings(url=port.path, terminator="CRLF", reconnect_interval=0.2))
    try:
        with qtbot.waitSignal(scanner.status_changed, timeout=5000) as blocker:
            scanner.start()
        assert blocker.args[0] == "connected"
        sim = ScannerSimulator(port, terminator="CRLF")
        with qtbot.waitSignal(scanner.scanned, timeout=5000) as blocker:
            sim.send(ITEM)
        assert blocker.args == [ITEM]
        with qtbot.waitSignal(scanner.rejected, timeout=5000) as blocker:
            sim.send_noise()
        assert "Unreadable" in blocker.args[0]
        with qtbot.waitSignal(scanner.status_changed, timeout=5000) as blocker:
            port.unplug()
        assert blocker.args[0] == "error"
        with qtbot.waitSignal(scanner.status_changed, timeout=5000) as blocker:
            port.replug()
        assert blocker.args[0] == "connected"
    finally:
        scanner.stop()
        port.close()
    assert scanner.status.state.value == "off"
