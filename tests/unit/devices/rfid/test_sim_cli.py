"""``python -m desk.devices.sim rfid`` as a person runs it: a subprocess on a pseudo-terminal,
tags placed and lifted by typing commands, the desk's driver on the other end."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from desk.devices.rfid.datamodel import LibraryTag, decode
from desk.devices.rfid.reader import RfidReader, TagFailed

ROOT = Path(__file__).resolve().parents[4]


def line_with(process: subprocess.Popen[str], text: str, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if text in line:
            return line
    raise AssertionError(f"no line with {text!r}")


def test_the_command_line_places_and_lifts_tags(tmp_path: Path) -> None:
    link = tmp_path / "rfid"
    process = subprocess.Popen(
        [sys.executable, "-m", "desk.devices.sim", "rfid", "--link", str(link),
         "--place", "31234567890128 1/2"],
        cwd=ROOT, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None
    reader = RfidReader(str(link), timeout=0.5)
    try:
        line_with(process, "placed")
        assert reader.version() == "1.2.0.4"
        [uid] = reader.inventory()
        tag = decode(reader.read_blocks(uid))
        assert isinstance(tag, LibraryTag)
        assert (tag.primary_id, tag.part_number, tag.parts_in_set) == ("31234567890128", 1, 2)
        process.stdin.write("damaged 31999999999993\n")
        process.stdin.flush()
        damaged = line_with(process, "placed").split()[1]
        try:
            reader.read_blocks(bytes.fromhex(damaged))
        except TagFailed:
            pass
        else:
            raise AssertionError("a damaged tag was read")
        process.stdin.write("lift all\nlist\n")
        process.stdin.flush()
        line_with(process, "the pad is empty")
        assert reader.inventory() == []
    finally:
        reader.close()
        process.stdin.close()
        process.wait(10)
