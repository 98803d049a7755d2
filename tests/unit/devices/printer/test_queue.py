"""The print queue keeps slips through a printer outage, out-of-paper and a restart."""

from __future__ import annotations

import json
import socket
from datetime import datetime
from pathlib import Path

import pytest

from desk.devices.printer import EscposPrinter, PrinterError, PrintQueue, connect
from desk.devices.printer.pdf import PdfPrinter
from desk.devices.sim.printer import PrinterSimulator
from desk.devices.slip_builders import SlipItem, checkout_slip

WHEN = datetime(2025, 3, 14, 9, 30)


def slip(n: int):
    return checkout_slip(library="國立臺灣大學圖書館", patron_name="Ann", card="21234000000422",
                         items=[SlipItem(f"3123400000{n:04d}", "紅樓夢")], when=WHEN)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_offline_printer_then_restart_then_printed(tmp_path: Path) -> None:
    port = free_port()
    changes: list[tuple[int, str]] = []
    printer = EscposPrinter(connect("network", host="127.0.0.1", port=port, timeout=1))
    queue = PrintQueue(printer, tmp_path / "queue", on_change=lambda n, m: changes.append((n, m)))
    assert queue.submit(slip(1)) is False
    assert queue.submit(slip(2)) is False
    assert queue.count == 2
    assert "2 slip(s) waiting to print" in queue.message() and "cannot be reached" in queue.message()
    assert changes[-1][0] == 2
    files = sorted((tmp_path / "queue" / "pending").glob("*.json"))
    assert len(files) == 2 and json.loads(files[0].read_text(encoding="utf-8"))["kind"] == "checkout"

    # The desk restarts: a new queue over the same directory still has both slips, in order.
    sim = PrinterSimulator()
    sim.start_tcp(port=port)
    try:
        restarted = PrintQueue(EscposPrinter(connect("network", host="127.0.0.1", port=port, timeout=2)),
                               tmp_path / "queue")
        assert [s.lines[3].value for s in restarted.pending()] == ["31234000000001", "31234000000002"]
        assert restarted.flush() == 2
        assert sim.wait_for_jobs(2)
        assert ["Item: 31234000000001" in sim.jobs[0].text, "Item: 31234000000002" in sim.jobs[1].text] == [True, True]
        assert restarted.count == 0 and restarted.message() == ""
        assert restarted.last_slip == slip(2)
        # Reprint last slip (F9).
        assert restarted.reprint_last() is True
        assert sim.wait_for_jobs(3)
        assert "Item: 31234000000002" in sim.jobs[2].text
    finally:
        sim.stop()


def test_paper_out_keeps_the_slip(tmp_path: Path) -> None:
    sim = PrinterSimulator(paper_out=True)
    port = sim.start_tcp(port=0)
    try:
        queue = PrintQueue(EscposPrinter(connect("network", host="127.0.0.1", port=port, timeout=2)), tmp_path)
        assert queue.submit(slip(1)) is False
        assert "out of paper" in queue.message()
        assert sim.jobs == [] and sim.dropped == 0
        sim.paper_out = False
        assert queue.flush() == 1
        assert sim.wait_for_jobs(1)
    finally:
        sim.stop()


def test_nothing_to_reprint(tmp_path: Path) -> None:
    queue = PrintQueue(PdfPrinter(tmp_path / "pdf"), tmp_path / "q")
    with pytest.raises(PrinterError, match="No slip has been printed"):
        queue.reprint_last()
    assert queue.submit(slip(1)) is True
    assert queue.last_slip == slip(1)
    assert len(list((tmp_path / "pdf").glob("*.pdf"))) == 1


def test_unreadable_file_is_set_aside_not_deleted(tmp_path: Path) -> None:
    queue = PrintQueue(PdfPrinter(tmp_path / "pdf"), tmp_path / "q")
    bad = tmp_path / "q" / "pending" / "00000001-deadbeef.json"
    bad.write_text("{not json", encoding="utf-8")
    assert queue.submit(slip(2)) is True
    assert bad.with_suffix(".unreadable").read_text(encoding="utf-8") == "{not json"
    assert queue.count == 0
