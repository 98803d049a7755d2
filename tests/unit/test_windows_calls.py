"""Calls Windows lacks, avoided there: opening a directory to fsync it, ``os.getuid``."""

from __future__ import annotations

import json
import os
import sys

import pytest

from desk.devices.printer.queue import write_atomically
from desk.durable import fsync_directory
from desk.ui import sounds


@pytest.fixture
def on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr(os, "getuid", raising=False)
    real_open = os.open

    def no_directories(path, *args, **kwargs):
        if os.path.isdir(path):
            raise PermissionError(13, "Permission denied", str(path))   # as Windows answers
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_directories)


def test_a_directory_is_not_opened_to_fsync_on_windows(tmp_path, on_windows):
    fsync_directory(tmp_path)


def test_a_directory_is_fsynced_on_posix(tmp_path):
    if sys.platform == "win32":
        pytest.skip("POSIX only")
    fsync_directory(tmp_path)


def test_the_print_queue_writes_a_slip_file_on_windows(tmp_path, on_windows):
    write_atomically(tmp_path / "1.json", {"lines": ["借閱收據"]})
    assert json.loads((tmp_path / "1.json").read_text(encoding="utf-8")) == {"lines": ["借閱收據"]}
    assert [p.name for p in tmp_path.iterdir()] == ["1.json"]


def test_sounds_assume_windows_audio_without_asking_for_a_uid(on_windows, monkeypatch):
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    assert sounds.audio_server_running() is True


def test_a_notice_sender_is_not_probed_with_os_kill_on_windows(monkeypatch, on_windows):
    from desk.circulation.outbox import sender

    def kill(pid, sig):  # on Windows os.kill(pid, 0) terminates the process
        raise AssertionError("os.kill called on Windows")

    monkeypatch.setattr(os, "kill", kill)
    assert sender._alive_here(f"{sender.socket.gethostname()}:999999")
