"""The simulators as people run them: ``python -m desk.devices.sim ...`` in a subprocess; on
TCP (``--tcp``) also under the Windows import guard (tests/support/windows_guard.py), as they
would run on the counter's Windows PC."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desk.devices.printer import EscposPrinter, connect
from desk.devices.registry import build_printer
from desk.devices.scanner.serial_scanner import (
    SerialScannerSettings,
    SerialScannerWorker,
)
from desk.devices.slip_builders import printer_test_slip
from desk.devices.status import DeviceState, StatusReporter
from desk.devices.strip import SerialCommandStrip, StripError
from tests.support import windows_guard

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture
def run() -> Iterator:
    processes: list[subprocess.Popen[str]] = []

    def start(*args: str, guarded: bool = False) -> subprocess.Popen[str]:
        process = subprocess.Popen([sys.executable, "-m", "desk.devices.sim", *args], cwd=ROOT, text=True,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE if guarded else None,
                                   env=windows_guard.guarded_environment() if guarded else None)
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.stdin:
            process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            refused = windows_guard.refusals(process.stderr.read()) - windows_guard.TOLERATED
            process.stderr.close()
            assert not refused, refused


def send(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()


def read_line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    return process.stdout.readline().strip()


def test_scanner_cli(run, tmp_path: Path) -> None:
    process = run("scanner", "--terminator", "CRLF", "--codabar", "--link", str(tmp_path / "scanner"))
    line = read_line(process)
    assert line == f"scanner port: {tmp_path / 'scanner'}"
    scans: queue.Queue[str] = queue.Queue()
    status = StatusReporter()
    worker = SerialScannerWorker(SerialScannerSettings(url=str(tmp_path / "scanner"), terminator="CRLF"),
                                 scans.put, status=status)
    worker.start()
    try:
        assert status.wait_for(DeviceState.CONNECTED, 5)
        send(process, "31234000000016")
        assert read_line(process) == "sent 31234000000016"
        assert scans.get(timeout=5) == "31234000000016"
    finally:
        worker.stop()


def test_strip_cli(run, tmp_path: Path) -> None:
    process = run("strip", "--desensitize", "DS\\r", "--ack", "ACK\\r\\n", "--link", str(tmp_path / "strip"))
    assert read_line(process).startswith("strip port: ")
    strip = SerialCommandStrip(str(tmp_path / "strip"), desensitize_command="DS\r", ack="ACK", timeout=0.5,
                               retries=0)
    try:
        strip.desensitize()
        send(process, "fail")
        assert read_line(process) == "mode: fail"
        assert read_line(process) == "received: desensitize"
        with pytest.raises(StripError, match="refused"):
            strip.desensitize()
    finally:
        strip.close()


def test_printer_cli(run, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    process = run("printer", "--port", str(port), "--out", str(out))
    assert read_line(process) == f"printer listening on 127.0.0.1:{port}"
    printer = EscposPrinter(connect("network", host="127.0.0.1", port=port, timeout=2))
    printer.print_slip(printer_test_slip(library="國立臺灣大學圖書館", device="network printer",
                                         when=datetime(2025, 3, 14, 9, 30)))
    deadline = time.monotonic() + 10
    while not (out / "job-001.png").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    send(process, "paper-out")
    assert read_line(process) == "paper-out"
    assert read_line(process).startswith("--- job 1 ")
    text = (out / "job-001.txt").read_text(encoding="utf-8")
    assert "[barcode CODE128 TEST-1234]" in text and "network printer" in text


def test_scanner_cli_on_tcp_under_the_windows_guard(run) -> None:
    process = run("scanner", "--tcp", "127.0.0.1:0", "--terminator", "CRLF", guarded=True)
    line = read_line(process)
    assert line.startswith("scanner port: socket://127.0.0.1:"), line
    url = line.removeprefix("scanner port: ")
    scans: queue.Queue[str] = queue.Queue()
    status = StatusReporter()
    worker = SerialScannerWorker(SerialScannerSettings(url=url, terminator="CRLF"), scans.put,
                                 status=status)
    worker.start()
    try:
        assert status.wait_for(DeviceState.CONNECTED, 5)
        send(process, "31234000000016")
        assert read_line(process) == "sent 31234000000016"
        assert scans.get(timeout=5) == "31234000000016"
        send(process, "!unplug")
        assert read_line(process) == "sent !unplug"
        assert status.wait_for(DeviceState.ERROR, 5)
        send(process, "!replug")
        assert read_line(process) == "sent !replug"
        assert status.wait_for(DeviceState.CONNECTED, 5)
        send(process, "21234000000042")
        assert read_line(process) == "sent 21234000000042"
        assert scans.get(timeout=5) == "21234000000042"
    finally:
        worker.stop()


def test_strip_cli_on_tcp_under_the_windows_guard(run) -> None:
    process = run("strip", "--tcp", "0", "--desensitize", "DS\\r", "--ack", "ACK\\r\\n",
                  guarded=True)
    line = read_line(process)
    assert line.startswith("strip port: socket://127.0.0.1:"), line
    strip = SerialCommandStrip(line.removeprefix("strip port: "), desensitize_command="DS\r",
                               ack="ACK", timeout=0.5, retries=0)
    try:
        strip.desensitize()
        send(process, "fail")
        assert read_line(process) == "mode: fail"
        assert read_line(process) == "received: desensitize"
        with pytest.raises(StripError, match="refused"):
            strip.desensitize()
    finally:
        strip.close()


def test_printer_cli_on_tcp_under_the_windows_guard(run, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = tmp_path / "out"
    process = run("printer", "--tcp", f"127.0.0.1:{port}", "--out", str(out), guarded=True)
    assert read_line(process) == f"printer listening on 127.0.0.1:{port}"
    printer = build_printer(f"tcp://127.0.0.1:{port}")       # the desk's printer_device setting
    assert isinstance(printer, EscposPrinter)
    printer.print_slip(printer_test_slip(library="國立臺灣大學圖書館", device="TCP 9100",
                                         when=datetime(2025, 3, 14, 9, 30)))
    printer.open_drawer()
    deadline = time.monotonic() + 10
    while not (out / "job-002.png").exists() and time.monotonic() < deadline:  # slip, drawer
        time.sleep(0.05)
    send(process, "cover-open")
    assert read_line(process) == "cover-open"
    assert read_line(process).startswith("--- job 1 ")
    # the slip and the drawer kick are two connections: the simulator may finish either first
    jobs = [(out / f"job-00{n}.txt").read_text(encoding="utf-8") for n in (1, 2)]
    [slip] = [text for text in jobs if "[barcode CODE128 TEST-1234]" in text]
    assert "TCP 9100" in slip and any("[cash drawer pin 2]" in text for text in jobs)
    with pytest.raises(Exception, match="cover is open"):
        printer.print_slip(printer_test_slip(library="L", device="d", when=datetime(2025, 3, 14)))


@pytest.mark.parametrize("address", ["127.0.0.1:http", "localhost:70000", ":"])
def test_a_bad_tcp_address_is_refused(address: str) -> None:
    run = subprocess.run([sys.executable, "-m", "desk.devices.sim", "scanner", "--tcp", address],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "not a TCP port" in run.stderr and "Traceback" not in run.stderr
