"""The journal's exclusive file lock: flock on POSIX, msvcrt.locking on Windows (stood in for)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from desk.circulation.offline import file_lock

ROOT = Path(__file__).resolve().parents[4]


def windows_file_lock(monkeypatch: pytest.MonkeyPatch, calls: list[tuple[str, int]],
                      busy: int = 0) -> types.ModuleType:
    """file_lock as imported on Windows, with a stand-in msvcrt that records its calls and
    gives up ``busy`` times (LK_LOCK's OSError after ten seconds) before granting the lock."""
    msvcrt = types.ModuleType("msvcrt")
    msvcrt.LK_LOCK, msvcrt.LK_UNLCK = 1, 0
    refusals = [busy]

    def locking(fd: int, mode: int, length: int) -> None:
        calls.append(("lock" if mode == msvcrt.LK_LOCK else "unlock", os.lseek(fd, 0, os.SEEK_CUR)))
        assert length == 1
        if mode == msvcrt.LK_LOCK and refusals[0]:
            refusals[0] -= 1
            raise OSError(36, "Resource deadlock avoided")

    msvcrt.locking = locking
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    spec = importlib.util.find_spec("desk.circulation.offline.file_lock")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_on_windows_the_first_byte_is_locked_and_unlocked_around_the_block(tmp_path,
                                                                            monkeypatch):
    calls: list[tuple[str, int]] = []
    windows = windows_file_lock(monkeypatch, calls, busy=2)
    assert windows.BINARY == 0x8000
    fd = os.open(tmp_path / "journal", os.O_RDWR | os.O_APPEND | os.O_CREAT)
    try:
        with windows.exclusive(fd):
            assert calls == [("lock", 0)] * 3   # waits past LK_LOCK giving up, as flock waits
            os.write(fd, b"line\n")
        assert calls[-1] == ("unlock", 0)
    finally:
        os.close(fd)
    assert (tmp_path / "journal").read_bytes() == b"line\n"


def test_on_windows_a_failing_block_still_unlocks(tmp_path, monkeypatch):
    calls: list[tuple[str, int]] = []
    windows = windows_file_lock(monkeypatch, calls)
    fd = os.open(tmp_path / "journal", os.O_RDWR | os.O_CREAT)
    try:
        with pytest.raises(RuntimeError), windows.exclusive(fd):
            raise RuntimeError("disk full")
    finally:
        os.close(fd)
    assert calls == [("lock", 0), ("unlock", 0)]


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX branch")
def test_the_lock_keeps_another_process_waiting_until_released(tmp_path):
    path = tmp_path / "journal"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | file_lock.BINARY)
    other = textwrap.dedent(f"""
        import os
        from desk.circulation.offline import file_lock
        fd = os.open({str(path)!r}, os.O_WRONLY | os.O_APPEND)
        with file_lock.exclusive(fd):
            os.write(fd, b"second\\n")
        """)
    try:
        with file_lock.exclusive(fd):
            waiting = subprocess.Popen([sys.executable, "-c", other], cwd=ROOT)
            with pytest.raises(subprocess.TimeoutExpired):
                waiting.wait(timeout=1.0)
            os.write(fd, b"first\n")
    finally:
        os.close(fd)
    assert waiting.wait(timeout=30) == 0
    assert path.read_bytes() == b"first\nsecond\n"
