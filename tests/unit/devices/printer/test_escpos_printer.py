"""EscposPrinter against the printer simulator, over a pseudo-terminal and over TCP."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from desk.devices.printer import EscposPrinter, PrinterError, connect
from desk.devices.sim.printer import PrinterSimulator
from desk.devices.slip_builders import transit_slip

SLIP = transit_slip(library="國立臺灣大學圖書館", item_barcode="31234000000016", title="紅樓夢",
                    from_location="總圖", to_location="法律學院", when=datetime(2025, 3, 14, 9, 30))


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[PrinterSimulator]:
    simulator = PrinterSimulator(output_dir=tmp_path / "out")
    yield simulator
    simulator.stop()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def printers(sim: PrinterSimulator, tmp_path: Path) -> dict[str, EscposPrinter]:
    path = sim.start_pty(tmp_path / "printer")
    port = sim.start_tcp(port=0)
    return {"serial": EscposPrinter(connect("serial", devfile=path), description="pty"),
            "network": EscposPrinter(connect("network", host="127.0.0.1", port=port, timeout=2))}


@pytest.mark.parametrize("kind", ["serial", "network"])
def test_print_slip_decodes(sim: PrinterSimulator, tmp_path: Path, kind: str) -> None:
    printer = printers(sim, tmp_path)[kind]
    try:
        status = printer.query_status()
        assert status.known and status.ready
        printer.print_slip(SLIP)
        assert sim.wait_for_jobs(1)
        job = sim.jobs[0]
        assert [(b.symbology, b.data) for b in job.barcodes] == [("CODE128", "31234000000016")]
        assert "Item: 31234000000016" in job.text
        assert job.png is not None and (tmp_path / "out" / "job-001.txt").read_text() == job.text
        found = zxingcpp.read_barcodes(Image.open(job.png))
        assert [r.text for r in found] == ["31234000000016"]
        assert printer.status.state.value == "connected"
        assert sim.unknown == []
    finally:
        printer.close()


@pytest.mark.parametrize("kind", ["serial", "network"])
def test_paper_out_and_cover_open_refuse_before_sending(sim: PrinterSimulator, tmp_path: Path, kind: str) -> None:
    printer = printers(sim, tmp_path)[kind]
    try:
        sim.paper_out = True
        status = printer.query_status()
        assert status.known and status.paper_out and not status.ready
        with pytest.raises(PrinterError, match="out of paper"):
            printer.print_slip(SLIP)
        sim.paper_out, sim.cover_open = False, True
        with pytest.raises(PrinterError, match="cover is open"):
            printer.test()
        assert printer.status.state.value == "error"
        sim.cover_open = False
        printer.print_slip(SLIP)
        assert sim.wait_for_jobs(1)
        assert sim.dropped == 0 and len(sim.jobs) == 1
    finally:
        printer.close()


def test_drawer_kick(sim: PrinterSimulator, tmp_path: Path) -> None:
    printer = printers(sim, tmp_path)["network"]
    printer.open_drawer()
    with sim._lock:
        assert sim._lock.wait_for(lambda: sim.drawer_kicks == 1, 5)


def test_network_printer_offline() -> None:
    printer = EscposPrinter(connect("network", host="127.0.0.1", port=free_port(), timeout=1))
    with pytest.raises(PrinterError, match="cannot be reached"):
        printer.print_slip(SLIP)
    with pytest.raises(PrinterError, match="cannot be reached"):
        printer.test()
    assert printer.status.state.value == "error"


def test_serial_printer_unplugged_and_back(sim: PrinterSimulator, tmp_path: Path) -> None:
    printer = printers(sim, tmp_path)["serial"]
    try:
        printer.print_slip(SLIP)
        assert sim.wait_for_jobs(1)
        assert sim.pty is not None
        sim.pty.unplug()
        with pytest.raises(PrinterError, match="cannot be reached"):
            printer.print_slip(SLIP)
        sim.pty.replug()
        printer.print_slip(SLIP)
        assert sim.wait_for_jobs(2)
    finally:
        printer.close()


def test_file_printer_gets_the_bytes(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    printer = EscposPrinter(connect("file", devfile=str(target)))
    printer.print_slip(SLIP)
    printer.close()
    data = target.read_bytes()
    assert data.startswith(b"\x1b@") and data.endswith(b"\x1dV\x00")
    assert printer.query_status().known is False


def test_dummy_connection_collects_bytes() -> None:
    connection = connect("dummy")
    printer = EscposPrinter(connection)
    printer.print_slip(SLIP)
    assert connection.output.endswith(b"\x1dV\x00")  # type: ignore[attr-defined]
