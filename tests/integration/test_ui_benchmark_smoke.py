"""``benchmarks/ui_scan_latency.py`` and ``benchmarks/patron_record.py`` still work on a tiny
library: start-up, scans, the patron screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_startup_is_measured_on_a_tiny_library(tmp_path: Path) -> None:
    out = tmp_path / "ui.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ui_scan_latency.py"),
                          "--size", "tiny", "--no-scans", "--startups", "1", "--json", str(out)],
                         capture_output=True, text=True, timeout=240, cwd=ROOT,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 0, run.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert "scans" not in figures
    startup = figures["start to ready-for-scan"]
    assert startup["count"] == 1 and 0 < startup["p50_ms"] < 60_000


def test_scans_are_measured_on_a_tiny_library(tmp_path: Path) -> None:
    out = tmp_path / "ui.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ui_scan_latency.py"),
                          "--size", "tiny", "--scans", "20", "--startups", "1",
                          "--json", str(out)],
                         capture_output=True, text=True, timeout=300, cwd=ROOT,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert run.returncode == 0, run.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["scans"]["checkout scan → row"]["count"] > 0


def test_the_patron_screen_is_measured_on_a_tiny_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'record.sqlite'}"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "patron_record.py"),
                           "--url", url, "--history", "250", "--others", "40", "--items", "30"],
                          capture_output=True, text=True, timeout=240, cwd=ROOT,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["history_total"] == 250 and figures["open_loans"] == 20
    assert figures["history_rows_shown"] == 100
    assert figures["screen_open_ms"] > 0 and figures["load_record_ms"] > 0
