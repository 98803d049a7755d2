"""In-process simulator details: scanner framing and scripts, strip unknown commands, pty unplug."""

from __future__ import annotations

from pathlib import Path

from desk.devices.sim.pty_port import PtyPort
from desk.devices.sim.scanner import ScannerSimulator
from desk.devices.sim.strip import StripSimulator


def read_all(port: PtyPort, fd: int) -> bytes:
    import os
    import select
    data = b""
    while select.select([fd], [], [], 0.2)[0]:
        data += os.read(fd, 4096)
    return data


def test_scanner_frame_and_script(tmp_path: Path) -> None:
    import os
    port = PtyPort(tmp_path / "s")
    fd = os.open(port.path, os.O_RDWR | os.O_NOCTTY)
    try:
        sim = ScannerSimulator(port, terminator="LF", prefix="*", aim="]F0", codabar=True, seed=1)
        assert sim.frame("123") == b"*]F0A123B\n"
        script = tmp_path / "scans.txt"
        script.write_text("# comment\n\n111\n!noise\n!sleep 0.01\n222\n", encoding="utf-8")
        assert sim.run_script_file(script) == 2
        data = read_all(port, fd)
        assert data.startswith(b"*]F0A111B\n") and data.endswith(b"*]F0A222B\n")
        assert len(data.split(b"\n")) == 4  # two scans, one noise line, the final empty piece
    finally:
        os.close(fd)
        port.close()


def test_pty_unplug_removes_link(tmp_path: Path) -> None:
    port = PtyPort(tmp_path / "p")
    assert Path(port.path).resolve().parent == Path("/dev/pts")
    port.unplug()
    assert not (tmp_path / "p").exists() and not port.plugged
    port.replug()
    assert port.plugged and Path(port.path).resolve().parent == Path("/dev/pts")
    assert Path(port.path).resolve().exists()
    port.close()


def test_strip_sim_answers_unknown_lines_with_nak(tmp_path: Path) -> None:
    import os
    port = PtyPort(tmp_path / "s")
    fd = os.open(port.path, os.O_RDWR | os.O_NOCTTY)
    sim = StripSimulator(port, ignore_first=1)
    sim.start()
    try:
        os.write(fd, b"D\r")          # swallowed (ignore_first)
        os.write(fd, b"HELLO\r")      # unknown
        os.write(fd, b"R\r")
        data = read_all(port, fd)
        assert data == b"NG\r\nOK\r\n"
        assert sim.actions == ["desensitize", "unknown", "resensitize"]
    finally:
        sim.stop()
        os.close(fd)
        port.close()
