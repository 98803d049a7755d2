"""The serial scanner worker against the scanner simulator, on a real pseudo-terminal pair and on
TCP (``socket://127.0.0.1:PORT``, how the simulator runs on Windows)."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.devices.scanner.cleaner import BarcodeCleaner
from desk.numbering import with_check_digit
from desk.devices.scanner.serial_scanner import (
    SerialScannerSettings,
    SerialScannerWorker,
)
from desk.devices.sim.link import Link
from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.scanner import ScannerSimulator
from desk.devices.sim.tcp_port import TcpPort
from desk.devices.status import DeviceState, StatusReporter

ITEM = with_check_digit("3123400000001")
PATRON = with_check_digit("2123400000042")


class Harness:
    def __init__(self, port: Link, settings: SerialScannerSettings) -> None:
        self.port = port
        self.scans: queue.Queue[str] = queue.Queue()
        self.rejects: queue.Queue[str] = queue.Queue()
        self.status = StatusReporter()
        self.worker = SerialScannerWorker(settings, self.scans.put, self.rejects.put, self.status)

    def start(self) -> None:
        self.worker.start()
        assert self.status.wait_for(DeviceState.CONNECTED, 5), self.status.status

    def scan(self) -> str:
        return self.scans.get(timeout=5)

    def reject(self) -> str:
        return self.rejects.get(timeout=5)


@pytest.fixture(params=["pty", "tcp"])
def make(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator:
    harnesses: list[Harness] = []

    def build(**options: object) -> tuple[Harness, ScannerSimulator]:
        port: Link = (PtyPort(link=tmp_path / "scanner") if request.param == "pty"
                      else TcpPort("127.0.0.1", 0))
        terminator = str(options.pop("terminator", "CR"))
        cleaner = options.pop("cleaner", BarcodeCleaner())
        settings = SerialScannerSettings(url=port.path, terminator=terminator, cleaner=cleaner,  # type: ignore[arg-type]
                                         reconnect_interval=0.2)
        harness = Harness(port, settings)
        harnesses.append(harness)
        harness.start()
        return harness, ScannerSimulator(port, terminator=terminator, **options)  # type: ignore[arg-type]

    yield build
    for harness in harnesses:
        harness.worker.stop()
        harness.port.close()


@pytest.mark.parametrize("terminator", ["CR", "LF", "CRLF"])
def test_scans_with_each_terminator(make, terminator: str) -> None:
    harness, sim = make(terminator=terminator)
    sim.send(ITEM)
    sim.send(PATRON)
    assert harness.scan() == ITEM
    assert harness.scan() == PATRON
    assert harness.rejects.empty()


def test_scans_split_across_writes_are_joined(make) -> None:
    harness, sim = make(terminator="CRLF")
    frame = sim.frame(ITEM)
    sim.port.write(frame[:5])
    sim.port.write(frame[5:-1])
    sim.port.write(frame[-1:])
    assert harness.scan() == ITEM


def test_prefix_codabar_and_aim_stripped(make) -> None:
    cleaner = BarcodeCleaner(prefix="*", strip_aim=True)
    harness, sim = make(cleaner=cleaner, prefix="*", aim="]F0", codabar=True)
    sim.send(ITEM)
    assert harness.scan() == ITEM


def test_codabar_without_aim(make) -> None:
    harness, sim = make(codabar=True)
    sim.send(PATRON)
    assert harness.scan() == PATRON


def test_noise_and_garbage_rejected_then_scanning_goes_on(make) -> None:
    harness, sim = make()
    sim.send_noise()
    sim.port.write(b"12\x1b34\r")
    sim.send(ITEM)
    assert "Unreadable bytes" in harness.reject()
    assert "Control characters" in harness.reject()
    assert harness.scan() == ITEM


def test_noise_rate_in_simulator(make) -> None:
    harness, sim = make(noise_rate=1.0, seed=3)
    sim.send(ITEM)
    assert harness.reject()
    assert harness.scan() == ITEM


def test_runaway_line_without_terminator_rejected(make) -> None:
    harness, sim = make()
    sim.port.write(b"9" * 400)
    assert "without an end-of-line" in harness.reject()
    # The line ends at its terminator, however the bytes came in (a pseudo-terminal hands over
    # all 400 at once, TCP in pieces: the part after the cut is the same broken line).
    sim.port.write(b"\r")
    sim.send(ITEM)
    assert harness.scan() == ITEM


def test_wrong_check_digit_rejected(make) -> None:
    harness, sim = make(cleaner=BarcodeCleaner(check_digit=True))
    wrong = ITEM[:-1] + str((int(ITEM[-1]) + 1) % 10)
    sim.send(wrong)
    sim.send(ITEM)
    assert "check digit" in harness.reject()
    assert harness.scan() == ITEM


def test_unplug_and_replug_reconnects(make) -> None:
    harness, sim = make()
    sim.send(ITEM)
    assert harness.scan() == ITEM
    sim.port.unplug()
    assert harness.status.wait_for(DeviceState.ERROR, 5)
    assert "is gone" in harness.status.status.detail
    sim.port.replug()
    assert harness.status.wait_for(DeviceState.CONNECTED, 5)
    sim.send(PATRON)
    assert harness.scan() == PATRON


def test_missing_port_reports_error_until_it_appears(tmp_path: Path) -> None:
    link = tmp_path / "late"
    scans: queue.Queue[str] = queue.Queue()
    status = StatusReporter()
    worker = SerialScannerWorker(SerialScannerSettings(url=str(link), reconnect_interval=0.1), scans.put,
                                 status=status)
    worker.start()
    try:
        assert status.wait_for(DeviceState.ERROR, 5)
        port = PtyPort(link=link)
        try:
            assert status.wait_for(DeviceState.CONNECTED, 5)
            ScannerSimulator(port).send(ITEM)
            assert scans.get(timeout=5) == ITEM
        finally:
            worker.stop()
            port.close()
    finally:
        worker.stop()
    assert status.status.state is DeviceState.OFF


def test_stop_right_after_start_never_fails(tmp_path: Path) -> None:
    """A desk reconfigured or closed as the scanner opens: stop() may come at any instant of
    the supervisor's start, including before its reader thread has started."""
    port = PtyPort(link=tmp_path / "scanner")
    try:
        for n in range(200):
            status = StatusReporter()
            worker = SerialScannerWorker(SerialScannerSettings(url=port.path), lambda code: None,
                                         status=status)
            worker.start()
            time.sleep(n % 20 / 10_000)   # 0 to 2 ms: every moment of opening the port
            worker.stop()
            assert not worker.running and status.status.state is DeviceState.OFF
    finally:
        port.close()


def test_bad_settings_refused() -> None:
    with pytest.raises(ValueError):
        SerialScannerSettings(url="loop://", terminator="ETX")
    with pytest.raises(ValueError):
        SerialScannerSettings(url="loop://", parity="X")
