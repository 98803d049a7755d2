"""benchmarks/pull_list.py still works: on a tiny generated library it adds the open requests
of every kind once (holds to pull, deliveries, searches, retrievals) and times the pull list,
whose entries are exactly those requests: the generated pending holds are on titles with no copy
on the shelf (SOP 5.6.1.1), so none of them is on the list."""

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
    asked = {"hold": 12, "delivery": 30, "search": 8, "retrieval": 6}
    for _ in range(2):                    # the second run finds the requests already there
        ran = _script("pull_list.py", "--url", url, "--holds", "12", "--deliveries", "30",
                      "--searches", "8", "--retrievals", "6", "--runs", "3")
        assert ran.returncode == 0, ran.stderr
        result = json.loads(ran.stdout)
        assert result["open_requests"] == asked
        assert result["total_open_requests"] == 56
        assert result["entries"] == asked
        assert result["overdue"] == 15           # half the deliveries are past their 2 days
        assert 0 < result["median_ms"] <= result["max_ms"]
        assert set(result["sources_median_ms"]) == {
            "holds_to_pull", "deliveries_to_pull", "search_pull_entries",
            "retrieval_pull_entries"}
