"""Backups of a SQLite library in use, with real processes: a desk process checking out and in
as fast as it can while backups are taken (each backup is consistent, the desk loses nothing),
and ``python -m desk backup`` SIGKILLed mid-copy (the previous backup is intact and no half
file carries a backup's name)."""

from __future__ import annotations

import hashlib
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk.backup import backups_in, inspect_backup, run_backup
from tests.integration.backup_support import ROOT
from tests.integration.test_crash import Child, _setup, check_intact

pytestmark = pytest.mark.slow


def test_backups_while_a_desk_checks_out_in_a_loop(sqlite_url: str, tmp_path: Path) -> None:
    _setup(sqlite_url)
    child = Child(sqlite_url, seed=random.randrange(10**6))
    child.wait_started()
    loans_seen = []
    try:
        for _ in range(5):
            reported_before, _returned = child.committed()
            result = run_backup(sqlite_url, tmp_path / "backups", keep_daily=30, keep_weekly=0)
            backup_url = f"sqlite:///{result.path}"
            # consistent: integrity, one open loan per lent item, audit rows = loans, and
            # every loan the desk had reported before the backup started is in it
            check_intact(backup_url, reported_before, {})
            loans_seen.append(result.snapshot.counts["loans"])
            time.sleep(0.2)
    finally:
        child.kill()
    assert not child.errors(), child.errors()
    lent, returned = child.committed()
    check_intact(sqlite_url, lent, returned)          # the desk lost nothing
    assert loans_seen == sorted(loans_seen) and loans_seen[-1] > loans_seen[0]


def _padded_library(url: str) -> None:
    """The crash tests' library plus 40 MB of padding, so a copy takes a while."""
    _setup(url)
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    with connection:
        connection.execute("CREATE TABLE padding (data BLOB)")
        connection.executemany("INSERT INTO padding VALUES (randomblob(100000))",
                               [()] * 400)
    connection.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sigkill_during_a_backup_leaves_the_previous_one_intact(sqlite_url: str,
                                                               tmp_path: Path) -> None:
    _padded_library(sqlite_url)
    folder = tmp_path / "backups"
    previous = run_backup(sqlite_url, folder, keep_daily=30, keep_weekly=0).path
    digest = _digest(previous)
    interrupted = 0
    for _ in range(4):
        process = subprocess.Popen(
            [sys.executable, "-m", "desk", "--url", sqlite_url, "backup", "--to", str(folder)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**__import__("os").environ, "DESK_CONFIG": str(tmp_path / "settings.toml")})
        deadline = time.monotonic() + 60
        while not list(folder.glob(".*.partial")) and process.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.001)
        time.sleep(random.uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        if list(folder.glob(".*.partial")):
            interrupted += 1
        assert _digest(previous) == digest
        for backup in backups_in(folder):             # every file with a backup's name is whole
            inspect_backup(backup.path, sqlite_url)
        time.sleep(1.0)                                # a new second: a new name
    assert interrupted, "no kill landed during a copy"
    # the next backup goes through, leftovers of the killed runs do not bother it
    assert run_backup(sqlite_url, folder, keep_daily=30, keep_weekly=0).path.exists()
