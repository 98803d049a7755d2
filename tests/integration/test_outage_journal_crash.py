"""SIGKILL while writing the offline journal: it reads back whole up to the last confirmed
entry (at most the one entry being written when the kill came may be extra or torn)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk.circulation.offline.journal import Journal, read_journal

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(path: Path, delay: float) -> list[str]:
    child = subprocess.Popen([sys.executable, "-m", "tests.integration.outage_journal_child",
                              str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    confirmed = []
    for line in child.stdout.read().splitlines(keepends=True):
        if line.endswith("\n") and line.startswith("OK "):
            confirmed.append(line.split()[1])
    return confirmed


@pytest.mark.parametrize("seed", range(4))
def test_sigkill_keeps_every_confirmed_entry(tmp_path: Path, seed: int) -> None:
    path = tmp_path / "journal.jsonl"
    rng = random.Random(seed)
    kept = 0
    total_confirmed = 0
    for _ in range(2):   # two runs: the second starts after a kill, on the same file
        confirmed = _run_and_kill(path, rng.uniform(0.2, 0.6))
        total_confirmed += len(confirmed)
        found = read_journal(path)
        ids = [e.txn_id for e in found.entries[kept:]]
        assert found.bad_lines == []
        assert ids[:len(confirmed)] == confirmed          # every confirmed entry, in order
        assert len(ids) - len(confirmed) <= 1             # plus at most the one in flight
        Journal(path, "MAIN-1")                           # reopening repairs a torn tail
        kept = len(read_journal(path).entries)
    assert total_confirmed > 10
    slips = [e.slip_no for e in read_journal(path).entries]
    assert len(slips) == len(set(slips))
