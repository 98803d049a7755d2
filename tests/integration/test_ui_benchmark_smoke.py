"""``benchmarks/ui_scan_latency.py`` still works on a tiny library: start-up and scans."""

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
