"""One scan path: a keyboard-wedge burst is cleaned by the devices layer exactly like the same
bytes from a serial scanner (Codabar start/stop, AIM identifier, check digit), with and without a
``DeviceHub``; the cleaned code reaches ``MainWindow.scan`` and a refusal is shown the way serial
refusals are (the status bar and the scan error sound)."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desk.config import Config
from desk.devices.hub import DeviceHub
from desk.devices.scanner.cleaner import BarcodeCleaner
from desk.devices.scanner.serial_scanner import SerialScannerSettings, SerialScannerWorker
from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.scanner import ScannerSimulator
from desk.devices.status import DeviceState, StatusReporter
from desk.numbering import with_check_digit
from desk.ui.context import DeskContext
from desk.ui.devices_config import scan_cleaner
from desk.ui.mainwindow import MainWindow
from desk.ui.message import MessageBridge
from desk.ui.slips import PreviewSlipSink
from desk.ui.tasks import TaskRunner

WAIT = 10000
ITEM = with_check_digit("3123400000001")
WRONG = ITEM[:-1] + str((int(ITEM[-1]) + 1) % 10)
# What a scanner sends (before its terminator) and what the desk must make of it.
SCANS = {
    "codabar": f"A{ITEM}B",
    "aim": f"]C0{ITEM}",
    "wrong_check_digit": WRONG,
    "codabar_wrong_check_digit": f"A{WRONG}B",
    "plain": "B001",
}
Outcome = tuple[list[tuple[str, str]], str]


def watch(window: MainWindow) -> list[tuple[str, str]]:
    """Records what reached the checkout screen and the sounds played, from now on."""
    seen: list[tuple[str, str]] = []
    window.set_mode("checkout")
    screen = window.screens["checkout"]
    screen.handle_scan = lambda code: seen.append(("scan", code))  # type: ignore[method-assign]
    window.sounds.play = lambda name: seen.append(("sound", name))  # type: ignore[method-assign]
    window.status_text.setText("")
    window.duplicates.forget()
    return seen


def wedge_burst(qtbot, window: MainWindow, raw: str) -> Outcome:
    seen = watch(window)
    field = window.screens["checkout"].scan_field
    field.setFocus()
    qtbot.keyClicks(field, raw)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == ""                 # the burst was taken back out of the field
    return seen, window.status_text.text()


# --- without a DeviceHub: the same cleaner as a serial scanner configured from the settings ----
class SerialHarness:
    """A serial scanner worker with ``cleaner`` reading the simulator over a pseudo-terminal."""

    def __init__(self, tmp_path: Path, cleaner: BarcodeCleaner) -> None:
        self.port = PtyPort(link=tmp_path / "scanner")
        self.outcomes: queue.Queue[tuple[str, str]] = queue.Queue()
        self.status = StatusReporter()
        settings = SerialScannerSettings(url=self.port.path, terminator="CR", cleaner=cleaner,
                                         reconnect_interval=0.2)
        self.worker = SerialScannerWorker(settings, lambda code: self.outcomes.put(("scan", code)),
                                          lambda reason: self.outcomes.put(("reject", reason)),
                                          self.status)
        self.worker.start()
        assert self.status.wait_for(DeviceState.CONNECTED, 5), self.status.status

    def send(self, raw: str) -> tuple[str, str]:
        self.port.write(raw.encode("ascii") + b"\r")
        return self.outcomes.get(timeout=5)

    def close(self) -> None:
        self.worker.stop()
        self.port.close()


@pytest.fixture
def serial_like(tmp_path: Path, config: Config) -> Iterator[SerialHarness]:
    harness = SerialHarness(tmp_path, scan_cleaner(config))
    yield harness
    harness.close()


def as_outcome(serial: tuple[str, str]) -> Outcome:
    kind, text = serial
    if kind == "scan":
        return [("scan", text)], ""
    return [("sound", "error.scan")], text


@pytest.mark.parametrize("name", SCANS)
def test_a_wedge_burst_without_a_hub_is_cleaned_like_a_serial_line(
        qtbot, window: MainWindow, serial_like: SerialHarness, name: str) -> None:
    assert window.context.devices is None and window.context.config.get("check_digits")
    raw = SCANS[name]
    assert wedge_burst(qtbot, window, raw) == as_outcome(serial_like.send(raw))


def test_without_a_hub_codabar_is_stripped_and_a_wrong_check_digit_refused(
        qtbot, window: MainWindow) -> None:
    assert wedge_burst(qtbot, window, f"A{ITEM}B") == ([("scan", ITEM)], "")
    seen, status = wedge_burst(qtbot, window, WRONG)
    assert seen == [("sound", "error.scan")] and "check digit" in status and WRONG in status


def test_prefix_and_suffix_settings_apply_to_wedge_bursts(qtbot, window: MainWindow) -> None:
    window.context.config.set("scanner_prefix", "*")
    window.context.config.set("scanner_suffix", "#")
    window.configure_scanning()
    assert wedge_burst(qtbot, window, "*P0042#") == ([("scan", "P0042")], "")


def test_the_aim_identifier_is_stripped_when_the_setting_says_so(qtbot, window: MainWindow,
                                                                  tmp_path: Path) -> None:
    config = window.context.config
    assert not config.get("scanner_strip_aim")           # scanners send none unless set to
    # as it is, the identifier stays on (and the code is then not found)
    assert wedge_burst(qtbot, window, f"]C1{ITEM}") == ([("scan", f"]C1{ITEM}")], "")
    config.set("scanner_strip_aim", True)
    window.configure_scanning()
    assert wedge_burst(qtbot, window, f"]C1{ITEM}") == ([("scan", ITEM)], "")
    harness = SerialHarness(tmp_path, scan_cleaner(config))   # and the same on a serial line
    try:
        assert harness.send(f"]C1{ITEM}") == ("scan", ITEM)
    finally:
        harness.close()


def test_hand_typing_in_the_scan_field_is_not_cleaned(qtbot, window: MainWindow) -> None:
    """A person typing (slowly) is no scan: the field gets the text and its Enter as today."""
    seen = watch(window)
    screen = window.screens["checkout"]
    qtbot.keyClicks(screen.scan_field, "A123B", delay=60)
    qtbot.keyClick(screen.scan_field, Qt.Key.Key_Return, delay=60)
    assert seen == [("scan", "A123B")]        # typed, Codabar-looking or not, is taken as typed


# --- with a DeviceHub running a serial scanner: both kinds of scan go through the hub --------
@pytest.fixture
def hub_window(qtbot, qapp, desk, tmp_path: Path) -> Iterator[tuple[MainWindow, ScannerSimulator]]:
    port = PtyPort(tmp_path / "scanner")
    hub = DeviceHub({"scanner": {"kind": "serial", "url": port.path, "check_digit": True,
                                 "strip_aim": True}}, tmp_path / "queue")
    config = Config(path=tmp_path / "settings.toml")
    config.set("sounds", False)
    messages = MessageBridge()
    tasks = TaskRunner(messages)
    context = DeskContext(library=desk.library, circulation=desk.main, config=config,
                          messages=messages, tasks=tasks, slips=PreviewSlipSink(), devices=hub)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    hub.start()
    qtbot.waitUntil(lambda: hub.status("scanner").state is DeviceState.CONNECTED, timeout=WAIT)
    yield window, ScannerSimulator(port, terminator="CR")
    tasks.wait()
    hub.shutdown()
    port.close()


@pytest.mark.parametrize("name", SCANS)
def test_a_wedge_burst_goes_through_the_hub_like_a_serial_scan(qtbot, hub_window, name: str) -> None:
    window, sim = hub_window
    raw = SCANS[name]
    seen = watch(window)
    sim.port.write(raw.encode("ascii") + b"\r")
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    serial = (seen, window.status_text.text())
    assert wedge_burst(qtbot, window, raw) == serial
    expected = {"codabar": [("scan", ITEM)], "aim": [("scan", ITEM)], "plain": [("scan", "B001")]}
    assert serial[0] == expected.get(name, [("sound", "error.scan")])
