"""benchmarks/pull_list.py still works: on a tiny generated library it adds the delivery
requests once and times the pull list, whose entries are those requests and the holds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / name), *args],
                          capture_output=True, text=True, timeout=240, cwd=ROOT)


def test_pull_list_benchmark_on_a_tiny_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.sqlite'}"
    assert _script("generate.py", "--url", url, "--size", "tiny").returncode == 0
    for _ in range(2):                    # the second run finds the requests already there
        ran = _script("pull_list.py", "--url", url, "--requests", "50", "--runs", "3")
        assert ran.returncode == 0, ran.stderr
        result = json.loads(ran.stdout)
        assert result["open_requests"] == 50
        assert result["entries"]["delivery"] == 50
        assert result["overdue"] == 25
        assert 0 < result["median_ms"] <= result["max_ms"]
